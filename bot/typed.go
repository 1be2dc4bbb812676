package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Times and lengths as people type them: "9am", "9:30 pm", "noon",
// "21:00"; "2 weeks", "2w", "10 days", "until 4 Jan".

// parseClock reads a time of day as a minute of the day: "21:00", "9:05",
// "9", "9am", "9:30pm", "9.30pm", "noon", "midnight".
func parseClock(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "noon", "midday":
		return 12 * 60, true
	case "midnight":
		return 0, true
	}
	s = strings.ReplaceAll(s, ".", "")
	mer := ""
	for _, m := range []string{"am", "pm"} {
		if t, ok := strings.CutSuffix(s, m); ok {
			s, mer = strings.TrimSpace(t), m
			break
		}
	}
	hh, mm, colon := strings.Cut(s, ":")
	if !colon && mer == "" && strings.Contains(s, "h") {
		hh, mm, colon = strings.Cut(s, "h") // "9h30", as much of Europe writes it
	}
	h, err := strconv.Atoi(hh)
	if err != nil || len(hh) == 0 || len(hh) > 2 || h < 0 || h > 23 {
		return 0, false
	}
	m := 0
	if colon && (mer == "" || mm != "") {
		if m, err = strconv.Atoi(mm); err != nil || len(mm) != 2 || m < 0 || m > 59 {
			return 0, false
		}
	}
	switch mer {
	case "am", "pm":
		if h < 1 || h > 12 {
			return 0, false
		}
		h %= 12
		if mer == "pm" {
			h += 12
		}
	}
	return h*60 + m, true
}

// joinMeridiem joins "am" or "pm" typed apart ("9 am") to the time before
// it, for a command that takes a time, so that it stays one argument.
func joinMeridiem(cmd *Command, words []string) []string {
	clock := false
	for _, a := range cmd.Args {
		clock = clock || a.Kind == ArgClock
	}
	if !clock {
		return words
	}
	out := words[:0:0]
	for _, w := range words {
		switch strings.ToLower(strings.ReplaceAll(w, ".", "")) {
		case "am", "pm":
			if len(out) > 0 {
				out[len(out)-1] += w
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// maxPause is the longest pause: a year, as weeks.
const maxPause = 52

// pauseHelp is the answer to a length that can't be read: what is, by
// example.
const pauseHelp = "Try `/mentor nudges pause 2 weeks`, `… pause 10 days` or `… pause until 2027-01-04`."

// parsePause reads how long to pause as typed: "2" (weeks), "2 weeks",
// "2w", "10 days", "10d", "1 month", or a date with or without "until"
// before it. It returns when the pause ends, the day typed for a date
// (2006-01-02; "" for a length) and what was set.
func parsePause(raw string, now time.Time, loc *time.Location) (time.Time, string, string, error) {
	// Punctuation closing the sentence ("1 week!", "2 weeks.") is how
	// people type, not part of the length.
	s := strings.TrimRight(strings.ToLower(strings.Join(fields(raw), " ")), "!.?,;: ")
	for _, p := range []string{"until ", "till ", "til ", "to ", "for "} {
		s = strings.TrimPrefix(s, p)
	}
	if n, unit, ok := amount(s); ok {
		days, what := 0, ""
		switch unit {
		case "", "w", "wk", "wks", "week", "weeks":
			days, what = 7*n, plural(n, "week", "weeks")
		case "d", "day", "days":
			days, what = n, plural(n, "day", "days")
		case "month", "months", "mo":
			days = int(now.In(loc).AddDate(0, n, 0).Sub(now.In(loc)).Hours() / 24)
			what = plural(n, "month", "months")
		default:
			if day, ok := parseDate(s, now, loc); ok { // "4 jan"
				return pauseUntil(day, now)
			}
			return time.Time{}, "", "", invalid("I can't read %q as a length or a date. %s", raw, pauseHelp)
		}
		if n < 1 || days > 7*maxPause {
			return time.Time{}, "", "", invalid("Pause for a day to a year (%d weeks), or turn nudges off with `/mentor nudges off`. %s", maxPause, pauseHelp)
		}
		until := now.AddDate(0, 0, days)
		return until, "", fmt.Sprintf("Nudges paused for %s, until %s.", what, until.In(loc).Format("Mon 2 Jan 2006")), nil
	}
	day, ok := parseDate(s, now, loc)
	if !ok {
		return time.Time{}, "", "", invalid("I can't read %q as a length or a date. %s", raw, pauseHelp)
	}
	return pauseUntil(day, now)
}

// pauseUntil checks a pause's last day: after today, within a year. It
// returns the day's start and the day as typed (2006-01-02).
func pauseUntil(day, now time.Time) (time.Time, string, string, error) {
	switch {
	case !day.AddDate(0, 0, 1).After(now):
		return time.Time{}, "", "", invalid("%s is in the past; pick a later day.", day.Format("Mon 2 Jan 2006"))
	case !day.After(now):
		return time.Time{}, "", "", invalid("%s is today, which has already begun; pick a later day.", day.Format("Mon 2 Jan 2006"))
	case day.After(now.AddDate(0, 0, 7*maxPause)):
		return time.Time{}, "", "", invalid("That's more than a year away; pause for up to %d weeks, or turn nudges off with `/mentor nudges off`.", maxPause)
	}
	return day, day.Format(time.DateOnly), "Nudges paused until " + day.Format("Mon 2 Jan 2006") + ".", nil
}

// amount reads "2", "2 weeks", "2w", "10days": a whole number and the
// unit after it, if any.
func amount(s string) (int, string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return 0, "", false
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		return 0, "", false
	}
	return n, strings.TrimSpace(s[i:]), true
}

// dateLayouts are the ways people write a day, with the year; dayLayouts
// without it.
var (
	dateLayouts = []string{"2006-01-02", "2006/01/02", "2 jan 2006", "2 january 2006", "jan 2 2006", "january 2 2006",
		"mon 2 jan 2006", "monday 2 january 2006"}
	dayLayouts = []string{"2 jan", "2 january", "jan 2", "january 2", "mon 2 jan", "monday 2 january"}
)

// parseDate reads a day as the start of that day in loc; without a year it
// is the next such day from now.
func parseDate(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	s = strings.ReplaceAll(s, ",", "")
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	for _, l := range dayLayouts {
		t, err := time.ParseInLocation(l, s, loc)
		if err != nil {
			continue
		}
		local := now.In(loc)
		d := time.Date(local.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if !d.After(now) {
			d = d.AddDate(1, 0, 0)
		}
		return d, true
	}
	return time.Time{}, false
}
