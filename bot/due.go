package bot

import "time"

// DefaultNudges are a new member's nudge settings: Mondays at 09:00 in
// their own zone when the platform tells it.
func DefaultNudges(zone string) Nudges {
	return Nudges{Day: time.Monday, Minute: 9 * 60, Zone: zone}
}

// location returns the member's zone, falling back to the bot's default.
func (b *Bot) location(n Nudges) *time.Location {
	if n.Zone != "" {
		if loc, err := time.LoadLocation(n.Zone); err == nil {
			return loc
		}
	}
	return b.zone
}

// NextDue returns the first instant after t at which a nudge with these
// settings is due, or the zero time when nudges are off or blocked. It
// walks the local calendar, never +168h, so a DST change keeps the local hour.
func NextDue(n Nudges, t time.Time, loc *time.Location) time.Time {
	if n.Off || n.Blocked != "" {
		return time.Time{}
	}
	if t.Before(n.PausedUntil) {
		t = n.PausedUntil
	}
	lt := t.In(loc)
	y, mo, day := lt.Date()
	day += (int(n.Day) - int(lt.Weekday()) + 7) % 7
	// Each candidate is built from the calendar date: stepping a time that
	// a DST gap moved (AddDate) would carry the moved hour into later weeks.
	for ; ; day += 7 {
		if d := localSlot(y, mo, day, n.Minute, loc); d.After(t) {
			return d
		}
	}
}

// localSlot is minute of the day on a local date. A time that a DST gap
// skips (02:30 on a spring-forward night) comes as much later as the gap
// is long, on the same day, whichever way time.Date resolved it.
func localSlot(y int, mo time.Month, day, minute int, loc *time.Location) time.Time {
	d := time.Date(y, mo, day, minute/60, minute%60, 0, 0, loc)
	if h, m, _ := d.Clock(); h*60+m != minute {
		want := time.Date(y, mo, day, minute/60, minute%60, 0, 0, time.UTC)
		got := time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, time.UTC)
		if diff := want.Sub(got); diff > 0 {
			d = d.Add(diff)
		}
	}
	return d
}

// due returns the schedule entry for a member's current settings.
func (b *Bot) due(m *Member, after time.Time) Due {
	return Due{Member: m.ID, At: NextDue(m.Nudges, after, b.location(m.Nudges))}
}
