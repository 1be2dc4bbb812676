// Package llm lets an optional language model write the answer to a
// roadmap question, in the asker's own terms, from sections the offline
// answerer (package roadmap) has already found. It speaks the
// OpenAI-compatible chat-completions protocol, so Ollama, vLLM,
// llama.cpp's server and OpenAI itself all work.
//
// The model is kept on a short leash:
//
//   - it may only choose one of the candidates it is given; any other
//     choice is an error, and the caller gives the offline answer;
//   - it writes only from the candidates' text and the member summary;
//   - every link in its answer that is not one of the chosen candidate's
//     Links is removed, whatever the model was told or tricked into;
//   - the question travels as data in a JSON document, never as
//     instructions, and the system prompt says so;
//   - its reply is bounded (MaxReply bytes read, MaxAnswer runes kept).
//
// Use:
//
//	c, err := llm.New(llm.Config{URL: "http://localhost:11434/v1", Model: "llama3.2",
//		Timeout: 8 * time.Second, Observe: func(outcome string, took time.Duration) { ... }})
//	a := ix.AnswerFor(question, stage, track)           // the offline answer
//	req := llm.Request{Question: question,
//		Candidates: llm.Candidates(rm, a, stage, track),  // its sections, with their text and links
//		Member:     llm.MemberSummary(rm, stage, track, done, learning)}
//	got, err := c.Answer(ctx, req)
//	if err != nil { /* give a.Text() or the bot's own rendering of a */ }
//	cand, _ := req.Candidate(got.Choice)                // cand.Section says which part of the roadmap
//
// Answer makes exactly one HTTP request and calls Config.Observe exactly
// once, with the outcome "ok", "timeout", "error" or "invalid".
package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/internal/mask"
	"github.com/mentorbot/mentorbot/roadmap"
)

// Link is a resource a candidate cites.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Candidate is a roadmap section the model may choose. ID is
// "skill:<id>", "stage:<id>" or "track:<id>"; Text is what the model may
// write from. Section is not sent to the model: it tells the caller which
// part of the roadmap a choice stands for.
type Candidate struct {
	ID      string          `json:"id"`
	Title   string          `json:"title"`
	Text    string          `json:"text"`
	Links   []Link          `json:"links,omitempty"`
	Section roadmap.Section `json:"-"`
}

// Request is one question with the sections the model may answer from.
type Request struct {
	Question   string
	Candidates []Candidate
	// Member is a short plain-text summary of the asker's stage, track and
	// progress (MemberSummary); empty for someone who hasn't joined.
	Member string
}

// Candidate returns the candidate with the given id.
func (r Request) Candidate(id string) (Candidate, bool) {
	for _, c := range r.Candidates {
		if c.ID == id {
			return c, true
		}
	}
	return Candidate{}, false
}

// Answer is what the model wrote: the id of the candidate it chose and
// the answer text, with any link it was not allowed to give removed.
type Answer struct {
	Choice string
	Text   string
	// Dropped counts the links that were removed from Text.
	Dropped int
}

// Config configures a Client.
type Config struct {
	// URL is the endpoint's base URL, the one that ends in /v1
	// ("http://localhost:11434/v1", "https://api.openai.com/v1"); the
	// full ".../chat/completions" URL is accepted as well.
	URL string
	// Model is the model name ("llama3.2", "gpt-4o-mini").
	Model string
	// APIKey is sent as a bearer token when set; Ollama needs none.
	APIKey string
	// Timeout bounds one Answer call (default DefaultTimeout). A shorter
	// deadline on the context wins.
	Timeout time.Duration
	// HTTPClient is the client to use; nil means a plain one. Its own
	// Timeout, if any, applies too.
	HTTPClient *http.Client
	// MaxTokens caps the length of the model's reply (default 600).
	MaxTokens int
	// Observe, when set, is called once per Answer with its outcome
	// ("ok", "timeout", "error", "invalid") and how long it took: the
	// hook for the mentorbot_llm_* metrics.
	Observe func(outcome string, took time.Duration)
}

// Defaults and bounds.
const (
	DefaultTimeout = 10 * time.Second
	// MaxReply is the most of the HTTP response body that is read.
	MaxReply = 256 << 10
	// MaxAnswer is the most runes of answer text kept; a longer answer is
	// cut at a word boundary.
	MaxAnswer = 3000
	// MaxQuestion is the most runes of the question sent to the model.
	MaxQuestion = 1000
)

// Outcomes passed to Config.Observe.
const (
	OutcomeOK      = "ok"
	OutcomeTimeout = "timeout"
	OutcomeError   = "error"
	OutcomeInvalid = "invalid"
)

// ErrInvalid is wrapped by the errors Answer returns when the model
// replied but its reply cannot be used: not the JSON asked for, an empty
// answer, or a choice that isn't one of the candidates.
var ErrInvalid = errors.New("llm: unusable reply")

// Client asks one chat-completions endpoint. It is safe for concurrent use.
type Client struct {
	cfg      Config
	endpoint string
	hc       *http.Client
}

// New checks cfg and returns a Client. It makes no network call.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("llm: a model name is required")
	}
	ep, err := endpoint(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = 600
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	return &Client{cfg: cfg, endpoint: ep, hc: hc}, nil
}

// endpoint turns a base URL into the chat-completions URL.
func endpoint(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("llm: URL %q: want http(s)://host/... such as http://localhost:11434/v1", mask.URL(raw))
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(u.Path, "/chat/completions") {
		u.Path += "/chat/completions"
	}
	return u.String(), nil
}

// Answer asks the model to choose one of r's candidates and write the
// answer from it. On any error the caller should give the offline answer.
func (c *Client) Answer(ctx context.Context, r Request) (Answer, error) {
	start := time.Now()
	a, err := c.answer(ctx, r)
	if c.cfg.Observe != nil {
		c.cfg.Observe(outcome(err), time.Since(start))
	}
	return a, err
}

func outcome(err error) string {
	var ne net.Error
	switch {
	case err == nil:
		return OutcomeOK
	case errors.Is(err, ErrInvalid):
		return OutcomeInvalid
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return OutcomeTimeout
	}
	return OutcomeError
}

func (c *Client) answer(ctx context.Context, r Request) (Answer, error) {
	if len(r.Candidates) == 0 {
		return Answer{}, fmt.Errorf("%w: no candidates to choose from", ErrInvalid)
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	body, err := json.Marshal(chatRequest{
		Model:       c.cfg.Model,
		Messages:    []message{{Role: "system", Content: systemPrompt}, {Role: "user", Content: userMessage(r)}},
		Temperature: 0.2,
		MaxTokens:   c.cfg.MaxTokens,
	})
	if err != nil {
		return Answer{}, fmt.Errorf("llm: encode request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return Answer{}, fmt.Errorf("llm: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return Answer{}, fmt.Errorf("llm: request: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxReply+1))
	if err != nil {
		return Answer{}, fmt.Errorf("llm: read reply: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return Answer{}, fmt.Errorf("llm: %s: %s", resp.Status, snippet(data))
	}
	if len(data) > MaxReply {
		return Answer{}, fmt.Errorf("%w: reply larger than %d bytes", ErrInvalid, MaxReply)
	}
	var cr chatResponse
	if err := json.Unmarshal(data, &cr); err != nil {
		return Answer{}, fmt.Errorf("%w: not a chat completion: %v", ErrInvalid, err)
	}
	if len(cr.Choices) == 0 {
		return Answer{}, fmt.Errorf("%w: no choices in the completion", ErrInvalid)
	}
	return parseReply(cr.Choices[0].Message.Content, r)
}

// snippet is the start of an error body, for the error message.
func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model       string    `json:"model"`
	Messages    []message `json:"messages"`
	Temperature float64   `json:"temperature"`
	MaxTokens   int       `json:"max_tokens"`
}

type chatResponse struct {
	Choices []struct {
		Message message `json:"message"`
	} `json:"choices"`
}
