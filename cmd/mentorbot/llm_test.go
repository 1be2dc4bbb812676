package main

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeLLM is an OpenAI-compatible chat-completions endpoint that chooses
// the first candidate it is offered, after delay.
type fakeLLM struct {
	srv   *httptest.Server
	calls atomic.Int32
}

var candidateID = regexp.MustCompile(`\\"id\\":\\"((?:skill|stage|track):[a-z0-9-]+)\\"`)

func newFakeLLM(t *testing.T, delay time.Duration) *fakeLLM {
	f := &fakeLLM{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" {
			http.Error(w, "not here", http.StatusNotFound)
			return
		}
		m := candidateID.FindSubmatch(body)
		if m == nil {
			http.Error(w, "no candidates", http.StatusBadRequest)
			return
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		content, _ := json.Marshal(map[string]string{"choice": string(m[1]),
			"answer": "Written for you by the model. Also see https://evil.example/steal for more."})
		e2eJSON(w, 200, map[string]any{"id": "c1", "object": "chat.completion",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": string(content)}}}})
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLLM) env() []string {
	return []string{"ASK_LLM_URL=" + f.srv.URL + "/v1", "ASK_LLM_MODEL=test-model", "ASK_LLM_API_KEY=sk-test"}
}

// The console waits for the model; its answer comes with a note of where
// it was written from, and the link it had no right to give is gone.
func TestLLMConsole(t *testing.T) {
	f := newFakeLLM(t, 0)
	out, _ := session(t, "/mentor ask how do I resolve merge conflicts in git\n", f.env()...)
	if !strings.Contains(out, "Written for you by the model.") || !strings.Contains(out, "Written by a language model from the roadmap's") {
		t.Fatalf("console answer:\n%s", out)
	}
	if strings.Contains(out, "evil.example") {
		t.Errorf("a link outside the roadmap reached the answer:\n%s", out)
	}
	if f.calls.Load() != 1 {
		t.Errorf("%d calls to the model, want 1", f.calls.Load())
	}
	// Unset: offline, and no call.
	before := f.calls.Load()
	out, _ = session(t, "/mentor ask how do I resolve merge conflicts in git\n")
	if !strings.Contains(out, "*What it is*") && !strings.Contains(out, "What it is") {
		t.Errorf("offline answer:\n%s", out)
	}
	if f.calls.Load() != before {
		t.Error("the model was called with ASK_LLM_URL unset")
	}
}

// Over Slack HTTP a model slower than Slack's 3 s gets the answer through
// response_url; one slower than ASK_LLM_TIMEOUT leaves the offline answer;
// /metrics counts both.
func TestLLMSlack(t *testing.T) {
	for _, c := range []struct {
		name    string
		delay   string
		timeout string
		want    string
		outcome string
	}{
		{"slower than Slack allows", "3s", "6s", "Written for you by the model.", `mentorbot_llm_requests_total{outcome="ok"} 1`},
		{"too slow", "4s", "1s", "What it is", `mentorbot_llm_requests_total{outcome="timeout"} 1`},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, _ := time.ParseDuration(c.delay)
			f := newFakeLLM(t, d)
			team := "TLLM" + e2eID()[:10]
			e2eScope(t, "slack", team)
			fake := newE2ESlack(t)
			env := map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
				"SLACK_API_URL": fake.srv.URL, "ASK_LLM_TIMEOUT": c.timeout}
			for _, kv := range f.env() {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
			p := startE2E(t, env, false)
			start := time.Now()
			r := p.slack(fake, team, "U0LLM", "ask how do I resolve merge conflicts in git", e2eSlackSecret, time.Now())
			if took := time.Since(start); r.status != http.StatusOK || took > 3*time.Second {
				t.Fatalf("status %d after %s: Slack wants an answer within 3 s", r.status, took)
			}
			// A reply within Slack's budget is the HTTP answer; a slower one
			// follows through response_url.
			follow := html.UnescapeString(r.body)
			for deadline := time.Now().Add(10 * time.Second); !strings.Contains(follow, c.want) && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if got := fake.to("POST /response/U0LLM"); len(got) > 0 {
					follow = html.UnescapeString(got[len(got)-1])
				}
			}
			if !strings.Contains(follow, c.want) {
				t.Fatalf("answer: %q, want it to contain %q", follow, c.want)
			}
			res, err := http.Get(p.base + "/metrics")
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if !strings.Contains(string(body), c.outcome) || !strings.Contains(string(body), "mentorbot_llm_request_duration_seconds_count 1") {
				t.Errorf("/metrics lacks %s and one latency sample", c.outcome)
			}
			p.shutdown()
		})
	}
}
