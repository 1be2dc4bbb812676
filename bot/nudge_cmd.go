package bot

import (
	"context"
	"fmt"
	"time"
)

// nudgeStatus shows the caller's weekly nudge settings.
func (c *call) nudgeStatus(ctx context.Context) (Message, error) {
	m := c.me
	msg := Message{Title: "Your weekly nudge", Text: c.b.nudgeState(m, c.now), Private: true,
		Buttons: []Button{{Label: "Pause 1 week", Command: "nudges pause 1"}, {Label: "Turn off", Command: "nudges off", Style: "danger"}}}
	switch {
	case !m.NudgesOn():
		msg.Buttons = []Button{turnOnButton}
	case c.paused(m):
		msg.Buttons[0] = resumeButton
	}
	return msg, nil
}

// The way forward from nudges that are paused or off: `nudges on`, which
// clears a pause as well.
var (
	resumeButton = Button{Label: "Resume now", Command: "nudges on", Style: "primary"}
	turnOnButton = Button{Label: "Turn on", Command: "nudges on", Style: "primary"}
)

// paused says whether m's nudges are paused now.
func (c *call) paused(m *Member) bool {
	return c.now.Before(m.Nudges.PauseEnd(c.b.Location(m.Nudges.Zone)))
}

// nudgesOffError refuses what needs nudges on, with the button that
// turns them on.
func nudgesOffError() error {
	return &Error{Code: CodeInvalid, Message: "Your nudges are off; `/mentor nudges on` turns them back on.", Buttons: []Button{turnOnButton}}
}

// nudgesOn turns nudges back on, clearing a pause and a delivery block.
func (c *call) nudgesOn(ctx context.Context) (Message, error) {
	m := c.me
	m.Nudges.Off, m.Nudges.PausedUntil, m.Nudges.PausedDay = false, time.Time{}, ""
	m.NudgeState.Blocked = ""
	return c.saveNudges(ctx, "Weekly nudges are on.", nil, Write{Unblock: []string{m.ID}})
}

// nudgesOff turns nudges off.
func (c *call) nudgesOff(ctx context.Context) (Message, error) {
	if c.me.Nudges.Off {
		return Message{Text: "Your weekly nudges are already off. `/mentor nudges on` brings them back.", Private: true}, nil
	}
	c.me.Nudges.Off = true
	n := c.me.Nudges
	return c.saveNudgesSaying(ctx, nil, Write{}, func(time.Time) string {
		return fmt.Sprintf("Weekly nudges are off; they'd come %s. `/mentor nudges on` brings them back.", c.b.nudgeWhenWeekly(n))
	})
}

// nudgesPause pauses nudges for some weeks or days, or until a date (the
// start of that day in the member's zone). Nudges that are off stay off:
// a pause would promise a date they come back that isn't so.
func (c *call) nudgesPause(ctx context.Context) (Message, error) {
	if c.me.Nudges.Off {
		return Message{}, nudgesOffError()
	}
	loc := c.b.Location(c.me.Nudges.Zone)
	until, day, what, err := parsePause(c.args["length"].Raw, c.now, loc)
	if err != nil {
		return Message{}, err
	}
	// A date is kept as the day typed, so that a zone set later moves
	// the instant, never the date.
	c.me.Nudges.PausedUntil, c.me.Nudges.PausedDay = until, day
	msg, err := c.saveNudgesSaying(ctx, nil, Write{}, func(next time.Time) string {
		if next.IsZero() {
			return what + resumeHint
		}
		return what + " Next: " + atZone(next, loc) + "." + resumeHint
	})
	if err == nil && c.paused(c.me) {
		msg.Buttons = []Button{resumeButton}
	}
	return msg, err
}

// resumeHint ends what is said of paused nudges with the way back.
const resumeHint = " `/mentor nudges on` resumes them sooner."

// nudgesTime moves the weekly nudge to another day, time or zone; a
// lead's digest follows it.
func (c *call) nudgesTime(ctx context.Context) (Message, error) {
	m := c.me
	n := &m.Nudges
	n.Day, n.Minute = c.args["day"].Day, c.args["time"].Minute
	if z, ok := c.args["zone"]; ok {
		n.Zone, n.ZoneChosen = z.Zone, true
	}
	var due *Due
	if loc := c.b.Location(n.Zone); m.NudgeState.Week == Week(c.now, loc) {
		// This week's nudge already came: the new time starts next week.
		d := Due{Member: m.ID, At: NextDue(*n, WeekEnd(c.now, loc).Add(-time.Nanosecond), loc)}
		due = &d
	}
	// The store keeps the digest entry only while the lead has mentees.
	digest := c.b.NextDigest(m, c.now)
	w := Write{Schedule: []Due{{Member: m.ID, Kind: DueDigest, At: digest}}}
	return c.saveNudgesSaying(ctx, due, w, func(next time.Time) string {
		return "Nudge time changed. " + c.b.nudgeStateNext(m, c.now, next) + digestMoves(m, digest, c.b.Location(n.Zone))
	})
}

// digestMoves tells a lead that their digest moved with their nudge
// (DigestSettings ties the two), with the next one when it is running.
func digestMoves(m *Member, next time.Time, loc *time.Location) string {
	switch {
	case m.MenteeCount > 0 || len(m.Invites) > 0:
		return " Your weekly lead digest moves with it: the next on " + atZone(next, loc) + "."
	case m.LeadRights:
		return " Your weekly lead digest will come at this time too, once you lead someone."
	}
	return ""
}

// saveNudges writes the caller's changed settings with their next due
// time (the settings' own when due is nil) and answers reply with the
// new state.
func (c *call) saveNudges(ctx context.Context, reply string, due *Due, w Write) (Message, error) {
	return c.saveNudgesSaying(ctx, due, w, func(next time.Time) string {
		return reply + " " + c.b.nudgeStateNext(c.me, c.now, next)
	})
}

// saveNudgesSaying is saveNudges with the whole answer written by say,
// from the next due time, for a change whose own sentence already says
// what the state would repeat.
func (c *call) saveNudgesSaying(ctx context.Context, due *Due, w Write, say func(next time.Time) string) (Message, error) {
	m := c.me
	m.LastActive = c.now
	if due == nil {
		d := c.b.due(m, c.now)
		due = &d
	}
	w.Members = []*Member{m}
	w.Schedule = append([]Due{*due}, w.Schedule...)
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	return Message{Text: say(due.At), Private: true}, nil
}

// snooze reminds the caller of this week's nudge a day from now, once.
func (c *call) snooze(ctx context.Context) (Message, error) {
	m := c.me
	n := m.Nudges
	loc := c.b.Location(n.Zone)
	week := Week(c.now, loc)
	next := c.b.due(m, c.now).At
	at := c.now.In(loc).AddDate(0, 0, 1)
	switch {
	case !m.NudgesOn():
		return Message{}, nudgesOffError()
	case c.now.Before(n.PauseEnd(loc)):
		return Message{}, &Error{Code: CodeInvalid, Buttons: []Button{resumeButton},
			Message: fmt.Sprintf("Your nudges are paused until %s, so there's no nudge to snooze.%s",
				n.PauseEnd(loc).In(loc).Format("Mon 2 Jan 2006"), resumeHint)}
	case n.SkipWeek == week:
		// A skip is final for the week: a snooze would bring back the
		// nudge the member just said they did not want.
		return Message{}, invalid("You skipped this week's nudge, so there's nothing to snooze. Your next nudge comes %s; `/mentor next` shows what to work on meanwhile.", atZone(next, loc))
	case m.NudgeState.Week != week:
		return Message{}, invalid("This week's nudge hasn't come yet; it's due %s. To move it, use `/mentor nudges skip` or `/mentor nudges time`.", atZone(next, loc))
	case !next.IsZero() && !at.Before(next):
		return Message{}, invalid("Your next nudge comes before then, on %s.", atZone(next, loc))
	}
	sn, ok := c.b.store.(Snoozer)
	if !ok {
		return Message{}, invalid("Snoozing isn't available with this storage.")
	}
	c.trips++
	ok, err := sn.Snooze(ctx, c.req.Scope, m.ID, week, at)
	if err != nil {
		return Message{}, err
	}
	if !ok {
		return Message{}, invalid("You've already snoozed this week's nudge once.")
	}
	return Message{Text: "Snoozed. I'll remind you of this week's nudge on " + atZone(at, loc) + ".", Private: true}, nil
}

// atZone writes an instant as the member reads it, with its zone:
// "Fri 27 Nov 16:30 CET (Europe/Berlin)".
func atZone(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	s := t.Format("Mon 2 Jan 15:04 MST")
	if name := loc.String(); name != t.Format("MST") {
		s += " (" + name + ")"
	}
	return s
}

// skipWeek moves the caller's schedule past this week's nudge.
func (c *call) skipWeek(ctx context.Context) (Message, error) {
	m := c.me
	n := m.Nudges
	loc := c.b.Location(n.Zone)
	week := Week(c.now, loc)
	next := c.b.due(m, c.now).At
	switch {
	case !m.NudgesOn():
		return Message{}, nudgesOffError()
	case m.NudgeState.Week == week && n.SkipWeek < week:
		// Any snoozed reminder is dropped with the rewritten entry, and
		// the week is marked so that a snooze afterwards is refused.
		m.Nudges.SkipWeek = week
		return c.saveNudges(ctx, "Skipped: nothing more this week.", &Due{Member: m.ID, At: next}, Write{})
	case !next.IsZero() && Week(next, loc) == week && n.SkipWeek < week:
		m.Nudges.SkipWeek = week
		return c.saveNudges(ctx, "Skipped this week's nudge.", nil, Write{})
	case next.IsZero():
		return c.saveNudges(ctx, "There's no nudge coming to skip.", &Due{Member: m.ID, At: next}, Write{})
	}
	// No nudge this week (someone who just joined has had none yet): the
	// one meant is the next, whichever week it falls in. Skipping again
	// skips the one after: SkipWeek covers every week up to its own.
	which := "your next nudge"
	switch {
	case m.Nudges.SkipWeek != "" && m.Nudges.SkipWeek >= week:
		if weeksAhead(c.now, next, loc) >= maxSkipWeeks {
			return Message{}, invalid("You've skipped every nudge until %s. For a longer break, `/mentor nudges pause 3 months` or `/mentor nudges off`.", atZone(next, loc))
		}
		which = "the one after too"
	case m.NudgeState.Last.IsZero():
		which = "your first nudge"
	}
	m.Nudges.SkipWeek = Week(next, loc)
	return c.saveNudgesSaying(ctx, nil, Write{}, func(after time.Time) string {
		return fmt.Sprintf("Skipped %s, %s. Next: %s.", which, atZone(next, loc), atZone(after, loc))
	})
}

// weeksAhead is how many local weeks after now's the week of t is.
func weeksAhead(now, t time.Time, loc *time.Location) int {
	return int(WeekEnd(t, loc).Sub(WeekEnd(now, loc)).Round(24*time.Hour) / (7 * 24 * time.Hour))
}

// nudgeState describes a member's nudge settings in one sentence.
func (b *Bot) nudgeState(m *Member, now time.Time) string {
	return b.nudgeStateNext(m, now, b.due(m, now).At)
}

// nudgeStateNext is nudgeState with the next due time given.
func (b *Bot) nudgeStateNext(m *Member, now, next time.Time) string {
	n := m.Nudges
	loc := b.Location(n.Zone)
	when := b.nudgeWhenWeekly(n)
	switch {
	case m.NudgeState.Blocked != "":
		return "Paused: " + m.NudgeState.Blocked + ". `/mentor nudges on` tries again."
	case n.Off:
		return "Off. They'd come " + when + "."
	}
	s := "On, " + when + "."
	paused := false
	if end := n.PauseEnd(loc); now.Before(end) {
		s += " Paused until " + end.In(loc).Format("Mon 2 Jan 2006") + "."
		paused = true
	}
	if !next.IsZero() {
		s += " Next: " + atZone(next, loc) + "."
	}
	if paused {
		s += resumeHint
	}
	return s
}

// nudgeWhenWeekly is "Mondays at 09:00 (UTC)", or "Mondays at 09:00
// Pacific Time (America/Los_Angeles)" for a zone people name by region.
func (b *Bot) nudgeWhenWeekly(n NudgeSettings) string {
	return fmt.Sprintf("%ss at %02d:%02d %s", n.Day, n.Minute/60, n.Minute%60, zoneShown(b.Location(n.Zone)))
}

// nudgeShort is the nudge state in a word or two, for lead views.
func (b *Bot) nudgeShort(m *Member, now time.Time) string {
	switch {
	case m.NudgeState.Blocked != "":
		return "blocked"
	case m.Nudges.Off:
		return "off"
	case now.Before(m.Nudges.PauseEnd(b.Location(m.Nudges.Zone))):
		return "paused"
	}
	return "on"
}

// nudgeWhen is " on Mondays at 09:00 (UTC)" for a welcome message.
func (b *Bot) nudgeWhen(m *Member, due Due) string {
	if due.At.IsZero() {
		return ""
	}
	loc := b.Location(m.Nudges.Zone)
	return fmt.Sprintf(", on %s; the first on %s", b.nudgeWhenWeekly(m.Nudges), due.At.In(loc).Format("Mon 2 Jan"))
}

// followZone moves a member's nudge to the zone their platform reports
// (Request.Zone: Slack's users.info, cached by the adapter) when it
// changed and they never chose one themselves, so that someone who moves
// from Berlin to New York gets their nudge at their new local time. It
// writes only on the command where the zone changed.
func (c *call) followZone(ctx context.Context) error {
	m := c.me
	z := c.req.Zone
	if m == nil || !m.HasJoined() || z == "" || m.Nudges.ZoneChosen || z == m.Nudges.Zone {
		return nil
	}
	if _, err := time.LoadLocation(z); err != nil {
		return nil // a zone the platform names and this system lacks: keep the one we have
	}
	m.Nudges.Zone = z
	due := c.b.due(m, c.now)
	w := Write{Members: []*Member{m}, Schedule: []Due{due, {Member: m.ID, Kind: DueDigest, At: c.b.NextDigest(m, c.now)}}}
	return c.store.Apply(ctx, c.req.Scope, w)
}
