package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// unassignBatch is how many mentees one `leads remove … confirm` unassigns
// and tells by DM: a call stays short (each DM waits its turn under the
// platform's rate limit), and pressing again does the next batch.
const unassignBatch = 25

// leadsRemove revokes a lead's rights. A lead who still has mentees is
// asked first, naming how many; on confirm their rights go and their
// mentees are unassigned, unassignBatch a call, each told by DM, and their
// open invitations withdrawn.
func (c *call) leadsRemove(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	id := c.args["member"].User
	m := c.target
	if m == nil || !m.LeadRights && m.MenteeCount == 0 {
		return Message{Text: mention(id) + " has no lead rights granted here and leads nobody.", Private: true}, nil
	}
	if m.MenteeCount == 0 {
		ev := Event{At: c.now, Member: id, Actor: c.req.User, Kind: EventLeadRights, Detail: "revoked"}
		if err := c.store.Apply(ctx, c.req.Scope, Write{Rights: []Right{{Member: id}}, Events: []Event{ev}}); err != nil {
			return Message{}, err
		}
		return Message{Text: mention(id) + " no longer has lead rights granted by an admin.", Private: true}, nil
	}
	again := "leads remove " + mention(id) + " confirm"
	if c.args["confirm"].Choice != "confirm" || !c.live {
		n, inv := m.JoinedMentees(), len(m.Invites)
		var also []string
		if n > 0 {
			who := fmt.Sprintf("all %d mentees (each is told", n)
			if n == 1 {
				who = "their mentee (who is told"
			}
			also = append(also, "unassigns "+who+" by DM that they no longer have a lead)")
		}
		if inv > 0 {
			also = append(also, fmt.Sprintf("withdraws %s (each invitee is told by DM)", plural(inv, "open invitation", "open invitations")))
		}
		press := fmt.Sprintf("Remove and unassign %d", n)
		if n == 0 {
			press = "Remove and withdraw " + plural(inv, "invitation", "invitations")
		}
		text := fmt.Sprintf("%s leads %s. Removing them as a lead also %s. "+
			"To go ahead: `/mentor %s`.", mention(id), leading(m), strings.Join(also, " and "), again)
		if !c.live {
			text = c.stale + text
		}
		// A title is plain text on every platform: no mentions.
		name := m.Name
		if name == "" {
			name = c.nameOr(ctx, m.ID, "this lead")
		}
		return Message{Title: "Remove " + name + " as a lead?", Private: true, Text: text,
			Buttons: []Button{{Label: press, Command: c.stamped(again), Style: "danger"}}}, nil
	}
	p, err := c.store.MenteePage(ctx, c.req.Scope, id, PageQuery{At: c.now, Limit: unassignBatch})
	if err != nil {
		return Message{}, err
	}
	w := Write{Schedule: []Due{{Member: id, Kind: DueDigest}}} // the digest stops with the last mentee
	if m.LeadRights {
		w.Rights = []Right{{Member: id}}
		w.Events = append(w.Events, Event{At: c.now, Member: id, Actor: c.req.User, Kind: EventLeadRights, Detail: "revoked"})
	}
	for _, mentee := range p.Members {
		ev := Event{At: c.now, Actor: c.req.User, Kind: EventUnassign, Detail: mentee.ID + " -/-> " + id}
		w.Links = append(w.Links, Link{Mentee: mentee.ID, Old: id, Check: true})
		w.Events = append(w.Events, logFor(ev, mentee.ID, id)...)
	}
	var invites []Invite
	if len(p.Members) < unassignBatch {
		// Invitations are few (one lead's, open 30 days): all in the last call.
		for _, iv := range m.Invites {
			w.Links = append(w.Links, Link{Mentee: iv.Mentee, Old: id, Check: true})
			w.Invites = append(w.Invites, Invite{Mentee: iv.Mentee, Lead: id})
			invites = append(invites, iv)
		}
	}
	if err := c.store.Apply(ctx, c.req.Scope, w); errors.Is(err, ErrConflict) {
		return Message{}, invalid("Their mentees changed just now; `/mentor %s` again.", again)
	} else if err != nil {
		return Message{}, err
	}
	told := 0
	for _, mentee := range p.Members {
		if c.tell(ctx, mentee.ID, fmt.Sprintf("%s is no longer your lead (changed by %s): you have no lead now.",
			mention(m.ID), mention(c.req.User))) {
			told++
		}
	}
	done := fmt.Sprintf("Unassigned %s from %s (told %d by DM)", plural(len(p.Members), "mentee", "mentees"), mention(id), told)
	if len(invites) > 0 {
		// The invitee holds a DM with Join buttons naming this lead: they
		// hear that it no longer stands.
		n := c.tellWithdrawn(ctx, invites, fmt.Sprintf("%s's invitation to be your lead on mentorbot was withdrawn: they're no longer a lead (changed by %s).",
			mention(m.ID), mention(c.req.User)))
		done += fmt.Sprintf(" and withdrew %s (told %d by DM)", plural(len(invites), "invitation", "invitations"), n)
	}
	if left := p.Total - len(p.Members); left > 0 {
		return Message{Private: true, Text: fmt.Sprintf("%s. %d left: press again for the next %d.", done, left, min(left, unassignBatch)),
			Buttons: []Button{{Label: fmt.Sprintf("Unassign the next %d", min(left, unassignBatch)), Command: c.stamped(again), Style: "danger"}}}, nil
	}
	return Message{Private: true, Text: done + ". " + mention(id) + " is no longer a lead (unless the platform's lead role makes them one)."}, nil
}

// tellWithdrawn DMs the invitee of each open invitation of invites that
// it was withdrawn, and returns how many were told. One that lapsed was
// already over for them (its DM said until when).
func (c *call) tellWithdrawn(ctx context.Context, invites []Invite, why string) int {
	told := 0
	for _, iv := range invites {
		if !iv.Expired(c.now) && iv.Mentee != c.req.User && c.tell(ctx, iv.Mentee, why+" You can still join on your own with `/mentor join`.") {
			told++
		}
	}
	return told
}
