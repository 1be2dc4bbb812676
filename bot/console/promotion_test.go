package console_test

import (
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/roadmap"
)

// A member's promotion question that names no level is about the stage
// after their own, with their own stage's ready text saying when they
// are ready; a question naming a level keeps it.
func TestPromotionFollowsTheAsker(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	ready := func(stage string) string {
		s, ok := rm.Stage(stage)
		if !ok {
			t.Fatalf("no stage %q", stage)
		}
		return firstLine(s.Ready)
	}
	title := func(stage string) string {
		s, _ := rm.Stage(stage)
		return s.Title
	}
	r := newRig(t)
	r.must("/mentor join mid", "Welcome")
	for _, q := range []string{"how do I get promoted", "what do I need for my next promotion"} {
		out := r.must("/mentor ask "+q, title("senior"))
		if !strings.Contains(out, ready("mid")) || !strings.Contains(out, "Move to "+title("senior")) {
			t.Errorf("a mid asking %q: want senior with mid's ready text and a move button, got:\n%s", q, out)
		}
	}
	// Naming the level still wins over the asker's stage.
	if out := r.must("/mentor ask how do I get promoted to lead", title("lead")); !strings.Contains(out, ready("senior")) {
		t.Errorf("how do I get promoted to lead: want lead with senior's ready text, got:\n%s", out)
	}
	r.must("@sam /mentor join senior", "Welcome")
	if out := r.must("@sam /mentor ask how do I get promoted", title("lead")); !strings.Contains(out, ready("senior")) {
		t.Errorf("a senior asking how to get promoted: want lead with senior's ready text, got:\n%s", out)
	}
	// Someone who hasn't joined gets the stage whose text covers promotion.
	if out := r.must("@kim /mentor ask how do I get promoted", title("mid")); !strings.Contains(out, ready("junior")) {
		t.Errorf("a newcomer asking how to get promoted: want mid with junior's ready text, got:\n%s", out)
	}
}

// firstLine is the start of a text as the console prints it, before any
// wrapping could split it.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}
