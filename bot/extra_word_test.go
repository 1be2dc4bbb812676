package bot_test

import (
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// Every command of the table, given one word more than its examples,
// answers with an error that names that word: no word of the line
// vanishes from the answer, and a value is not blamed for a word after it
// ("mentees csv extra": csv takes no page; "digest channel #a b c": b and
// c are both unexpected). Commands whose last argument takes the rest of
// the line (a question, a skill's name, a zone) read the word as part of
// it and are left out.
func TestExtraWordNamed(t *testing.T) {
	say := journeyBot(t)
	say("boss", "join mid", false)
	const extra = "zzq"
	for _, top := range bot.Table() {
		cmds := []bot.Command{top}
		paths := []string{top.Name}
		for _, s := range top.Subs {
			cmds = append(cmds, s)
			paths = append(paths, top.Name+" "+s.Name)
		}
		for i, cmd := range cmds {
			if len(cmd.Subs) > 0 {
				continue
			}
			for _, ex := range cmd.Examples {
				if takesRest(cmd, ex, paths[i]) {
					continue
				}
				line := ex + " " + extra
				got := say("boss", line, false).Text
				if !strings.Contains(got, extra) {
					t.Errorf("/mentor %s: %q, want it to name %q", line, got, extra)
				}
			}
		}
	}
}

// The two answers a tester found blaming the wrong word.
func TestExtraWordsNotBlamedOnOthers(t *testing.T) {
	say := journeyBot(t)
	for line, want := range map[string]string{
		"mentees csv extra":        "I didn't expect \"extra\": `/mentor mentees csv` takes nothing after `csv`.",
		"mentees csv 2":            "I didn't expect \"2\": `/mentor mentees csv` takes nothing after `csv`.",
		"digest channel #a b c":    "I didn't expect \"b c\".",
		"digest channel #a only c": "I didn't expect \"c\".",
	} {
		if got := say("boss", line, false).Text; !strings.HasPrefix(got, want) {
			t.Errorf("/mentor %s: %q, want it to start %q", line, got, want)
		}
	}
}

// takesRest reports whether the example fills the command's last
// argument, and that argument takes the rest of the line.
func takesRest(cmd bot.Command, ex, path string) bool {
	words := strings.Fields(strings.TrimPrefix(ex, path))
	if len(cmd.Args) == 0 {
		return false
	}
	last := cmd.Args[len(cmd.Args)-1]
	switch last.Kind {
	case bot.ArgText, bot.ArgSkill, bot.ArgStage, bot.ArgTrack, bot.ArgLevel, bot.ArgCommand, bot.ArgZone:
		return len(words) >= len(cmd.Args) || len(cmd.Args) == 1
	}
	return false
}
