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
	got := r.must("@root /mentor assign @m1 @lead0", "m1 is now in @lead0's mentees (moved from @lead1's mentees). I've told them both by DM.")
	d := dms(got)
	if len(d["lead1"]) != 1 || !strings.Contains(d["lead1"][0], "m1 is no longer your mentee: @root moved them to @lead0.") {
		t.Errorf("previous lead's DM: %q\n%s", d["lead1"], got)
	}
	if len(d["m1"]) != 1 || !strings.Contains(d["m1"][0], "Your lead is now @lead0 (was @lead1), set by @root.") {
		t.Errorf("member's DM: %q\n%s", d["m1"], got)
	}
	if len(d) != 2 {
		t.Errorf("DMs to %d people, want 2:\n%s", len(d), got)
	}
	r.must("@lead1 /mentor mentees", "You have no mentees yet")
	got = r.must("@lead0 /mentor unassign @m1", "m1 no longer has a lead. I've told them by DM.")
	if d := dms(got); len(d) != 1 || len(d["m1"]) != 1 || !strings.Contains(d["m1"][0], "@lead0 is no longer your lead: they took you off their mentees.") {
		t.Errorf("unassign DMs: %q\n%s", d, got)
	}
	r.must("@m1 /mentor progress", "Lead: none")
}

// A member who gets a lead is told by DM who it is, whether the lead took
// them or an admin assigned them; the reply says they were told.
func TestAssignTellsTheMember(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lead1", "is now a lead")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@m2 /mentor join", "Welcome")
	got := r.must("@lead1 /mentor assign @m1", "m1 is now in your mentees. I've told them by DM.")
	if d := dms(got); len(d) != 1 || len(d["m1"]) != 1 || !strings.Contains(d["m1"][0], "@lead1 is now your lead: they see your progress") {
		t.Errorf("lead's assign DMs: %q\n%s", d, got)
	}
	got = r.must("@root /mentor assign @m2 @lead1", "m2 is now in @lead1's mentees. I've told them by DM.")
	if d := dms(got); len(d) != 1 || len(d["m2"]) != 1 || !strings.Contains(d["m2"][0], "@lead1 is now your lead, set by @root:") {
		t.Errorf("admin's assign DMs: %q\n%s", d, got)
	}
	if got := r.say("@lead1 /mentor assign @m1"); strings.Contains(got, "[DM to") {
		t.Errorf("assigning again DMs:\n%s", got)
	}
}

// Console names are one person whatever their case, punctuation after a
// mention is not part of it, and a bad :as says plainly that it did not
// switch.
func TestConsoleNamesFold(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@Ann /mentor join", "Welcome")
	r.must("@ann /mentor progress", "Junior backend developer")
	r.must("@ANN /mentor done git", "Done: *Git and version control*")
	r.must("@root /mentor leads add @Lead1.", "@lead1 is now a lead")
	r.must("@lead1 /mentor assign @Ann,", "ann is now in your mentees")
	r.must("@lead1 /mentor progress @ANN.", "Git and version control")
	r.must(":as Ann", "(you are now ann)")
	r.must("/mentor progress", "1/10")
	for _, bad := range []string{":as", ":as two words", ":as {x}"} {
		if got := r.must(bad, "Not switched: you are still ann."); strings.Contains(got, "you are now") {
			t.Errorf("%s: %s", bad, got)
		}
	}
	if got := r.say(":asbob"); strings.Contains(got, "you are now") {
		t.Errorf(":asbob switched: %s", got)
	}
	r.must("/mentor progress", "1/10")
}

// A lead who deletes their data leaves their mentees without a lead, and
// each of them is told by DM; someone only invited hears that the
// invitation was withdrawn (journey j1 finding 3).
func TestLeadForgetTellsMentees(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lead1", "is now a lead")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@m2 /mentor join", "Welcome")
	r.must("@lead1 /mentor assign @m1", "m1 is now in your mentees")
	r.must("@lead1 /mentor assign @m2", "m2 is now in your mentees")
	r.must("@lead1 /mentor assign @newbie", "invited them")
	got := r.must("@lead1 /mentor forget confirm", "I've told 2 mentees and 1 invitee (their invitation is withdrawn) by DM.")
	d := dms(got)
	for _, m := range []string{"m1", "m2"} {
		if len(d[m]) != 1 || !strings.Contains(d[m][0], "@lead1 deleted their data from mentorbot, so they're no longer your lead.") {
			t.Errorf("%s's DM: %q\n%s", m, d[m], got)
		}
	}
	if len(d["newbie"]) != 1 || !strings.Contains(d["newbie"][0], "@lead1's invitation to be your lead on mentorbot was withdrawn: they deleted their data from mentorbot.") {
		t.Errorf("invitee's DM: %q\n%s", d["newbie"], got)
	}
	if len(d) != 3 {
		t.Errorf("DMs to %d people, want 3:\n%s", len(d), got)
	}
	r.must("@m1 /mentor lead", "You have no lead.")
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

// An admin who names a lead first and a plain member second is told the
// names look swapped, and nothing changes: the member does not quietly
// become a lead.
func TestAssignSwappedNames(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lea", "is now a lead")
	r.must("@ann /mentor join", "Welcome")
	r.must("@root /mentor assign @lea @ann", "@ann isn't a lead and @lea is. The member comes first, then the lead: `/mentor assign @ann @lea`.")
	r.must("@ann /mentor mentees", "aren't a lead here")
	r.must("@lea /mentor lead", "You have no lead.")
	r.must("@root /mentor assign @ann @lea", "ann is now in @lea's mentees")
}

// A member who forgot their data and joined again, assigned again within
// the same second, gets the DM again, and a reply says "told" only with a
// DM printed (journey: the console said "I've told them by DM" and printed
// none). So do an invitation withdrawn and made again.
func TestTellAgainAfterForget(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lead1", "is now a lead")
	r.must("@m1 /mentor join", "Welcome")
	for i := range 2 {
		got := r.must("@lead1 /mentor assign @m1", "m1 is now in your mentees. I've told them by DM.")
		if d := dms(got); len(d["m1"]) != 1 || !strings.Contains(d["m1"][0], "lead1 is now your lead") {
			t.Fatalf("assign %d: no DM to m1:\n%s", i+1, got)
		}
		r.must("@m1 /mentor forget confirm", "Done: I've deleted everything")
		r.must("@m1 /mentor join", "Welcome")
	}
	for i := range 2 {
		got := r.must("@lead1 /mentor assign @newbie", "they got a DM naming their lead")
		if d := dms(got); len(d["newbie"]) != 1 {
			t.Fatalf("invitation %d: no DM to newbie:\n%s", i+1, got)
		}
		got = r.must("@lead1 /mentor unassign @newbie", "Invitation withdrawn: @newbie is no longer invited to be a mentee. I've told them by DM.")
		if d := dms(got); len(d["newbie"]) != 1 || !strings.Contains(d["newbie"][0], "@lead1 withdrew their invitation to be your lead on mentorbot.") {
			t.Fatalf("withdrawal %d: no DM to newbie:\n%s", i+1, got)
		}
	}
	r.must("@lead1 /mentor assign @newbie", "they got a DM")
	got := r.must("@root /mentor unassign @newbie", "I've told them by DM.")
	if d := dms(got); len(d["newbie"]) != 1 || !strings.Contains(d["newbie"][0], "@lead1's invitation to be your lead on mentorbot was withdrawn (by @root).") {
		t.Fatalf("an admin's withdrawal: no DM to newbie:\n%s", got)
	}
}

func TestSnoozeAfterSkipRefused(t *testing.T) {
	r := digestRig(t)
	r.must("@sk /mentor join", "Welcome")
	r.must("@sk /mentor nudges time fri 17:30 UTC", "Next: Fri 27 Nov 17:30 UTC")
	r.say(":advance 7d") // Wed 2 Dec
	if got := r.say(":advance 3d"); !strings.Contains(got, "[DM to sk]") {
		t.Fatalf("no nudge on Fri 4 Dec:\n%s", got)
	}
	r.must("@sk /mentor nudges skip", "Skipped: nothing more this week.")
	got := r.must("@sk /mentor nudges snooze", "You skipped this week's nudge, so there's nothing to snooze. Your next nudge comes Fri 11 Dec 17:30 UTC")
	if strings.Contains(got, "Snoozed") {
		t.Fatalf("snoozed after a skip: %s", got)
	}
	if got := r.say(":advance 2d"); strings.Contains(got, "[DM to sk]") {
		t.Fatalf("a reminder of the skipped nudge came:\n%s", got)
	}
}

func TestConsoleRefusalSaysAdminUsers(t *testing.T) {
	r := newRig(t)
	r.must("/mentor join", "Welcome")
	for _, line := range []string{"/mentor assign @bob", "/mentor mentees", "/mentor leads add @bob"} {
		got := r.must(line, "Nobody is an admin here: start mentorbot with `ADMIN_USERS=you` to be one")
		if strings.Contains(got, "workspace admin") {
			t.Errorf("%s: %q names a workspace admin", line, got)
		}
	}
}

// After this week's nudge came, a skip covers the week; said again, it
// skips next week's nudge too, as it does before a nudge came.
func TestSkipAfterDeliveryThenAgain(t *testing.T) {
	r := digestRig(t)
	r.must("@sk2 /mentor join", "Welcome")
	r.must("@sk2 /mentor nudges time fri 17:30 UTC", "Next: Fri 27 Nov 17:30 UTC")
	r.say(":advance 7d") // Wed 2 Dec
	if got := r.say(":advance 3d"); !strings.Contains(got, "[DM to sk2]") {
		t.Fatalf("no nudge on Fri 4 Dec:\n%s", got)
	}
	r.must("@sk2 /mentor nudges skip", "Skipped: nothing more this week.")
	r.must("@sk2 /mentor nudges skip", "Skipped the one after too, Fri 11 Dec 17:30 UTC. Next: Fri 18 Dec 17:30 UTC.")
	if got := r.say(":advance 7d"); strings.Contains(got, "[DM to sk2]") {
		t.Fatalf("the skipped nudge of Fri 11 Dec came:\n%s", got)
	}
	if got := r.say(":advance 7d"); !strings.Contains(got, "[DM to sk2]") {
		t.Fatalf("no nudge on Fri 18 Dec:\n%s", got)
	}
}
