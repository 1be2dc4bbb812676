package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

const timeForm = "Use the form `/mentor nudges time mon 09:00 Europe/Berlin`: a day (mon–sun), a 24-hour time, and optionally an IANA time zone."

// nudges shows or changes the caller's weekly nudge settings.
func (c *call) nudges(ctx context.Context) (Message, error) {
	m := c.me
	n := &m.Nudges
	var reply string
	var due *Due // the schedule entry, when not the one the settings give
	action := strings.ToLower(c.first())
	switch action {
	case "", "status":
		msg := Message{Title: "Your weekly nudge", Text: c.b.nudgeState(m, c.now), Private: true,
			Buttons: []Button{{Label: "Pause 1 week", Command: "nudges pause 1"}, {Label: "Turn off", Command: "nudges off", Style: "danger"}}}
		if n.Off || n.Blocked != "" {
			msg.Buttons = []Button{{Label: "Turn on", Command: "nudges on", Style: "primary"}}
		}
		return msg, nil
	case "on":
		n.Off, n.Blocked, n.PausedUntil = false, "", time.Time{}
		reply = "Weekly nudges are on."
	case "off":
		n.Off = true
		reply = "Weekly nudges are off. `/mentor nudges on` brings them back."
	case "pause":
		weeks, err := strconv.Atoi(c.arg(1))
		if err != nil || weeks < 1 || weeks > 52 {
			return Message{}, sorry("Say how many weeks to pause, 1 to 52: `/mentor nudges pause 2`.")
		}
		n.PausedUntil = c.now.AddDate(0, 0, 7*weeks)
		reply = fmt.Sprintf("Nudges paused for %s.", plural(weeks, "week", "weeks"))
	case "time":
		day, minute, zone, err := parseWhen(c.args[1:])
		if err != nil {
			return Message{}, err
		}
		n.Day, n.Minute = day, minute
		if zone != "" {
			n.Zone = zone
		}
		reply = "Nudge time changed."
		if loc := c.b.location(*n); n.Week == Week(c.now, loc) {
			// This week's nudge already came: the new time starts next week.
			d := Due{Member: m.ID, At: NextDue(*n, weekEnd(c.now, loc).Add(-time.Nanosecond), loc)}
			due = &d
		}
	case "snooze":
		return c.snooze(ctx)
	case "skip":
		var err error
		if reply, due, err = c.skipWeek(); err != nil {
			return Message{}, err
		}
	default:
		return Message{}, sorry("I don't know `nudges %s`. Try on, off, status, pause <weeks>, time <day> <HH:MM> [zone], snooze or skip.", action)
	}
	m.LastActive = c.now
	if due == nil {
		d := c.b.due(m, c.now)
		due = &d
	}
	w := Write{Members: []*Member{m}, Schedule: []Due{*due}}
	if action == "time" && m.MenteeCount > 0 {
		// A lead's digest follows their nudge day and time.
		w.DigestMoves = []Due{{Member: m.ID, At: c.b.NextDigest(m, c.now)}}
	}
	if err := c.b.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	return Message{Text: reply + " " + c.b.nudgeStateNext(m, c.now, due.At), Private: true}, nil
}

// snooze reminds the caller of this week's nudge a day from now, once.
func (c *call) snooze(ctx context.Context) (Message, error) {
	n := c.me.Nudges
	loc := c.b.location(n)
	week := Week(c.now, loc)
	next := NextDue(n, c.now, loc)
	at := c.now.In(loc).AddDate(0, 0, 1)
	switch {
	case n.Off || n.Blocked != "":
		return Message{}, sorry("Your nudges are off; `/mentor nudges on` turns them back on.")
	case c.now.Before(n.PausedUntil):
		return Message{}, sorry("Your nudges are paused until %s.", n.PausedUntil.In(loc).Format("Mon 2 Jan"))
	case n.Week != week:
		return Message{}, sorry("This week's nudge hasn't come yet; it's due %s. To move it, use `/mentor nudges skip` or `/mentor nudges time`.", next.In(loc).Format("Mon 2 Jan 15:04"))
	case !next.IsZero() && !at.Before(next):
		return Message{}, sorry("Your next nudge comes before then, on %s.", next.In(loc).Format("Mon 2 Jan 15:04"))
	}
	sn, ok := c.b.store.(Snoozer)
	if !ok {
		return Message{}, sorry("Snoozing isn't available with this storage.")
	}
	ok, err := sn.Snooze(ctx, c.req.Scope, c.me.ID, week, at)
	if err != nil {
		return Message{}, err
	}
	if !ok {
		return Message{}, sorry("You've already snoozed this week's nudge once.")
	}
	return Message{Text: "Snoozed. I'll remind you of this week's nudge on " + at.Format("Mon 2 Jan 15:04") + ".", Private: true}, nil
}

// skipWeek moves the caller's schedule past this week's nudge.
func (c *call) skipWeek() (string, *Due, error) {
	n := c.me.Nudges
	loc := c.b.location(n)
	week := Week(c.now, loc)
	next := NextDue(n, c.now, loc)
	switch {
	case n.Off || n.Blocked != "":
		return "", nil, sorry("Your nudges are off; `/mentor nudges on` turns them back on.")
	case n.Week == week:
		// Any snoozed reminder is dropped with the rewritten entry.
		return "Skipped: nothing more this week.", &Due{Member: c.me.ID, At: next}, nil
	case !next.IsZero() && Week(next, loc) == week:
		return "Skipped this week's nudge.", &Due{Member: c.me.ID, At: NextDue(n, next, loc)}, nil
	}
	return "There's no nudge left this week.", &Due{Member: c.me.ID, At: next}, nil
}

func (c *call) arg(i int) string {
	if i < len(c.args) {
		return c.args[i]
	}
	return ""
}

var days = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseWhen reads "<day> <HH:MM> [zone]".
func parseWhen(args []string) (time.Weekday, int, string, error) {
	if len(args) < 2 || len(args) > 3 {
		return 0, 0, "", sorry(timeForm)
	}
	d := strings.ToLower(args[0])
	if len(d) < 3 {
		return 0, 0, "", sorry("%q isn't a day. %s", args[0], timeForm)
	}
	day, ok := days[d[:3]]
	if !ok || !strings.HasPrefix(strings.ToLower(day.String()), d) {
		return 0, 0, "", sorry("%q isn't a day. %s", args[0], timeForm)
	}
	hh, mm, ok := strings.Cut(args[1], ":")
	h, err1 := strconv.Atoi(hh)
	mi, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || h < 0 || h > 23 || mi < 0 || mi > 59 || len(mm) != 2 {
		return 0, 0, "", sorry("%q isn't a time. %s", args[1], timeForm)
	}
	zone := ""
	if len(args) == 3 {
		zone = args[2]
		if strings.EqualFold(zone, "utc") {
			zone = "UTC"
		}
		if _, err := time.LoadLocation(zone); err != nil || zone == "Local" || strings.HasPrefix(zone, "/") {
			return 0, 0, "", sorry("%q isn't a time zone I know. %s", args[2], timeForm)
		}
	}
	return day, h*60 + mi, zone, nil
}

// nudgeState describes a member's nudge settings in one sentence.
func (b *Bot) nudgeState(m *Member, now time.Time) string {
	return b.nudgeStateNext(m, now, NextDue(m.Nudges, now, b.location(m.Nudges)))
}

// nudgeStateNext is nudgeState with the next due time given.
func (b *Bot) nudgeStateNext(m *Member, now, next time.Time) string {
	n := m.Nudges
	loc := b.location(n)
	when := fmt.Sprintf("%ss at %02d:%02d (%s)", n.Day, n.Minute/60, n.Minute%60, loc)
	switch {
	case n.Blocked != "":
		return "Paused: " + n.Blocked + ". `/mentor nudges on` tries again."
	case n.Off:
		return "Off. They'd come " + when + "."
	}
	s := "On, " + when + "."
	if now.Before(n.PausedUntil) {
		s += " Paused until " + n.PausedUntil.In(loc).Format("Mon 2 Jan") + "."
	}
	if !next.IsZero() {
		s += " Next: " + next.In(loc).Format("Mon 2 Jan 15:04") + "."
	}
	return s
}

// nudgeShort is the nudge state in a word or two, for lead views.
func (b *Bot) nudgeShort(m *Member, now time.Time) string {
	switch n := m.Nudges; {
	case n.Blocked != "":
		return "blocked"
	case n.Off:
		return "off"
	case now.Before(n.PausedUntil):
		return "paused"
	}
	return "on"
}

// nudgeWhen is " on Mondays at 09:00 (UTC)" for a welcome message.
func (b *Bot) nudgeWhen(m *Member, due Due) string {
	if due.At.IsZero() {
		return ""
	}
	loc := b.location(m.Nudges)
	return fmt.Sprintf(", on %ss at %02d:%02d (%s); the first on %s", m.Nudges.Day, m.Nudges.Minute/60, m.Nudges.Minute%60, loc, due.At.In(loc).Format("Mon 2 Jan"))
}
