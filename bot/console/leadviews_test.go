package console_test

import (
	"strings"
	"testing"
)

// Refusals of assign and unassign say what is true and why: a member led
// only by an invitation is not said to "have a lead", and an unassign
// that can't be done says whose mentee the member isn't, or that they
// have no lead (journey finding 9).
func TestRefusalsSayWhy(t *testing.T) {
	r := newRig(t, "root")
	r.must("@root /mentor leads add @lea", "is now a lead")
	r.must("@root /mentor leads add @max", "is now a lead")
	r.must("@lea /mentor assign @ann", "so I've invited them")
	r.must("@bob /mentor join", "Welcome")
	r.must("@lea /mentor assign @bob", "is now in your mentees")
	r.must("@lea /mentor unassign @bob", "no longer has a lead")
	for _, tt := range []struct{ line, want string }{
		{"@max /mentor assign @ann", "<@ann> has a pending invitation from <@lea>; an admin can move it with `/mentor assign <@ann> <@max>`."},
		{"@lea /mentor unassign @bob", "<@bob> isn't your mentee or invited by you, so there's nothing for you to unassign."},
		{"@max /mentor unassign @ann", "<@ann> isn't your mentee or invited by you"},
		{"@max /mentor unassign @max", "You can't unassign yourself: `/mentor lead leave` leaves your own lead."},
		{"@root /mentor unassign @bob", "<@bob> has no lead and no open invitation, so there's nothing to unassign."},
		{"@root /mentor unassign @ann", "Invitation withdrawn"},
	} {
		got := r.say(tt.line)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s\n got: %s\nwant: %s", tt.line, got, tt.want)
		}
		if strings.Contains(got, "already has a lead") || strings.Contains(got, "Sorry, you can't do that") {
			t.Errorf("%s: a false or reasonless refusal: %s", tt.line, got)
		}
	}
}
