package bot_test

import (
	"strings"
	"testing"
)

// forget of someone of whom nothing is kept says so, as export does,
// rather than warn that it can't be undone and then report a deletion
// (journey finding 13); anyone with something kept is asked first, and
// after the deletion nothing is kept.
func TestForgetWhenNothingKept(t *testing.T) {
	_, _, say := dmBot(t)
	const nothing = "I keep nothing about you: you haven't joined, lead nobody and have no lead rights. There's nothing to delete."
	for _, line := range []string{"forget", "forget confirm"} {
		if got := say("ghost", line, false); got.Text != nothing || len(got.Buttons) != 0 || got.Title != "" {
			t.Errorf("ghost: /mentor %s: %q %q %+v, want %q", line, got.Title, got.Text, got.Buttons, nothing)
		}
	}
	// An invitation is kept about someone who never joined.
	say("lead", "assign @newbie", false)
	for _, user := range []string{"amy", "newbie"} {
		if got := say(user, "forget", false); got.Title != "Delete your data?" || len(got.Buttons) == 0 {
			t.Errorf("%s: /mentor forget: %q %q, want the confirmation", user, got.Title, got.Text)
		}
	}
	if got := say("amy", "forget confirm", false); !strings.HasPrefix(got.Text, "Done: I've deleted everything") {
		t.Errorf("amy: /mentor forget confirm: %q", got.Text)
	}
	for _, line := range []string{"forget", "forget confirm"} {
		if got := say("amy", line, false); got.Text != nothing {
			t.Errorf("amy, forgotten: /mentor %s: %q, want %q", line, got.Text, nothing)
		}
	}
}
