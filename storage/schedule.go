package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

// The nudge queue adds these keys to a scope (see keys.go for the rest):
//
//	<prefix>lease               hash    member id -> "<token>|<lease until ms>|<original due ms>"
//	<prefix>remind              hash    member id -> "<ISO week>|<reminder due ms>" (snoozed reminders)
//	<prefix>sent:<id>:<week>    string  send key: "<claim token>|<nudge id>", expires a day after the week
//	                                    (a member with a profile: the newest is its n_mark field, sendmark.go)
//	<prefix>snz:<id>:<week>     string  "1" once the week's nudge was snoozed, 8 days
//
// A claimed member's score in <prefix>due is its lease's end, so a claim
// whose holder died comes due again by itself; the lease hash keeps the
// original due time for whoever claims it next.
//
// The lead digests have a queue of their own with the same shape (see
// digest.go), worked through by the same scripts: Store's scheduler.Queue
// methods are the nudge queue, Store.Digests the digest queue (see
// schedule_queue.go).

func (k keys) remind() string                { return k.prefix + nudgeKind.remind }
func (k keys) snooze(id, week string) string { return k.prefix + kSnooze + id + ":" + week }

// snoozeTTL keeps a week's "snoozed once" mark past the end of the week.
const snoozeTTL = 8 * 24 * time.Hour

// msArg is a time as a script argument: unix ms, "0" for the server's clock.
func msArg(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return strconv.FormatInt(t.UnixMilli(), 10)
}

func msTime(v any) (time.Time, error) {
	s, _ := v.(string)
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time %v from script", v)
	}
	return time.UnixMilli(ms).UTC(), nil
}

func check(sc bot.Scope, ids ...string) (keys, error) {
	k, err := newKeys(sc)
	if err != nil {
		return k, err
	}
	for _, id := range ids {
		if err := checkID("member id", id); err != nil {
			return k, err
		}
	}
	return k, nil
}

// Claim leases up to limit members due at now (zero: Redis TIME), in one
// script call: ZRANGEBYSCORE with LIMIT, so its cost follows the number
// due, not the number scheduled.
func (q queue) Claim(ctx context.Context, sc bot.Scope, now time.Time, lease time.Duration, limit int) (scheduler.Batch, error) {
	k, err := check(sc)
	if err != nil {
		return scheduler.Batch{}, fmt.Errorf("claim: %w", err)
	}
	var tok [6]byte
	rand.Read(tok[:])
	res, err := claimScript.Run(ctx, q.s.rdb, q.scriptKeys(k),
		msArg(now), lease.Milliseconds(), limit, hex.EncodeToString(tok[:])).Slice()
	if err != nil {
		return scheduler.Batch{}, wrap(err, "claim in %s", sc)
	}
	var b scheduler.Batch
	if b.Now, err = msTime(res[0]); err != nil {
		return b, fmt.Errorf("claim in %s: %w", sc, err)
	}
	until := b.Now.Add(lease)
	for i := 1; i+4 < len(res); i += 5 {
		c := scheduler.Claim{Until: until}
		c.Member, _ = res[i].(string)
		c.Token, _ = res[i+2].(string)
		c.Remind, _ = res[i+3].(string)
		c.TakenOver = res[i+4] == "1"
		if c.Due, err = msTime(res[i+1]); err != nil {
			return b, fmt.Errorf("claim in %s: %w", sc, err)
		}
		b.Claims = append(b.Claims, c)
	}
	return b, nil
}

// Extend renews the leases of the claims still held at now.
func (q queue) Extend(ctx context.Context, sc bot.Scope, now time.Time, lease time.Duration, cs []scheduler.Claim) ([]scheduler.Claim, error) {
	k, err := check(sc)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	args := make([]any, 0, 2+2*len(cs))
	args = append(args, msArg(now), lease.Milliseconds())
	for _, c := range cs {
		args = append(args, c.Member, c.Token)
	}
	res, err := extendScript.Run(ctx, q.s.rdb, q.scriptKeys(k)[:2], args...).Slice()
	if err != nil {
		return nil, wrap(err, "extend leases in %s", sc)
	}
	at, err := msTime(res[0])
	if err != nil {
		return nil, fmt.Errorf("extend leases in %s: %w", sc, err)
	}
	var out []scheduler.Claim
	for i, c := range cs {
		if n, _ := res[i+1].(int64); n == 1 {
			c.Until = at.Add(lease)
			out = append(out, c)
		}
	}
	return out, nil
}

// MarkSent sets one send key unless it exists, and returns the value
// found when it does.
func (q queue) MarkSent(ctx context.Context, sc bot.Scope, member, week, value string, ttl time.Duration) (bool, string, error) {
	prev, err := q.MarkSentBatch(ctx, sc, []scheduler.Mark{{Member: member, Week: week, Value: value, TTL: ttl}})
	if err != nil {
		return false, "", err
	}
	return prev[0] == "", prev[0], nil
}

// MarkSentBatch sets send keys unless they exist (SET NX in one pipeline)
// and returns, for each, "" when it set it or the value found; finding
// one costs a second round trip to read it.
func (q queue) MarkSentBatch(ctx context.Context, sc bot.Scope, marks []scheduler.Mark) ([]string, error) {
	k, err := check(sc)
	if err != nil {
		return nil, fmt.Errorf("mark sent: %w", err)
	}
	for _, m := range marks {
		if err := checkID("member id", m.Member); err != nil {
			return nil, fmt.Errorf("mark sent: %w", err)
		}
	}
	if q.sent == kSent {
		return q.markInProfile(ctx, sc, k, marks)
	}
	set := make([]*redis.BoolCmd, len(marks))
	if _, err := q.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, m := range marks {
			set[i] = p.SetNX(ctx, q.sentKey(k, m.Member, m.Week), m.Value, max(m.TTL, time.Millisecond))
		}
		return nil
	}); err != nil {
		return nil, wrap(err, "mark %d sent in %s", len(marks), sc)
	}
	prev := make([]string, len(marks))
	gets := make(map[int]*redis.StringCmd)
	_, err = q.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, m := range marks {
			if !set[i].Val() {
				gets[i] = p.Get(ctx, q.sentKey(k, m.Member, m.Week))
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, wrap(err, "read send keys in %s", sc)
	}
	for i, g := range gets {
		// A key that expired in between reads as "": it counts as sent
		// by someone else all the same, never as set by this call.
		prev[i] = g.Val()
		if prev[i] == "" {
			prev[i] = "?|"
		}
	}
	return prev, nil
}

// Unmark deletes a send key if it still holds the mark's value.
func (q queue) Unmark(ctx context.Context, sc bot.Scope, m scheduler.Mark) error {
	k, err := check(sc, m.Member)
	if err != nil {
		return fmt.Errorf("unmark: %w", err)
	}
	var run *redis.Cmd
	if q.sent == kSent { // the mark may be in the profile (sendmark.go)
		run = unmarkFieldScript.Run(ctx, q.s.rdb, []string{q.sentKey(k, m.Member, m.Week), k.member(m.Member)}, m.Week, m.Value)
	} else {
		run = unmarkScript.Run(ctx, q.s.rdb, []string{q.sentKey(k, m.Member, m.Week)}, m.Value)
	}
	if err := run.Err(); err != nil {
		return wrap(err, "unmark %s %s in %s", m.Member, m.Week, sc)
	}
	return nil
}

// completeWidth is the number of script arguments per completion.
const completeWidth = 10

// Complete ends claims still held at now (zero: Redis TIME) in one script
// call, recording sent nudges on the members.
func (q queue) Complete(ctx context.Context, sc bot.Scope, now time.Time, cs []scheduler.Completion) ([]bool, error) {
	k, err := check(sc)
	if err != nil {
		return nil, fmt.Errorf("complete: %w", err)
	}
	args := make([]any, 0, 4+completeWidth*len(cs))
	args = append(args, k.prefix, msArg(now), q.s.limit, q.live)
	for _, c := range cs {
		if err := checkID("member id", c.Member); err != nil {
			return nil, fmt.Errorf("complete: %w", err)
		}
		next, sent, at, week, skill, rot, ev := "", "", "", "", "", "", ""
		if !c.Next.IsZero() {
			next = msArg(c.Next)
		}
		if c.Sent != nil {
			sent, at, week, skill, rot = "1", msArg(c.Sent.At), c.Sent.Week, c.Sent.Skill, encodeRotation(c.Sent.Rotation)
		}
		if c.Event != nil {
			code, _ := q.s.codes.codeOf(sc, c.Event.Skill) // a code this process knows, or the compact form
			if ev, err = encodeEvent(*c.Event, code); err != nil {
				return nil, fmt.Errorf("complete: event: %w", err)
			}
		}
		args = append(args, c.Member, c.Token, next, c.Block, sent, at, week, skill, rot, ev)
	}
	// A recorded nudge moves Ignored and Last, and so the member's place
	// in their lead's roster: re-indexed in the same transaction.
	var sent []string
	if q.kind == nudgeKind {
		for _, c := range cs {
			if c.Sent != nil {
				sent = append(sent, c.Member)
			}
		}
	}
	var done *redis.Cmd
	_, err = q.s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		done = completeScript.Eval(ctx, p, q.scriptKeys(k), args...)
		index(ctx, p, k, "add", sent)
		return nil
	})
	var res []int64
	if err == nil {
		res, err = done.Int64Slice()
	}
	if err != nil {
		return nil, wrap(err, "complete %d claims in %s", len(cs), sc)
	}
	out := make([]bool, len(res))
	for i, n := range res {
		out[i] = n == 1
	}
	return out, nil
}

// Release gives claims back, due again at their original time.
func (q queue) Release(ctx context.Context, sc bot.Scope, cs []scheduler.Claim) error {
	k, err := check(sc)
	if err != nil || len(cs) == 0 {
		return err
	}
	args := make([]any, 0, 2*len(cs))
	for _, c := range cs {
		args = append(args, c.Member, c.Token)
	}
	// Due again at their original times: the index must say so, after.
	var at time.Time
	for _, c := range cs {
		if at.IsZero() || c.Due.Before(at) {
			at = c.Due
		}
	}
	if at.IsZero() {
		at = time.UnixMilli(1)
	}
	if _, err := q.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		releaseScript.Eval(ctx, p, q.scriptKeys(k)[:2], args...)
		lower(ctx, p, q.index, sc, at)
		return nil
	}); err != nil {
		return wrap(err, "release %d claims in %s", len(cs), sc)
	}
	return nil
}

// Snooze schedules one reminder of week's nudge at at, once per week.
func (s *Store) Snooze(ctx context.Context, sc bot.Scope, member, week string, at time.Time) (bool, error) {
	k, err := check(sc, member)
	if err != nil {
		return false, fmt.Errorf("snooze: %w", err)
	}
	var snoozed *redis.Cmd
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		snoozed = snoozeScript.Eval(ctx, p, []string{k.snooze(member, week), k.due(), k.remind()},
			member, week, msArg(at), snoozeTTL.Milliseconds())
		lower(ctx, p, NudgeIndexKey, sc, at) // a reminder due at at
		return nil
	})
	var n int64
	if err == nil {
		n, err = snoozed.Int64()
	}
	if err != nil {
		return false, wrap(err, "snooze %s in %s", member, sc)
	}
	return n == 1, nil
}

// Rebuild walks the scope's profiles with SCAN and re-adds members who
// have no due time, at due(member) unless it is zero; it also drops
// reminders of members no longer scheduled. Each page of keys costs one
// pipelined round trip, plus one for the writes.
func (s *Store) Rebuild(ctx context.Context, sc bot.Scope, due func(*bot.Member) time.Time) (int, error) {
	k, err := check(sc)
	if err != nil {
		return 0, fmt.Errorf("rebuild: %w", err)
	}
	pattern := globEscape(k.prefix+kMember) + "*"
	added := 0
	page := func(keys []string) error {
		ids := make([]string, 0, len(keys))
		for _, key := range keys {
			if id, ok := strings.CutPrefix(key, k.prefix+kMember); ok && checkID("member id", id) == nil {
				ids = append(ids, id)
			}
		}
		profs := make([]*redis.MapStringStringCmd, len(ids))
		scores := make([]*redis.FloatCmd, len(ids))
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, id := range ids {
				profs[i] = p.HGetAll(ctx, k.member(id))
				scores[i] = p.ZScore(ctx, k.due(), id)
			}
			return nil
		})
		if err != nil && !errors.Is(err, redis.Nil) {
			return wrap(err, "rebuild in %s", sc)
		}
		var adds []redis.Z
		var drop []string
		for i, id := range ids {
			if !errors.Is(scores[i].Err(), redis.Nil) {
				continue
			}
			m, err := decodeMember(id, profs[i].Val(), nil)
			if err != nil || m == nil {
				continue
			}
			if at := due(m); !at.IsZero() {
				adds = append(adds, redis.Z{Score: float64(at.UnixMilli()), Member: id})
			} else {
				drop = append(drop, id)
			}
		}
		if len(adds) == 0 && len(drop) == 0 {
			return nil
		}
		_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			if len(adds) > 0 {
				p.ZAddNX(ctx, k.due(), adds...)
				first := adds[0].Score
				for _, z := range adds {
					first = min(first, z.Score)
				}
				lower(ctx, p, NudgeIndexKey, sc, time.UnixMilli(int64(first)))
			}
			if len(drop) > 0 {
				p.HDel(ctx, k.remind(), drop...)
			}
			return nil
		})
		if err != nil {
			return wrap(err, "rebuild in %s", sc)
		}
		added += len(adds)
		return nil
	}
	err = s.scan(ctx, pattern, page)
	return added, err
}

// scan calls page with each page of keys matching pattern, on every
// master when the client is a cluster (a scope's keys sit on one of them).
func (s *Store) scan(ctx context.Context, pattern string, page func([]string) error) error {
	one := func(ctx context.Context, c redis.Cmdable) error {
		var cursor uint64
		for {
			keys, next, err := c.Scan(ctx, cursor, pattern, 1000).Result()
			if err != nil {
				return wrap(err, "scan %s", pattern)
			}
			if len(keys) > 0 {
				if err := page(keys); err != nil {
					return err
				}
			}
			if cursor = next; cursor == 0 {
				return nil
			}
		}
	}
	if cc, ok := s.rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error { return one(ctx, c) })
	}
	return one(ctx, s.rdb)
}

// globEscape quotes the characters SCAN MATCH treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
