package console_test

import (
	"strings"
	"testing"
)

// A member sees their lead in progress and can leave them; the lead, who
// never joined, is told in their next digest, which is their last when
// that was their only mentee. export holds the link both ways.
func TestMemberSeesAndLeavesLead(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@m2 /mentor join", "Welcome")
	r.must("@root /mentor assign @m1 @lead0", "is now in @lead0's mentees")
	r.must("@m1 /mentor progress", "Lead: @lead0 (`/mentor lead leave` to leave)")
	r.must("@m2 /mentor progress", "Lead: none")
	r.must("@m1 /mentor lead", "Your lead is @lead0")
	r.must("@m1 /mentor export", `"lead": "lead0"`)
	r.must("@lead0 /mentor export", `"m1"`)
	r.must("@lead0 /mentor progress @m1", "Progress of m1")

	r.must("@m1 /mentor lead leave", "is no longer your lead")
	r.must("@m1 /mentor lead leave", "You have no lead to leave.")
	r.must("@m1 /mentor progress", "Lead: none")
	r.must("@lead0 /mentor progress @m1", "Sorry, you can't do that for that member.")
	r.must("@lead0 /mentor mentees", "You have no mentees yet")

	got := dms(r.say(":advance 7d"))["lead0"]
	if len(got) != 1 || !strings.Contains(got[0], "*Left you this week:* m1.") {
		t.Fatalf("lead0's digest after m1 left: %q", got)
	}
	if got := r.say(":advance 14d"); strings.Contains(got, "[DM to lead0]") {
		t.Errorf("digests went on with no mentee:\n%s", got)
	}
}
