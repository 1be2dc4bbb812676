package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
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
	// When is day, time and zone as people read them ("Fridays at 16:30
	// (UTC)"); Day (0 is Sunday) and Minute (of the local day) are the
	// same for programs.
	When          string       `json:"when"`
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
		return Message{Text: c.keepNothing(), Private: true}, nil
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
		Delivery: m.NudgeState, Skills: m.Skills, Events: exportEvents(m.ID, evs, func(id string) string { return c.nameOf(ctx, id) }), Cached: cached}
	// A lead who never joined keeps only a digest time in Nudges
	// (DigestSettings): it is shown as what it is, under digest.
	if m.HasJoined() {
		doc.Nudges = &m.Nudges
	}
	if leads(m) || m.DigestChannel.Channel != "" || (!m.HasJoined() && m.Nudges.Zone != "") {
		n := DigestSettings(m)
		doc.Digest = &exportDigest{When: c.b.nudgeWhenWeekly(n), Day: n.Day, Minute: n.Minute, Zone: n.Zone, FollowsNudges: m.HasJoined(),
			Channel: m.DigestChannel.Channel, ChannelOnly: m.DigestChannel.Only}
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return Message{}, fmt.Errorf("export %s: %w", m.ID, err)
	}
	return Message{Title: "Your data", Private: true,
		Text: "Everything I keep about you: " + andList(c.kept(m, plural(len(evs), "event", "events")+" in your history", len(cached))) + ".",
		File: &File{Name: "mentorbot-export.json", Type: "application/json", Data: data}}, nil
}

// kept names what is stored about m, as export shows it and forget
// deletes it: a lead who never joined has lead rights, invitations and a
// digest time, not a profile, skills or nudges. history names their log;
// cached counts what the platform's adapter keeps about them.
func (c *call) kept(m *Member, history string, cached int) []string {
	var out []string
	if m.HasJoined() {
		out = append(out, "your profile (stage, track and nudge settings)", plural(len(m.Skills), "skill status", "skill statuses"))
	}
	switch {
	case m.Lead != "" && m.HasJoined():
		out = append(out, "your place in "+c.whose(m.Lead)+" mentees")
	case m.Lead != "":
		out = append(out, c.whose(m.Lead)+" invitation to you")
	}
	if m.LeadRights {
		out = append(out, "your lead rights")
	}
	if n := m.JoinedMentees(); n > 0 {
		out = append(out, "your links to "+plural(n, "mentee", "mentees"))
	}
	if len(m.Invites) > 0 {
		out = append(out, plural(len(m.Invites), "invitation", "invitations")+" you made")
	}
	if !m.HasJoined() && (leads(m) || m.DigestChannel.Channel != "" || m.Nudges.Zone != "") {
		out = append(out, "your digest's time")
	}
	if m.DigestChannel.Channel != "" {
		out = append(out, "your digest's channel")
	}
	if history != "" {
		out = append(out, history)
	}
	if cached > 0 {
		out = append(out, plural(cached, "cached entry", "cached entries")+" about you from the chat platform")
	}
	return out
}

// andList joins items as "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// keepNothing answers export and forget for someone of whom nothing is
// kept. Rights that come from outside the store (ADMIN_USERS, the
// platform's admin or lead role) are named as such: an admin has lead
// rights, just none that the bot keeps.
func (c *call) keepNothing() string {
	const nothing = "I keep nothing about you: you haven't joined"
	switch {
	case c.b.admins[c.req.User]:
		return nothing + " and lead nobody. Your admin rights, lead rights among them, come from ADMIN_USERS, not from anything I keep."
	case c.req.Role >= RoleAdmin:
		return nothing + " and lead nobody. Your admin rights, lead rights among them, come from your workspace's admin role, not from anything I keep."
	case c.req.Role >= RoleLead:
		return nothing + " and lead nobody. Your lead rights come from the platform's lead role, not from anything I keep."
	}
	return nothing + ", lead nobody and have no lead rights."
}

// keptBeyond is what is kept about someone loaded as nobody (c.me nil)
// besides the store's records: whether they have a history, and how many
// of the adapter's cache entries are about them.
type keptBeyond struct {
	history bool
	cached  int
}

// keeps reads keptBeyond for the caller; a member is taken to have a
// history (joining is its first event) and is read no further.
func (c *call) keeps(ctx context.Context) (keptBeyond, error) {
	if c.me != nil {
		return keptBeyond{history: true}, nil
	}
	evs, err := c.store.Events(ctx, c.req.Scope, c.req.User, 1)
	if err != nil || len(evs) > 0 {
		return keptBeyond{history: len(evs) > 0}, err
	}
	cached, err := c.b.cachedAbout(ctx, c.req.Scope, c.req.User)
	return keptBeyond{cached: len(cached)}, err
}

// forget deletes the caller's data once they confirm. Someone of whom
// nothing is kept is told so, not warned that deleting it can't be
// undone nor told that it was deleted.
func (c *call) forget(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	k, err := c.keeps(ctx)
	switch {
	case err != nil:
		return Message{}, err
	case c.me == nil && !k.history && k.cached == 0:
		return Message{Text: c.keepNothing() + " There's nothing to delete.", Private: true}, nil
	}
	if c.args["confirm"].Choice != "confirm" || !c.live {
		m := c.me
		if m == nil {
			m = &Member{ID: c.req.User}
		}
		history := ""
		if k.history {
			history = "your history"
		}
		text := "This deletes " + andList(c.kept(m, history, k.cached)) + " for good"
		// What it does to others, as it happens on confirm.
		var then []string
		switch n := m.JoinedMentees(); {
		case n == 1:
			then = append(then, "your mentee will have no lead (they're told by DM)")
		case n > 1:
			then = append(then, fmt.Sprintf("your %d mentees will have no lead (each is told by DM)", n))
		}
		switch n := len(m.Invites); {
		case n == 1:
			then = append(then, "your invitation is withdrawn (the invitee is told by DM)")
		case n > 1:
			then = append(then, fmt.Sprintf("your %d invitations are withdrawn (each invitee is told by DM)", n))
		}
		if len(then) > 0 {
			text += ": " + andList(then)
		}
		text += ". It can't be undone."
		if !c.live {
			text = c.stale + text
		}
		return Message{Title: "Delete your data?", Private: true, Text: text,
			Buttons: []Button{
				{Label: "Yes, forget me", Command: c.stamped("forget confirm"), Style: "danger"},
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
		gone := []string{"your links to them"}
		if c.me.LeadRights {
			gone = append(gone, "your lead rights")
		}
		gone = append(gone, "your digest")
		text += fmt.Sprintf(" You no longer lead anyone (%s before): %s are gone.", leading(c.me), andList(gone))
		var told []string
		if n := c.tellNoLead(ctx, mentees); n > 0 {
			told = append(told, plural(n, "mentee", "mentees"))
		}
		// Forget withdrew the invitations too: each invitee holds a DM with
		// Join buttons naming this lead.
		if n := c.tellWithdrawn(ctx, c.me.Invites, fmt.Sprintf("%s's invitation to be your lead on mentorbot was withdrawn: they deleted their data from mentorbot.",
			mention(c.me.ID))); n > 0 {
			told = append(told, plural(n, "invitee", "invitees")+" (their invitation is withdrawn)")
		}
		if len(told) > 0 {
			text += " I've told " + strings.Join(told, " and ") + " by DM."
		}
	} else if c.me != nil && c.me.LeadRights {
		text += " Your lead rights are gone."
	}
	if c.me.HasJoined() {
		text += " `/mentor join` starts afresh."
	}
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
		"Your own progress is untouched; a lead can take you with `/mentor assign %%s`.", mention(c.me.ID))
	told := 0
	for _, m := range mentees {
		if m.HasJoined() && c.tell(ctx, m.ID, fmt.Sprintf(note, mention(m.ID))) {
			told++
		}
	}
	return told
}
