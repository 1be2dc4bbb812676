package slack

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestSlackThatHangs puts the Slack Web API behind a server that takes
// connections and never answers (a firewall dropping packets): a member's
// commands are answered from Redis, with the default zone, within Slack's
// 3 s, not with "storage is unavailable" once users.info has spent the
// command's time; and a person's users.info is not asked again for a
// minute, so the wait is paid once, not on every command.
func TestSlackThatHangs(t *testing.T) {
	var asked atomic.Int32
	release := make(chan struct{})
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "users.info") {
			asked.Add(1)
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); hung.Close() })
	e := newEnv(t, func(c *Config) { c.APIURL = hung.URL + "/api/" })
	e.now = time.Now()
	for i, text := range []string{"join", "progress", "done git", "roadmap junior"} {
		start := time.Now()
		w := e.serve(signedRequest("/slack/commands", e.commandForm("UHUNG", text), e.now))
		took := time.Since(start)
		body := w.Body.String()
		t.Logf("%q: %d in %s", text, w.Code, took.Round(time.Millisecond))
		if w.Code != http.StatusOK || strings.Contains(body, "unavailable") || strings.Contains(body, "try again") {
			t.Errorf("%q: %d %s, want an answer from Redis", text, w.Code, body)
		}
		if !strings.Contains(body, "blocks") {
			t.Errorf("%q: answered %q, want the reply itself within Slack's 3 s", text, body)
		}
		if limit := time.Second + lookupBudget; i == 0 && took > limit || i > 0 && took > time.Second {
			t.Errorf("%q: answered after %s", text, took)
		}
	}
	if got := e.member("UHUNG"); got == nil || got.Nudges.Zone != "" && got.Nudges.Zone != "UTC" {
		t.Errorf("member after join with Slack hung: %+v, want one with the default zone", got)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("users.info asked %d times in four commands, want once (then not again for %s)", n, lookupRetry)
	}
	e.now = e.now.Add(lookupRetry + time.Second)
	e.serve(signedRequest("/slack/commands", e.commandForm("UHUNG", "progress"), e.now))
	if n := asked.Load(); n != 2 {
		t.Errorf("users.info asked %d times after %s, want again once", n, lookupRetry)
	}
}
