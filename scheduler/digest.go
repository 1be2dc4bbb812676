package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// digestDue is when a lead whose digest entry went missing is due: the
// first slot after now less MaxLate, so a slot that passed meanwhile still
// goes out late rather than the week being lost (the week's send key
// stops one already sent). It uses the scheduler's cached zones.
func (s *Scheduler) digestDue(lead *bot.Member, now time.Time) time.Time {
	n := bot.DigestSettings(lead)
	return bot.NextDue(n, now.Add(-s.cfg.MaxLate), s.location(n.Zone))
}

// prepareDigest decides what a claimed lead gets: nothing when they have
// no mentees left (which drops their entry), a skipped week when it is
// too late, or their digest.
func (s *Scheduler) prepareDigest(ctx context.Context, sc bot.Scope, i int, now time.Time, c Claim, lead *bot.Member) (*job, outcome) {
	if lead == nil {
		lead = &bot.Member{ID: c.Member}
	}
	mentees, err := s.cfg.Members.MenteePage(ctx, sc, lead.ID, bot.DigestQuery(now))
	if err != nil {
		s.log.Warn("digest mentees", "scope", sc.String(), "lead", lead.ID, "err", err)
		return nil, outcome{release: true, label: Retry}
	}
	if mentees.Total == 0 {
		return nil, outcome{label: Unscheduled} // zero Next: off the schedule
	}
	n := bot.DigestSettings(lead)
	loc := s.location(n.Zone)
	if late := now.Sub(c.Due); late > s.cfg.MaxLate {
		ev := &bot.Event{At: now, Member: lead.ID, Actor: lead.ID, Kind: bot.EventDigestSkipped,
			Detail: fmt.Sprintf("due %s, %s late", c.Due.In(loc).Format("Mon 2 Jan 15:04 MST"), late.Round(time.Minute))}
		return nil, outcome{done: Completion{Next: bot.NextDue(n, now.Add(-s.cfg.MaxLate), loc), Event: ev}, label: Late}
	}
	week := bot.Week(c.Due, loc)
	j := &job{i: i, c: c, m: lead, now: now, next: bot.NextDue(n, now, loc), week: week, label: Sent, digest: true,
		msg: s.cfg.Content.DigestFor(lead, mentees, now)}
	j.mark = Mark{Member: lead.ID, Week: week, Value: c.Token + "|digest",
		TTL: max(bot.WeekEnd(c.Due, loc).Add(24*time.Hour).Sub(now), time.Hour)}
	return j, outcome{}
}
