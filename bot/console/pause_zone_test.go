package console_test

import (
	"strings"
	"testing"
	"time"
)

// TestPauseUntilDateKeepsTheDate: a pause "until <date>" keeps the date
// typed when the zone changes afterwards, and the nudge due on that date
// in the new zone comes (UTC+14 used to put the pause's end past it).
func TestPauseUntilDateKeepsTheDate(t *testing.T) {
	r := digestRig(t)
	r.must("/mentor join", "Welcome")
	r.must("/mentor nudges pause until 4 jan", "Nudges paused until Mon 4 Jan 2027.")
	for _, tt := range []struct{ zone, next string }{
		{"America/Sao_Paulo", "Next: Mon 4 Jan 09:00"},
		{"Pacific/Kiritimati", "Next: Mon 4 Jan 09:00"},
		{"UTC", "Next: Mon 4 Jan 09:00"},
		{"Pacific/Kiritimati", "Next: Mon 4 Jan 09:00"},
	} {
		r.must("/mentor nudges time mon 9am "+tt.zone, "Mondays at 09:00")
		got := r.must("/mentor nudges status", "Paused until Mon 4 Jan 2027.")
		if !strings.Contains(got, tt.next) {
			t.Errorf("in %s: %s\nwant %q", tt.zone, got, tt.next)
		}
	}
	// Mon 4 Jan 08:00 in Kiritimati (UTC+14); the nudge is due at 09:00.
	r.clk.Set(time.Date(2027, 1, 3, 18, 0, 0, 0, time.UTC))
	if got := dms(r.say(":advance 2h"))["you"]; len(got) != 1 {
		t.Fatalf("Mon 4 Jan in Kiritimati: DMs to you %q, want the nudge", got)
	}
}
