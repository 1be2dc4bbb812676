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
		{"@max /mentor assign @ann", "@ann has a pending invitation from @lea; an admin can move it with `/mentor assign @ann @max`."},
		{"@lea /mentor unassign @bob", "@bob isn't your mentee or invited by you, so there's nothing for you to unassign."},
		{"@max /mentor unassign @ann", "@ann isn't your mentee or invited by you"},
		{"@max /mentor unassign @max", "You can't unassign yourself: `/mentor lead leave` leaves your own lead."},
		{"@root /mentor unassign @bob", "@bob has no lead and no open invitation, so there's nothing to unassign."},
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

// A digest lists nobody twice in contradicting groups: ann declined lea's
// invitation, was invited again and joined, so her week's digest shows
// her as a mentee and not as having declined; carl, who declined and
// stayed away, is still listed (journey finding 5).
func TestDigestListsNobodyTwice(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lea", "is now a lead")
	r.must("@lea /mentor assign @ann", "so I've invited them")
	r.must("@lea /mentor assign @carl", "so I've invited them")
	r.must("@ann /mentor lead leave", "you declined")
	r.must("@carl /mentor lead leave", "you declined")
	r.must("@lea /mentor assign @ann", "so I've invited them")
	r.must("@ann /mentor join", "You're in @lea's mentees")
	got := r.say(":advance 7d")
	var digest string
	for _, d := range dms(got)["lea"] {
		if strings.Contains(d, digestTitle) {
			digest = d
		}
	}
	if digest == "" {
		t.Fatalf("no digest for lea:\n%s", got)
	}
	for _, want := range []string{"1 mentee: 0 moved, 0 stuck, 1 quiet.", "*Quiet this week:* ann.", "*Declined your invitation:* @carl."} {
		if !strings.Contains(digest, want) {
			t.Errorf("digest lacks %q:\n%s", want, digest)
		}
	}
	if strings.Contains(digest, "@ann") {
		t.Errorf("ann is listed again beside her place as a mentee:\n%s", digest)
	}
}

// What `digest channel` says is kept private is true of the mode asked
// for: with only, no DM goes out, so nothing "stays in your DM".
func TestChannelDigestWordingIsTrue(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lea", "is now a lead")
	for _, tt := range []struct{ mode, want, never string }{
		{"only", "instead of by DM: names, stages and progress counts only, so no stuck reasons or talking points reach you", "stay in your DM"},
		{"also", "as well as by DM: names, stages and progress counts only there (stuck reasons and talking points stay in your DM)", "no stuck reasons"},
	} {
		got := r.must("@lea /mentor digest channel #leads "+tt.mode, tt.want)
		if strings.Contains(got, tt.never) {
			t.Errorf("%s: %s", tt.mode, got)
		}
	}
}

// One mentee is described the same way by `mentees`, the lead's digest
// and `team` at the same instant: just joined with nothing done is quiet
// (not "moving"), a skill finished this week is moved, fourteen days
// without progress is stuck (journey finding 4).
func TestLeadViewsAgree(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @lea", "is now a lead")
	r.must("@ann /mentor join", "Welcome")
	r.must("@lea /mentor assign @ann", "is now in your mentees")
	for _, tt := range []struct {
		before  []string // lines run before the clock moves
		advance string   // to a Monday 09:00, when lea's digest comes
		want    string
		row     string // what mentees says of ann
	}{
		{nil, "119h", "1 mentee: 0 moved, 0 stuck, 1 quiet", "Quiet: no skill started or finished in the last 7 days"},
		{[]string{":advance 24h", "@ann /mentor done git"}, "144h", "1 mentee: 1 moved, 0 stuck, 0 quiet", "Moved this week: finished Git and version control"},
		{nil, "336h", "1 mentee: 0 moved, 1 stuck, 0 quiet", "Stuck: no progress since"},
	} {
		for _, line := range tt.before {
			r.say(line)
		}
		got := r.say(":advance " + tt.advance)
		var digest string
		for _, d := range dms(got)["lea"] {
			if strings.Contains(d, digestTitle) {
				digest = d
			}
		}
		if !strings.Contains(digest, tt.want+".") {
			t.Errorf("digest after %s lacks %q:\n%s", tt.advance, tt.want, got)
		}
		if got := r.say("@lea /mentor mentees"); !strings.Contains(got, tt.want+".") || !strings.Contains(got, tt.row) {
			t.Errorf("mentees lacks %q or %q:\n%s", tt.want, tt.row, got)
		}
		if got := r.say("@root /mentor team"); !strings.Contains(got, tt.want+" · last progress ") {
			t.Errorf("team lacks %q:\n%s", tt.want, got)
		}
	}
}
