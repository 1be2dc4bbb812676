package slack

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// fileHandler answers every command with a CSV of n mentees.
type fileHandler struct {
	Handler
	data []byte
}

func (h fileHandler) Handle(context.Context, bot.Request) bot.Message {
	return bot.Message{Title: "Your mentees", Text: "1000 mentees.", Private: true,
		File: &bot.File{Name: "mentees.csv", Type: "text/csv", Data: h.data}}
}

func csvOf(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,name,stage,done\n")
	for i := range n {
		fmt.Fprintf(&b, "U%05d,Mentee %d,junior,%d\n", i, i, i%20)
	}
	return b.Bytes()
}

func TestFileUploadedWhole(t *testing.T) {
	data := csvOf(1000)
	e := newEnv(t, nil)
	e.cfg.Handler = fileHandler{Handler: e.bot, data: data}
	var err error
	if e.a, err = New(e.cfg); err != nil {
		t.Fatal(err)
	}
	w := e.serve(signedRequest("/slack/events", e.commandForm("U1", "mentees csv"), e.now))
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, "The whole file, mentees.csv") || strings.Contains(body, "```") {
		t.Fatalf("reply %d %s", w.Code, body)
	}
	e.slack.mu.Lock()
	defer e.slack.mu.Unlock()
	if len(e.slack.uploads) != 1 || !bytes.Equal(e.slack.uploads["F1"], data) || e.slack.shared["F1"] != "DU1" {
		t.Fatalf("uploads: %d files, %d bytes (want %d), shared to %q", len(e.slack.uploads), len(e.slack.uploads["F1"]), len(data), e.slack.shared["F1"])
	}
	if lines := bytes.Count(e.slack.uploads["F1"], []byte("\n")); lines != 1001 {
		t.Fatalf("%d lines uploaded, want 1001", lines)
	}
}

func TestFileUploadRefusedShowsWhatFits(t *testing.T) {
	e := newEnv(t, nil)
	e.slack.noFiles = true
	e.cfg.Handler = fileHandler{Handler: e.bot, data: csvOf(1000)}
	var err error
	if e.a, err = New(e.cfg); err != nil {
		t.Fatal(err)
	}
	w := e.serve(signedRequest("/slack/commands", e.commandForm("U1", "mentees csv"), e.now))
	if body := w.Body.String(); w.Code != 200 || !strings.Contains(body, "```") || !strings.Contains(body, "shortened") {
		t.Fatalf("reply %d %s", w.Code, body)
	}
}
