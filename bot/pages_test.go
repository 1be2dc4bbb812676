package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// pageCommands are the command paths of the table that take a page.
func pageCommands() []string {
	var out []string
	var walk func(prefix string, cs []bot.Command)
	walk = func(prefix string, cs []bot.Command) {
		for _, c := range cs {
			walk(prefix+c.Name+" ", c.Subs)
			for _, a := range c.Args {
				if a.Name == "page" && a.Kind == bot.ArgInt {
					out = append(out, prefix+c.Name)
				}
			}
		}
	}
	walk("", bot.Table())
	return out
}

// Every command with a page answers a page below 1 as out of range
// ("mentees 0" once said "isn't one of csv or page") and a page past
// the end, however big, with the last page.
func TestPageArgumentsOutOfRange(t *testing.T) {
	b, sc := clockBot(t, "pages", bot.Config{Admins: []string{"UBOSS"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	for i := range 11 {
		id := fmt.Sprintf("UM%d", i)
		say(id, "join")
		say("UBOSS", "assign <@"+id+">")
	}
	cmds := pageCommands()
	if len(cmds) < 2 {
		t.Fatalf("commands with a page: %v", cmds)
	}
	for _, cmd := range cmds {
		for _, form := range []string{cmd + " ", cmd + " page "} {
			for _, n := range []string{"0", "-1"} {
				want := fmt.Sprintf("%q isn't a whole number from 1 to 10000.", n)
				if got := say("UBOSS", form+n).Text; !strings.HasPrefix(got, want) {
					t.Errorf("%s%s: %q, want it to start %q", form, n, got, want)
				}
			}
			for _, n := range []string{"99999", "12345678901"} {
				want := "There is no page " + n + ": the last is page "
				m := say("UBOSS", form+n)
				if !strings.HasPrefix(m.Text, want) || len(m.Buttons) != 1 {
					t.Errorf("%s%s: %q %v, want it to start %q with one button", form, n, m.Text, m.Buttons, want)
				}
			}
		}
	}
	if got := say("UBOSS", "mentees 99999").Text; got != "There is no page 99999: the last is page 2." {
		t.Errorf("mentees 99999 of 11 mentees: %q", got)
	}
}

// A page of mentees has a progress button for every row it shows (it
// once had four for ten rows), within Discord's 25 buttons and Slack's 25
// elements of an actions block.
func TestMenteesPageButtonPerRow(t *testing.T) {
	b, sc := clockBot(t, "row-buttons", bot.Config{Admins: []string{"UBOSS"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("UBOSS", "leads add <@ULEAD>")
	for i := range 11 {
		id := fmt.Sprintf("UM%02d", i)
		say(id, "join")
		say("ULEAD", "assign <@"+id+">")
	}
	for page, rows := range map[string]int{"mentees": 10, "mentees 2": 1} {
		m := say("ULEAD", page)
		if len(m.Fields) != rows {
			t.Fatalf("%s: %d rows, want %d", page, len(m.Fields), rows)
		}
		var progress []string
		for _, bt := range m.Buttons {
			if strings.HasPrefix(bt.Command, "progress ") {
				progress = append(progress, bt.Command)
			}
		}
		if len(progress) != rows || len(m.Buttons) > 25 {
			t.Errorf("%s: %d rows, %d progress buttons of %d: %v", page, rows, len(progress), len(m.Buttons), m.Buttons)
		}
		for i, f := range m.Fields {
			if i < len(progress) && progress[i] != "progress "+strings.TrimPrefix(f.Name, "⚠️ ") {
				t.Errorf("%s: row %q has button %q", page, f.Name, progress[i])
			}
		}
	}
}

// tripStore counts the store calls of the command under test.
type tripStore struct {
	bot.Store
	calls []string
}

func (s *tripStore) Load(ctx context.Context, sc bot.Scope, ids ...string) ([]*bot.Member, error) {
	s.calls = append(s.calls, "Load")
	return s.Store.Load(ctx, sc, ids...)
}

func (s *tripStore) MenteePage(ctx context.Context, sc bot.Scope, lead string, q bot.PageQuery) (bot.MenteePage, error) {
	s.calls = append(s.calls, "MenteePage "+lead)
	return s.Store.MenteePage(ctx, sc, lead, q)
}

func (s *tripStore) Mentees(ctx context.Context, sc bot.Scope, lead string) ([]*bot.Member, error) {
	s.calls = append(s.calls, "Mentees "+lead)
	return s.Store.Mentees(ctx, sc, lead)
}

// An admin drills down from `team` to one lead's mentees: each team row
// has a button running `mentees @lead`, whose page, next page and CSV work
// as the lead's own, at the cost of the lead's own (one load, one page).
// A lead may name themselves, not another lead; typed options (Discord)
// name the lead as the text does.
func TestAdminDrillsDownToALead(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	st := &tripStore{Store: memstore.New()}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: st, Logger: slog.New(slog.DiscardHandler), Admins: []string{"UBOSS"},
		Clock: fixedClock{time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "drill"}
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("UBOSS", "leads add <@ULEAD>")
	say("UBOSS", "leads add <@UOTHER>")
	for i := range 11 {
		id := fmt.Sprintf("UM%02d", i)
		say(id, "join")
		say("ULEAD", "assign <@"+id+">")
	}
	say("UX", "join")
	say("UOTHER", "assign <@UX>")

	team := say("UBOSS", "team")
	var drill []string
	for _, bt := range team.Buttons {
		if strings.HasPrefix(bt.Command, "mentees ") {
			drill = append(drill, bt.Command)
		}
	}
	if len(drill) != len(team.Fields) || len(team.Fields) != 2 || !slices.Contains(drill, "mentees <@ULEAD>") || len(team.Buttons) > 25 {
		t.Fatalf("team rows %d, drill-down buttons %v of %v", len(team.Fields), drill, team.Buttons)
	}

	st.calls = nil
	m := say("UBOSS", "mentees <@ULEAD>")
	if want := []string{"Load", "MenteePage ULEAD"}; !slices.Equal(st.calls, want) {
		t.Errorf("mentees @lead called the store %v, want %v", st.calls, want)
	}
	if m.Title != "A lead's mentees (11)" || !strings.HasPrefix(m.Text, "<@ULEAD> leads 11 mentees:") || len(m.Fields) != 10 {
		t.Fatalf("mentees @lead: %q %q, %d rows", m.Title, m.Text, len(m.Fields))
	}
	cmds := map[string]bool{}
	for _, bt := range m.Buttons {
		cmds[bt.Command] = true
	}
	if !cmds["mentees <@ULEAD> page 2"] || !cmds["mentees <@ULEAD> csv"] {
		t.Fatalf("mentees @lead buttons: %v", m.Buttons)
	}
	for _, line := range []string{"mentees <@ULEAD> page 2", "mentees <@ULEAD> 2", "mentees page 2 <@ULEAD>"} {
		if p := say("UBOSS", line); len(p.Fields) != 1 || p.Footer != "Page 2 of 2" {
			t.Errorf("%s: %d rows, footer %q: %s", line, len(p.Fields), p.Footer, p.Text)
		}
	}
	for _, line := range []string{"mentees <@ULEAD> csv", "mentees csv <@ULEAD>"} {
		f := say("UBOSS", line).File
		if f == nil || strings.Count(string(f.Data), "\n") != 12 || !strings.Contains(string(f.Data), "UM10,") {
			t.Errorf("%s: %+v", line, f)
		}
	}
	opt := b.Handle(context.Background(), bot.Request{Scope: sc, User: "UBOSS", Text: "mentees",
		Options: map[string]string{"lead": "<@ULEAD>", "page": "2"}})
	if len(opt.Fields) != 1 || opt.Footer != "Page 2 of 2" {
		t.Errorf("mentees with options lead and page: %d rows, %q", len(opt.Fields), opt.Text)
	}

	if got := say("ULEAD", "mentees <@UOTHER>").Text; !strings.HasPrefix(got, "Only admins can see another lead's mentees") {
		t.Errorf("a lead naming another lead: %q", got)
	}
	if got := say("UM00", "mentees <@ULEAD>").Text; !strings.HasPrefix(got, "Only leads and admins can do that") {
		t.Errorf("a member naming a lead: %q", got)
	}
	if got := say("ULEAD", "mentees <@ULEAD>").Title; got != "Your mentees (11)" {
		t.Errorf("a lead naming themselves: %q", got)
	}
	if m := say("UBOSS", "mentees <@UNOBODY>"); !strings.HasPrefix(m.Text, "<@UNOBODY> has no mentees and no open invitations.") || len(m.Buttons) != 1 {
		t.Errorf("mentees of someone who leads nobody: %q %v", m.Text, m.Buttons)
	}
}

// An admin who leads nobody, asking for their mentees (page or CSV), is
// pointed to `team` and `mentees @lead`; a lead is not.
func TestAdminWithoutMenteesPointedToTeam(t *testing.T) {
	b, sc := clockBot(t, "admin-none", bot.Config{Admins: []string{"UBOSS"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("UBOSS", "leads add <@ULEAD>")
	const admin = "You have no mentees yet. Take one with `/mentor assign @member`. " +
		"As an admin, `/mentor team` lists every lead and `/mentor mentees @lead` shows one lead's mentees."
	for _, line := range []string{"mentees", "mentees csv", "mentees <@UBOSS>"} {
		m := say("UBOSS", line)
		if m.Text != admin || len(m.Buttons) != 1 || m.Buttons[0].Command != "team" {
			t.Errorf("admin %s: %q %v", line, m.Text, m.Buttons)
		}
	}
	if m := say("ULEAD", "mentees"); m.Text != "You have no mentees yet. Take one with `/mentor assign @member`." || len(m.Buttons) != 0 {
		t.Errorf("lead mentees: %q %v", m.Text, m.Buttons)
	}
}

// Open invitations are paged after the mentees, ten rows a page as
// mentees are; a `team` row names a few and counts the rest; a lead whose
// only links are invitations is said to have invited, not to have no
// mentees (journey j6 finding 3).
func TestInvitationsPaged(t *testing.T) {
	b, sc := clockBot(t, "invites-paged", bot.Config{Admins: []string{"UBOSS"}})
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("UBOSS", "leads add <@ULEAD>")
	for i := range 25 {
		say("ULEAD", fmt.Sprintf("assign <@UI%02d>", i))
	}
	if got := say("UBOSS", "team").Text; !strings.Contains(got, "<@ULEAD> has invited 25 people, and nobody joined yet") || strings.Contains(got, "no mentees") {
		t.Errorf("team with a lead of invitations only: %q", got)
	}
	for i := range 5 {
		id := fmt.Sprintf("UM%02d", i)
		say(id, "join")
		say("ULEAD", "assign <@"+id+">")
	}
	seen := map[string]bool{}
	for page, rows := range map[string]int{"mentees": 10, "mentees 2": 10, "mentees 3": 10} {
		m := say("ULEAD", page)
		if len(m.Fields) != rows {
			t.Fatalf("%s: %d rows, want %d:\n%s", page, len(m.Fields), rows, shown(m))
		}
		for _, f := range m.Fields {
			if seen[f.Name] {
				t.Errorf("%s: %s shown twice", page, f.Name)
			}
			seen[f.Name] = true
		}
		if m.Footer == "" || !strings.HasPrefix(m.Footer, "Page ") || !strings.HasSuffix(m.Footer, " of 3") {
			t.Errorf("%s: footer %q", page, m.Footer)
		}
	}
	if got := say("ULEAD", "mentees 4").Text; !strings.HasPrefix(got, "There is no page 4: the last is page 3.") {
		t.Errorf("mentees 4: %q", got)
	}
	team := say("UBOSS", "team")
	if len(team.Fields) != 1 || strings.Count(team.Fields[0].Value, "<@UI") != 3 || !strings.Contains(team.Fields[0].Value, "and 22 more") {
		t.Errorf("team row: %+v", team.Fields)
	}
}
