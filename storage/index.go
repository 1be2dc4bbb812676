package storage

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

// The due index (issue 16) tells the scheduler which workspaces have
// something due, so that a tick costs what is due, not one claim per
// workspace:
//
//	mb:due    zset  "<platform>:<workspace>" -> no later than the scope's earliest nudge entry, unix ms
//	mb:ddue   zset  the same for the digest entries
//
// Invariant: while a scope has entries, its index score is at most the
// earliest of them. Whatever adds an entry lowers the score (ZADD LT)
// after writing it: Apply (in its transaction on a single server), Snooze,
// Release and Rebuild. Claims and completions only move entries later, so
// the score may be early ("stale low"), which costs one empty claim; after
// draining a scope the scheduler settles its score to the true earliest
// entry (Settle). The index lives in the global slot: on a cluster it is
// written outside the scope's transaction, and Repair, run a bounded
// number of scopes at a time, restores what a crash between the two
// writes could leave out.

// Global keys of the due index.
const (
	NudgeIndexKey  = "mb:due"
	DigestIndexKey = "mb:ddue"
)

var _ scheduler.Index = queue{}

// settleSrc sets a scope's index score to its earliest entry, or removes
// it when there is none, atomically: KEYS[1] the scope's zset, KEYS[2]
// the index; ARGV[1] the scope's name. Single servers only (two slots).
const settleSrc = `
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('ZADD', KEYS[2], first[2], ARGV[1])
end
return 0
`

var settleScript = script(settleSrc)

// dueSrc lists the scopes due at ARGV[1] (ms; "0": Redis TIME) in the
// index KEYS[1], up to ARGV[2].
const dueSrc = `
local now = tonumber(ARGV[1])
if now == 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
`

var dueScript = script(dueSrc)

// lower queues ZADD LT of sc at at on the index.
func lower(ctx context.Context, p redis.Cmdable, index string, sc bot.Scope, at time.Time) {
	if !at.IsZero() {
		p.ZAddArgs(ctx, index, redis.ZAddArgs{LT: true, Members: []redis.Z{{Score: float64(at.UnixMilli()), Member: sc.String()}}})
	}
}

// earliest returns the earliest non-zero At of ds of kind, zero for none.
func earliest(ds []bot.Due, kind bot.DueKind) time.Time {
	var at time.Time
	for _, d := range ds {
		if d.Kind == kind && !d.At.IsZero() && (at.IsZero() || d.At.Before(at)) {
			at = d.At
		}
	}
	return at
}

// lowerFor queues the index writes of a Write's schedule on p.
func lowerFor(ctx context.Context, p redis.Cmdable, sc bot.Scope, ds []bot.Due) {
	lower(ctx, p, NudgeIndexKey, sc, earliest(ds, bot.DueNudge))
	lower(ctx, p, DigestIndexKey, sc, earliest(ds, bot.DueDigest))
}

// DueWorkspaces returns up to limit scopes whose index score is due at now
// (zero: Redis TIME), earliest first. It is one script call whose cost
// follows the number returned.
func (q queue) DueWorkspaces(ctx context.Context, now time.Time, limit int) ([]bot.Scope, error) {
	raw, err := dueScript.Run(ctx, q.s.rdb, []string{q.index}, msArg(now), max(limit, 1)).StringSlice()
	if err != nil {
		return nil, wrap(err, "due workspaces")
	}
	out := make([]bot.Scope, 0, len(raw))
	for _, r := range raw {
		if sc, err := parseScope(r); err == nil {
			out = append(out, sc)
		}
	}
	return out, nil
}

// Settle sets sc's index score to its earliest entry: one script call on a
// single server; on a cluster, where the two keys are in different slots,
// a read, the write, and a second read that lowers the score again if an
// entry was added in between (its writer lowered the index only after
// adding it, so the second read sees it).
func (q queue) Settle(ctx context.Context, sc bot.Scope) error {
	k, err := check(sc)
	if err != nil {
		return fmt.Errorf("settle: %w", err)
	}
	due := k.prefix + q.due
	if !q.s.cluster {
		if err := settleScript.Run(ctx, q.s.rdb, []string{due, q.index}, sc.String()).Err(); err != nil {
			return wrap(err, "settle %s", sc)
		}
		return nil
	}
	first := func() (float64, bool, error) {
		zs, err := q.s.rdb.ZRangeWithScores(ctx, due, 0, 0).Result()
		if err != nil || len(zs) == 0 {
			return 0, false, err
		}
		return zs[0].Score, true, nil
	}
	at, had, err := first()
	if err == nil {
		if had {
			err = q.s.rdb.ZAdd(ctx, q.index, redis.Z{Score: at, Member: sc.String()}).Err()
		} else {
			err = q.s.rdb.ZRem(ctx, q.index, sc.String()).Err()
		}
	}
	if err == nil {
		again, ok, rerr := first()
		if err = rerr; err == nil && ok && (!had || again < at) {
			err = q.s.rdb.ZAddArgs(ctx, q.index, redis.ZAddArgs{LT: true, Members: []redis.Z{{Score: again, Member: sc.String()}}}).Err()
		}
	}
	if err != nil {
		return wrap(err, "settle %s", sc)
	}
	return nil
}

// Repair checks up to n scopes of WorkspacesKey from cursor (SSCAN of
// that set, never of the keyspace) and lowers the index of any whose
// earliest entry it lacks: two pipelined round trips plus the SSCAN, n
// scopes at a time. It returns the cursor to go on from, 0 after the last.
func (q queue) Repair(ctx context.Context, cursor uint64, n int) (uint64, error) {
	raw, next, err := q.s.rdb.SScan(ctx, WorkspacesKey, cursor, "", int64(max(n, 1))).Result()
	if err != nil {
		return cursor, wrap(err, "repair due index")
	}
	scopes := make([]bot.Scope, 0, len(raw))
	for _, r := range raw {
		if sc, err := parseScope(r); err == nil {
			scopes = append(scopes, sc)
		}
	}
	if len(scopes) == 0 {
		return next, nil
	}
	firsts := make([]*redis.ZSliceCmd, len(scopes))
	scores := make([]*redis.FloatCmd, len(scopes))
	built := make([]*redis.IntCmd, len(scopes))
	roster := q.kind == nudgeKind // the roster aggregates are checked once, with the nudges
	if _, err := q.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, sc := range scopes {
			k, _ := newKeys(sc)
			firsts[i] = p.ZRangeWithScores(ctx, k.prefix+q.due, 0, 0)
			scores[i] = p.ZScore(ctx, q.index, sc.String())
			if roster {
				built[i] = p.Exists(ctx, k.prefix+kBuilt)
			}
		}
		return nil
	}); err != nil && !errors.Is(err, redis.Nil) {
		return cursor, wrap(err, "repair due index")
	}
	if roster {
		for i, sc := range scopes {
			if built[i].Val() == 0 {
				if err := q.s.buildRoster(ctx, sc); err != nil {
					return cursor, err
				}
			}
		}
	}
	var fix []redis.Z
	for i, sc := range scopes {
		zs := firsts[i].Val()
		if len(zs) == 0 {
			continue
		}
		have, err := scores[i].Result()
		if errors.Is(err, redis.Nil) {
			have = math.Inf(1)
		}
		if zs[0].Score < have {
			fix = append(fix, redis.Z{Score: zs[0].Score, Member: sc.String()})
		}
	}
	if len(fix) > 0 {
		if err := q.s.rdb.ZAddArgs(ctx, q.index, redis.ZAddArgs{LT: true, Members: fix}).Err(); err != nil {
			return cursor, wrap(err, "repair due index")
		}
	}
	return next, nil
}

// Indexed reports whether the due index has been written at all, so that
// a first start after an upgrade knows to repair it whole.
func (q queue) Indexed(ctx context.Context) (bool, error) {
	n, err := q.s.rdb.Exists(ctx, q.index).Result()
	if err != nil {
		return false, wrap(err, "due index")
	}
	return n == 1, nil
}

// buildRoster builds a scope's roster aggregates (roster.go) from its lead
// hash, for data written before them, rosterChunk mentees a script call,
// then marks the scope built. It is idempotent: a mentee indexed meanwhile
// by a write is indexed again from the same profile.
func (s *Store) buildRoster(ctx context.Context, sc bot.Scope) error {
	k, err := check(sc)
	if err != nil {
		return fmt.Errorf("build roster: %w", err)
	}
	var cursor uint64
	for {
		kv, next, err := s.rdb.HScan(ctx, k.lead(), cursor, "", rosterChunk).Result()
		if err != nil {
			return wrap(err, "build roster of %s", sc)
		}
		ids := make([]string, 0, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			if checkID("mentee id", kv[i]) == nil {
				ids = append(ids, kv[i])
			}
		}
		if len(ids) > 0 {
			args := make([]any, 2, 2+len(ids))
			args[0], args[1] = k.prefix, "add"
			for _, id := range ids {
				args = append(args, id)
			}
			if err := indexScript.Run(ctx, s.rdb, []string{k.lead()}, args...).Err(); err != nil {
				return wrap(err, "build roster of %s", sc)
			}
		}
		if cursor = next; cursor == 0 {
			break
		}
	}
	if err := s.rdb.Set(ctx, k.prefix+kBuilt, "1", builtTTL).Err(); err != nil {
		return wrap(err, "build roster of %s", sc)
	}
	return nil
}

// builtTTL bounds the life of a scope's built mark. A repair pass can
// race a workspace being deleted (it read the scope from the workspaces
// set just before), and a mark without a TTL would then outlive the data
// it describes forever; rebuilding once a month is idempotent and cheap.
const builtTTL = 30 * 24 * time.Hour

// rosterChunk is how many mentees one call of buildRoster indexes.
const rosterChunk = 200
