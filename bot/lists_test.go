package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// shown is what a person reads of a message: everything but the commands
// behind its buttons.
func shown(m bot.Message) string {
	s := []string{m.Title, m.Text, m.Footer}
	for _, f := range m.Fields {
		s = append(s, f.Name, f.Value)
	}
	return strings.Join(s, "\n")
}

// rawIDs returns the ids that text shows other than as mentions.
func rawIDs(text string, ids ...string) []string {
	var out []string
	for _, id := range ids {
		if strings.Contains(strings.ReplaceAll(text, "<@"+id+">", ""), id) {
			out = append(out, id)
		}
	}
	return out
}

// Lists name people whose names the platform never told (Slack DMs carry
// only ids) as mentions, never as raw ids; `team` with leads who lead
// nobody says so.
func TestListsShowPeopleNotIDs(t *testing.T) {
	b, sc := clockBot(t, "lists", bot.Config{Admins: []string{"UBOSS"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	if got := say("UBOSS", "team").Text; !strings.HasPrefix(got, "No leads yet: nobody here has lead rights or mentees.") {
		t.Errorf("team with no leads: %q", got)
	}
	say("UBOSS", "leads add <@ULEAD>")
	if got := say("UBOSS", "team").Text; got != "No lead leads anyone yet. <@ULEAD> has lead rights and no mentees: assign them one with `/mentor assign @member <@ULEAD>`." {
		t.Errorf("team with a lead of nobody: %q", got)
	}
	say("UANN", "join")
	say("ULEAD", "assign <@UANN>")
	say("ULEAD", "assign <@UGHOST>")
	for _, line := range []string{"team", "leads", "leads list"} {
		m := say("UBOSS", line)
		if raw := rawIDs(shown(m), "ULEAD", "UANN", "UGHOST"); len(raw) > 0 {
			t.Errorf("%s shows raw ids %v:\n%s", line, raw, shown(m))
		}
	}
	m := say("ULEAD", "mentees")
	if raw := rawIDs(shown(m), "ULEAD", "UANN", "UGHOST"); len(raw) > 0 || !strings.Contains(shown(m), "<@UANN>") || !strings.Contains(shown(m), "<@UGHOST>") {
		t.Errorf("mentees shows raw ids %v:\n%s", raw, shown(m))
	}
	if !strings.Contains(shown(say("UBOSS", "team")), "<@ULEAD>") {
		t.Errorf("team does not name the lead:\n%s", shown(say("UBOSS", "team")))
	}

	// export leaves out what was never set: a lead who never joined has
	// no stage, dates, nudges, skills or delivery record.
	var doc map[string]any
	if err := json.Unmarshal(say("ULEAD", "export").File.Data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"stage", "joined", "last_active", "last_progress", "nudges", "nudge_state", "skills", "name"} {
		if v, ok := doc[k]; ok {
			t.Errorf("a lead's export has %s: %v", k, v)
		}
	}
	for _, k := range []string{"id", "lead_rights", "mentees", "invitations", "events"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("a lead's export lacks %s", k)
		}
	}
	doc = nil
	if err := json.Unmarshal(say("UANN", "export").File.Data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"stage", "joined", "last_active", "nudges", "lead"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("a member's export lacks %s", k)
		}
	}
}

// team with many leads of nobody names maxNamedLeads of them and counts
// the rest, so that the answer stays one message.
func TestNoTeamNamesAFew(t *testing.T) {
	b, sc := clockBot(t, "no-team", bot.Config{Admins: []string{"UBOSS"}})
	for i := range 25 {
		b.Handle(context.Background(), bot.Request{Scope: sc, User: "UBOSS", Text: fmt.Sprintf("leads add <@UL%02d>", i)})
	}
	got := b.Handle(context.Background(), bot.Request{Scope: sc, User: "UBOSS", Text: "team"}).Text
	if !strings.Contains(got, "<@UL09>, 15 more have lead rights and no mentees") || strings.Contains(got, "<@UL10>") {
		t.Errorf("team with 25 leads of nobody: %q", got)
	}
}

// A lead who tries to take someone else's mentee is told the ways
// forward, an admin's move or the member's `lead leave`, without naming
// the other lead (journey j6 finding 4).
func TestHasLeadGivesTheWayForward(t *testing.T) {
	b, sc := clockBot(t, "has-lead", bot.Config{Admins: []string{"UBOSS"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("UBOSS", "leads add <@UL1>")
	say("UBOSS", "leads add <@UL2>")
	say("UM01", "join")
	say("UL1", "assign <@UM01>")
	got := say("UL2", "assign <@UM01>").Text
	for _, want := range []string{"That member already has a lead.", "`/mentor assign <@UM01> <@UL2>`", "`/mentor lead leave`"} {
		if !strings.Contains(got, want) {
			t.Errorf("assign of another lead's mentee lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "UL1") {
		t.Errorf("the refusal names the other lead: %q", got)
	}
	if got := say("UBOSS", "assign <@UM01> <@UL2>").Text; !strings.Contains(got, "is now in <@UL2>'s mentees") {
		t.Errorf("the admin's move it points to: %q", got)
	}
}
