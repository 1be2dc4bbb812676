package console_test

import (
	"strings"
	"testing"
)

// After `nudges skip`, status (and every later rewrite of the schedule)
// shows the week after, and the skipped nudge does not come.
func TestSkipHoldsInStatus(t *testing.T) {
	r := digestRig(t)
	r.must("@sk /mentor join", "Welcome")
	r.must("@sk /mentor nudges time fri 17:30 UTC", "Next: Fri 27 Nov 17:30 UTC")
	r.say(":advance 7d") // Wed 2 Dec: this week's nudge is Fri 4 Dec
	r.must("@sk /mentor nudges status", "Next: Fri 4 Dec 17:30 UTC")
	r.must("@sk /mentor nudges skip", "Next: Fri 11 Dec 17:30 UTC")
	r.must("@sk /mentor nudges status", "Next: Fri 11 Dec 17:30 UTC")
	r.must("@sk /mentor nudges pause 1", "Next: Fri 11 Dec 17:30 UTC")
	r.must("@sk /mentor nudges on", "Next: Fri 11 Dec 17:30 UTC")
	if got := r.say(":advance 3d"); strings.Contains(got, "[DM to sk]") {
		t.Fatalf("the skipped nudge came:\n%s", got)
	}
	if got := r.say(":advance 7d"); !strings.Contains(got, "[DM to sk]") {
		t.Fatalf("no nudge the week after the skip:\n%s", got)
	}
}
