package console_test

import (
	"strings"
	"testing"
	"time"
)

// Zones, times and pause lengths are read as people type them; what can't
// be read gets one short answer with examples, and nothing changes.
func TestTimesZonesAndLengthsAsTyped(t *testing.T) {
	r := newRig(t) // Wed 25 Nov 2026 10:00 UTC
	r.must("/mentor join", "Welcome")
	for _, c := range []struct{ line, want string }{
		{"nudges time mon 9am PST", "Mondays at 09:00 Pacific Time (America/Los_Angeles)"},
		{"nudges time mon 9:30pm Pacific", "Mondays at 21:30 Pacific Time (America/Los_Angeles)"},
		{"nudges time mon 9:30 PM pacific time", "Mondays at 21:30 Pacific Time (America/Los_Angeles)"},
		{"nudges time tue noon PT", "Tuesdays at 12:00 Pacific Time (America/Los_Angeles)"},
		{"nudges time tue noon PDT", "Tuesdays at 12:00 Pacific Time (America/Los_Angeles)"},
		{"nudges time thu midnight Eastern Time", "Thursdays at 00:00 Eastern Time (America/New_York)"},
		{"nudges time wed 21:00 UTC+2", "Wednesdays at 21:00 (UTC+02:00). Next: Wed 25 Nov 21:00 UTC+02:00."},
		{"nudges time thu 9 am GMT-5", "Thursdays at 09:00 (UTC-05:00)"},
		{"nudges time fri 8:15 +05:30", "Fridays at 08:15 (UTC+05:30). Next: Fri 27 Nov 08:15 UTC+05:30."},
		{"nudges time fri 7am utc", "Fridays at 07:00 (UTC)"},
		{"nudges pause 2 weeks", "Nudges paused for 2 weeks, until Wed 9 Dec 2026. Next: Fri 11 Dec 07:00 UTC."},
		{"nudges pause 2w", "Nudges paused for 2 weeks, until Wed 9 Dec 2026."},
		{"nudges pause 2", "Nudges paused for 2 weeks, until Wed 9 Dec 2026."},
		{"nudges pause 10 days", "Nudges paused for 10 days, until Sat 5 Dec 2026. Next: Fri 11 Dec 07:00 UTC."},
		{"nudges pause 10d", "Nudges paused for 10 days, until Sat 5 Dec 2026."},
		{"nudges pause until 4 Jan", "Nudges paused until Mon 4 Jan 2027. Next: Fri 8 Jan 07:00 UTC."},
		{"nudges pause Jan 4, 2027", "Nudges paused until Mon 4 Jan 2027."},
		{"nudges pause 2027-01-04", "Nudges paused until Mon 4 Jan 2027."},
	} {
		got := r.must("/mentor "+c.line, c.want)
		if strings.Count(got, "aused") != 1 && strings.Contains(c.line, "pause") {
			t.Errorf("/mentor %s says it twice: %s", c.line, got)
		}
	}
	r.must("/mentor nudges on", "Weekly nudges are on.")
	got := r.must("/mentor nudges off", "Weekly nudges are off; they'd come Fridays at 07:00 (UTC). `/mentor nudges on` brings them back.")
	if strings.Count(strings.ToLower(got), "off") != 1 {
		t.Errorf("nudges off says it twice: %s", got)
	}
	r.must("/mentor nudges pause 2", "Your nudges are off; `/mentor nudges on` turns them back on.")
	r.must("/mentor nudges on", "Weekly nudges are on.")

	before := r.say("/mentor nudges status")
	for _, c := range []struct{ line, want string }{
		{"nudges time mon 13pm", "isn't a time I can read (such as 09:00, 9am, 9:30pm or noon)."},
		{"nudges time mon 9:75", "isn't a time I can read"},
		{"nudges time mon 25:00", "isn't a time I can read"},
		{"nudges time mon 9am Mars/Olympus", "isn't a time zone I know (such as Europe/Berlin, PST, Pacific, UTC+2 or +05:30)."},
		{"nudges time mon 9am UTC+15", "isn't a time zone I know"},
		{"nudges time mon 9am +05:07", "isn't a time zone I know"},
		{"nudges pause 2 fortnights", "I can't read \"2 fortnights\" as a length or a date. Try `/mentor nudges pause 2 weeks`"},
		{"nudges pause 0 days", "Pause for a day to a year (52 weeks)"},
		{"nudges pause 400 days", "Pause for a day to a year (52 weeks)"},
		{"nudges pause until someday", "I can't read \"until someday\" as a length or a date. Try"},
		{"nudges pause until 31 Feb 2027", "as a length or a date"},
	} {
		got := r.must("/mentor "+c.line, c.want)
		if n := strings.Count(strings.TrimSpace(got), "\n"); n != 0 {
			t.Errorf("/mentor %s: want one short line, got %d:\n%s", c.line, n+1, got)
		}
		if !strings.Contains(got, "e.g.") && !strings.Contains(got, "Try ") && !strings.Contains(got, "nudges off") {
			t.Errorf("/mentor %s: no example in %q", c.line, got)
		}
	}
	if after := r.say("/mentor nudges status"); after != before {
		t.Errorf("bad input changed the nudge:\nbefore %s\nafter  %s", before, after)
	}
}

// An abbreviation means its region's zone, daylight saving and all: PST
// typed in July is Los Angeles at 09:00 PDT, PDT typed in December
// Los Angeles at 09:00 PST.
func TestAbbreviationFollowsDaylightSaving(t *testing.T) {
	r := newRig(t)
	r.clk.Set(time.Date(2026, 7, 8, 10, 0, 0, 0, time.UTC)) // a Wednesday, daylight saving time
	r.must("/mentor join", "Welcome")
	r.must("/mentor nudges time mon 9am PST", "Mondays at 09:00 Pacific Time (America/Los_Angeles). Next: Mon 13 Jul 09:00 PDT (America/Los_Angeles).")
	r.must("/mentor nudges time mon 9am EST", "Next: Mon 13 Jul 09:00 EDT (America/New_York).")
	r.clk.Set(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)) // standard time
	r.must("/mentor nudges time mon 9am PDT", "Next: Mon 7 Dec 09:00 PST (America/Los_Angeles).")
	r.must("/mentor nudges time mon 9am CDT", "Next: Mon 7 Dec 09:00 CST (America/Chicago).")
	r.must("/mentor nudges status", "Mondays at 09:00 Central Time (America/Chicago)")
}
