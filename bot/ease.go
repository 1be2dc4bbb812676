package bot

import (
	"context"
	"time"
)

// Nudges ease off for someone who stopped answering: after EaseOffAfter
// nudges in a row with no command of theirs after any of them, they come
// every EaseOffEvery, and the nudge says so; the member's next command
// brings them back weekly. A weekly message nobody reads teaches people to
// mute the bot.
const (
	// EaseOffAfter is how many unanswered nudges in a row ease nudges off.
	EaseOffAfter = 6
	// EaseOffEvery is how far apart eased-off nudges come.
	EaseOffEvery = 4 * 7 * 24 * time.Hour
)

// NextUnanswered returns NudgeState.Unanswered as the scheduler's
// completion records it once the next nudge goes out: one more when no
// command followed the last nudge, back to zero when one did. It is
// NextIgnored's rule on LastActive; storage's completion script keeps it
// in Lua, and a table test runs both.
func NextUnanswered(m *Member) int {
	if !m.NudgeState.Last.IsZero() && m.LastActive.Before(m.NudgeState.Last) {
		return m.NudgeState.Unanswered + 1
	}
	return 0
}

// EasedOff reports whether the nudge about to go out to m is an eased-off
// one: the EaseOffAfter nudges before it went unanswered.
func EasedOff(m *Member) bool { return NextUnanswered(m) >= EaseOffAfter }

// LastEased reports whether the last nudge m got was an eased-off one and
// they have not answered since: their next nudge is EaseOffEvery after it.
func LastEased(m *Member) bool {
	return m.NudgeState.Unanswered >= EaseOffAfter && m.LastActive.Before(m.NudgeState.Last)
}

// NudgeFrom is the instant after which m's next nudge is due, once the one
// about to go out at now has gone: now, or for an eased-off nudge a day
// short of EaseOffEvery later, so that the slot EaseOffEvery on is the next.
func NudgeFrom(m *Member, now time.Time) time.Time {
	if EasedOff(m) {
		return now.Add(EaseOffEvery - 24*time.Hour)
	}
	return now
}

// maxTrips is how many round trips to the store a command may cost.
const maxTrips = 2

// easedOffText opens an eased-off nudge.
func easedOffText(m *Member) string {
	if NextUnanswered(m) == EaseOffAfter {
		return "I haven't heard from you since your last six nudges, so from now on they come every 4 weeks. " +
			"Any command (`/mentor next`, or a button below) brings them back weekly."
	}
	return "Nudges come every 4 weeks while you're away; any command brings them back weekly."
}

// touch records that the caller answered: the first command after a nudge
// that wrote nothing of the member writes LastActive (once a nudge, so the
// scheduler counts commands, not only progress), and for an eased-off
// member puts the next nudge back on its weekly slot. Only within the two
// round trips a command may cost: a command that read twice (a page of
// mentees, an export) is not recorded, and the member's next command that
// reads once, or writes, is. It also keeps the name the platform gives.
func (c *call) touch(ctx context.Context) error {
	m := c.me
	if m == nil || !m.HasJoined() || c.path == "forget" || c.trips >= maxTrips {
		return nil
	}
	// A name the platform now gives otherwise (a new display name, or
	// one kept from before the adapter asked users.info for every way
	// in) is kept with the same write: lists name people as the platform
	// shows them.
	renamed := c.req.Name != "" && c.req.Name != m.Name
	if !renamed && !m.LastActive.Before(m.NudgeState.Last) {
		return nil
	}
	if renamed {
		m.Name = c.req.Name
	}
	eased := LastEased(m)
	m.LastActive = c.now
	w := Write{Members: []*Member{m}}
	if eased {
		w.Schedule = []Due{c.b.due(m, c.now)}
	}
	return c.store.Apply(ctx, c.req.Scope, w)
}
