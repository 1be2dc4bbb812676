package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// exportDoc is what `export` hands a member: everything kept about them.
type exportDoc struct {
	Scope string `json:"scope"`
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Stage string `json:"stage,omitempty"`
	Track string `json:"track,omitempty"`
	Lead  string `json:"lead,omitempty"`
	// LeadRights and Mentees are the member's side as a lead.
	LeadRights bool     `json:"lead_rights,omitempty"`
	Mentees    []string `json:"mentees,omitempty"`
	// Invited is the invitation they have, Invitations those they made.
	Invited     *exportInvite  `json:"invited,omitempty"`
	Invitations []exportInvite `json:"invitations,omitempty"`
	// Fields never set are left out: a lead who never joined has no
	// stage, dates or nudges to show.
	Joined   time.Time             `json:"joined,omitzero"`
	Active   time.Time             `json:"last_active,omitzero"`
	Progress time.Time             `json:"last_progress,omitzero"`
	Nudges   *NudgeSettings        `json:"nudges,omitempty"`
	Digest   *exportDigest         `json:"digest,omitempty"`
	Delivery NudgeState            `json:"nudge_state,omitzero"`
	Skills   map[string]SkillState `json:"skills,omitempty"`
	Events   []exportEvent         `json:"events,omitempty"`
	// Cached is what the platform's adapter keeps about them: profile,
	// DM channel, kind of account, in the shared cache and the process.
	Cached []exportCached `json:"cached,omitempty"`
}

// exportDigest is a lead's digest settings in an export: its time (their
// nudge's once they joined, which FollowsNudges says) and its channel.
type exportDigest struct {
	Day           time.Weekday `json:"day"`
	Minute        int          `json:"minute"`
	Zone          string       `json:"zone,omitempty"`
	FollowsNudges bool         `json:"follows_nudges,omitempty"`
	Channel       string       `json:"channel,omitempty"`
	ChannelOnly   bool         `json:"channel_only,omitempty"`
}

// exportInvite is one invitation in an export.
type exportInvite struct {
	Mentee string    `json:"mentee"`
	Lead   string    `json:"lead"`
	At     time.Time `json:"at"`
}

// export gives the caller all their data as JSON.
func (c *call) export(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	m := c.me
	if m == nil {
		m = &Member{ID: c.req.User}
	}
	evs, err := c.store.Events(ctx, c.req.Scope, m.ID, 1000)
	if err != nil {
		return Message{}, err
	}
	cached, err := c.b.cachedAbout(ctx, c.req.Scope, m.ID)
	if err != nil {
		return Message{}, err
	}
	if c.me == nil && len(evs) == 0 && len(cached) == 0 {
		return Message{Text: keepNothing, Private: true}, nil
	}
	var mentees []string
	var invited *exportInvite
	var made []exportInvite
	if m.MenteeCount > 0 {
		ms, err := c.store.Mentees(ctx, c.req.Scope, m.ID)
		if err != nil {
			return Message{}, err
		}
		mentees = idsOf(ms)
	}
	for _, iv := range m.Invites {
		made = append(made, exportInvite(iv))
	}
	if iv, ok := c.invitationOf(c.me); ok {
		e := exportInvite(iv)
		invited = &e
	}
	doc := exportDoc{Scope: c.req.Scope.String(), ID: m.ID, Name: m.Name, Stage: m.Stage, Track: m.Track,
		Lead: m.Lead, LeadRights: m.LeadRights, Mentees: mentees, Invited: invited, Invitations: made, Joined: m.Joined, Active: m.LastActive, Progress: m.LastProgress,
		Delivery: m.NudgeState, Skills: m.Skills, Events: exportEvents(m.ID, evs), Cached: cached}
	// A lead who never joined keeps only a digest time in Nudges
	// (DigestSettings): it is shown as what it is, under digest.
	if m.HasJoined() {
		doc.Nudges = &m.Nudges
	}
	if leads(m) || m.DigestChannel.Channel != "" || (!m.HasJoined() && m.Nudges.Zone != "") {
		n := DigestSettings(m)
		doc.Digest = &exportDigest{Day: n.Day, Minute: n.Minute, Zone: n.Zone, FollowsNudges: m.HasJoined(),
			Channel: m.DigestChannel.Channel, ChannelOnly: m.DigestChannel.Only}
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return Message{}, fmt.Errorf("export %s: %w", m.ID, err)
	}
	return Message{Title: "Your data", Private: true,
		Text: fmt.Sprintf("Everything I keep about you: your profile, %s, %s and %s.",
			plural(len(m.Skills), "skill status", "skill statuses"), plural(len(evs), "event", "events"),
			plural(len(cached), "cached entry", "cached entries")),
		File: &File{Name: "mentorbot-export.json", Type: "application/json", Data: data}}, nil
}

// keepNothing answers export and forget for someone of whom nothing is
// kept.
const keepNothing = "I keep nothing about you: you haven't joined, lead nobody and have no lead rights."

// keepsNothing reports whether nothing is kept about the caller, loaded
// as c.me: no profile, links or rights, no event in their log and
// nothing cached by the adapter. A member is read no further.
func (c *call) keepsNothing(ctx context.Context) (bool, error) {
	if c.me != nil {
		return false, nil
	}
	evs, err := c.store.Events(ctx, c.req.Scope, c.req.User, 1)
	if err != nil || len(evs) > 0 {
		return false, err
	}
	cached, err := c.b.cachedAbout(ctx, c.req.Scope, c.req.User)
	return len(cached) == 0, err
}

// forget deletes the caller's data once they confirm. Someone of whom
// nothing is kept is told so, not warned that deleting it can't be
// undone nor told that it was deleted.
func (c *call) forget(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	switch nothing, err := c.keepsNothing(ctx); {
	case err != nil:
		return Message{}, err
	case nothing:
		return Message{Text: keepNothing + " There's nothing to delete.", Private: true}, nil
	}
	if c.args["confirm"].Choice != "confirm" {
		return Message{Title: "Delete your data?", Private: true,
			Text: "This deletes your profile, progress, nudge settings and history for good, removes you from your lead's list and, " +
				"if you lead anyone, your lead rights, digest and links to your mentees (they become unassigned). It can't be undone.",
			Buttons: []Button{
				{Label: "Yes, forget me", Command: "forget confirm", Style: "danger"},
				{Label: "Export first", Command: "export"},
			}}, nil
	}
	// Forget runs even when Load finds nothing: a log or a cache entry
	// may remain of someone with no profile, links or rights.
	w := Write{Forget: []string{c.req.User}}
	if c.me != nil && c.me.Lead != "" {
		// The lead keeps a note that their mentee left; nothing else remains.
		w.Events = []Event{{At: c.now, Member: c.me.Lead, Actor: c.req.User, Kind: EventForget}}
	}
	// Read before the links go: whom to tell that they have no lead now.
	var mentees []*Member
	if c.me != nil && c.me.MenteeCount > 0 {
		p, err := c.store.MenteePage(ctx, c.req.Scope, c.req.User, PageQuery{At: c.now, Limit: maxToldOnForget})
		if err != nil {
			return Message{}, err
		}
		mentees = p.Members
	}
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	if err := c.b.forgetCached(ctx, c.req.Scope, c.req.User); err != nil {
		return Message{}, err
	}
	c.b.log.InfoContext(ctx, "member forgotten", "scope", c.req.Scope.String(), "member", c.req.User)
	text := "Done: I've deleted everything I had about you."
	if c.me != nil && c.me.MenteeCount > 0 {
		text += fmt.Sprintf(" You no longer lead anyone (%s before): your links to them, your lead rights and your digest are gone.", leading(c.me))
		if n := c.tellNoLead(ctx, mentees); n > 0 {
			text += fmt.Sprintf(" I've told %s by DM.", plural(n, "mentee", "mentees"))
		}
	} else if c.me != nil && c.me.LeadRights {
		text += " Your lead rights are gone."
	}
	text += " `/mentor join` starts afresh."
	return Message{Text: text, Private: true}, nil
}

func idsOf(ms []*Member) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}

// maxToldOnForget bounds the DMs one `forget` by a lead sends (one page
// read, one DM each); mentees past it see it in `/mentor lead`.
const maxToldOnForget = 50

// tellNoLead DMs the joined mentees of a lead who just deleted their data
// that they have no lead now, and returns how many were told.
func (c *call) tellNoLead(ctx context.Context, mentees []*Member) int {
	note := fmt.Sprintf("%s deleted their data from mentorbot, so they're no longer your lead. "+
		"Your own progress is untouched; a lead can take you with `/mentor assign %%s`.", leadName(c.me))
	told := 0
	for _, m := range mentees {
		if m.HasJoined() && c.tell(ctx, m.ID, "lead-forgot:"+c.req.User, fmt.Sprintf(note, mention(m.ID))) {
			told++
		}
	}
	return told
}
