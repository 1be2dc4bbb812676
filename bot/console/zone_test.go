package console_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
)

// Nudges follow real life: zone names in any case, abbreviations as the
// region's zone, pauses until a date, every time with its zone.
func TestNudgesFollowRealLife(t *testing.T) {
	r := newRig(t)
	r.must("/mentor join", "Welcome")
	got := r.must("/mentor nudges time fri 16:30 europe/berlin", "Fridays at 16:30 (Europe/Berlin)")
	if !strings.Contains(got, "Next: Fri 27 Nov 16:30 CET (Europe/Berlin).") {
		t.Errorf("next nudge without its zone: %s", got)
	}
	r.must("/mentor nudges time fri 16:30 AMERICA/NEW_YORK", "(America/New_York)")
	got = r.must("/mentor nudges time mon 09:00 EST", "Mondays at 09:00 Eastern Time (America/New_York)")
	if strings.Count(strings.TrimSpace(got), "\n") != 0 {
		t.Errorf("EST: %s", got)
	}
	r.must("/mentor nudges time mon 09:00 pst", "Pacific Time (America/Los_Angeles)")
	r.must("/mentor nudges time mon 09:00 Mars/Olympus", "isn't a time zone I know")
	r.must("/mentor nudges time mon 09:00 utc", "(UTC)")

	r.must("/mentor nudges pause until 2027-01-04", "Nudges paused until Mon 4 Jan 2027.")
	r.must("/mentor nudges status", "Paused until Mon 4 Jan 2027.")
	r.must("/mentor nudges pause until 2026-11-01", "Sun 1 Nov 2026 is in the past; pick a later day.")
	r.must("/mentor nudges pause until 2020-01-01", "Wed 1 Jan 2020 is in the past; pick a later day.")
	r.must("/mentor nudges pause until 2026-11-25", "Wed 25 Nov 2026 is today, which has already begun; pick a later day.")
	r.must("/mentor nudges pause until 2030-01-01", "more than a year away")
	r.must("/mentor nudges pause until tomorrow", "I can't read \"until tomorrow\" as a length or a date.")
	r.must("/mentor nudges pause 2", "Nudges paused for 2 weeks, until Wed 9 Dec 2026.")
	r.must("/mentor nudges pause 0", "Pause for a day to a year (52 weeks)")
	r.must("/mentor nudges on", "Weekly nudges are on.")

	r.must("/mentor nudges off", "Weekly nudges are off;")
	r.must("/mentor nudges off", "Your weekly nudges are already off.")
}

// On a platform that tells the member's zone (Slack), the nudge follows a
// move unless the member chose their zone themselves.
func TestZoneFollowsThePlatform(t *testing.T) {
	r := newRig(t)
	sc := bot.Scope{Platform: console.Platform, Workspace: r.ws}
	say := func(user, zone, text string) string {
		return r.b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Name: user, Zone: zone, Text: text}).Text
	}
	say("mover", "Europe/Berlin", "join")
	say("chooser", "Europe/Berlin", "join")
	if got := say("mover", "Europe/Berlin", "nudges"); !strings.Contains(got, "(Europe/Berlin)") {
		t.Fatalf("at join: %s", got)
	}
	say("chooser", "Europe/Berlin", "nudges time mon 09:00 Asia/Tokyo")
	// Both moved to New York.
	if got := say("mover", "America/New_York", "nudges"); !strings.Contains(got, "Mondays at 09:00 Eastern Time (America/New_York)") ||
		!strings.Contains(got, "EST (America/New_York)") {
		t.Fatalf("after the move: %s", got)
	}
	if got := say("chooser", "America/New_York", "nudges"); !strings.Contains(got, "(Asia/Tokyo)") {
		t.Fatalf("a chosen zone was replaced: %s", got)
	}
	if got := say("mover", "", "nudges"); !strings.Contains(got, "(America/New_York)") {
		t.Fatalf("a request without a zone changed it: %s", got)
	}
}
