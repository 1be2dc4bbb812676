package console_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A lead whose rights were removed exports a log that says who did what
// to whom, newest first: their own join (stored apart from the log) among
// the rest by its time, an admin's grant and removal as the admin's doing,
// and their mentee's join as the mentee's, not theirs.
func TestExportSaysWhoDidWhatToWhom(t *testing.T) {
	r := digestRig(t, "root")
	r.must("@root /mentor leads add @ann", "is now a lead")
	r.say(":advance 1h")
	r.must("@ann /mentor assign @lea", "invited")
	r.say(":advance 1h")
	r.must("@lea /mentor join mid", "Welcome")
	r.say(":advance 1h")
	r.must("@ann /mentor join", "Welcome")
	r.say(":advance 1h")
	r.must("@root /mentor leads remove @ann confirm", "no longer a lead")
	exp := r.must("@ann /mentor export", "--- mentorbot-export.json ---\n")
	js := exp[strings.Index(exp, "--- mentorbot-export.json ---\n")+len("--- mentorbot-export.json ---\n"):]
	js = js[:strings.LastIndex(js, "\n---")]
	var doc struct {
		Events []struct {
			At                       time.Time
			Summary, Kind, By, About string
			Lead, Detail             string
		}
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("export: %v\n%s", err, exp)
	}
	var got []string
	for i, e := range doc.Events {
		got = append(got, e.Summary)
		if i > 0 && e.At.After(doc.Events[i-1].At) {
			t.Errorf("event %d (%s) is newer than the one before it", i, e.Summary)
		}
	}
	want := []string{
		"root took lea off your mentees.",
		"root removed your lead rights.",
		"You joined at junior.",
		"lea joined at mid.",
		"You invited lea to be your mentee.",
		"root gave you lead rights.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range doc.Events {
		switch e.Summary {
		case "lea joined at mid.":
			if e.By != "lea" || e.About != "lea" {
				t.Errorf("mentee's join: by %q about %q, want lea", e.By, e.About)
			}
		case "root removed your lead rights.":
			if e.By != "root" || e.About != "ann" {
				t.Errorf("removal: by %q about %q", e.By, e.About)
			}
		case "root took lea off your mentees.":
			if e.By != "root" || e.About != "lea" || e.Lead != "ann" {
				t.Errorf("unassign: by %q about %q lead %q", e.By, e.About, e.Lead)
			}
		}
	}
}
