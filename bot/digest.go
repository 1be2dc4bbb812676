package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// digestWindow is how far back a digest looks for who moved.
const digestWindow = 7 * 24 * time.Hour

// digestNudges are the day, time and zone of a lead's weekly digest: their
// own nudge settings when they have joined (whether or not their nudges
// are on: the digest is about their mentees), otherwise Mondays at 09:00
// in the bot's default zone.
func digestNudges(lead *Member) Nudges {
	if lead.HasJoined() {
		return Nudges{Day: lead.Nudges.Day, Minute: lead.Nudges.Minute, Zone: lead.Nudges.Zone}
	}
	return DefaultNudges("")
}

// NextDigest returns the first instant after t at which lead's weekly
// digest is due. lead may be a bare Member with only an id, for a lead
// who never joined.
func (b *Bot) NextDigest(lead *Member, after time.Time) time.Time {
	n := digestNudges(lead)
	return NextDue(n, after, b.location(n))
}

// digestDue is when a lead whose digest entry went missing is due: the
// first slot after now less MaxLate, so a slot that passed meanwhile still
// goes out late rather than the week being lost (the week's send key
// stops one already sent). It uses the scheduler's cached zones.
func (s *Scheduler) digestDue(lead *Member, now time.Time) time.Time {
	n := digestNudges(lead)
	return NextDue(n, now.Add(-s.opts.MaxLate), s.location(n))
}

// prepareDigest decides what a claimed lead gets: nothing when they have
// no mentees left (which drops their entry), a skipped week when it is
// too late, or their digest.
func (s *Scheduler) prepareDigest(ctx context.Context, sc Scope, i int, now time.Time, c Claim, lead *Member) (*job, outcome) {
	if lead == nil {
		lead = &Member{ID: c.Member}
	}
	mentees, err := s.b.store.Mentees(ctx, sc, lead.ID)
	if err != nil {
		s.log.Warn("digest mentees", "scope", sc.String(), "lead", lead.ID, "err", err)
		return nil, outcome{release: true, label: "retry"}
	}
	if len(mentees) == 0 {
		return nil, outcome{label: "unscheduled"} // zero Next: off the schedule
	}
	n := digestNudges(lead)
	loc := s.location(n)
	if late := now.Sub(c.Due); late > s.opts.MaxLate {
		ev := &Event{At: now, Member: lead.ID, Actor: lead.ID, Kind: "digest-skipped",
			Detail: fmt.Sprintf("due %s, %s late", c.Due.In(loc).Format("Mon 2 Jan 15:04 MST"), late.Round(time.Minute))}
		return nil, outcome{done: Completion{Next: NextDue(n, now.Add(-s.opts.MaxLate), loc), Event: ev}, label: "late"}
	}
	week := Week(c.Due, loc)
	j := &job{i: i, c: c, m: lead, now: now, next: NextDue(n, now, loc), week: week, label: "sent", digest: true,
		msg: s.b.DigestFor(lead, mentees, now)}
	j.mark = Mark{Member: lead.ID, Week: week, Value: c.Token + "|digest",
		TTL: max(weekEnd(c.Due, loc).Add(24*time.Hour).Sub(now), time.Hour)}
	return j, outcome{}
}

// DigestFor builds a lead's weekly digest at now: who moved in the last
// seven days and what they finished, who is stuck and since when with one
// talking point each for the next 1:1, and who was quiet.
func (b *Bot) DigestFor(lead *Member, mentees []*Member, now time.Time) Message {
	c := &call{b: b, now: now}
	loc := b.location(digestNudges(lead))
	ms := slices.Clone(mentees)
	slices.SortFunc(ms, func(x, y *Member) int { return strings.Compare(display(x), display(y)) })
	var moved, stuck, quiet []string
	for _, m := range ms {
		if why := b.Stuck(m, now); why != "" {
			stuck = append(stuck, "• *"+display(m)+"* — "+stuckSince(m, why, now, loc)+
				"\n  Talking point: "+c.talkingPoint(m))
			continue
		}
		if what := movedWith(b, m, now); what != "" {
			moved = append(moved, "• *"+display(m)+"* — "+what)
			continue
		}
		quiet = append(quiet, display(m))
	}
	msg := Message{Title: "Your mentees this week",
		Text: fmt.Sprintf("%s: %d moved, %d stuck, %d quiet.", plural(len(ms), "mentee", "mentees"), len(moved), len(stuck), len(quiet))}
	if len(moved) > 0 {
		msg.Text += "\n\n*Moved this week*\n" + strings.Join(moved, "\n")
	}
	if len(stuck) > 0 {
		msg.Text += "\n\n*Stuck*\n" + strings.Join(stuck, "\n")
	}
	if len(quiet) > 0 {
		msg.Text += "\n\n*Quiet this week:* " + strings.Join(quiet, ", ") + "."
	}
	msg.Buttons = []Button{{Label: "See mentees", Command: "mentees", Style: "primary"}}
	msg.Footer = "Weekly lead digest · week of " + weekEnd(now, loc).AddDate(0, 0, -7).Format("Mon 2 Jan 2006")
	return msg
}

// movedWith says what a mentee did in the digest window: the skills they
// finished, by name, else those they started; "" when they did nothing.
func movedWith(b *Bot, m *Member, now time.Time) string {
	type mark struct {
		name string
		at   time.Time
	}
	var done, started []mark
	for id, st := range m.Skills {
		if now.Sub(st.At) > digestWindow || st.At.After(now) {
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
	case !m.LastProgress.IsZero() && now.Sub(m.LastProgress) <= digestWindow:
		return "made progress"
	}
	return ""
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
func (c *call) talkingPoint(m *Member) string {
	if next := c.nextSkills(m, 1); len(next) > 0 {
		sk := next[0].Skill
		for _, nd := range c.b.nudgePool(m) {
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
	if st, ok := c.b.rm.Stage(m.Stage); ok && st.Ready != "" {
		return "they have covered " + c.levelTitle(m) + "; compare where they are with what ready looks like: " + firstSentence(st.Ready)
	}
	return "ask what is in the way, and agree one small step for this week."
}
