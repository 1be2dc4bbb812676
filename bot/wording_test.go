package bot_test

import (
	"strings"
	"testing"
)

// The core's own sentences a new user found wrong or puzzling (journey
// finding 12), each said as it is now.
func TestWordingJourney(t *testing.T) {
	_, sent, say := dmBot(t)
	long := strings.Repeat("a", 501)
	if got := say("amy", "ask "+long[:496], false).Text; strings.Contains(got, "too long") {
		t.Errorf("500 characters refused: %q", got)
	}
	if got := say("amy", "ask "+long[:497], false).Text; got != "That's too long: please keep it to 500 characters or fewer." {
		t.Errorf("501 characters: %q", got)
	}
	if got := say("amy", "thanks!", true).Text; !strings.HasPrefix(got, "You're welcome!") {
		t.Errorf("DM thanks!: %q", got)
	}
	if got := say("amy", "hi 👋", true).Text; !strings.HasPrefix(got, "Hi! I'm mentorbot") {
		t.Errorf("DM hi 👋: %q", got)
	}
	if got := say("amy", "team", false).Text; strings.Contains(got, "ADMIN_USERS") || !strings.HasSuffix(got, "aren't one here; ask an admin (<@boss>).") {
		t.Errorf("team by a non-admin: %q", got)
	}
	// Said to the lead who made the invitation, "that lead" is them.
	say("lead", "assign @newbie", false)
	if got := say("lead", "assign @newbie", false).Text; got != "<@newbie> is already invited to your mentees; they haven't joined yet." {
		t.Errorf("lead invites newbie again: %q", got)
	}
	// An admin who moves their own mentee to another lead is not DM'd
	// about it, so only the mentee was told.
	say("boss", "assign @bob", false)
	if got := say("boss", "assign @bob @lead", false).Text; !strings.HasSuffix(got, "(moved from your mentees). I've told <@bob> by DM.") {
		t.Errorf("boss moves own mentee bob: %q", got)
	}
	if n := len(sent.to("boss")); n != 0 {
		t.Errorf("boss was DM'd about their own move: %q", sent.to("boss"))
	}
	// An admin who takes a lead's mentee: the lead reads who leads them
	// now, not "boss moved them to boss".
	say("boss", "assign @alice @boss", false)
	got := sent.to("lead")
	if len(got) == 0 || got[len(got)-1] != "<@alice> is no longer your mentee: <@boss> leads them now." {
		t.Errorf("lead's DM when boss takes alice: %q", got)
	}
}
