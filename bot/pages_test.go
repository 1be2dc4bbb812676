package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
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
