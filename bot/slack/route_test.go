package slack

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// The payloads below are the shapes of Slack's documentation: a slash
// command form, a block_actions form with payload=, and ssl_check.

func TestEventsPathTakesCommands(t *testing.T) {
	e := newEnv(t, nil)
	for _, path := range []string{"/slack/commands", "/slack/events"} {
		w := e.serve(signedRequest(path, e.commandForm("U1", "help"), e.now))
		m := blockReply(t, w, w.Body.String())
		if m["response_type"] != "ephemeral" || !strings.Contains(w.Body.String(), "/mentor") {
			t.Errorf("%s: reply %s", path, w.Body.String())
		}
	}
	if n := len(e.h.calls()); n != 2 {
		t.Fatalf("handler ran %d times, want 2", n)
	}
}

func TestEventsPathTakesInteractions(t *testing.T) {
	e := newEnv(t, nil)
	payload := map[string]any{
		"type":         "block_actions",
		"team":         map[string]any{"id": e.team},
		"user":         map[string]any{"id": "U4", "name": "u4"},
		"response_url": e.slack.srv.URL + "/response/button",
		"container":    map[string]any{"type": "message", "message_ts": "1.2"},
		"actions": []any{map[string]any{
			"type": "button", "action_id": "mentor_0", "block_id": "b", "value": "join mid",
		}},
	}
	body := url.Values{"payload": {fmtJSON(payload)}}.Encode()
	w := e.serve(signedRequest("/slack/events", body, e.now))
	if w.Code != 200 || w.Body.Len() != 0 {
		t.Fatalf("ack %d %q", w.Code, w.Body.String())
	}
	e.slack.waitFor("reply on response_url", func() bool { return e.slack.count("response_url") == 1 })
	if m := e.member("U4"); m == nil || m.Stage != "mid" {
		t.Fatalf("button did not join U4 at mid: %+v", m)
	}
}

func TestEventsPathRejectsUnsignedForms(t *testing.T) {
	e := newEnv(t, nil)
	r := signedRequest("/slack/events", e.commandForm("U2", "join junior"), e.now)
	r.Header.Del("X-Slack-Signature")
	if w := e.serve(r); w.Code != http.StatusUnauthorized {
		t.Fatalf("unsigned command on /slack/events: %d", w.Code)
	}
	if m := e.member("U2"); m != nil {
		t.Fatalf("unsigned command changed U2: %+v", m)
	}
	w := e.serve(signedRequest("/slack/events", "text=hello", e.now))
	if w.Code != 200 || len(e.h.calls()) != 0 {
		t.Fatalf("unknown form: %d, handler calls %d", w.Code, len(e.h.calls()))
	}
}

func TestSSLCheck(t *testing.T) {
	e := newEnv(t, nil)
	for _, path := range []string{"/slack/commands", "/slack/interactions", "/slack/events"} {
		// Slack's probe: form-encoded, with a verification token, unsigned.
		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if w := e.serve(r); w.Code != http.StatusOK || w.Body.Len() != 0 {
			t.Errorf("ssl_check on %s: %d %q", path, w.Code, w.Body.String())
		}
		q := httptest.NewRequest(http.MethodPost, path+"?ssl_check=1", nil)
		if w := e.serve(q); w.Code != http.StatusOK {
			t.Errorf("ssl_check in the query on %s: %d", path, w.Code)
		}
	}
	// A signed-looking command that also says ssl_check is not run.
	body := e.commandForm("U3", "join junior") + "&ssl_check=1"
	r := httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(body))
	if w := e.serve(r); w.Code != http.StatusOK || len(e.h.calls()) != 0 || e.member("U3") != nil {
		t.Fatalf("ssl_check with a command: %d, ran %d", w.Code, len(e.h.calls()))
	}
}
