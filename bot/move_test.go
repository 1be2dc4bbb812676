package bot_test

import (
	"strings"
	"testing"
)

// An admin who moves a pending invitation to another lead says so in the
// reply and tells the lead who made it, as a move of a joined mentee does
// (journey j1 finding 2: the move was silent).
func TestAdminMovesInvitation(t *testing.T) {
	_, sent, say := dmBot(t)
	say("lead", "assign @newbie", false)
	got := say("boss", "assign @newbie @amy", false).Text
	for _, want := range []string{"invited them to be <@amy>'s mentee", "It replaces <@lead>'s invitation of Thu 3 Dec 2026, which is withdrawn; I've told <@lead>"} {
		if !strings.Contains(got, want) {
			t.Errorf("boss moves lead's invitation: %q, want %q in it", got, want)
		}
	}
	if d := sent.to("lead"); len(d) != 1 || d[0] != "<@boss> moved your invitation of <@newbie> to <@amy>: they're no longer in your mentees." {
		t.Errorf("lead's DMs: %q", d)
	}
	// The admin moving their own invitation is told nothing by DM.
	got = say("boss", "assign @newbie @lead", false).Text
	if !strings.Contains(got, "It replaces <@amy>'s invitation of Thu 3 Dec 2026, which is withdrawn; I've told <@amy>") {
		t.Errorf("boss moves amy's invitation back: %q", got)
	}
	say("boss", "assign @newbie", false)
	if got := say("boss", "assign @newbie @amy", false).Text; !strings.Contains(got, "It replaces your invitation of Thu 3 Dec 2026, which is withdrawn; I said so in <@newbie>'s new invitation.") {
		t.Errorf("boss moves their own invitation: %q", got)
	}
	if d := sent.to("boss"); len(d) != 0 {
		t.Errorf("boss was DM'd about their own move: %q", d)
	}
}

// DMs name a person one way, as a mention (Slack and Discord show it as
// the person's current name, the console as @name): an invitation from a
// lead who hasn't joined and one from a lead who has both read "<@lea>
// would like to be your lead", and so do the replies and notes of assign
// (journey j5 finding 4: "@lea" in one invitation, "lea" in the next).
func TestDMsNameAPersonOneWay(t *testing.T) {
	_, sent, say := dmBot(t)
	say("boss", "leads add @lea", false)
	say("lea", "assign @newbie", false)
	say("lea", "join", false)
	say("lea", "assign @newer", false)
	for _, who := range []string{"newbie", "newer"} {
		if d := sent.to(who); len(d) == 0 || !strings.HasPrefix(d[len(d)-1], "<@lea> would like to be your lead") {
			t.Errorf("%s's invitation: %q, want it to name <@lea>", who, d)
		}
	}
	say("boss", "assign @amy @lea", false)
	if d := sent.to("amy"); len(d) == 0 || !strings.HasPrefix(d[len(d)-1], "<@lea> is now your lead, set by <@boss>") {
		t.Errorf("amy's DM: %q", d)
	}
	if got := say("boss", "assign @amy @lead", false).Text; !strings.HasPrefix(got, "<@amy> is now in <@lead>'s mentees (moved from <@lea>'s mentees).") {
		t.Errorf("boss moves amy: %q", got)
	}
}
