package console_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/roadmap"
)

// Who the permission matrix's actors are. The first four joined; ghost
// never did; glead is a lead (granted rights, leading m3) who never
// joined; gadmin is in ADMIN_USERS and never joined.
var matrixActors = []string{"member", "lead1", "lead2", "admin", "ghost", "glead", "gadmin"}

// matrixTargets stand in for the first @member of an example: the actor
// themselves, lead1's mentee, lead2's mentee, someone who never joined
// and a member with no lead.
var matrixTargets = []string{"self", "m1", "m2", "ghost", "member"}

// matrixLeads stand in for a second @mention (assign's lead): a known
// lead, and an id nobody ever used.
var matrixLeads = []string{"lead1", "nobody"}

// matrixLines are the command lines the matrix runs for each actor,
// generated from bot.Table(): every example of every command and
// subcommand, with each mention replaced by each target. A new command
// gets its cells without anyone editing this test.
func matrixLines(t *testing.T, actor string) []string {
	t.Helper()
	var out []string
	for _, c := range bot.Table() {
		exs := c.AllExamples()
		if len(exs) == 0 {
			t.Fatalf("command %s has no example for the matrix to run", c.Name)
		}
		for _, ex := range exs {
			out = append(out, expand(strings.Fields(ex), actor, 0, 0)...)
		}
	}
	return out
}

// expand replaces the mentions among words[from:]; the n-th mention of
// an example takes the targets (n 0) or the leads.
func expand(words []string, actor string, from, n int) []string {
	for i := from; i < len(words); i++ {
		if !strings.HasPrefix(words[i], "@") {
			continue
		}
		subs := matrixLeads
		if n == 0 {
			subs = matrixTargets
		}
		var out []string
		for _, s := range subs {
			if s == "self" {
				s = actor
			}
			ws := append([]string(nil), words...)
			ws[i] = "@" + s
			out = append(out, expand(ws, actor, i+1, n+1)...)
		}
		return out
	}
	return []string{strings.Join(words, " ")}
}

// The permission matrix: every actor runs every generated line, each on a
// fresh workspace of the real Redis. No cell may answer "went wrong"; the
// cells below, where rights are decided, are asserted exactly (and must
// be among the generated ones).
func TestPermissionMatrix(t *testing.T) {
	const (
		allow   = "allow"
		refused = "Sorry, you can't do that for that member."
		notLead = "Only leads and admins can do that, and you ("
		noAdmin = "Only admins can do that, and you ("
		notJoin = "You haven't joined yet."
		leadOK  = "As a lead you don't need to"
	)
	want := map[string]string{
		// progress
		"member progress @member": allow,
		"member progress @m1":     refused,
		"member progress @m2":     refused,
		"member progress @ghost":  refused,
		"lead1 progress @lead1":   allow,
		"lead1 progress @m1":      allow,
		"lead1 progress @m2":      refused,
		"lead1 progress @ghost":   refused,
		"lead2 progress @m1":      refused,
		"lead2 progress @m2":      allow,
		"admin progress @m1":      allow,
		"admin progress @m2":      allow,
		"admin progress @ghost":   "That member hasn't joined yet.",
		"ghost progress @ghost":   notJoin,
		"ghost progress @m1":      refused,
		"glead progress @glead":   leadOK,
		"glead progress @m1":      refused,
		"gadmin progress @m1":     allow,
		"gadmin progress @gadmin": leadOK,
		// assign (to oneself)
		"member assign @m1":     notLead,
		"member assign @ghost":  notLead,
		"lead1 assign @lead1":   "Nobody can be their own lead.",
		"lead1 assign @m1":      "already in your list",
		"lead1 assign @m2":      "That member already has a lead.",
		"lead1 assign @ghost":   "so I've invited them to be your mentee",
		"lead1 assign @member":  "is now in your mentees",
		"admin assign @m2":      "is now in your mentees",
		"admin assign @ghost":   "so I've invited them to be your mentee",
		"ghost assign @m1":      notLead,
		"glead assign @member":  "is now in your mentees",
		"glead assign @m1":      "That member already has a lead.",
		"gadmin assign @member": "is now in your mentees",
		// assign to a lead: a known one, or an id nobody ever used
		"admin assign @member @lead1":  "is now in @lead1's mentees",
		"admin assign @member @nobody": "isn't a lead here and has never used mentorbot",
		"gadmin assign @m2 @lead1":     "is now in @lead1's mentees",
		"lead1 assign @member @lead1":  "is now in your mentees",
		"lead2 assign @member @lead1":  "Only admins can assign a member to someone else, and you (@lead2) aren't one here",
		// unassign
		"member unassign @m1":   notLead,
		"lead1 unassign @lead1": "You can't unassign yourself",
		"lead1 unassign @m1":    "no longer has a lead",
		"lead1 unassign @m2":    "@m2 isn't your mentee or invited by you",
		"lead1 unassign @ghost": "@ghost isn't your mentee or invited by you",
		"lead2 unassign @m1":    "@m1 isn't your mentee or invited by you",
		"admin unassign @m1":    "no longer has a lead",
		"admin unassign @ghost": "@ghost has no lead and no open invitation",
		"ghost unassign @m1":    notLead,
		"gadmin unassign @m2":   "no longer has a lead",
		// mentees and team take no target
		"member mentees":    notLead,
		"lead1 mentees":     "Your mentees (1)",
		"lead2 mentees":     "Your mentees (1)",
		"admin mentees":     "You have no mentees yet",
		"ghost mentees":     notLead,
		"glead mentees":     "Your mentees (1)",
		"gadmin mentees":    "You have no mentees yet",
		"glead mentees csv": "m3,m3,junior",
		"member team":       noAdmin,
		"lead1 team":        noAdmin,
		"glead team":        noAdmin,
		"admin team":        "3 leads leading 3 mentees",
		"gadmin team":       "3 leads leading 3 mentees",
		// lead rights
		"member leads":            noAdmin,
		"glead leads add @ghost":  noAdmin,
		"admin leads":             "3 leads",
		"admin leads add @ghost":  "is now a lead",
		"gadmin leads remove @m1": "has no lead rights granted here",
		// the member's own commands
		"member skills":        "Your skills",
		"ghost skills":         notJoin,
		"glead skills":         leadOK,
		"member export":        "mentorbot-export.json",
		"lead1 export":         "mentorbot-export.json",
		"ghost export":         "I keep nothing about you",
		"glead export":         `"lead_rights": true`,
		"glead forget confirm": "You no longer lead anyone (1 mentee before)",
	}
	rdb := redistest.Client(t)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, actor := range matrixActors {
		for _, line := range matrixLines(t, actor) {
			key := actor + " " + line
			seen[key] = true
			t.Run(strings.ReplaceAll(key, " ", "_"), func(t *testing.T) {
				ws := redistest.Scope(t, rdb, "console", "matrix").Workspace
				r := newRigOn(t, rdb, rm, ws, "admin", "gadmin")
				for _, who := range []string{"member", "lead1", "lead2", "admin", "m1", "m2", "m3"} {
					r.must("@"+who+" /mentor join", "Welcome")
				}
				r.must("@admin /mentor assign @m1 @lead1", "is now in @lead1's mentees")
				r.must("@admin /mentor assign @m2 @lead2", "is now in @lead2's mentees")
				r.must("@admin /mentor leads add @glead", "is now a lead")
				r.must("@admin /mentor assign @m3 @glead", "is now in @glead's mentees")
				got := r.say("@" + actor + " /mentor " + line)
				if strings.Contains(got, "went wrong") || strings.TrimSpace(got) == "" {
					t.Fatalf("%s:\n%s", key, got)
				}
				w, ok := want[key]
				if !ok {
					return
				}
				for _, deny := range []string{refused, notLead, noAdmin} {
					if w == allow && strings.Contains(got, deny) {
						t.Fatalf("%s was denied: %s", key, got)
					}
				}
				if w != allow && !strings.Contains(got, w) {
					t.Fatalf("%s\n got: %s\nwant: %s", key, got, w)
				}
				if w == refused && strings.Contains(got, "hasn't joined") {
					t.Errorf("the refusal reveals something: %s", got)
				}
			})
		}
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("cell %q is not generated from bot.Table(): fix the cell or the table's examples", key)
		}
	}
	if n := len(seen); n < 300 {
		t.Errorf("only %d cells generated", n)
	}
	fmt.Fprintln(testWriter{t}, len(seen), "cells")
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
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
