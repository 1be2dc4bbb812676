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

// An admin moving a member from one lead to another names the previous
// lead in the reply and tells both by DM; unassign tells the member.
func TestMoveTellsEveryone(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@root /mentor leads add @lead1", "is now a lead")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@lead1 /mentor assign @m1", "m1 is now in your mentees.")
	got := r.must("@root /mentor assign @m1 @lead0", "m1 is now in <@lead0>'s mentees (moved from <@lead1>'s mentees). I've told them both by DM.")
	d := dms(got)
	if len(d["lead1"]) != 1 || !strings.Contains(d["lead1"][0], "m1 is no longer your mentee: <@root> moved them to <@lead0>.") {
		t.Errorf("previous lead's DM: %q\n%s", d["lead1"], got)
	}
	if len(d["m1"]) != 1 || !strings.Contains(d["m1"][0], "Your lead is now <@lead0> (was <@lead1>), set by <@root>.") {
		t.Errorf("member's DM: %q\n%s", d["m1"], got)
	}
	if len(d) != 2 {
		t.Errorf("DMs to %d people, want 2:\n%s", len(d), got)
	}
	r.must("@lead1 /mentor mentees", "You have no mentees yet")
	got = r.must("@lead0 /mentor unassign @m1", "m1 no longer has a lead. I've told them by DM.")
	if d := dms(got); len(d) != 1 || len(d["m1"]) != 1 || !strings.Contains(d["m1"][0], "<@lead0> is no longer your lead: they took you off their mentees.") {
		t.Errorf("unassign DMs: %q\n%s", d, got)
	}
	r.must("@m1 /mentor progress", "Lead: none")
}

// Someone who just joined and says `nudges skip` skips their first nudge,
// not a week that has none: it doesn't come, the one after does.
func TestNewMemberSkipsTheFirstNudge(t *testing.T) {
	r := digestRig(t) // Wed 25 Nov 2026
	r.must("@nm /mentor join", "the first on Mon 30 Nov")
	r.must("@nm /mentor nudges skip", "Skipped your first nudge, Mon 30 Nov 09:00 UTC. Next: Mon 7 Dec 09:00 UTC.")
	r.must("@nm /mentor nudges status", "Next: Mon 7 Dec 09:00 UTC.")
	if got := r.say(":advance 6d"); strings.Contains(got, "[DM to nm]") {
		t.Fatalf("the skipped first nudge came:\n%s", got)
	}
	if got := dms(r.say(":advance 7d")); len(got["nm"]) != 1 {
		t.Fatalf("want the nudge after the skipped one, got %d DMs: %q", len(got["nm"]), got)
	}
}
