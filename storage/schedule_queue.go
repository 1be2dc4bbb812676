package storage

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

var (
	_ scheduler.Queue    = (*Store)(nil)
	_ bot.Snoozer        = (*Store)(nil)
	_ scheduler.Digester = (*Store)(nil)
)

// kind names the keys of one of a scope's queues, after the prefix.
type kind struct {
	due, lease string
	remind     string // "" for a queue without snoozed reminders
	sent       string // send keys: sent + "<id>:<week>"
	// live is what keeps an entry scheduled after a completion: the
	// key <prefix><live><id> must exist (a member's profile, a lead's
	// mentee set).
	live string
	// index is the global due index of this kind (see index.go).
	index string
}

var (
	nudgeKind  = kind{due: kDue, lease: kLease, remind: kRemind, sent: kSent, live: kMember, index: NudgeIndexKey}
	digestKind = kind{due: kDigest, lease: kDLease, sent: kDSent, live: kMentees, index: DigestIndexKey}
)

// queue is one of a scope's schedules in the Store's Redis.
type queue struct {
	s *Store
	kind
}

// scriptKeys are the KEYS of the claim and complete scripts: due, lease
// and, when the queue has them, reminders.
func (q queue) scriptKeys(k keys) []string {
	ks := []string{k.prefix + q.due, k.prefix + q.lease}
	if q.remind != "" {
		ks = append(ks, k.prefix+q.remind)
	}
	return ks
}

func (q queue) sentKey(k keys, id, week string) string { return k.prefix + q.sent + id + ":" + week }

func (s *Store) nudges() queue { return queue{s: s, kind: nudgeKind} }

// Digests returns the queue of weekly lead digests: entries keyed by lead
// id, claimed, leased, marked sent and completed exactly as nudges are.
func (s *Store) Digests() scheduler.Queue { return queue{s: s, kind: digestKind} }

// Workspaces is Store.Workspaces: both queues share the set of scopes.
func (q queue) Workspaces(ctx context.Context) ([]bot.Scope, error) { return q.s.Workspaces(ctx) }

// Rebuild re-adds the entries of the queue's kind that went missing.
func (q queue) Rebuild(ctx context.Context, sc bot.Scope, due func(*bot.Member) time.Time) (int, error) {
	if q.kind == digestKind {
		return q.s.rebuildDigests(ctx, sc, due)
	}
	return q.s.Rebuild(ctx, sc, due)
}

// DueWorkspaces lists the scopes with nudges due at now.
func (s *Store) DueWorkspaces(ctx context.Context, now time.Time, limit int) ([]bot.Scope, error) {
	return s.nudges().DueWorkspaces(ctx, now, limit)
}

// Settle brings a scope's nudge index score to its earliest entry.
func (s *Store) Settle(ctx context.Context, sc bot.Scope) error { return s.nudges().Settle(ctx, sc) }

// Repair restores missing nudge index scores, n scopes from cursor.
func (s *Store) Repair(ctx context.Context, cursor uint64, n int) (uint64, error) {
	return s.nudges().Repair(ctx, cursor, n)
}

// Indexed reports whether the nudge index was ever written.
func (s *Store) Indexed(ctx context.Context) (bool, error) { return s.nudges().Indexed(ctx) }

// Claim leases up to limit members due at now from the nudge queue.
func (s *Store) Claim(ctx context.Context, sc bot.Scope, now time.Time, lease time.Duration, limit int) (scheduler.Batch, error) {
	return s.nudges().Claim(ctx, sc, now, lease, limit)
}

// Extend renews nudge leases still held at now.
func (s *Store) Extend(ctx context.Context, sc bot.Scope, now time.Time, lease time.Duration, cs []scheduler.Claim) ([]scheduler.Claim, error) {
	return s.nudges().Extend(ctx, sc, now, lease, cs)
}

// MarkSent sets one nudge send key unless it exists.
func (s *Store) MarkSent(ctx context.Context, sc bot.Scope, member, week, value string, ttl time.Duration) (bool, string, error) {
	return s.nudges().MarkSent(ctx, sc, member, week, value, ttl)
}

// MarkSentBatch sets nudge send keys unless they exist.
func (s *Store) MarkSentBatch(ctx context.Context, sc bot.Scope, marks []scheduler.Mark) ([]string, error) {
	return s.nudges().MarkSentBatch(ctx, sc, marks)
}

// Unmark deletes a nudge send key if it still holds the mark's value.
func (s *Store) Unmark(ctx context.Context, sc bot.Scope, m scheduler.Mark) error {
	return s.nudges().Unmark(ctx, sc, m)
}

// Complete ends nudge claims still held at now.
func (s *Store) Complete(ctx context.Context, sc bot.Scope, now time.Time, cs []scheduler.Completion) ([]bool, error) {
	return s.nudges().Complete(ctx, sc, now, cs)
}

// Release gives nudge claims back, due again at their original time.
func (s *Store) Release(ctx context.Context, sc bot.Scope, cs []scheduler.Claim) error {
	return s.nudges().Release(ctx, sc, cs)
}
