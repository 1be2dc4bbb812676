package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// Saying `nudges skip` again skips the week after too; it never brings
// back a week already skipped (journey finding: the second skip undid the
// first), and after maxSkipWeeks it points to pause instead.
func TestSkipAgainSkipsTheNextWeek(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup []string
		want  []string // each skip's "Next:" date, in order
	}{
		{"just joined", nil, []string{"Mon 14 Dec", "Mon 21 Dec", "Mon 28 Dec"}},
		{"paused a week", []string{"nudges pause 1 week"}, []string{"Mon 21 Dec", "Mon 28 Dec", "Mon 4 Jan"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, sc := clockBot(t, "skip-again", bot.Config{})
			say := func(text string) string {
				t.Helper()
				return b.Handle(context.Background(), bot.Request{Scope: sc, User: "U1", Text: text}).Text
			}
			say("join junior")
			for _, s := range tc.setup {
				say(s)
			}
			for i, want := range tc.want {
				got := say("nudges skip")
				if !strings.Contains(got, "Next: "+want) {
					t.Fatalf("skip %d: %q, want Next: %s", i+1, got, want)
				}
				if st := say("nudges"); !strings.Contains(st, "Next: "+want) {
					t.Errorf("after skip %d, nudges says %q, want Next: %s", i+1, st, want)
				}
			}
			var last string
			for range 10 {
				last = say("nudges skip")
			}
			if !strings.Contains(last, "nudges pause") || strings.Contains(last, "Skipped") {
				t.Errorf("skipping on and on: %q, want a pointer to pause", last)
			}
		})
	}
}
