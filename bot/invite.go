package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Onboarding starts before the new hire joins: a lead's `assign @newhire`
// (or an admin's `assign @newhire @lead`) for someone who hasn't joined
// writes the lead link and an invitation record together, and sends the
// new hire one DM naming their lead, with Join buttons and a way to say no.
// Joining keeps the link; the lead or an admin withdraws it with
// `unassign`; it lapses after InviteFor, and the lead's digest says so.

// outbox sends the DMs commands ask for (invitations): through the
// platform's Messenger (dm says why a redelivered command or a second
// replica sends nothing more).
type outbox struct {
	mu    sync.RWMutex
	msgrs map[string]Messenger
	dirs  map[string]Directory // who ids are, per platform (people.go)
}

// SetMessengers gives the bot the platforms' messengers for the DMs its
// commands send themselves (an invitation). Without one for a platform,
// such DMs are not sent there (and the answer says so).
func (b *Bot) SetMessengers(ms map[string]Messenger) {
	b.out.mu.Lock()
	defer b.out.mu.Unlock()
	b.out.msgrs = ms
}

// delivery is what became of a DM a command sent.
type delivery int

const (
	notSent delivery = iota // the platform has no messenger
	sent                    // delivered now
	queued                  // on its way: its turn under the platform's rate limit is later (Handoff)
)

// dm sends m to user through their platform's messenger, and reports
// what became of it: notSent, with no error, when the platform has none.
// With queue set, a messenger that can (Handoff) sends it in the
// background when its turn is beyond the command's budget.
//
// It keeps no once-key: a command sent again is stopped before it changes
// anything (replay marks, the adapters' event ids), and of two commands
// racing for one member the checked write lets one through, so each DM a
// command sends is news of a change made now. (A key of the command's
// second dropped the DM of a second change within that second, while the
// reply still said the member was told.)
func (b *Bot) dm(ctx context.Context, sc Scope, user string, m Message, queue bool) (delivery, error) {
	msgr := b.messenger(sc)
	if msgr == nil {
		return notSent, nil
	}
	to := Recipient{Scope: sc, User: user}
	if h, ok := msgr.(Handoff); ok && queue {
		later, err := h.SendOrQueue(ctx, to, m)
		switch {
		case err != nil:
			return notSent, fmt.Errorf("send DM to %s: %w", user, err)
		case later:
			return queued, nil
		}
		return sent, nil
	}
	if err := msgr.Send(ctx, to, m); err != nil {
		return notSent, fmt.Errorf("send DM to %s: %w", user, err)
	}
	return sent, nil
}

// invite makes an invitation of someone who hasn't joined to be lead's
// mentee. mentee may be nil (never seen) or a member with no stage.
func (c *call) invite(ctx context.Context, menteeID string, mentee, lead *Member) (Message, error) {
	old := ""
	if mentee != nil {
		old = mentee.Lead
	}
	iv := Invite{Mentee: menteeID, Lead: lead.ID, At: c.now}
	ev := Event{At: c.now, Actor: c.req.User, Kind: EventInvite, Detail: menteeID + " -> " + lead.ID}
	w := Write{Links: []Link{{Mentee: menteeID, Lead: lead.ID, Old: old, Check: true}},
		Events:   logFor(ev, lead.ID, old),
		Schedule: []Due{{Member: lead.ID, Kind: DueDigest, At: c.b.NextDigest(lead, c.now), Keep: true}}}
	if old != "" {
		// An admin moving an invitation: the old record goes first.
		w.Invites = append(w.Invites, Invite{Mentee: menteeID, Lead: old})
		w.Schedule = append(w.Schedule, Due{Member: old, Kind: DueDigest})
	}
	w.Invites = append(w.Invites, iv)
	if err := c.store.Apply(ctx, c.req.Scope, w); errors.Is(err, ErrConflict) {
		return Message{}, hasLead(menteeID, lead.ID)
	} else if err != nil {
		return Message{}, err
	}
	whose := "your"
	if lead.ID != c.req.User {
		whose = mention(lead.ID) + "'s"
	}
	text := fmt.Sprintf("%s hasn't joined yet, so I've invited them to be %s mentee: ", mention(menteeID), whose)
	// An admin moving an invitation replaces the first one: nobody is
	// left believing it still stands.
	moved := old != "" && old != lead.ID
	dm := c.b.invitation(lead, c.now)
	if moved {
		dm.Text += fmt.Sprintf("\n\nThis replaces the invitation from %s, which is withdrawn.", mention(old))
	}
	how, err := c.b.dm(ctx, c.req.Scope, menteeID, dm, true)
	switch {
	case err != nil:
		c.b.log.WarnContext(ctx, "invitation DM", "scope", c.req.Scope.String(), "member", menteeID, "err", err)
		text += "I couldn't DM them just now, so tell them to run `/mentor join` themselves."
	case how == notSent:
		text += "tell them to run `/mentor join` to accept."
	case how == queued:
		// True of a DM the background sender holds: it goes at its
		// turn under the platform's rate limit (a burst of invitations).
		text += "they'll get a DM naming their lead shortly, with Join buttons and a way to say no (I'm sending DMs as fast as the platform allows)."
	default:
		text += "they got a DM naming their lead, with Join buttons and a way to say no."
	}
	if moved {
		text += fmt.Sprintf(" It replaces %s invitation of %s, which is withdrawn", c.whose(old), c.dateIn(mentee.Invited, lead))
		told := old != c.req.User && c.tell(ctx, old, fmt.Sprintf("%s moved your invitation of %s to %s: they're no longer in your mentees.",
			mention(c.req.User), mention(menteeID), mention(lead.ID)))
		// The new invitation says so whether it went now or is on its way.
		said := "said so in %s's new invitation"
		if how == queued {
			said = "said so in %s's new invitation, which is on its way"
		}
		said = fmt.Sprintf(said, mention(menteeID))
		says := how != notSent && err == nil
		switch {
		case told && says:
			text += fmt.Sprintf("; I've told %s, and %s.", mention(old), said)
		case told:
			text += fmt.Sprintf("; I've told %s.", mention(old))
		case says:
			text += fmt.Sprintf("; I %s.", said)
		default:
			text += "."
		}
	}
	text += fmt.Sprintf(" They show as invited in `/mentor mentees` until they join; the invitation lapses on %s. "+
		"Withdraw it with `/mentor unassign %s`.", c.dateIn(c.now.Add(InviteFor), lead), mention(menteeID))
	return Message{Text: text, Private: true}, nil
}

// invitation is the DM a new hire gets.
func (b *Bot) invitation(lead *Member, now time.Time) Message {
	msg := Message{Title: "You're invited to mentorbot",
		Text: fmt.Sprintf("%s would like to be your lead on the %s roadmap: %s\n\nThey'll see your progress and "+
			"get a weekly digest of it. Pick the stage you're at to join, or say no thanks. "+
			"The invitation is open until %s.", mention(lead.ID), b.rm.Name, firstSentence(b.rm.Summary),
			now.Add(InviteFor).In(b.Location(DigestSettings(lead).Zone)).Format("Mon 2 Jan 2006"))}
	for _, s := range b.rm.Stages {
		msg.Buttons = append(msg.Buttons, Button{Label: "Join at " + s.Title, Command: "join " + s.ID})
	}
	msg.Buttons = append(msg.Buttons, Button{Label: "No thanks", Command: "lead leave", Style: "danger"})
	return msg
}

// dateIn writes a date as the lead reads it, with the year.
func (c *call) dateIn(t time.Time, lead *Member) string {
	return t.In(c.b.Location(DigestSettings(lead).Zone)).Format("Mon 2 Jan 2006")
}

// invitationOf returns the open or lapsed invitation of a member who
// hasn't joined, if they have one.
func (c *call) invitationOf(m *Member) (Invite, bool) {
	if m == nil || m.HasJoined() || m.Lead == "" || m.Invited.IsZero() {
		return Invite{}, false
	}
	return Invite{Mentee: m.ID, Lead: m.Lead, At: m.Invited}, true
}

// lapse is the Write that ends a lapsed invitation: the link, the record,
// and a note in the lead's log for their digest (whose entry stays, so
// that it tells them even when that was their last mentee).
func lapse(iv Invite, now time.Time) Write {
	return Write{Links: []Link{{Mentee: iv.Mentee, Old: iv.Lead, Check: true}},
		Invites: []Invite{{Mentee: iv.Mentee, Lead: iv.Lead}},
		Events:  []Event{{At: now, Member: iv.Lead, Actor: iv.Mentee, Kind: EventInviteLapsed, Detail: iv.Mentee}}}
}

// openInvitationsOf returns lead's open invitations (the caller's, or
// another lead's an admin looks at), and ends those that lapsed (one
// write, noted in the lead's log for their digest).
func (c *call) openInvitationsOf(ctx context.Context, lead *Member) ([]Invite, error) {
	if lead == nil {
		return nil, nil
	}
	var open []Invite
	var w Write
	for _, iv := range lead.Invites {
		if !iv.Expired(c.now) {
			open = append(open, iv)
			continue
		}
		l := lapse(iv, c.now)
		w.Links, w.Invites, w.Events = append(w.Links, l.Links...), append(w.Invites, l.Invites...), append(w.Events, l.Events...)
	}
	if len(w.Links) > 0 {
		// A conflict means someone joined or was moved meanwhile: the
		// next look tidies up.
		if err := c.store.Apply(ctx, c.req.Scope, w); err != nil && !errors.Is(err, ErrConflict) {
			return nil, err
		}
	}
	// Oldest first, so that pages of them keep their order.
	slices.SortStableFunc(open, func(x, y Invite) int { return cmp.Or(x.At.Compare(y.At), strings.Compare(x.Mentee, y.Mentee)) })
	return open, nil
}
