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
	log, invites := s.leadLog(ctx, sc, lead.ID)
	if mentees.Total == 0 && !bot.DigestNews(lead.ID, log, invites, now) {
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
		msg: s.digestFor(lead, mentees, log, invites, now)}
	if ch := lead.DigestChannel; ch.Channel != "" {
		if cd, ok := s.cfg.Content.(channelDigester); ok {
			j.channel, j.channelMsg = ch, cd.ChannelDigestFor(lead, mentees, log, invites, now)
			j.told = told(log, ch.Channel)
		}
	}
	j.mark = Mark{Member: lead.ID, Week: week, Value: c.Token + "|digest",
		TTL: max(bot.WeekEnd(c.Due, loc).Add(24*time.Hour).Sub(now), time.Hour)}
	return j, outcome{}
}

// logReader is the optional capability of Members to read a lead's log
// and invitations (bot.Store has it), for the digest's lines on who left,
// declined or is invited.
type logReader interface {
	Events(ctx context.Context, sc bot.Scope, id string, n int) ([]bot.Event, error)
	Invitations(ctx context.Context, sc bot.Scope, leads ...string) (map[string][]bot.Invite, error)
}

// logDigester is the optional capability of Content to build a digest
// with them (bot.Bot has it).
type logDigester interface {
	DigestWith(lead *bot.Member, p bot.MenteePage, log []bot.Event, invites []bot.Invite, now time.Time) bot.Message
}

// leadLogSize bounds the lead's log a digest reads: one LRANGE.
const leadLogSize = 50

// leadLog returns a lead's recent log and invitations, or nothing when
// Members can't read them or a read fails (the digest then goes out
// without those lines). Two round trips.
func (s *Scheduler) leadLog(ctx context.Context, sc bot.Scope, lead string) ([]bot.Event, []bot.Invite) {
	lr, ok := s.cfg.Members.(logReader)
	if !ok {
		return nil, nil
	}
	if _, ok := s.cfg.Content.(logDigester); !ok {
		return nil, nil
	}
	evs, err := lr.Events(ctx, sc, lead, leadLogSize)
	if err != nil {
		s.log.Warn("digest lead log", "scope", sc.String(), "lead", lead, "err", err)
		return nil, nil
	}
	ivs, err := lr.Invitations(ctx, sc, lead)
	if err != nil {
		s.log.Warn("digest invitations", "scope", sc.String(), "lead", lead, "err", err)
		return evs, nil
	}
	return evs, ivs[lead]
}

func (s *Scheduler) digestFor(lead *bot.Member, mentees bot.MenteePage, log []bot.Event, invites []bot.Invite, now time.Time) bot.Message {
	if d, ok := s.cfg.Content.(logDigester); ok {
		return d.DigestWith(lead, mentees, log, invites, now)
	}
	return s.cfg.Content.DigestFor(lead, mentees, now)
}

// channelDigester is the optional capability of Content to make the
// channel version of a digest (bot.Bot has it).
type channelDigester interface {
	ChannelDigestFor(lead *bot.Member, p bot.MenteePage, log []bot.Event, invites []bot.Invite, now time.Time) bot.Message
}

// told reports whether the lead's log says they were told that channel
// can't be posted in.
func told(log []bot.Event, channel string) bool {
	for _, e := range log {
		if e.Kind == bot.EventDigestChannelBlocked && e.Detail == channel {
			return true
		}
	}
	return false
}
