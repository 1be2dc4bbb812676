package bot

import (
	"slices"
	"strings"
	"time"
)

// DigestWindow is how far back a digest looks for who moved or left.
const DigestWindow = 7 * 24 * time.Hour

// DigestSettings are the day, time and zone of a lead's weekly digest:
// their own nudge settings when they have joined (whether or not their
// nudges are on: the digest is about their mentees) or, never having
// joined, set them with `digest time` (which always sets a zone),
// otherwise Mondays at 09:00 in the bot's default zone.
func DigestSettings(lead *Member) NudgeSettings {
	if lead.HasJoined() || lead.Nudges.Zone != "" {
		return NudgeSettings{Day: lead.Nudges.Day, Minute: lead.Nudges.Minute, Zone: lead.Nudges.Zone}
	}
	return DefaultNudges("")
}

// NextDigest returns the first instant after t at which lead's weekly
// digest is due. lead may be a bare Member with only an id, for a lead
// who never joined.
func (b *Bot) NextDigest(lead *Member, after time.Time) time.Time {
	n := DigestSettings(lead)
	return NextDue(n, after, b.Location(n.Zone))
}

// DigestListSize bounds each list of a digest: a lead with a thousand
// mentees hears of the ten longest stuck, the ten who moved last and the
// quiet among the ten closest to stuck, with the counts of the rest.
const DigestListSize = 10

// DigestQuery is the page of a lead's mentees a digest at now is made
// from (see DigestFor).
func DigestQuery(now time.Time) PageQuery {
	return PageQuery{At: now, Limit: DigestListSize, MovedSince: MovedFrom(now)}
}

// DigestFor builds a lead's weekly digest at now from p, the page
// DigestQuery asks for: who moved in the last seven days and what they
// finished, who is stuck and since when with one talking point each for
// the next 1:1, and who was quiet. When p holds every mentee the counts
// are its own; otherwise they are the store's.
func (b *Bot) DigestFor(lead *Member, p MenteePage, now time.Time) Message {
	return b.DigestWith(lead, p, nil, nil, now)
}

// DigestWith is DigestFor with the lead's recent log (newest first) and
// invitations: it adds who left them or declined in the digest window,
// who is invited and hasn't joined, and which invitations lapsed.
func (b *Bot) DigestWith(lead *Member, p MenteePage, log []Event, invites []Invite, now time.Time) Message {
	loc := b.Location(DigestSettings(lead).Zone)
	ms := slices.Clone(p.Members)
	for _, m := range p.Moved {
		if !slices.ContainsFunc(ms, func(x *Member) bool { return x.ID == m.ID }) {
			ms = append(ms, m)
		}
	}
	slices.SortFunc(ms, func(x, y *Member) int { return strings.Compare(display(x), display(y)) })
	var moved, stuck, quiet []string
	for _, m := range ms {
		if why := b.Stuck(m, now); why != "" {
			stuck = append(stuck, "• *"+display(m)+"* — "+stuckSince(m, why, now, loc)+
				"\n  Talking point: "+b.talkingPoint(m))
			continue
		}
		if MovedWithin(m, now) {
			moved = append(moved, "• *"+display(m)+"* — "+movedWith(b, m, now))
			continue
		}
		quiet = append(quiet, display(m))
	}
	nMoved, nStuck := len(moved), len(stuck)
	if p.Total > len(ms) {
		nStuck, nMoved = max(p.Stuck, nStuck), max(p.MovedCount, nMoved)
	}
	total := max(p.Total, len(ms))
	// As standing counts them: stuck wins over moved, the three add up.
	nStuck = min(nStuck, total)
	nMoved = min(nMoved, total-nStuck)
	nQuiet := total - nStuck - nMoved
	msg := Message{Title: "Your mentees this week", Text: standing(total, nMoved, nStuck)}
	more := func(shown, all int) string {
		if all > shown {
			return "\n…and " + itoa(all-shown) + " more."
		}
		return ""
	}
	if len(moved) > 0 {
		msg.Text += "\n\n*Moved this week*\n" + strings.Join(moved, "\n") + more(len(moved), nMoved)
	}
	if len(stuck) > 0 {
		msg.Text += "\n\n*Stuck*\n" + strings.Join(stuck, "\n") + more(len(stuck), nStuck)
	}
	if len(quiet) > 0 {
		msg.Text += "\n\n*Quiet this week:* " + strings.Join(quiet, ", ") + "."
		if nQuiet > len(quiet) {
			msg.Text += " And " + itoa(nQuiet-len(quiet)) + " more."
		}
	}
	for _, line := range newsOf(lead.ID, ms, log, invites, now).lines(loc, false) {
		msg.Text += "\n\n" + line
	}
	msg.Buttons = []Button{{Label: "See mentees", Command: "mentees", Style: "primary"}}
	msg.Footer = "Weekly lead digest · week of " + WeekEnd(now, loc).AddDate(0, 0, -7).Format("Mon 2 Jan 2006")
	return msg
}

// movedWith says what a mentee who moved (MovedWithin) did in the digest
// window: the skills they finished, by name, else those they started,
// else (a skill since cleared) that they made progress.
func movedWith(b *Bot, m *Member, now time.Time) string {
	type mark struct {
		name string
		at   time.Time
	}
	var done, started []mark
	for id, st := range m.Skills {
		if now.Sub(st.At) > DigestWindow || st.At.After(now) {
			continue
		}
		name := id
		if ref, ok := b.rm.Skill(id); ok {
			name = ref.Skill.Name
		}
		switch st.Status {
		case Done:
			done = append(done, mark{name, st.At})
		case Learning:
			started = append(started, mark{name, st.At})
		}
	}
	names := func(ms []mark) string {
		slices.SortFunc(ms, func(x, y mark) int { return x.at.Compare(y.at) })
		out := make([]string, len(ms))
		for i, m := range ms {
			out[i] = m.name
		}
		return strings.Join(out, ", ")
	}
	switch {
	case len(done) > 0:
		s := "finished " + names(done)
		if len(started) > 0 {
			s += "; started " + names(started)
		}
		return s
	case len(started) > 0:
		return "started " + names(started)
	}
	return "made progress"
}

// stuckSince adds to Stuck's reason how long it has been.
func stuckSince(m *Member, why string, now time.Time, loc *time.Location) string {
	since, what := m.LastProgress, "no progress since "
	if since.IsZero() {
		since, what = m.Joined, "no progress since joining on "
	}
	if since.IsZero() {
		return why
	}
	days := plural(int(now.Sub(since)/(24*time.Hour)), "day", "days")
	if strings.HasPrefix(why, "no progress since") {
		return what + since.In(loc).Format("Mon 2 Jan") + " (" + days + ")"
	}
	return why + "; " + what + since.In(loc).Format("Mon 2 Jan") + " (" + days + ")"
}

// talkingPoint suggests one thing to raise with a stuck mentee, drawn from
// the roadmap: the smaller step a nudge offers toward their next skill,
// else that skill's first practice task, else (when the stage's skills are
// covered) what being ready for the next stage looks like.
func (b *Bot) talkingPoint(m *Member) string {
	if next := b.nextSkills(m, 1); len(next) > 0 {
		sk := next[0].Skill
		for _, nd := range b.nudgePool(m) {
			if nd.Skill == sk.ID && nd.Small != "" {
				return "agree a smaller step toward " + sk.Name + ": " + nd.Small
			}
		}
		if len(sk.Tasks) > 0 {
			return "walk through " + sk.Name + " together: " + sk.Tasks[0]
		}
		if what := firstSentence(sk.What); what != "" {
			return "ask what is in the way of " + sk.Name + ". " + what
		}
		return "ask what is in the way of " + sk.Name + "."
	}
	if st, ok := b.rm.Stage(m.Stage); ok && st.Ready != "" {
		return "they have covered " + b.levelTitle(m) + "; compare where they are with what ready looks like: " + firstSentence(st.Ready)
	}
	return "ask what is in the way, and agree one small step for this week."
}

// gone returns the log's people who left, declined or lapsed (kind)
// after since and are not back: not here (the digest's mentees and open invitations) and
// not linked to lead again by a later assign, invitation or join in the
// log (newest first), which catches those beyond the digest's page.
// Left events name the person in Detail and their id in Actor; the
// others hold the id in Detail.
func gone(log []Event, kind EventKind, since time.Time, lead string, here map[string]bool) []string {
	var out []string
	for i, e := range log {
		if e.Kind != kind || !e.At.After(since) || slices.Contains(out, e.Detail) {
			continue
		}
		id := e.Detail
		if kind == EventLeft {
			id = e.Actor
			if id == lead {
				// The lead left their own lead: news for that lead's
				// digest, not about a mentee of this one.
				continue
			}
		}
		if here[id] || slices.ContainsFunc(log[:i], func(later Event) bool { return relinks(later, id, lead) }) {
			continue
		}
		out = append(out, e.Detail)
	}
	return out
}

// relinks reports whether e, in lead's log, links id to lead again.
func relinks(e Event, id, lead string) bool {
	switch e.Kind {
	case EventAssign, EventInvite:
		return e.Detail == id+" -> "+lead
	case EventJoin:
		return e.Actor == id
	}
	return false
}

// news is what a digest tells a lead beyond their mentees' standing:
// who left them or declined in the digest window, whose invitation is
// open, and whose lapsed. The DM and the channel digest carry the same
// news, so that "they'll see that in their next weekly digest" is true
// wherever the digest goes.
type news struct {
	left     []string // names as the log keeps them
	declined []string // ids
	open     []Invite
	lapsed   []string // ids
}

// newsOf gathers a lead's news at now from their log (newest first) and
// invitations; ms are the mentees the digest shows, who are not also
// listed as gone: someone who declined or left and was assigned again is
// a mentee, not both.
func newsOf(lead string, ms []*Member, log []Event, invites []Invite, now time.Time) news {
	since := now.Add(-DigestWindow)
	here := make(map[string]bool, len(ms)+len(invites))
	for _, m := range ms {
		here[m.ID] = true
	}
	for _, iv := range invites {
		if !iv.Expired(now) {
			here[iv.Mentee] = true
		}
	}
	var n news
	n.left = gone(log, EventLeft, since, lead, here)
	n.declined = gone(log, EventDeclined, since, lead, here)
	n.lapsed = gone(log, EventInviteLapsed, since, lead, here)
	for _, iv := range invites {
		switch {
		case !iv.Expired(now):
			n.open = append(n.open, iv)
		case iv.At.Add(InviteFor).After(since) && !slices.Contains(n.lapsed, iv.Mentee) && !here[iv.Mentee]:
			n.lapsed = append(n.lapsed, iv.Mentee)
		}
	}
	// Oldest first, as mentees lists them.
	slices.SortStableFunc(n.open, func(x, y Invite) int { return x.At.Compare(y.At) })
	return n
}

func (n news) empty() bool {
	return len(n.left)+len(n.declined)+len(n.open)+len(n.lapsed) == 0
}

// lines writes the news, one paragraph each, dates in loc; channel words
// it for the team's channel, where the lead is not "you". Open
// invitations are bounded as the digest's other lists are.
func (n news) lines(loc *time.Location, channel bool) []string {
	left, declined := "*Left you this week:* ", "*Declined your invitation:* "
	if channel {
		left, declined = "*Left this week:* ", "*Declined the invitation:* "
	}
	var out []string
	if len(n.left) > 0 {
		out = append(out, left+strings.Join(n.left, ", ")+".")
	}
	if len(n.declined) > 0 {
		out = append(out, declined+strings.Join(mentions(n.declined), ", ")+".")
	}
	if len(n.open) > 0 {
		var open []string
		for _, iv := range n.open[:min(len(n.open), DigestListSize)] {
			open = append(open, mention(iv.Mentee)+" (since "+iv.At.In(loc).Format("Mon 2 Jan 2006")+")")
		}
		line := "*Invited, not joined yet:* " + strings.Join(open, ", ") + "."
		if more := len(n.open) - len(open); more > 0 {
			line += " And " + itoa(more) + " more."
		}
		out = append(out, line)
	}
	if len(n.lapsed) > 0 {
		out = append(out, "*Invitations that lapsed after 30 days:* "+strings.Join(mentions(n.lapsed), ", ")+
			". Assign them again to send a new one.")
	}
	return out
}

// DigestNews reports whether a lead with no mentee left still has
// something to be told in a digest at now: the news a digest would carry
// (someone left or declined, an invitation is open or lapsed, within the
// digest window). Without it neither the DM nor the channel digest goes
// out: an empty digest is not sent.
func DigestNews(lead string, log []Event, invites []Invite, now time.Time) bool {
	return !newsOf(lead, nil, log, invites, now).empty()
}

// mentions writes ids as mentions.
func mentions(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = mention(id)
	}
	return out
}
