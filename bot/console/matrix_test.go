package console_test

import (
	"strings"
	"testing"
)

// The permission matrix: a member, a lead (of m1), another lead (of m2) and
// an admin each try every lead-facing command on themselves, their mentee,
// someone else's mentee and a stranger who never joined. Every cell's
// outcome is asserted exactly.
func TestPermissionMatrix(t *testing.T) {
	const (
		allow   = "allow"
		refused = "Sorry, you can't do that for that member."
		notLead = "Only leads and admins can do that."
		noAdmin = "Only admins can do that."
	)
	type cell struct {
		actor, cmd, target, want string
	}
	// Targets: self, m1 (lead1's mentee), m2 (lead2's mentee), ghost (never joined).
	cells := []cell{
		// progress
		{"member", "progress", "self", allow},
		{"member", "progress", "m1", refused},
		{"member", "progress", "m2", refused},
		{"member", "progress", "ghost", refused},
		{"lead1", "progress", "self", allow},
		{"lead1", "progress", "m1", allow},
		{"lead1", "progress", "m2", refused},
		{"lead1", "progress", "ghost", refused},
		{"lead2", "progress", "m1", refused},
		{"lead2", "progress", "m2", allow},
		{"admin", "progress", "m1", allow},
		{"admin", "progress", "m2", allow},
		{"admin", "progress", "ghost", "That member hasn't joined yet."},
		// assign (to oneself)
		{"member", "assign", "m1", notLead},
		{"member", "assign", "ghost", notLead},
		{"lead1", "assign", "self", "Nobody can be their own lead."},
		{"lead1", "assign", "m1", "already in that lead's list"},
		{"lead1", "assign", "m2", refused},
		{"lead1", "assign", "ghost", refused},
		{"lead1", "assign", "member", "is now in your mentees"},
		{"admin", "assign", "m2", "is now in your mentees"},
		{"admin", "assign", "ghost", "That member hasn't joined yet"},
		// unassign
		{"member", "unassign", "m1", notLead},
		{"lead1", "unassign", "self", refused},
		{"lead1", "unassign", "m1", "no longer has a lead"},
		{"lead1", "unassign", "m2", refused},
		{"lead1", "unassign", "ghost", refused},
		{"lead2", "unassign", "m1", refused},
		{"admin", "unassign", "m1", "no longer has a lead"},
		{"admin", "unassign", "ghost", refused},
		// mentees and team take no target
		{"member", "mentees", "", notLead},
		{"lead1", "mentees", "", "Your mentees (1)"},
		{"lead2", "mentees", "", "Your mentees (1)"},
		{"admin", "mentees", "", "You have no mentees yet"},
		{"member", "team", "", noAdmin},
		{"lead1", "team", "", noAdmin},
		{"admin", "team", "", "2 leads leading 2 mentees"},
		// the member's own commands work on themselves
		{"member", "skills", "", "Your skills"},
		{"member", "export", "", "mentorbot-export.json"},
		{"lead1", "export", "", "mentorbot-export.json"},
	}
	for _, c := range cells {
		t.Run(c.actor+"/"+c.cmd+"/"+c.target, func(t *testing.T) {
			r := newRig(t, "admin")
			for _, who := range []string{"member", "lead1", "lead2", "admin", "m1", "m2"} {
				r.must("@"+who+" /mentor join", "Welcome")
			}
			r.must("@admin /mentor assign @m1 @lead1", "is now in <@lead1>'s mentees")
			r.must("@admin /mentor assign @m2 @lead2", "is now in <@lead2>'s mentees")
			target := c.target
			if target == "self" {
				target = c.actor
			}
			line := "@" + c.actor + " /mentor " + c.cmd
			if target != "" {
				line += " @" + target
			}
			got := r.say(line)
			for _, deny := range []string{refused, notLead, noAdmin} {
				if c.want == allow && strings.Contains(got, deny) {
					t.Fatalf("%s was denied: %s", line, got)
				}
			}
			if c.want != allow && !strings.Contains(got, c.want) {
				t.Fatalf("%s\n got: %s\nwant: %s", line, got, c.want)
			}
			if c.want == refused && (strings.Contains(got, "hasn't joined") || strings.Contains(got, target+" ")) {
				t.Errorf("the refusal reveals something: %s", got)
			}
		})
	}
}

// A lead's mentee list never shows another lead's people, and a mentee
// who forgets themselves leaves their lead's list.
func TestMenteesPrivacyAndForget(t *testing.T) {
	r := newRig(t, "admin")
	for _, who := range []string{"lead1", "lead2", "m1", "m2", "m3"} {
		r.must("@"+who+" /mentor join", "Welcome")
	}
	r.must("@admin /mentor assign @m1 @lead1", "is now in")
	r.must("@admin /mentor assign @m3 @lead1", "is now in")
	r.must("@admin /mentor assign @m2 @lead2", "is now in")
	r.must("@m1 /mentor done git", "1/10")
	out := r.must("@lead1 /mentor mentees", "Your mentees (2)")
	if strings.Contains(out, "m2") || !strings.Contains(out, "m1") || !strings.Contains(out, "m3") {
		t.Fatalf("lead1's mentees: %s", out)
	}
	csv := r.must("@lead1 /mentor mentees csv", "mentees.csv")
	if !strings.Contains(csv, "m1,m1,junior,,1,10,1,") || strings.Contains(csv, "m2") {
		t.Fatalf("csv: %s", csv)
	}
	r.must("@m1 /mentor forget confirm", "deleted everything")
	out = r.must("@lead1 /mentor mentees", "Your mentees (1)")
	if strings.Contains(out, "m1") {
		t.Fatalf("a forgotten mentee is still listed: %s", out)
	}
	r.must("@lead1 /mentor progress @m1", "Sorry, you can't do that for that member.")
	r.must("@admin /mentor team", "2 leads leading 2 mentees")
}
