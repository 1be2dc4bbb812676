package bot_test

import (
	"strings"
	"testing"
)

// export and forget name what is kept, and for a lead who never joined
// that is lead rights, invitations, a digest time and history: no
// profile, skills or nudge settings, no "lead's list", and no "starts
// afresh" for someone who never started (journey j1 finding 7).
func TestNeverJoinedLeadExportForget(t *testing.T) {
	_, _, say := dmBot(t)
	say("boss", "leads add @lee", false)
	say("lee", "assign @newbie", false)
	for _, c := range []struct{ line, want string }{
		{"export", "Everything I keep about you: your lead rights, 1 invitation you made, your digest's time and 2 events in your history."},
		{"forget", "This deletes your lead rights, 1 invitation you made, your digest's time and your history for good: " +
			"your invitation is withdrawn (the invitee is told by DM). It can't be undone."},
		{"forget confirm", "Done: I've deleted everything I had about you. You no longer lead anyone (1 open invitation before): " +
			"your links to them, your lead rights and your digest are gone."},
	} {
		line, want := c.line, c.want
		if got := say("lee", line, false).Text; !strings.HasPrefix(got, want) || strings.Contains(got, "profile") || strings.Contains(got, "afresh") {
			t.Errorf("never-joined lead: /mentor %s: %q, want %q", line, got, want)
		}
	}
	// A member's own export and forget name their profile and their lead.
	if got := say("alice", "export", false).Text; !strings.HasPrefix(got, "Everything I keep about you: your profile (stage, track and nudge settings), 0 skill statuses, your place in <@lead>'s mentees and ") {
		t.Errorf("alice: export: %q", got)
	}
	if got := say("lead", "forget", false).Text; !strings.HasPrefix(got, "This deletes your profile (stage, track and nudge settings), 0 skill statuses, your links to 1 mentee and your history for good: "+
		"your mentee will have no lead (they're told by DM). It can't be undone.") {
		t.Errorf("lead: forget: %q", got)
	}
	if got := say("lead", "forget confirm", false).Text; !strings.HasSuffix(got, "`/mentor join` starts afresh.") || strings.Contains(got, "lead rights") {
		t.Errorf("lead: forget confirm: %q", got)
	}
}
