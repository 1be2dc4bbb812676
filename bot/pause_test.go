package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// A pause typed as a sentence, with its closing punctuation or in any
// case, is read as the length it says (journey j1 finding 4).
func TestPauseAsTyped(t *testing.T) {
	b, sc := clockBot(t, "pause-typed", bot.Config{})
	say := func(line string) string {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: line}).Text
	}
	say("join")
	for line, want := range map[string]string{
		"nudges pause 1 week!":       "Nudges paused for 1 week, until",
		"nudges Pause 1 Week":        "Nudges paused for 1 week, until",
		"NUDGES PAUSE 2 Weeks.":      "Nudges paused for 2 weeks, until",
		"nudges pause 10 days?":      "Nudges paused for 10 days, until",
		"nudges pause until 4 Jan!":  "Nudges paused until Mon 4 Jan 2027.",
		"nudges pause for 3 weeks!!": "Nudges paused for 3 weeks, until",
	} {
		if got := say(line); !strings.HasPrefix(got, want) {
			t.Errorf("/mentor %s: %q, want it to start %q", line, got, want)
		}
	}
	if got := say("nudges pause soon!"); !strings.HasPrefix(got, `I can't read "soon!" as a length or a date.`) {
		t.Errorf("/mentor nudges pause soon!: %q", got)
	}
}
