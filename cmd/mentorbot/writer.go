package main

import (
	"context"
	"fmt"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/llm"
	"github.com/mentorbot/mentorbot/roadmap"
)

// llmWriter is the language model as the core's bot.Writer: it hands the
// model the offline answer's sections and the member's progress, and
// takes back the section chosen and the text.
type llmWriter struct {
	c  *llm.Client
	rm *roadmap.Roadmap
}

// newWriter returns the configured model, or nil (offline answers only).
func newWriter(cfg config, rm *roadmap.Roadmap, o *ops) (bot.Writer, error) {
	if cfg.LLMURL == "" {
		return nil, nil
	}
	c, err := llm.New(llm.Config{URL: cfg.LLMURL, Model: cfg.LLMModel, APIKey: cfg.LLMAPIKey,
		Timeout: cfg.LLMTimeout, Observe: o.llm})
	if err != nil {
		return nil, fmt.Errorf("ASK_LLM_URL: %w", err)
	}
	return llmWriter{c: c, rm: rm}, nil
}

// Write asks the model; any failure is returned, for the offline answer.
func (w llmWriter) Write(ctx context.Context, q string, a roadmap.Answer, m *bot.Member) (roadmap.Section, string, error) {
	var stage, track string
	var done, learning []string
	if m.HasJoined() {
		stage, track = m.Stage, m.Track
		for id, st := range m.Skills {
			switch st.Status {
			case bot.Done:
				done = append(done, id)
			case bot.Learning:
				learning = append(learning, id)
			}
		}
	}
	req := llm.Request{Question: q, Candidates: llm.Candidates(w.rm, a, stage, track),
		Member: llm.MemberSummary(w.rm, stage, track, done, learning)}
	got, err := w.c.Answer(ctx, req)
	if err != nil {
		return roadmap.Section{}, "", err
	}
	cand, ok := req.Candidate(got.Choice)
	if !ok {
		return roadmap.Section{}, "", fmt.Errorf("llm chose %q, not a candidate", got.Choice)
	}
	return cand.Section, got.Text, nil
}
