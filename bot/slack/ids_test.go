package slack

import (
	"strings"
	"testing"
)

// TestIDsValidated: only Slack's ids reach keys; a slash command from an
// odd team or user id is answered and changes nothing.
func TestIDsValidated(t *testing.T) {
	for id, want := range map[string]bool{"T024BE7LD": true, "E0AB12": true, "g:1}": false, "T": false, "Tab": false,
		"T1 2": false, "T{x}": false, strings.Repeat("T", 40): false} {
		if got := validTeam(id); got != want {
			t.Errorf("validTeam(%q) = %v, want %v", id, got, want)
		}
	}
	for id, want := range map[string]bool{"U024BE7LD": true, "W012A3CDE": true, "u1": false, "U:1": false, "": false} {
		if got := validUser(id); got != want {
			t.Errorf("validUser(%q) = %v, want %v", id, got, want)
		}
	}
	e := newEnv(t, nil)
	w := e.serve(signedRequest("/slack/commands", strings.Replace(e.commandForm("U1", "join"), "team_id="+e.team, "team_id=g%3A1%7D", 1), e.now))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "couldn't read") {
		t.Fatalf("odd team id: %d %s", w.Code, w.Body.String())
	}
	if len(e.h.calls()) != 0 {
		t.Fatalf("an odd team id reached the handler: %+v", e.h.calls())
	}
}
