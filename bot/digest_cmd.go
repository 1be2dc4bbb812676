package bot

import (
	"context"
	"fmt"
)

// digestTime sets the day, time and zone of the caller's weekly lead
// digest. A lead who joined gets it at their nudge time (DigestSettings),
// so they are pointed to `nudges time`; a lead who never joined keeps the
// time on a profile of their own, without joining.
func (c *call) digestTime(ctx context.Context) (Message, error) {
	day, minute := c.args["day"].Day, c.args["time"].Minute
	if c.me.HasJoined() {
		return Message{}, invalid("Your digest comes with your weekly nudge, %s: move both with `/mentor nudges time %s %02d:%02d`.",
			c.b.nudgeWhenWeekly(DigestSettings(c.me)), c.raw["day"], minute/60, minute%60)
	}
	m := c.me
	if m == nil {
		m = &Member{ID: c.req.User}
	}
	if c.req.Name != "" {
		m.Name = c.req.Name
	}
	n := &m.Nudges
	n.Day, n.Minute = day, minute
	switch z, ok := c.args["zone"]; {
	case ok:
		n.Zone, n.ZoneChosen = z.Zone, true
	case n.Zone == "" && c.req.Zone != "":
		n.Zone = c.req.Zone
	case n.Zone == "":
		// A zone is what marks the time as set (DigestSettings).
		n.Zone = c.b.zone.String()
	}
	next := c.b.NextDigest(m, c.now)
	w := Write{Members: []*Member{m}, Schedule: []Due{{Member: m.ID, Kind: DueDigest, At: next}}}
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	loc := c.b.Location(n.Zone)
	text := fmt.Sprintf("Your weekly digest now comes on %ss at %02d:%02d (%s).", day, minute/60, minute%60, loc)
	if m.MenteeCount > 0 {
		text += " The next: " + atZone(next, loc) + "."
	} else {
		text += " It starts once you lead someone (`/mentor assign @member`)."
	}
	// Joining turns this time into the nudge's (DigestSettings): said
	// now, so that it is no surprise then.
	text += " If you join, your own weekly nudges come at this time too, and `/mentor nudges time` moves both."
	return Message{Text: text, Private: true}, nil
}

// digestStatus shows the caller's digest settings: when it comes and
// what sets that time, whether one is coming, and where it goes.
func (c *call) digestStatus(ctx context.Context) (Message, error) {
	m := c.me
	if m == nil {
		m = &Member{ID: c.req.User}
	}
	n := DigestSettings(m)
	text := "Your weekly digest comes on " + c.b.nudgeWhenWeekly(n)
	switch {
	case m.HasJoined():
		text += ", with your weekly nudge: `/mentor nudges time` moves both."
	case m.Nudges.Zone != "":
		text += ", as you set with `/mentor digest time`."
	default:
		text += ", the default: `/mentor digest time <day> <time> [zone]` sets another."
	}
	if m.MenteeCount > 0 || len(m.Invites) > 0 {
		text += " The next: " + atZone(c.b.NextDigest(m, c.now), c.b.Location(n.Zone)) + "."
	} else {
		text += " It starts once you lead someone (`/mentor assign @member`)."
	}
	switch dc := m.DigestChannel; {
	case dc.Channel == "":
		text += "\nIt comes by DM only; `/mentor digest channel #channel` posts it in a channel too."
	case dc.Only:
		text += fmt.Sprintf("\nIt's posted in %s instead of by DM (mode: only). `/mentor digest channel off` brings back the DM alone.", channelName(dc.Channel))
	default:
		text += fmt.Sprintf("\nIt's posted in %s as well as by DM (mode: also). `/mentor digest channel off` stops the post.", channelName(dc.Channel))
	}
	return Message{Title: "Your weekly digest", Text: text, Private: true}, nil
}
