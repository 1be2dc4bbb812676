package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// In Slack HTTP mode /readyz answers ok while Slack's Web API is
// unreachable: signed requests are answered without it. /healthz and the
// mentorbot_platform_api_up gauge tell its state, and follow it back up.
func TestReadyWhileSlackUnreachable(t *testing.T) {
	team := "TRDY" + e2eID()[:10]
	e2eScope(t, "slack", team)
	var down atomic.Bool
	down.Store(true)
	slackAPI := newE2ESlack(t)
	inner := slackAPI.srv.Config.Handler
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() && strings.HasPrefix(r.URL.Path, "/api/") {
			// Unreachable: the connection drops without an answer.
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": front.URL}, false)

	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(p.base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	// eventually polls path until its body holds want.
	eventually := func(path, want string, within time.Duration) string {
		t.Helper()
		var body string
		for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if _, body = get(path); strings.Contains(body, want) {
				return body
			}
		}
		t.Fatalf("%s never held %q within %s; last:\n%s", path, want, within, body)
		return ""
	}

	if code, body := get("/readyz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("/readyz with Slack's Web API unreachable = %d %q, want 200 ok", code, body)
	}
	eventually("/healthz", "slack web api: down since the auth.test at", 5*time.Second)
	eventually("/metrics", `mentorbot_platform_api_up{platform="slack"} 0`, time.Second)
	if len(slackAPI.to("POST /api/auth.test")) != 0 {
		t.Fatalf("auth.test reached the fake while it was down")
	}
	r := p.slack(slackAPI, team, "U0RDY", "join", e2eSlackSecret, time.Now())
	if r.status != http.StatusOK || !strings.Contains(r.body, "blocks") {
		t.Errorf("signed /mentor join with the Web API down: %d %s", r.status, r.body)
	}

	down.Store(false)
	// whoAmI retries after 1 s, 2 s, 4 s...
	eventually("/metrics", `mentorbot_platform_api_up{platform="slack"} 1`, 10*time.Second)
	if _, body := get("/healthz"); !strings.HasPrefix(body, "ok\n") || !strings.Contains(body, "slack web api: up (auth.test at ") {
		t.Errorf("/healthz once Slack answers: %q", body)
	}
	if code, _ := get("/readyz"); code != http.StatusOK {
		t.Errorf("/readyz once Slack answers = %d", code)
	}
}
