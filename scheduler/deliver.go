package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// sendTimeout bounds one delivery attempt.
const sendTimeout = 30 * time.Second

const (
	// minRetryAfter is the wait after a 429 that named none (a missing or
	// zero Retry-After), so that such answers are not retried in a hot
	// loop.
	minRetryAfter = time.Second
	// maxRateLimited is how many 429s in a row one send waits out before
	// its claim is given back for a later tick, so that a platform that
	// never stops answering 429 cannot hold a worker forever.
	maxRateLimited = 50
)

// outcome is what the scheduler decided for one claim.
type outcome struct {
	done    Completion
	release bool // give the claim back instead of completing it
	label   Outcome
}

// job is one member's nudge on its way out.
type job struct {
	i     int // index in the batch
	c     Claim
	m     *bot.Member
	now   time.Time
	next  time.Time
	week  string // the week the nudge is for
	mark  Mark
	msg   bot.Message
	pick  bot.NudgePick
	label Outcome // Sent or Reminded
	// digest marks a lead's weekly digest: nothing is recorded on the
	// lead when it goes out, and a failure never blocks their nudges.
	digest bool
	// channel, for a digest, is where it is posted first (channelMsg);
	// the DM (msg) follows unless channel.Only. told says the lead was
	// already told their channel can't be posted in.
	channel    bot.DigestChannel
	channelMsg bot.Message
	told       bool
	// event, when set, goes with the completion (a channel that failed).
	event *bot.Event
}

// prepare decides what a claimed member gets: a final outcome with no
// send, or a job to send.
func (s *Scheduler) prepare(i int, now time.Time, c Claim, m *bot.Member) (*job, outcome) {
	if m == nil || !m.NudgesOn() {
		return nil, outcome{label: Unscheduled} // zero Next: off the schedule
	}
	n := m.Nudges
	loc := s.location(n.Zone)
	next := bot.NextDue(n, now, loc)
	if now.Before(n.PauseEnd(loc)) {
		return nil, outcome{done: Completion{Next: next}, label: Rescheduled}
	}
	if late := now.Sub(c.Due); late > s.cfg.MaxLate {
		ev := &bot.Event{At: now, Member: m.ID, Actor: m.ID, Kind: bot.EventNudgeSkipped,
			Detail: fmt.Sprintf("due %s, %s late", c.Due.In(loc).Format("Mon 2 Jan 15:04 MST"), late.Round(time.Minute))}
		// After a long downtime the latest slot may still be recent
		// enough: it comes due at once, as the one late nudge.
		return nil, outcome{done: Completion{Next: bot.NextDue(n, now.Add(-s.cfg.MaxLate), loc), Event: ev}, label: Late}
	}
	j := &job{i: i, c: c, m: m, now: now, next: next, week: bot.Week(c.Due, loc), label: Sent}
	key := j.week
	if c.Remind != "" {
		j.week, key, j.label = c.Remind, c.Remind+"-r", Reminded
		j.msg = s.cfg.Content.ReminderFor(m)
	} else {
		j.msg, j.pick = s.cfg.Content.NudgeFor(m)
		// Someone who stopped answering hears from us every 4 weeks.
		j.next = bot.NextDue(n, bot.NudgeFrom(m, now), loc)
	}
	j.mark = Mark{Member: m.ID, Week: key, Value: c.Token + "|" + j.pick.Nudge.ID,
		TTL: max(bot.WeekEnd(c.Due, loc).Add(24*time.Hour).Sub(now), time.Hour)}
	return j, outcome{}
}

// sent is the completion of a job whose nudge went out at at.
func (j *job) sent(at time.Time) Completion {
	if j.c.Remind != "" || j.digest {
		return Completion{Next: j.next}
	}
	return Completion{Next: j.next, Sent: &SentNudge{At: at, Week: j.week, Skill: j.pick.Skill, Rotation: j.pick.Rotation}}
}

// duplicate is the outcome of a job whose send key was already set, to
// prev: by an earlier holder of the claim that stopped before completing
// (the nudge is recorded now), or for a slot moved within the week.
func (j *job) duplicate(prev string) outcome {
	o := outcome{done: Completion{Next: j.next}, label: Duplicate}
	if j.m.NudgeState.Week != j.week && j.c.Remind == "" && !j.digest {
		o.done = j.sent(j.now)
		if _, id, _ := strings.Cut(prev, "|"); id != j.pick.Nudge.ID {
			o.done.Sent.Rotation = rotationWith(j.m.NudgeState.Sent, id)
		}
	}
	return o
}

// PacedMessenger is a Messenger that may wait before a DM goes out, to
// stay within the platform's rate limits. SendReady calls ready once that
// wait is over and just before the DM is sent, and sends nothing when
// ready fails (returning its error); once ready has succeeded the DM is
// sent even if ctx ends. The scheduler sets a DM's send key in ready, so a
// process that dies mid fan-out has marked only the DMs on the wire, not
// those waiting their turn.
type PacedMessenger interface {
	bot.Messenger
	SendReady(ctx context.Context, to bot.Recipient, m bot.Message, ready func(context.Context) error) error
}

// errDuplicate is ready's answer when the send key was set already.
var errDuplicate = errors.New("send key already set")

// deliverChunk delivers a few jobs. With a PacedMessenger each job's send
// key is set as its DM leaves, after the pacing wait; with another
// Messenger the chunk's keys are set in one round trip, then those DMs are
// sent one by one.
func (s *Scheduler) deliverChunk(ctx context.Context, l *lane, sc bot.Scope, msgr bot.Messenger, jobs []*job, outs []outcome) {
	if s.waitGate(ctx, sc.Platform) != nil {
		for _, j := range jobs {
			outs[j.i] = outcome{release: true, label: Retry}
		}
		return
	}
	if _, ok := msgr.(PacedMessenger); ok {
		for _, j := range jobs {
			outs[j.i] = s.send(ctx, l, sc, msgr, j, false)
		}
		return
	}
	marks := make([]Mark, len(jobs))
	for k, j := range jobs {
		marks[k] = j.mark
	}
	prev, err := l.q.MarkSentBatch(ctx, sc, marks)
	if err != nil {
		s.log.Warn(l.name+" send keys", "scope", sc.String(), "err", err)
	}
	for k, j := range jobs {
		switch {
		case err != nil:
			// The keys may have been set all the same (a reply lost, ctx
			// cancelled in flight): left there, they would make whoever
			// claims next take the nudge for sent when it never went out.
			s.unmark(ctx, l, sc, j)
			outs[j.i] = outcome{release: true, label: Retry}
		case prev[k] != "":
			outs[j.i] = j.duplicate(prev[k])
		default:
			outs[j.i] = s.send(ctx, l, sc, msgr, j, true)
		}
	}
}

// sendReady is msgr's SendReady, or for a Messenger that does not pace,
// ready followed by Send.
func sendReady(ctx context.Context, msgr bot.Messenger, to bot.Recipient, m bot.Message, ready func(context.Context) error) error {
	if p, ok := msgr.(PacedMessenger); ok {
		return p.SendReady(ctx, to, m, ready)
	}
	if err := ready(ctx); err != nil {
		return err
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	return msgr.Send(sctx, to, m)
}

// send delivers a job, waiting out rate limits. Its send key is set as the
// DM leaves (marked: it was set already, by deliverChunk).
func (s *Scheduler) send(ctx context.Context, l *lane, sc bot.Scope, msgr bot.Messenger, j *job, marked bool) outcome {
	unmark := func() {
		if marked {
			s.unmark(ctx, l, sc, j)
			marked = false
		}
	}
	var markErr error
	var dup string
	ready := func(rctx context.Context) error {
		if marked {
			return nil
		}
		ok, prev, err := l.q.MarkSent(rctx, sc, j.mark.Member, j.mark.Week, j.mark.Value, j.mark.TTL)
		switch {
		case err != nil:
			markErr = err
			return err
		case !ok:
			dup = prev
			return errDuplicate
		}
		marked = true
		return nil
	}
	to := bot.Recipient{Scope: sc, User: j.m.ID, Name: j.m.Name}
	msg := j.msg
	if j.channel.Channel != "" {
		to.Channel, msg = j.channel.Channel, j.channelMsg
	}
	for limited := 0; ; {
		// The timeout bounds the pacing wait and the send; once the key
		// is set the DM goes out even if ctx ends meanwhile: giving up
		// between the two would lose the member's week.
		sctx, cancel := context.WithTimeout(ctx, sendTimeout)
		err := sendReady(sctx, msgr, to, msg, ready)
		cancel()
		var rl *bot.RateLimitError
		switch {
		case markErr != nil:
			marked = true // it may have been set all the same
			unmark()
			return outcome{release: true, label: Retry}
		case errors.Is(err, errDuplicate):
			return j.duplicate(dup)
		case err == nil && to.Channel != "" && !j.channel.Only:
			// Posted in the channel; the DM follows under the same key.
			to.Channel, msg = "", j.msg
		case err == nil:
			done := j.sent(j.now)
			done.Event = j.event
			return outcome{done: done, label: j.label}
		case errors.Is(err, bot.ErrUnreachable) && to.Channel != "":
			// The channel can't be posted in: the digest comes by DM,
			// with a note the first time (the event records it).
			s.log.Warn("digest channel", "scope", sc.String(), "lead", j.m.ID, "channel", to.Channel, "err", err)
			to.Channel, msg = "", j.msg
			if !j.told {
				msg.Text = bot.ChannelBlockedNote(j.channel.Channel) + "\n\n" + msg.Text
				j.event = &bot.Event{At: j.now, Member: j.m.ID, Actor: j.m.ID, Kind: bot.EventDigestChannelBlocked, Detail: j.channel.Channel}
			}
		case !marked && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
			// Still waiting for its turn: nothing was sent.
			return outcome{release: true, label: Retry}
		case errors.As(err, &rl):
			// Waited out while the lease keeper renews the claim; the key
			// is dropped meanwhile so that a crash now loses nothing.
			l.report(RateLimited)
			unmark()
			if limited++; limited >= maxRateLimited {
				s.log.Warn(l.name+" still rate limited; trying again later", "scope", sc.String(), "member", j.m.ID)
				return outcome{release: true, label: Retry}
			}
			wait := rl.RetryAfter
			if wait <= 0 {
				wait = minRetryAfter
			}
			s.closeGate(sc.Platform, wait)
			if s.waitGate(ctx, sc.Platform) != nil {
				return outcome{release: true, label: Retry}
			}
		case errors.Is(err, bot.ErrUnreachable) && j.digest:
			// A lead whose DMs are closed keeps their own nudge settings;
			// their digest tries again next week.
			unmark()
			ev := &bot.Event{At: j.now, Member: j.m.ID, Actor: j.m.ID, Kind: bot.EventDigestBlocked, Detail: err.Error()}
			return outcome{done: Completion{Next: j.next, Event: ev}, label: Blocked}
		case errors.Is(err, bot.ErrUnreachable):
			unmark()
			ev := &bot.Event{At: j.now, Member: j.m.ID, Actor: j.m.ID, Kind: bot.EventNudgeBlocked, Detail: err.Error()}
			return outcome{done: Completion{Block: "messages can't reach you (" + err.Error() + ")", Event: ev}, label: Blocked}
		case errors.Is(err, context.DeadlineExceeded):
			// The send may have gone out; the key stays so that nobody
			// sends it again, and whoever claims next completes it.
			return outcome{release: true, label: Retry}
		default:
			unmark()
			s.log.Warn(l.name+" send", "scope", sc.String(), "member", j.m.ID, "err", err)
			return outcome{release: true, label: Retry}
		}
	}
}

// unmark drops a job's send key, if it still holds the job's mark, even
// once ctx has ended: the nudge did not go out.
func (s *Scheduler) unmark(ctx context.Context, l *lane, sc bot.Scope, j *job) {
	uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := l.q.Unmark(uctx, sc, j.mark); err != nil {
		s.log.Warn(l.name+" send key", "scope", sc.String(), "member", j.m.ID, "err", err)
	}
}

// rotationWith returns sent with id moved to its end.
func rotationWith(sent []string, id string) []string {
	out := make([]string, 0, len(sent)+1)
	for _, s := range sent {
		if s != id {
			out = append(out, s)
		}
	}
	if id != "" {
		out = append(out, id)
	}
	return out
}
