package bot_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// mentorRef finds the commands a reply names: `/mentor …` in its text.
var mentorRef = regexp.MustCompile("`/mentor ([^`]*)`")

// What every command of the table answers someone who never joined, and
// who is no lead, names only commands they can use: no `/mentor nudges`
// or `/mentor mentees` in a hint, as text or as a button (journey j1
// finding 6). The help list itself is the exception: it lists everything.
func TestNeverJoinedHintsUsable(t *testing.T) {
	b, _, _ := tableBot(t)
	sc := bot.Scope{Platform: "test", Workspace: "table"}
	sayAs := func(user, line string, free bool) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Name: user, Text: line, Free: free})
	}
	perm := map[string]bot.Perm{}
	for _, c := range b.Commands() {
		perm[c.Name] = c.Perm
	}
	usable := func(line string) bool {
		name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		p, ok := perm[strings.ToLower(name)]
		return !ok || p == bot.Anyone
	}
	type line struct {
		text string
		free bool
	}
	var lines []line
	for path, c := range leaves(b) {
		for _, ex := range c.Examples {
			switch {
			case path == "help" && ex == "help":
				continue // the list of every command
			case path == "join":
				continue // they have joined now
			}
			lines = append(lines, line{ex, false})
		}
	}
	// The hints answer words that mean a command, typed or said; the
	// answer before joining names its buttons' commands too.
	for _, h := range bot.Hints() {
		for _, bt := range h.BeforeButtons {
			if !strings.Contains(h.Before, "`/mentor "+bt.Command+"`") {
				t.Errorf("hint %q: Before doesn't name its button's command %q", h.Before, bt.Command)
			}
		}
		for _, w := range h.Says {
			lines = append(lines, line{w, false}, line{w, true})
		}
	}
	for n, l := range lines {
		ex := l.text
		user := "ghost" + strconv.Itoa(n)
		{
			msg := sayAs(user, ex, l.free)
			var named []string
			for _, s := range append([]string{msg.Title, msg.Text, msg.Footer}, fieldTexts(msg)...) {
				for _, m := range mentorRef.FindAllStringSubmatch(s, -1) {
					named = append(named, m[1])
				}
			}
			for _, bt := range msg.Buttons {
				named = append(named, bt.Command)
			}
			for _, line := range named {
				// A line naming the caller is for someone else to run
				// ("an admin can make you one with `/mentor leads add
				// @you`"), and a command's help names that command.
				if strings.Contains(line, "<@"+user+">") || strings.HasPrefix(ex, "help ") && strings.HasPrefix(line, strings.TrimPrefix(ex, "help ")) {
					continue
				}
				if !usable(line) {
					t.Errorf("never joined: /mentor %s names `/mentor %s`, which they can't use yet: %q %+v", ex, line, msg.Text, msg.Buttons)
				}
			}
		}
	}
}

func fieldTexts(m bot.Message) []string {
	var out []string
	for _, f := range m.Fields {
		out = append(out, f.Name, f.Value)
	}
	return out
}

// Joining where the platform said no time zone (Discord never does;
// Slack when users.info did not answer) says the nudge time is UTC's and
// how to set one's own; with a zone, it says nothing of the kind.
func TestJoinWithoutZoneSaysSo(t *testing.T) {
	b, _, _ := tableBot(t)
	sc := bot.Scope{Platform: "test", Workspace: "zone"}
	for _, c := range []struct {
		user, zone string
		note       bool
	}{{"UNOZONE", "", true}, {"UZONE", "Europe/Berlin", false}} {
		m := b.Handle(context.Background(), bot.Request{Scope: sc, User: c.user, Zone: c.zone, Text: "join"})
		if got := strings.Contains(m.Text, "I don't know your time zone"); got != c.note || !strings.Contains(m.Text, "starting at") {
			t.Errorf("join with zone %q: %q; want the note about the zone: %v", c.zone, m.Text, c.note)
		}
	}
}
