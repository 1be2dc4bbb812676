package bot_test

import (
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// A platform's typed options (Discord's) go through the cleaning and the
// length limit that typed text does: every text and skill option of the
// table, given 600 characters, is refused as Slack and the console
// refuse the line, and keys that are not text never reach an answer.
func TestOptionsCleanedAsTyped(t *testing.T) {
	b, sc := clockBot(t, "options", bot.Config{Admins: []string{"boss"}})
	opt := func(user, cmd string, opts map[string]string) bot.Message {
		return b.Handle(t.Context(), bot.Request{Scope: sc, User: user, Name: user, Text: cmd, Options: opts})
	}
	for _, u := range []string{"boss", "lead", "amy"} {
		opt(u, "join", nil)
	}
	checked := 0
	for _, c := range bot.Table() {
		cmds := []bot.Command{c}
		prefix := ""
		if len(c.Subs) > 0 {
			cmds, prefix = c.Subs, c.Name+" "
		}
		for _, leaf := range cmds {
			for _, a := range leaf.Args {
				if a.Kind != bot.ArgText && a.Kind != bot.ArgSkill {
					continue
				}
				checked++
				path := prefix + leaf.Name
				user := callerFor(c.Perm)
				long := opt(user, path, map[string]string{a.Name: strings.Repeat("a", 600)})
				if !strings.Contains(long.Text, "please keep it to 500 characters") {
					t.Errorf("%s with a 600-character %s option: %q, want the length refusal", path, a.Name, long.Text)
				}
				keys := opt(user, path, map[string]string{a.Name: "\x07zzq\x1b[A"})
				if strings.ContainsAny(keys.Text, "\x07\x1b") || strings.Contains(keys.Text, "zzq[A") {
					t.Errorf("%s with option %s %q: %q still holds the keys", path, a.Name, "\x07zzq\x1b[A", keys.Text)
				}
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d text and skill options checked", checked)
	}
	got := opt("amy", "done", map[string]string{"skill": "\x07git\x1b[A"})
	if want := opt("amy", "done", map[string]string{"skill": "git"}); strings.Contains(got.Text, "don't know") ||
		!strings.Contains(want.Text, "already") && got.Text == want.Text {
		t.Errorf("done with skill option \\x07git\\x1b[A: %q", got.Text)
	}
}
