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
	for _, want := range []string{"invited them to be amy's mentee", "It replaces <@lead>'s invitation of Thu 3 Dec 2026, which is withdrawn; I've told <@lead>"} {
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
