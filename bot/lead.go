package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// StuckAfter is how long without progress marks a mentee as stuck.
const StuckAfter = 14 * 24 * time.Hour

// IgnoredToStuck is how many nudges in a row without progress mark a
// member as stuck.
const IgnoredToStuck = 3

// leads reports whether m leads someone or holds lead rights.
func leads(m *Member) bool { return m != nil && (m.LeadRights || m.MenteeCount > 0) }

// assign makes the caller (or, for admins, the named lead) a member's lead.
func (c *call) assign(ctx context.Context) (Message, error) {
	menteeID := c.args["member"].User
	admin := c.b.isAdmin(c.req)
	leadID := c.req.User
	if v, ok := c.args["lead"]; ok {
		leadID = v.User
	}
	mentee, lead := c.users[menteeID], c.users[leadID]
	switch {
	case leadID != c.req.User && !admin:
		return Message{}, c.notAdmin("assign a member to someone else")
	case menteeID == leadID:
		return Message{}, invalid("Nobody can be their own lead.")
	}
	named := []string{menteeID}
	if leadID != c.req.User {
		named = append(named, leadID)
	}
	vouched, err := c.realPeople(ctx, named...)
	if err != nil {
		return Message{}, err
	}
	switch {
	case leadID != c.req.User && !leads(lead) && leads(mentee):
		// The member named first leads people and the one named as lead
		// leads nobody: the two names are most likely swapped, and
		// assigning would quietly make a plain member a lead.
		return Message{}, invalid("%s isn't a lead and %s is. The member comes first, then the lead: `/mentor assign %s %s`. "+
			"To make %s a lead too, give them lead rights first with `/mentor leads add %s`.",
			mention(leadID), mention(menteeID), mention(leadID), mention(menteeID), mention(leadID), mention(leadID))
	case leadID != c.req.User && !vouched && !lead.HasJoined() && (lead == nil || !lead.LeadRights && lead.MenteeCount == 0):
		// Without a directory (the console) an id that never used the
		// bot may be a typo: a lead must be known here.
		return Message{}, invalid("%s isn't a lead here and has never used mentorbot, so I won't assign anyone to them. "+
			"Give them lead rights first with `/mentor leads add %s`, then assign.", mention(leadID), mention(leadID))
	case mentee.HasJoined():
	case mentee != nil && mentee.Lead == leadID:
		return Message{Text: mention(menteeID) + " is already invited to " + c.whose(leadID) + " mentees; they haven't joined yet.", Private: true}, nil
	case mentee != nil && mentee.Lead != "" && !admin:
		// Only an invitation links them: "already has a lead" would be
		// false, and the lead asking should know whom to ask.
		return Message{}, refuse("%s has a pending invitation from %s; an admin can move it with `/mentor assign %s %s`.",
			mention(menteeID), mention(mentee.Lead), mention(menteeID), mention(leadID))
	default:
		if lead == nil {
			lead = &Member{ID: leadID}
		}
		return c.invite(ctx, menteeID, mentee, lead)
	}
	switch {
	case mentee.Lead != "" && mentee.Lead != c.req.User && !admin:
		return Message{}, hasLead(menteeID, leadID)
	case mentee.Lead == leadID && leadID == c.req.User:
		return Message{Text: mention(menteeID) + " is already in your list.", Private: true}, nil
	case mentee.Lead == leadID:
		return Message{Text: mention(menteeID) + " is already in that lead's list.", Private: true}, nil
	}
	old := mentee.Lead
	ev := Event{At: c.now, Actor: c.req.User, Kind: EventAssign, Detail: menteeID + " -> " + leadID}
	if lead == nil {
		lead = &Member{ID: leadID} // a lead who never joined gets the default digest time
	}
	// The new lead's digest starts unless they already have one; the old
	// lead's stops if this was their last mentee.
	digests := []Due{{Member: leadID, Kind: DueDigest, At: c.b.NextDigest(lead, c.now), Keep: true}}
	if old != "" {
		digests = append(digests, Due{Member: old, Kind: DueDigest})
	}
	// Checked: of two leads taking one member at the same moment, one wins.
	w := Write{Links: []Link{{Mentee: menteeID, Lead: leadID, Old: old, Check: true}},
		Events: logFor(ev, menteeID, leadID, old), Schedule: digests}
	if err := c.store.Apply(ctx, c.req.Scope, w); errors.Is(err, ErrConflict) {
		if !admin {
			return Message{}, hasLead(menteeID, leadID)
		}
		return Message{}, invalid("Someone else just changed who leads %s. Check with `/mentor progress %s`, then try again.",
			mention(menteeID), mention(menteeID))
	} else if err != nil {
		return Message{}, err
	}
	mentee.Lead = leadID
	who := "your"
	if leadID != c.req.User {
		who = mention(lead.ID) + "'s"
	}
	text := fmt.Sprintf("%s is now in %s mentees.", mention(menteeID), who)
	if old != "" {
		text = fmt.Sprintf("%s is now in %s mentees (moved from %s mentees).", mention(menteeID), who, c.whose(old))
		moved := fmt.Sprintf("%s is no longer your mentee: %s moved them to %s.", mention(menteeID), mention(c.req.User), mention(leadID))
		if leadID == c.req.User {
			moved = fmt.Sprintf("%s is no longer your mentee: %s leads them now.", mention(menteeID), mention(leadID))
		}
		// tell says yes for the caller, who reads this reply instead of a
		// DM: only those really sent one are counted.
		toldOld := old != c.req.User && c.tell(ctx, old, moved)
		toldMentee := menteeID != c.req.User && c.tell(ctx, menteeID, fmt.Sprintf("Your lead is now %s (was %s), set by %s. `/mentor lead` shows it.",
			mention(leadID), mention(old), mention(c.req.User)))
		switch {
		case toldOld && toldMentee:
			text += " I've told them both by DM."
		case toldMentee:
			text += " I've told " + mention(menteeID) + " by DM."
		case toldOld:
			text += " I've told " + mention(old) + " by DM."
		}
		return Message{Text: text, Private: true}, nil
	}
	// The member learns of their new lead from the bot, not by surprise
	// in a one-to-one.
	dm := fmt.Sprintf("%s is now your lead: they see your progress and get a weekly digest of it. "+
		"`/mentor lead` shows it; `/mentor lead leave` ends it.", mention(leadID))
	if leadID != c.req.User {
		dm = fmt.Sprintf("%s is now your lead, set by %s: they see your progress and get a weekly digest of it. "+
			"`/mentor lead` shows it; `/mentor lead leave` ends it.", mention(leadID), mention(c.req.User))
	}
	if menteeID != c.req.User && c.tell(ctx, menteeID, dm) {
		text += " I've told them by DM."
	}
	return Message{Text: text, Private: true}, nil
}

// whose is "your" for the caller, else "<name>'s".
func (c *call) whose(id string) string {
	if id == c.req.User {
		return "your"
	}
	return mention(id) + "'s"
}

// tell DMs a member about a change someone else made to them and reports
// whether it went, so that a reply's "I've told them" is true of a DM they
// (or the console, as a [DM to NAME] block) see now; see dm for why no
// once-key. A failed DM is logged: the change itself stands.
func (c *call) tell(ctx context.Context, user, text string) bool {
	if user == c.req.User {
		return true
	}
	// Not queued: "I've told them" is said of a DM sent now.
	how, err := c.b.dm(ctx, c.req.Scope, user, Message{Text: text}, false)
	if err != nil {
		c.b.log.WarnContext(ctx, "change DM", "scope", c.req.Scope.String(), "member", user, "err", err)
	}
	return how == sent && err == nil
}

// hasLead answers a lead who tries to take someone else's mentee, or
// loses a race for a member to another lead. It names no other lead (who
// leads whom is theirs and the admins' to see), but gives the two ways
// forward: an admin moves the member, or the member leaves their lead.
func hasLead(mentee, lead string) error {
	return refuse("That member already has a lead. An admin can move them with `/mentor assign %s %s`, "+
		"or %s can leave their lead with `/mentor lead leave`, and then be assigned again.", mention(mentee), mention(lead), mention(mentee))
}

// mention is how the core names someone it knows only by id; adapters
// show it as the person's name (the console as @id).
func mention(id string) string { return "<@" + id + ">" }

// unassign removes a member from their lead's list.
func (c *call) unassign(ctx context.Context) (Message, error) {
	menteeID := c.args["member"].User
	mentee := c.users[menteeID]
	if err := c.cantUnassign(menteeID, mentee); err != nil {
		return Message{}, err
	}
	old := mentee.Lead
	mentee.Lead = ""
	ev := Event{At: c.now, Actor: c.req.User, Kind: EventUnassign, Detail: menteeID + " -/-> " + old}
	w := Write{Links: []Link{{Mentee: menteeID, Old: old}}, Events: logFor(ev, menteeID, old),
		Schedule: []Due{{Member: old, Kind: DueDigest}}} // the lead's digest stops if this was their last mentee
	invited := !mentee.HasJoined()
	if invited {
		// Someone who never joined is led only by an invitation.
		w.Invites = []Invite{{Mentee: menteeID, Lead: old}}
		w.Events = logFor(ev, old)
	}
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	if invited {
		// They hold a DM with Join buttons naming the lead: they hear it no
		// longer stands, as leads remove and a lead's forget tell them.
		text := "Invitation withdrawn: " + mention(menteeID) + " is no longer invited to be a mentee."
		why := fmt.Sprintf("%s's invitation to be your lead on mentorbot was withdrawn (by %s).", mention(old), mention(c.req.User))
		if old == c.req.User {
			why = fmt.Sprintf("%s withdrew their invitation to be your lead on mentorbot.", mention(old))
		}
		if c.tellWithdrawn(ctx, []Invite{{Mentee: menteeID, Lead: old, At: mentee.Invited}}, why) > 0 {
			text += " I've told them by DM."
		}
		return Message{Text: text, Private: true}, nil
	}
	text := mention(menteeID) + " no longer has a lead."
	note := fmt.Sprintf("%s is no longer your lead (changed by %s).", mention(old), mention(c.req.User))
	if old == c.req.User {
		note = mention(old) + " is no longer your lead: they took you off their mentees."
	}
	if c.tell(ctx, menteeID, note) &&
		menteeID != c.req.User {
		text += " I've told them by DM."
	}
	return Message{Text: text, Private: true}, nil
}

// cantUnassign says why the caller can't unassign menteeID, or nil when
// they can. A lead hears only that the member isn't theirs (true whether
// the member has another lead or none, so it tells them nothing of other
// leads); an admin, who may see everyone's, hears that they have no lead.
func (c *call) cantUnassign(menteeID string, mentee *Member) error {
	mine := mentee != nil && mentee.Lead == c.req.User
	switch {
	case mine:
		return nil
	case menteeID == c.req.User && !c.b.isAdmin(c.req):
		return refuse("You can't unassign yourself: `/mentor lead leave` leaves your own lead.")
	case !c.b.isAdmin(c.req):
		return refuse("%s isn't your mentee or invited by you, so there's nothing for you to unassign. `/mentor mentees` lists yours.",
			mention(menteeID))
	case mentee == nil || mentee.Lead == "":
		return refuse("%s has no lead and no open invitation, so there's nothing to unassign.", mention(menteeID))
	}
	return nil
}

// logFor copies ev into the logs of each distinct, non-empty member.
func logFor(ev Event, members ...string) []Event {
	var out []Event
	for _, m := range members {
		if m != "" && !slices.ContainsFunc(out, func(e Event) bool { return e.Member == m }) {
			e := ev
			e.Member = m
			out = append(out, e)
		}
	}
	return out
}

// row is one mentee at a glance.
type row struct {
	m      *Member
	stage  Bar
	recent int    // skills done in the last 14 days
	stuck  string // why they look stuck; empty when moving
}

func (c *call) rows(ms []*Member) []row {
	out := c.rowsInOrder(ms)
	slices.SortFunc(out, func(a, b row) int { return strings.Compare(display(a.m), display(b.m)) })
	return out
}

// rowsInOrder is rows in the order of ms.
func (c *call) rowsInOrder(ms []*Member) []row {
	out := make([]row, 0, len(ms))
	for _, m := range ms {
		r := row{m: m, stuck: c.b.Stuck(m, c.now)}
		if bars := c.b.bars(m); len(bars) > 0 {
			r.stage = bars[0]
		}
		for _, st := range m.Skills {
			if st.Status == Done && c.now.Sub(st.At) <= StuckAfter {
				r.recent++
			}
		}
		out = append(out, r)
	}
	return out
}

// Stuck says why a member looks stuck, or "" when they are moving.
func (b *Bot) Stuck(m *Member, now time.Time) string { return stuckWhy(m, now, "2 Jan") }

// stuckWhy is Stuck with the date of "no progress since" in layout: a
// file (`mentees csv`) is read beyond this year, so it writes the year.
func stuckWhy(m *Member, now time.Time, layout string) string {
	if at := StuckAt(m); at.IsZero() || now.Before(at) {
		return ""
	}
	// Ignored counts nudges sent with no progress since the one before; it
	// only resets when the next nudge goes out, so progress made since the
	// last nudge clears the flag at once.
	if m.NudgeState.Ignored >= IgnoredToStuck && m.LastProgress.Before(m.NudgeState.Last) {
		return plural(m.NudgeState.Ignored, "nudge", "nudges") + " without progress"
	}
	since := m.LastProgress
	if since.IsZero() {
		since = m.Joined
	}
	if !since.IsZero() && now.Sub(since) >= StuckAfter {
		return "no progress since " + since.Format(layout)
	}
	return ""
}

// mentees shows one page of the caller's mentees, stuck first, or all of
// them as CSV; an admin may name another lead (`mentees @bob`), whose
// page costs the same: the one load of caller and lead, the one page.
func (c *call) mentees(ctx context.Context) (Message, error) {
	leadID := c.req.User
	if v, ok := c.args["lead"]; ok && v.User != c.req.User {
		if !c.b.isAdmin(c.req) {
			return Message{}, c.notAdmin("see another lead's mentees (`/mentor mentees` shows yours)")
		}
		leadID = v.User
	}
	own := leadID == c.req.User
	// cmd is the command line of this list, for its buttons.
	cmd := "mentees "
	if !own {
		cmd += mention(leadID) + " "
	}
	invited, err := c.openInvitationsOf(ctx, c.users[leadID])
	if err != nil {
		return Message{}, err
	}
	if c.args["format"].Choice == "csv" {
		ms, err := c.store.Mentees(ctx, c.req.Scope, leadID)
		if err != nil {
			return Message{}, err
		}
		if len(ms) == 0 && len(invited) == 0 {
			return c.noMentees(leadID), nil
		}
		return c.menteesCSV(leadID, c.rows(ms), invited)
	}
	page := c.pageArg()
	offset, limit := pageWindow(page, MenteePageSize)
	p, err := c.store.MenteePage(ctx, c.req.Scope, leadID, PageQuery{At: c.now, Offset: offset,
		Limit: limit, MovedSince: MovedFrom(c.now), MovedCountOnly: true})
	if err != nil {
		return Message{}, err
	}
	if p.Total == 0 && len(invited) == 0 {
		return c.noMentees(leadID), nil
	}
	title, lead := "Your mentees", ""
	if !own {
		// Titles show no mentions (Slack's header, Discord's embed title
		// are plain text): the lead is named in the text.
		title, lead = "A lead's mentees", mention(leadID)+" leads "
		if n := c.nameOf(ctx, leadID); n != "" {
			title = n + "'s mentees"
		}
	}
	msg := Message{Title: fmt.Sprintf("%s (%d)", title, p.Total), Private: true}
	msg.Text = lead + standing(p.Total, p.MovedCount, p.Stuck)
	// Open invitations are listed after the mentees, paged with them: a
	// lead who invited seventy gets ten rows a page, as with mentees.
	all := p.Total + len(invited)
	if page > 1 && (limit <= 0 || offset >= all) {
		return beyondLast(cmd+"page ", page, MenteePageSize, all), nil
	}
	for _, r := range c.rowsInOrder(p.Members) {
		level := c.b.stageTitle(r.m.Stage)
		if r.m.Track != "" {
			level += " · " + c.b.trackTitle(r.m.Track)
		}
		v := fmt.Sprintf("%s\n%s · %d done in 14 days · active %s · nudges %s",
			level, r.stage.String(), r.recent, ago(c.now, r.m.LastActive), c.b.nudgeShort(r.m, c.now))
		name := display(r.m)
		// Each row says what the digest would: stuck, moved, or quiet.
		switch {
		case r.stuck != "":
			name = "⚠️ " + name
			v += "\nStuck: " + r.stuck
		case MovedWithin(r.m, c.now):
			v += "\nMoved this week: " + movedWith(c.b, r.m, c.now)
		default:
			v += "\nQuiet: no skill started or finished in the last 7 days"
		}
		msg.Fields = append(msg.Fields, Field{Name: name, Value: v})
		// One button per row: ten, the pager's two and the CSV's fit
		// Discord's 25 (five rows of five) and one Slack actions block.
		label := r.m.Name
		if label == "" { // a look-up only when the profile has no name
			label = c.nameOr(ctx, r.m.ID, "A mentee")
		}
		msg.Buttons = append(msg.Buttons, Button{Label: label, Command: "progress <@" + r.m.ID + ">"})
	}
	from := min(max(offset-p.Total, 0), len(invited))
	to := min(max(offset+limit-p.Total, 0), len(invited))
	for _, iv := range invited[from:to] {
		msg.Fields = append(msg.Fields, Field{Name: "✉️ " + c.nameOr(ctx, iv.Mentee, mention(iv.Mentee)), Value: fmt.Sprintf("invited %s, hasn't joined yet · open until %s",
			c.b.date(iv.At, c.me), c.b.date(iv.At.Add(InviteFor), c.me))})
	}
	switch {
	case len(invited) > 0 && p.Total == 0:
		msg.Title = title
		msg.Text = lead + "no mentees yet; " + plural(len(invited), "invitation", "invitations") + " open."
		if own {
			msg.Text = "No mentees yet; " + plural(len(invited), "invitation", "invitations") + " open."
		}
	case len(invited) > 0:
		msg.Text += " " + plural(len(invited), "invitation", "invitations") + " open."
	}
	pager(&msg, cmd+"page ", page, MenteePageSize, all)
	msg.Buttons = append(msg.Buttons, Button{Label: "Download CSV", Command: cmd + "csv"})
	return msg, nil
}

// noMentees answers a list of mentees that is empty. An admin, who may
// lead nobody and is there to see others', is pointed to the leads.
func (c *call) noMentees(leadID string) Message {
	if leadID != c.req.User {
		return Message{Private: true, Text: fmt.Sprintf("%s has no mentees and no open invitations. "+
			"`/mentor team` lists the leads and their mentees.", mention(leadID)),
			Buttons: []Button{{Label: "Team", Command: "team"}}}
	}
	msg := Message{Text: "You have no mentees yet. Take one with `/mentor assign @member`.", Private: true}
	if c.b.isAdmin(c.req) {
		msg.Text += " As an admin, `/mentor team` lists every lead and `/mentor mentees @lead` shows one lead's mentees."
		msg.Buttons = []Button{{Label: "Team", Command: "team"}}
	}
	return msg
}

func (c *call) menteesCSV(leadID string, rows []row, invited []Invite) (Message, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"id", "name", "stage", "track", "stage_done", "stage_total", "done_14d", "last_active", "nudges", "stuck", "invited"})
	for _, r := range rows {
		active := ""
		if !r.m.LastActive.IsZero() {
			active = r.m.LastActive.UTC().Format(time.RFC3339)
		}
		w.Write([]string{r.m.ID, csvSafe(r.m.Name), r.m.Stage, r.m.Track, itoa(r.stage.Done), itoa(r.stage.Total),
			itoa(r.recent), active, c.b.nudgeShort(r.m, c.now), stuckWhy(r.m, c.now, time.DateOnly), ""})
	}
	for _, iv := range invited {
		w.Write([]string{iv.Mentee, "", "invited", "", "", "", "", "", "", "", iv.At.UTC().Format(time.RFC3339)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return Message{}, fmt.Errorf("mentees csv: %w", err)
	}
	whose, name := "Your", "mentees.csv"
	if leadID != c.req.User {
		whose, name = mention(leadID)+"'s", "mentees-"+leadID+".csv"
	}
	text := fmt.Sprintf("%s %s as CSV.", whose, plural(len(rows), "mentee", "mentees"))
	if len(invited) > 0 {
		text = fmt.Sprintf("%s %s and %s as CSV.", whose, plural(len(rows), "mentee", "mentees"), plural(len(invited), "invitation", "invitations"))
	}
	return Message{Text: text, Private: true,
		File: &File{Name: name, Type: "text/csv", Data: buf.Bytes()}}, nil
}

// csvSafe stops a display name from being read as a spreadsheet formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
