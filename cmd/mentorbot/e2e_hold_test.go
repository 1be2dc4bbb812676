package main

// Regression tests for the cases issue 13's adversarial pass found holding,
// on the harness in e2e_test.go: the real adapters and core over signed
// HTTP, against the shared Redis.

import (
	"regexp"
	"testing"
	"time"
)

// TestE2EWorkspaceIsolation: the same user id in two Slack workspaces is
// two members. What one does is not seen by, and does not change, the other.
func TestE2EWorkspaceIsolation(t *testing.T) {
	teamA, teamB := "TISA"+e2eID()[:10], "TISB"+e2eID()[:10]
	rdbA := e2eScope(t, "slack", teamA)
	e2eScope(t, "slack", teamB)
	fake := newE2ESlack(t)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": fake.srv.URL}, false)
	// Identical signed requests are replays; each request here is new.
	start, n := time.Now(), 0
	at := func() time.Time { n++; return start.Add(-time.Duration(n) * time.Second) }
	const user = "U0ISO"
	for _, text := range []string{"join", "done git"} {
		e2eDecode(t, "A: "+text, p.slack(fake, teamA, user, text, e2eSlackSecret, at()))
	}
	one := regexp.MustCompile(`[▓░]{10} 1/\d+`)
	if r := p.slack(fake, teamA, user, "progress", e2eSlackSecret, at()); !one.MatchString(r.body) {
		t.Fatalf("A: progress after done git: want 1/N, got %s", r.body)
	}
	a := rdbA.snapshot()
	for _, c := range []struct {
		text string
		want *regexp.Regexp // in the reply from B; nil: any 200 JSON
	}{
		{"progress", nil},
		{"join", nil},
		{"progress", e2eBar}, // 0/N: A's done git is not B's
		{"start sql-basics", nil},
		{"undo git", nil},
		{"nudges off", nil},
		{"forget confirm", nil},
	} {
		r := p.slack(fake, teamB, user, c.text, e2eSlackSecret, at())
		e2eDecode(t, "B: "+c.text, r)
		if c.want != nil && !c.want.MatchString(r.body) {
			t.Errorf("B: %s: want %s, got %s", c.text, c.want, r.body)
		}
		if one.MatchString(r.body) {
			t.Errorf("B: %s shows A's progress: %s", c.text, r.body)
		}
	}
	if after := rdbA.snapshot(); after != a {
		t.Errorf("commands in workspace B changed workspace A:\nbefore %s\nafter  %s", a, after)
	}
	if r := p.slack(fake, teamA, user, "progress", e2eSlackSecret, at()); !one.MatchString(r.body) {
		t.Errorf("A: progress after B forgot: want 1/N still, got %s", r.body)
	}
	p.shutdown()
}
