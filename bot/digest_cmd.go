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
		return Message{}, invalid("Your digest comes at your weekly nudge's time: move both with `/mentor nudges time %s %02d:%02d`.",
			c.raw["day"], minute/60, minute%60)
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
	return Message{Text: text, Private: true}, nil
}
