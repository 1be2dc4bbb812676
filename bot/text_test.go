package bot

import (
	"testing"
	"time"
)

func TestClean(t *testing.T) {
	cases := []struct {
		in, want string
		bad      bool
	}{
		{"  done   git ", "done git", false},
		{"done\tgit\n", "done git", false},
		{"done \x00g\u200bit\x1b", "done git", false},
		// Escape sequences go whole, on every platform (journey j5
		// finding 6: "done \x07git\x1b[A" was a skill called "git[A").
		{"done \x07git\x1b[A", "done git", false},
		{"\x1b[1;31mdone\x1b[0m git", "done git", false},
		{"done \x1bOAgit", "done git", false},
		{"\x1b]0;title\x07done git", "done git", false},
		{"done\u009b git", "done git", false},
		{"\xff\xfe", "", true},
		{string(make([]byte, MaxText+1)), "", true},
	}
	for _, c := range cases {
		got, err := clean(c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("clean(%q) = %q, %v; want %q, bad=%v", c.in, got, err, c.want, c.bad)
		}
	}
}

func TestParseMention(t *testing.T) {
	cases := []struct {
		in, id string
		ok     bool
	}{
		{"<@U123ABC>", "U123ABC", true},
		{"<@U123ABC|alice>", "U123ABC", true},
		{"<@!80351110224678912>", "80351110224678912", true},
		{"<@80351110224678912>", "80351110224678912", true},
		{"@alice", "alice", true},
		{"@Alice", "alice", true},
		{"@alice,", "alice", true},
		{"@ann.lee.", "ann.lee", true},
		{"<@U123ABC>,", "U123ABC", true},
		{"<@U123ABC>.", "U123ABC", true},
		{"alice", "", false},
		{"<@>", "", false},
		{"@a:b", "a:b", false},
		{"@{x}", "{x}", false},
		{"<#C123>", "", false},
	}
	for _, c := range cases {
		id, ok := ParseMention(c.in)
		if ok != c.ok || (ok && id != c.id) {
			t.Errorf("ParseMention(%q) = %q, %v; want %q, %v", c.in, id, ok, c.id, c.ok)
		}
	}
}

func TestNextDue(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	ny, _ := time.LoadLocation("America/New_York")
	kiri, _ := time.LoadLocation("Pacific/Kiritimati")
	mon9 := NudgeSettings{Day: time.Monday, Minute: 9 * 60}
	cases := []struct {
		name string
		n    NudgeSettings
		from time.Time
		loc  *time.Location
		want time.Time
	}{
		{"later this week", mon9, time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), time.UTC, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)},
		{"exactly due moves a week", mon9, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), time.UTC, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)},
		{"same day earlier", mon9, time.Date(2026, 11, 30, 8, 59, 0, 0, time.UTC), time.UTC, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)},
		// Berlin leaves summer time on Sun 25 Oct 2026: the next Monday is still 09:00 local.
		{"across DST end", mon9, time.Date(2026, 10, 19, 9, 0, 0, 0, berlin), berlin, time.Date(2026, 10, 26, 9, 0, 0, 0, berlin)},
		// New York enters summer time on Sun 8 Mar 2026.
		{"across DST start", mon9, time.Date(2026, 3, 2, 9, 0, 0, 0, ny), ny, time.Date(2026, 3, 9, 9, 0, 0, 0, ny)},
		{"UTC+14", mon9, time.Date(2026, 11, 29, 18, 59, 0, 0, time.UTC), kiri, time.Date(2026, 11, 30, 9, 0, 0, 0, kiri)},
		{"paused", NudgeSettings{Day: time.Monday, Minute: 540, PausedUntil: time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)},
			time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), time.UTC, time.Date(2026, 12, 14, 9, 0, 0, 0, time.UTC)},
		{"off", NudgeSettings{Off: true}, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), time.UTC, time.Time{}},
	}
	for _, c := range cases {
		got := NextDue(c.n, c.from, c.loc)
		if !got.Equal(c.want) {
			t.Errorf("%s: NextDue = %s, want %s", c.name, got, c.want)
		}
		if !got.IsZero() {
			if l := got.In(c.loc); l.Hour()*60+l.Minute() != c.n.Minute || l.Weekday() != c.n.Day {
				t.Errorf("%s: %s is not the chosen local day and time", c.name, l)
			}
		}
	}
}

func TestBar(t *testing.T) {
	cases := []struct {
		b    Bar
		want string
	}{
		{Bar{Done: 0, Total: 8}, "░░░░░░░░░░ 0/8"},
		{Bar{Done: 3, Total: 8}, "▓▓▓░░░░░░░ 3/8"},
		{Bar{Done: 8, Total: 8}, "▓▓▓▓▓▓▓▓▓▓ 8/8"},
		{Bar{}, "░░░░░░░░░░ 0/0"},
	}
	for _, c := range cases {
		if got := c.b.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.b, got, c.want)
		}
	}
}
