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
	for _, want := range []string{"invited them to be amy's mentee", "It was moved from <@lead>'s invitations. I've told <@lead> by DM."} {
		if !strings.Contains(got, want) {
			t.Errorf("boss moves lead's invitation: %q, want %q in it", got, want)
		}
	}
	if d := sent.to("lead"); len(d) != 1 || d[0] != "Your invitation to <@newbie> was moved to amy by <@boss>: they're no longer invited to be your mentee." {
		t.Errorf("lead's DMs: %q", d)
	}
	// The admin moving their own invitation is told nothing by DM.
	got = say("boss", "assign @newbie @lead", false).Text
	if !strings.Contains(got, "It was moved from <@amy>'s invitations. I've told <@amy> by DM.") {
		t.Errorf("boss moves amy's invitation back: %q", got)
	}
	say("boss", "assign @newbie", false)
	if got := say("boss", "assign @newbie @amy", false).Text; !strings.HasSuffix(got, "It was moved from your invitations.") {
		t.Errorf("boss moves their own invitation: %q", got)
	}
	if d := sent.to("boss"); len(d) != 0 {
		t.Errorf("boss was DM'd about their own move: %q", d)
	}
}
