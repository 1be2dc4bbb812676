package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// sendTimeout bounds one delivery attempt.
const sendTimeout = 30 * time.Second

// outcome is what deliver decided for one claim.
type outcome struct {
	done    Completion
	release bool // give the claim back instead of completing it
	label   string
}

// deliver decides, and if need be sends, one member's nudge.
func (s *Scheduler) deliver(ctx context.Context, sc Scope, msgr Messenger, now time.Time, c Claim, m *Member) outcome {
	if m == nil || !m.HasJoined() || m.Nudges.Off || m.Nudges.Blocked != "" {
		return outcome{label: "unscheduled"} // zero Next: off the schedule
	}
	n := m.Nudges
	loc := s.b.location(n)
	next := NextDue(n, now, loc)
	if now.Before(n.PausedUntil) {
		return outcome{done: Completion{Next: next}, label: "rescheduled"}
	}
	if late := now.Sub(c.Due); late > s.opts.MaxLate {
		ev := &Event{At: now, Member: m.ID, Actor: m.ID, Kind: "nudge-skipped",
			Detail: fmt.Sprintf("due %s, %s late", c.Due.In(loc).Format("Mon 2 Jan 15:04 MST"), late.Round(time.Minute))}
		// After a long downtime the latest slot may still be recent
		// enough: it comes due at once, as the one late nudge.
		return outcome{done: Completion{Next: NextDue(n, now.Add(-s.opts.MaxLate), loc), Event: ev}, label: "late"}
	}
	week, key := Week(c.Due, loc), Week(c.Due, loc)
	var msg Message
	var pick NudgePick
	if c.Remind != "" {
		week, key = c.Remind, c.Remind+"-r"
		msg = s.b.ReminderFor(m)
	} else {
		msg, pick = s.b.NudgeFor(m)
	}
	sent := func(at time.Time) Completion {
		if c.Remind != "" {
			return Completion{Next: next}
		}
		return Completion{Next: next, Sent: &SentNudge{At: at, Week: week, Skill: pick.Skill, Rotation: pick.Rotation}}
	}
	ttl := max(weekEnd(c.Due, loc).Add(24*time.Hour).Sub(now), time.Hour)
	value := c.Token + "|" + pick.Nudge.ID
	mark := func() (bool, outcome) {
		ok, prev, err := s.q.MarkSent(ctx, sc, m.ID, key, value, ttl)
		switch {
		case err != nil:
			s.log.Warn("nudge send key", "scope", sc.String(), "member", m.ID, "err", err)
			return false, outcome{release: true, label: "retry"}
		case !ok:
			// Sent already: by an earlier owner of this claim that stopped
			// before completing, or for a slot moved within the week.
			o := outcome{done: Completion{Next: next}, label: "duplicate"}
			if m.Nudges.Week != week && c.Remind == "" {
				o.done = sent(now)
				_, id, _ := strings.Cut(prev, "|")
				if id != pick.Nudge.ID {
					o.done.Sent.Rotation = rotationWith(m.Nudges.Sent, id)
				}
			}
			return false, o
		}
		return true, outcome{}
	}
	unmark := func() {
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := s.q.Unmark(uctx, sc, m.ID, key, value); err != nil {
			s.log.Warn("nudge send key", "scope", sc.String(), "member", m.ID, "err", err)
		}
	}
	if err := s.waitGate(ctx, sc.Platform); err != nil {
		return outcome{release: true, label: "retry"}
	}
	if ok, o := mark(); !ok {
		return o
	}
	to := Recipient{Scope: sc, User: m.ID, Name: m.Name}
	for {
		// Once its key is set a nudge is sent even if ctx ends meanwhile:
		// giving up between the two would lose the member's week.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
		err := msgr.Send(sctx, to, msg)
		cancel()
		var rl *RateLimitError
		switch {
		case err == nil:
			if c.Remind != "" {
				return outcome{done: sent(now), label: "reminded"}
			}
			return outcome{done: sent(now), label: "sent"}
		case errors.As(err, &rl):
			// Waited out while the lease keeper renews the claim; the key
			// is dropped meanwhile so a crash now loses nothing.
			s.observe("rate-limited")
			unmark()
			s.closeGate(sc.Platform, rl.RetryAfter)
			if s.waitGate(ctx, sc.Platform) != nil {
				return outcome{release: true, label: "retry"}
			}
			if ok, o := mark(); !ok {
				return o
			}
		case errors.Is(err, ErrUnreachable):
			unmark()
			reason := "messages can't reach you (" + err.Error() + ")"
			ev := &Event{At: now, Member: m.ID, Actor: m.ID, Kind: "nudge-blocked", Detail: err.Error()}
			return outcome{done: Completion{Block: reason, Event: ev}, label: "blocked"}
		case errors.Is(err, context.DeadlineExceeded):
			// The send may have gone out; the key stays so that nobody
			// sends it again, and whoever claims next completes it.
			return outcome{release: true, label: "retry"}
		default:
			unmark()
			s.log.Warn("nudge send", "scope", sc.String(), "member", m.ID, "err", err)
			return outcome{release: true, label: "retry"}
		}
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
