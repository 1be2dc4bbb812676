package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Lead rights come from four places: admin rights, the platform
// (DISCORD_LEAD_ROLE, SLACK_LEAD_GROUP: Request.Role), a grant by an admin
// (`leads add`, kept in the store), and leading at least one mentee. The
// store knows only the last two, so `leads` lists those and says so.

// leadsList shows admins every lead the store knows and why they are one.
func (c *call) leadsList(ctx context.Context) (Message, error) {
	leads, err := c.store.Leads(ctx, c.req.Scope)
	if err != nil {
		return Message{}, err
	}
	ids := make([]string, 0, len(leads))
	for id := range leads {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ms, err := c.store.Load(ctx, c.req.Scope, ids...)
	if err != nil {
		return Message{}, err
	}
	msg := Message{Title: "Leads", Private: true,
		Footer: "Holders of the platform's lead role or group are leads too; they are listed once they are granted rights or lead someone."}
	for i, id := range ids {
		var how []string
		if m := ms[i]; m != nil && m.LeadRights {
			how = append(how, "granted")
		}
		invited := 0
		if m := ms[i]; m != nil {
			invited = len(m.Invites)
		}
		if n := len(leads[id]) - invited; n > 0 {
			how = append(how, plural(n, "mentee", "mentees"))
		}
		if invited > 0 {
			how = append(how, itoa(invited)+" invited")
		}
		if m := ms[i]; m == nil || !m.HasJoined() {
			how = append(how, "not joined")
		}
		name := mention(id)
		if m := ms[i]; m != nil && m.Name != "" {
			name = m.Name
		}
		msg.Fields = append(msg.Fields, Field{Name: name, Value: strings.Join(how, " · "), Inline: true})
	}
	if len(ids) == 0 {
		msg.Text = "No leads yet. Give someone lead rights with `/mentor leads add @member`."
	} else {
		msg.Text = plural(len(ids), "lead", "leads") + "."
	}
	return msg, nil
}

// leadsAdd grants lead rights.
func (c *call) leadsAdd(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	id := c.args["member"].User
	if m := c.target; m != nil && m.LeadRights {
		return Message{Text: mention(id) + " already has lead rights.", Private: true}, nil
	}
	if _, err := c.realPeople(ctx, id); err != nil {
		return Message{}, err
	}
	ev := Event{At: c.now, Member: id, Actor: c.req.User, Kind: EventLeadRights, Detail: "granted"}
	if err := c.store.Apply(ctx, c.req.Scope, Write{Rights: []Right{{Member: id, Lead: true}}, Events: []Event{ev}}); err != nil {
		return Message{}, err
	}
	return Message{Private: true, Text: fmt.Sprintf("%s is now a lead: they can take mentees with `/mentor assign @member` "+
		"and see them with `/mentor mentees`, without joining. Undo with `/mentor leads remove %s`.", mention(id), mention(id))}, nil
}

// leadShow tells a member (or someone invited) who their lead is.
func (c *call) leadShow(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	if c.me == nil || c.me.Lead == "" {
		return Message{Text: "You have no lead. A lead can take you with `/mentor assign " + mention(c.req.User) + "`.", Private: true}, nil
	}
	if !c.me.HasJoined() {
		if iv, ok := c.invitationOf(c.me); ok && !iv.Expired(c.now) {
			return Message{Private: true, Text: fmt.Sprintf("%s invited you on %s to be their mentee. Join with `/mentor join` "+
				"(or `/mentor join mid`), or say no thanks.", mention(iv.Lead), c.b.date(iv.At, c.me)),
				Buttons: []Button{{Label: "Join", Command: "join", Style: "primary"}, {Label: "No thanks", Command: "lead leave", Style: "danger"}}}, nil
		}
	}
	return Message{Private: true, Text: fmt.Sprintf("Your lead is %s: they see your progress and get a weekly digest of it.", mention(c.me.Lead)),
		Buttons: []Button{{Label: "Leave my lead", Command: "lead leave", Style: "danger"}}}, nil
}

// leadLeave unlinks a member from their lead, or declines an invitation.
// The lead keeps their digest entry even when this was their last mentee,
// so that their next digest tells them; the digest then stops.
func (c *call) leadLeave(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	m := c.me
	if m == nil || m.Lead == "" {
		return Message{Text: "You have no lead to leave.", Private: true}, nil
	}
	old := m.Lead
	ev := Event{At: c.now, Actor: m.ID, Kind: EventLeft, Detail: display(m)}
	w := Write{Links: []Link{{Mentee: m.ID, Old: old, Check: true}}, Events: logFor(ev, old, m.ID)}
	text := fmt.Sprintf("Done: %s is no longer your lead. They'll see that in their next weekly digest.", mention(old))
	if !m.HasJoined() {
		ev.Kind, ev.Detail = EventDeclined, m.ID
		w.Events = []Event{ev}
		w.Events[0].Member = old
		w.Invites = []Invite{{Mentee: m.ID, Lead: old}}
		text = fmt.Sprintf("Done: you declined %s's invitation. They'll see that in their next weekly digest. "+
			"`/mentor join` still works whenever you like.", mention(old))
	}
	if err := c.store.Apply(ctx, c.req.Scope, w); errors.Is(err, ErrConflict) {
		return Message{}, invalid("Your lead changed just now; see `/mentor lead`.")
	} else if err != nil {
		return Message{}, err
	}
	return Message{Private: true, Text: text}, nil
}

// date writes a date in m's zone, with the year.
func (b *Bot) date(t time.Time, m *Member) string {
	zone := ""
	if m != nil {
		zone = m.Nudges.Zone
	}
	return t.In(b.Location(zone)).Format("Mon 2 Jan 2006")
}

// leading says whom a lead leads: "2 mentees", "1 mentee and 1 invitation".
func leading(m *Member) string {
	n, inv := m.JoinedMentees(), len(m.Invites)
	switch {
	case inv == 0:
		return plural(n, "mentee", "mentees")
	case n == 0:
		return plural(inv, "open invitation", "open invitations")
	}
	return plural(n, "mentee", "mentees") + " and " + plural(inv, "open invitation", "open invitations")
}
