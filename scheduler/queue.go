package scheduler

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// Queue is the shared schedule of one kind of weekly DM that any number of
// Schedulers, in any number of processes, work through together. Members'
// due times are the bot.Due entries that bot.Store.Apply writes. Every
// time argument named now is the queue's clock: a zero now means the
// server's own clock (Redis TIME), which production uses so that replicas
// agree; tests and the console pass their fake clock's time.
type Queue interface {
	// Workspaces returns every scope that has a schedule.
	Workspaces(ctx context.Context) ([]bot.Scope, error)
	// Claim leases up to limit members whose entry is due at now, earliest
	// first, for lease. A member stays claimed until its claim is completed
	// or released, or the lease runs out, after which it comes due again
	// with its original due time. Claiming costs O(log n + due).
	Claim(ctx context.Context, sc bot.Scope, now time.Time, lease time.Duration, limit int) (Batch, error)
	// Extend renews the lease of claims still held and returns them with
	// their new Until; claims lost to expiry are left out.
	Extend(ctx context.Context, sc bot.Scope, now time.Time, lease time.Duration, cs []Claim) ([]Claim, error)
	// MarkSentBatch sets the send keys of marks unless they are already set,
	// in one round trip, and returns for each "" when it set it, or else
	// the value found. A DM is sent only after its key was set by the
	// sender, so no week's DM goes out twice.
	MarkSentBatch(ctx context.Context, sc bot.Scope, marks []Mark) ([]string, error)
	// MarkSent is MarkSentBatch for one key: it reports whether it set it,
	// and else the value found.
	MarkSent(ctx context.Context, sc bot.Scope, member, week, value string, ttl time.Duration) (ok bool, prev string, err error)
	// Unmark deletes a send key if it still holds the mark's value: the DM
	// was not sent after all.
	Unmark(ctx context.Context, sc bot.Scope, m Mark) error
	// Complete ends claims, each only while its lease is held, and reports
	// which were. A completion records the sent nudge on the member, sets
	// the next due time unless the schedule was changed meanwhile (a
	// command rewrote it), and applies a block or an event.
	Complete(ctx context.Context, sc bot.Scope, now time.Time, cs []Completion) ([]bool, error)
	// Release gives held claims back, due again at their original time.
	Release(ctx context.Context, sc bot.Scope, cs []Claim) error
	// Rebuild re-adds to the schedule every member of sc who should have
	// an entry but has none, at due(member) unless that is zero. It
	// returns how many it re-added.
	Rebuild(ctx context.Context, sc bot.Scope, due func(*bot.Member) time.Time) (int, error)
}

// Index is the optional capability of a Queue to say which workspaces have
// entries due, so that a tick costs what is due rather than a claim per
// workspace. A Scheduler on a Queue that has it claims only in the
// workspaces it lists, settles each after draining it, and repairs it a
// bounded number of workspaces at a time.
type Index interface {
	// DueWorkspaces returns up to limit workspaces that may have entries
	// due at now (zero: the queue's clock), earliest first. A workspace
	// may be listed with nothing due (after claims moved its entries),
	// never left out while it has an entry due.
	DueWorkspaces(ctx context.Context, now time.Time, limit int) ([]bot.Scope, error)
	// Settle brings sc's place in the index to its earliest entry; the
	// scheduler calls it after draining sc.
	Settle(ctx context.Context, sc bot.Scope) error
	// Repair checks up to n workspaces from cursor and puts back index
	// places that went missing; it returns the cursor to go on from, 0
	// after the last workspace.
	Repair(ctx context.Context, cursor uint64, n int) (uint64, error)
	// Indexed reports whether the index was ever written (false on the
	// first start after an upgrade: Recover then repairs it whole).
	Indexed(ctx context.Context) (bool, error)
}

// Digester is the optional capability of a Queue to hold the weekly lead
// digests as well: a second queue, keyed by lead id (bot.DueDigest
// entries), worked through with the same claims, leases, send keys and
// completions as nudges. A Scheduler on a Queue that has it delivers
// digests too.
type Digester interface {
	Digests() Queue
}

// Batch is the result of one Claim.
type Batch struct {
	Now    time.Time // the queue's time of the claim
	Claims []Claim
}

// Claim is one member leased to one scheduler.
type Claim struct {
	Member string
	Due    time.Time // when the DM was due (before any lease moved it)
	Token  string    // proves the lease
	Until  time.Time // when the lease runs out
	// Remind is the ISO week whose nudge this claim reminds of, when it
	// is a snoozed reminder; empty for a regular weekly nudge.
	Remind string
	// TakenOver says the member was claimed before and that claim's lease
	// ran out uncompleted: its holder died or stalled.
	TakenOver bool
}

// Mark is the send key of one member's DM for one week ("2026-W48", or
// "2026-W48-r" for its snoozed reminder).
type Mark struct {
	Member, Week string
	Value        string        // the claim's token and the nudge id, "token|nudge"
	TTL          time.Duration // until a day after the week ends
}

// Completion is what happened to one claimed member.
type Completion struct {
	Claim
	// Next is the member's next due time; zero removes them from the
	// schedule.
	Next time.Time
	// Sent is the weekly nudge that went out, to record on the member.
	Sent *SentNudge
	// Block, when set, pauses the member's nudges with this reason
	// (NudgeState.Blocked) and removes them from the schedule.
	Block string
	// Event, when set, is appended to the member's log.
	Event *bot.Event
}

// SentNudge records a weekly nudge on its member: NudgeState.Last, Week,
// Skill and Sent are set, and Ignored follows bot.NextIgnored. The queue
// does that atomically, so a command running at the same time cannot make
// the count wrong.
type SentNudge struct {
	At       time.Time
	Week     string
	Skill    string
	Rotation []string
}
