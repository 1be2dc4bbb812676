package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
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

// export and forget of someone of whom nothing is kept don't deny rights
// they have from outside the store: an admin of ADMIN_USERS, a platform
// admin and a holder of the platform's lead role are told where their
// rights come from instead of "have no lead rights" (journey j5 finding 3).
func TestKeepNothingNamesOutsideRights(t *testing.T) {
	b, sc := clockBot(t, "keep", bot.Config{Admins: []string{"boss"}})
	for _, c := range []struct {
		user string
		role bot.Role
		want string
	}{
		{"boss", bot.RoleMember, "Your admin rights, lead rights among them, come from ADMIN_USERS"},
		{"owner", bot.RoleAdmin, "Your admin rights, lead rights among them, come from your workspace's admin role"},
		{"chief", bot.RoleLead, "Your lead rights come from the platform's lead role"},
		{"ghost", bot.RoleMember, "lead nobody and have no lead rights."},
	} {
		for _, line := range []string{"export", "forget"} {
			got := b.Handle(context.Background(), bot.Request{Scope: sc, User: c.user, Role: c.role, Text: line}).Text
			if !strings.HasPrefix(got, "I keep nothing about you: you haven't joined") || !strings.Contains(got, c.want) ||
				c.user != "ghost" && strings.Contains(got, "no lead rights") {
				t.Errorf("%s: /mentor %s: %q, want %q in it", c.user, line, got, c.want)
			}
		}
	}
}
