package console_test

import (
	"strings"
	"testing"
)

// After six nudges in a row with no command in between, nudges come every
// 4 weeks and the nudge says so; any command, even a read-only one, brings
// them back weekly.
func TestNudgesEaseOff(t *testing.T) {
	r := digestRig(t)
	r.must("@ea /mentor join", "Welcome")
	r.must("@busy /mentor join", "Welcome")
	// busy answers every week: never eased off.
	week := func(i int) []string {
		t.Helper()
		got := dms(r.say(":advance 7d"))
		if b := got["busy"]; len(b) != 1 || strings.Contains(b[0], "4 weeks") {
			t.Fatalf("week %d: busy, who answers, got %q", i+1, b)
		}
		r.must("@busy /mentor progress", "Your progress")
		return got["ea"]
	}
	for i := range 6 {
		d := week(i)
		if len(d) != 1 || strings.Contains(d[0], "4 weeks") {
			t.Fatalf("week %d: want one weekly nudge, got %q", i+1, d)
		}
	}
	d := week(6)
	if len(d) != 1 || !strings.Contains(d[0], "I haven't heard from you since your last six nudges, so from now on they come every 4 weeks.") ||
		!strings.Contains(d[0], "Nudge every 4 weeks") {
		t.Fatalf("7th nudge: %q", d)
	}
	for i := 7; i < 10; i++ {
		if d := week(i); len(d) != 0 {
			t.Fatalf("week %d, eased off: %q", i+1, d)
		}
	}
	if d := week(10); len(d) != 1 || !strings.Contains(d[0], "Nudges come every 4 weeks while you're away") {
		t.Fatalf("week 11: want the 4-weekly nudge, got %q", d)
	}
	// A look at one's progress is an answer: weekly again, from the next slot.
	r.must("@ea /mentor progress", "Your progress")
	for i := 11; i < 13; i++ {
		if d := week(i); len(d) != 1 || strings.Contains(d[0], "4 weeks") {
			t.Fatalf("week %d after a command: want a weekly nudge, got %q", i+1, d)
		}
	}
}
