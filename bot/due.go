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
// walks the local calendar (AddDate), so a DST change keeps the local hour.
func NextDue(n Nudges, t time.Time, loc *time.Location) time.Time {
	if n.Off || n.Blocked != "" {
		return time.Time{}
	}
	if t.Before(n.PausedUntil) {
		t = n.PausedUntil
	}
	lt := t.In(loc)
	d := time.Date(lt.Year(), lt.Month(), lt.Day(), n.Minute/60, n.Minute%60, 0, 0, loc)
	d = d.AddDate(0, 0, (int(n.Day)-int(d.Weekday())+7)%7)
	for !d.After(t) {
		d = d.AddDate(0, 0, 7)
	}
	return d
}

// due returns the schedule entry for a member's current settings.
func (b *Bot) due(m *Member, after time.Time) Due {
	return Due{Member: m.ID, At: NextDue(m.Nudges, after, b.location(m.Nudges))}
}
