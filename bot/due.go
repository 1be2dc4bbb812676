package bot

import (
	"fmt"
	"sync"
	"time"
)

// DefaultNudges are a new member's nudge settings: Mondays at 09:00 in
// their own zone when the platform tells it.
func DefaultNudges(zone string) NudgeSettings {
	return NudgeSettings{Day: time.Monday, Minute: 9 * 60, Zone: zone}
}

// Location returns the named zone, falling back to the bot's default for
// an empty or unknown name.
func (b *Bot) Location(zone string) *time.Location {
	if zone != "" {
		if loc, ok := b.zones.get(zone); ok {
			return loc
		}
	}
	return b.zone
}

// zoneCap bounds how many zones a zoneCache keeps: every IANA name and
// every offset fits, and a store full of odd names cannot grow it.
const zoneCap = 2048

// zoneCache keeps the zones that Location loaded. time.LoadLocation opens,
// reads and parses the zone's file on every call: a few system calls and
// about 1.5 KB on every command that schedules a nudge (`done` among
// them); a *time.Location is safe for concurrent use, so one load serves
// every command. The zero value is ready; safe for concurrent use.
type zoneCache struct {
	mu sync.Mutex
	m  map[string]*time.Location
}

// get returns the named zone (loadZone), whether it loads.
func (c *zoneCache) get(name string) (*time.Location, bool) {
	c.mu.Lock()
	loc, ok := c.m[name]
	c.mu.Unlock()
	if ok {
		return loc, true
	}
	loc, err := loadZone(name)
	if err != nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*time.Location{}
	}
	if len(c.m) < zoneCap {
		c.m[name] = loc
	}
	return loc, true
}

// NextDue returns the first instant after t at which a nudge with these
// settings is due, or the zero time when nudges are off. It walks the
// local calendar, never +168h, so a DST change keeps the local hour.
func NextDue(n NudgeSettings, t time.Time, loc *time.Location) time.Time {
	if n.Off {
		return time.Time{}
	}
	if end := n.PauseEnd(loc); t.Before(end) {
		t = end
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

// due returns the nudge schedule entry for a member's current settings:
// a zero At when their nudges are off or blocked.
func (b *Bot) due(m *Member, after time.Time) Due {
	d := Due{Member: m.ID, Kind: DueNudge}
	if !m.Nudges.Off && m.NudgeState.Blocked == "" {
		loc := b.Location(m.Nudges.Zone)
		d.At = NextDue(m.Nudges, after, loc)
		// A skip stays whatever later rewrites the entry (status, pause,
		// zone): every nudge up to the skipped week's is passed over, so
		// that a second skip skips the week after instead of bringing the
		// first week back. ISO weeks as "2026-W49" sort as strings.
		for i := 0; i <= maxSkipWeeks && m.Nudges.SkipWeek != "" && Week(d.At, loc) <= m.Nudges.SkipWeek; i++ {
			d.At = NextDue(m.Nudges, d.At, loc)
		}
	}
	return d
}

// maxSkipWeeks is how many weekly nudges `nudges skip`, said again and
// again, passes over at most; longer breaks are what pause is for.
const maxSkipWeeks = 8

// Week is the ISO week of t on the calendar of loc, as "2026-W48": the
// unit in which a member gets one nudge.
func Week(t time.Time, loc *time.Location) string {
	y, w := t.In(loc).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// WeekEnd returns the first instant of the local ISO week after the one
// holding t.
func WeekEnd(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	// The weekday comes from lt itself and the date is built once: in a
	// zone whose DST starts at midnight, local midnight does not exist and
	// time.Date would put it on the day before.
	daysFromMonday := (int(lt.Weekday()) + 6) % 7
	return time.Date(lt.Year(), lt.Month(), lt.Day()+7-daysFromMonday, 0, 0, 0, 0, loc)
}
