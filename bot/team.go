package bot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// team shows admins one page of the leads, those with the longest-stuck
// mentees first, with the workspace's totals.
func (c *call) team(ctx context.Context) (Message, error) {
	page := c.pageArg()
	offset, limit := pageWindow(page, TeamPageSize)
	p, err := c.store.TeamPage(ctx, c.req.Scope, PageQuery{At: c.now, Offset: offset, Limit: limit,
		MovedSince: MovedFrom(c.now)})
	if err != nil {
		return Message{}, err
	}
	if p.LeadCount == 0 {
		return c.noTeam(ctx)
	}
	if len(p.Leads) == 0 {
		return beyondLast("team ", page, TeamPageSize, p.LeadCount), nil
	}
	msg := Message{Title: "Team", Private: true}
	msg.Text = fmt.Sprintf("%s leading %s; %d stuck.", plural(p.LeadCount, "lead", "leads"), plural(p.MenteeCount, "mentee", "mentees"), p.Stuck)
	ids := make([]string, len(p.Leads))
	for i, l := range p.Leads {
		ids[i] = l.ID
	}
	invites, err := c.store.Invitations(ctx, c.req.Scope, ids...)
	if err != nil {
		return Message{}, err
	}
	for _, l := range p.Leads {
		// Field names and labels are plain text on Discord (and labels on
		// Slack): a lead who never joined is named as the platform knows
		// them, and the field falls back to a mention, which the adapter
		// shows where it can't render one.
		known := l.Name
		if known == "" { // a look-up only when the roster has no name
			known = c.nameOf(ctx, l.ID)
		}
		name := cmp.Or(known, mention(l.ID))
		if l.Stuck > 0 {
			name = "⚠️ " + name
		}
		v := strings.TrimSuffix(standing(l.Mentees, l.Moved, l.Stuck), ".") + " · last progress " + ago(c.now, l.LastProgress)
		var open []string
		for _, iv := range invites[l.ID] {
			if !iv.Expired(c.now) {
				open = append(open, mention(iv.Mentee)+" since "+c.b.date(iv.At, nil))
			}
		}
		if len(open) > teamInvitesNamed {
			// A row stays a row: a lead who invited seventy shows a few
			// and the count; `mentees @lead` pages them all.
			open = append(open[:teamInvitesNamed], "and "+itoa(len(open)-teamInvitesNamed)+" more")
		}
		if len(open) > 0 {
			v += "; invited: " + strings.Join(open, ", ")
		}
		msg.Fields = append(msg.Fields, Field{Name: name, Inline: true, Value: v})
		// One button per row drills down to that lead's mentees: twenty
		// and the pager's two fit Discord's 25 and a Slack actions block.
		msg.Buttons = append(msg.Buttons, Button{Label: cmp.Or(known, "A lead") + "'s mentees", Command: "mentees " + mention(l.ID)})
	}
	pager(&msg, "team ", page, TeamPageSize, p.LeadCount)
	return msg, nil
}

// noTeam answers `team` when no lead leads anyone, saying so plainly:
// leads with rights and no mentee yet are named, with the next step.
func (c *call) noTeam(ctx context.Context) (Message, error) {
	leads, err := c.store.Leads(ctx, c.req.Scope)
	if err != nil {
		return Message{}, err
	}
	if len(leads) == 0 {
		return Message{Private: true, Text: "No leads yet: nobody here has lead rights or mentees. " +
			"Give someone lead rights with `/mentor leads add @member`, then `/mentor assign @member @lead`."}, nil
	}
	// A lead whose only links are invitations leads nobody yet (team
	// counts joined mentees), but has invited: Leads' lists hold the
	// invitees, so saying so costs no further read.
	var invited, none []string
	for id, ms := range leads {
		if len(ms) > 0 {
			invited = append(invited, id)
		} else {
			none = append(none, id)
		}
	}
	slices.Sort(invited)
	slices.Sort(none)
	named := func(ids []string) []string {
		out := make([]string, 0, min(len(ids), maxNamedLeads+1))
		for _, id := range ids[:min(len(ids), maxNamedLeads)] {
			if len(leads[id]) > 0 {
				out = append(out, mention(id)+" has invited "+plural(len(leads[id]), "person", "people"))
			} else {
				out = append(out, mention(id))
			}
		}
		if len(ids) > maxNamedLeads { // one message, within the platforms' limits
			out = append(out, fmt.Sprintf("%d more", len(ids)-maxNamedLeads))
		}
		return out
	}
	text := "No lead leads anyone yet."
	if len(invited) > 0 {
		text += fmt.Sprintf(" %s, and nobody joined yet: an invitee counts as a mentee once they join "+
			"(`/mentor mentees %s` lists the invitations).", strings.Join(named(invited), ", "), mention(invited[0]))
	}
	if len(none) > 0 {
		text += fmt.Sprintf(" %s %s lead rights and no mentees: assign them one with `/mentor assign @member %s`.",
			strings.Join(named(none), ", "), hasHave(len(none)), mention(none[0]))
	}
	return Message{Private: true, Text: text}, nil
}

// teamInvitesNamed bounds the open invitations a `team` row names.
const teamInvitesNamed = 3

// maxNamedLeads bounds how many leads noTeam names.
const maxNamedLeads = 10

// hasHave agrees "has" with a count of people.
func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
