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
	switch action := strings.ToLower(c.first()); action {
	case "", "status":
		return Message{Title: "Your weekly nudge", Text: c.b.nudgeState(m, c.now), Private: true,
			Buttons: []Button{{Label: "Pause 1 week", Command: "nudges pause 1"}, {Label: "Turn off", Command: "nudges off", Style: "danger"}}}, nil
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
	default:
		return Message{}, sorry("I don't know `nudges %s`. Try on, off, status, pause <weeks> or time <day> <HH:MM> [zone].", action)
	}
	m.LastActive = c.now
	due := c.b.due(m, c.now)
	w := Write{Members: []*Member{m}, Schedule: []Due{due}}
	if err := c.b.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	return Message{Text: reply + " " + c.b.nudgeState(m, c.now), Private: true}, nil
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
	if next := NextDue(n, now, loc); !next.IsZero() {
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
