package console_test

import (
	"fmt"
	"strings"
	"testing"
)

// `leads remove` of a lead who still has mentees asks first, naming how
// many; confirmed, it unassigns them a batch a call, tells each by DM,
// withdraws the lead's invitations, telling each invitee, and takes their
// rights.
func TestLeadsRemoveUnassignsAfterConfirm(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @ld", "is now a lead")
	const n = 27
	for i := range n {
		r.must(fmt.Sprintf("@m%d /mentor join", i), "Welcome")
		r.must(fmt.Sprintf("@ld /mentor assign @m%d", i), "is now in your mentees")
	}
	r.must("@ld /mentor assign @newhire", "invit")

	got := r.must("@root /mentor leads remove @ld", "leads 27 mentees and 1 open invitation. Removing them as a lead also "+
		"unassigns all 27 mentees (each is told by DM that they no longer have a lead) and withdraws 1 open invitation (each invitee is told by DM).")
	if !strings.Contains(got, "[Remove and unassign 27 → /mentor leads remove @ld confirm ~") {
		t.Fatalf("no confirm button:\n%s", got)
	}
	r.must("@ld /mentor mentees", "Your mentees (27)") // asking changed nothing

	got = r.must("@root /mentor leads remove @ld confirm", "Unassigned 25 mentees from @ld (told 25 by DM). 2 left: press again for the next 2.")
	d := dms(got)
	if len(d) != 25 {
		t.Errorf("first batch: DMs to %d people, want 25:\n%s", len(d), got)
	}
	for to, msgs := range d {
		if len(msgs) != 1 || !strings.Contains(msgs[0], "is no longer your lead (changed by @root): you have no lead now.") {
			t.Errorf("DM to %s: %q", to, msgs)
		}
	}
	got = r.must("@root /mentor leads remove @ld confirm", "Unassigned 2 mentees from @ld (told 2 by DM) and withdrew 1 invitation (told 1 by DM). @ld is no longer a lead")
	d = dms(got)
	if len(d) != 3 {
		t.Errorf("second batch: DMs to %d people, want 3:\n%s", len(d), got)
	}
	// The invitee holds a DM with Join buttons naming @ld: they hear it no
	// longer stands (journey j1 finding 3).
	if len(d["newhire"]) != 1 || !strings.Contains(d["newhire"][0], "@ld's invitation to be your lead on mentorbot was withdrawn: they're no longer a lead (changed by @root).") {
		t.Errorf("invitee's DM: %q\n%s", d["newhire"], got)
	}
	for i := range n {
		r.must(fmt.Sprintf("@m%d /mentor progress", i), "Lead: none")
	}
	r.must("@ld /mentor mentees", "Only leads and admins can do that, and you (@ld) aren't a lead here")
	r.must("@root /mentor leads remove @ld", "has no lead rights granted here and leads nobody.")

	// A lead with no mentees loses the rights at once.
	r.must("@root /mentor leads add @ld2", "is now a lead")
	r.must("@root /mentor leads remove @ld2", "@ld2 no longer has lead rights granted by an admin.")
}
