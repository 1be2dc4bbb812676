package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// The weekly lead digests have a queue of their own beside the nudges',
// with the same shape, so that a lead who is also a member keeps two
// independent entries:
//
//	<prefix>digest              zset    lead id -> next digest due, unix ms
//	<prefix>dlease              hash    lead id -> "<token>|<lease until ms>|<original due ms>"
//	<prefix>dsent:<id>:<week>   string  send key of a lead's digest for their local ISO week
//
// An entry lives while the lead has mentees: Apply adds it (Write.Digests)
// when an assignment is written, removes it in the same transaction when
// an unassignment or a forget leaves the lead with none, and a completion
// only reschedules it while <prefix>mentees:<lead> exists.

// digestsSrc applies the bot.DueDigest entries of a Write: KEYS[1] the
// digest zset; ARGV[1] the prefix, then triples of lead id, due ms ("" for
// none) and "1" to keep an existing entry. A lead who has no mentees
// (after the Write's links) has no entry; otherwise a due time adds the
// entry, or moves it unless kept (a lead taking one more mentee keeps
// their slot, and a claim in flight its lease; a moved claim in flight is
// not rescheduled by its completion, and the week's send key still holds).
const digestsSrc = `
local p = ARGV[1]
for i = 2, #ARGV, 3 do
  local id, at, keep = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('EXISTS', p .. K_MENTEES .. id) == 0 then
    redis.call('ZREM', KEYS[1], id)
  elseif at ~= '' then
    if keep == '1' then redis.call('ZADD', KEYS[1], 'NX', at, id) else redis.call('ZADD', KEYS[1], at, id) end
  end
end
return 0
`

var digestsScript = script(digestsSrc)

// digestArgs is the ARGV of digestsScript for ds.
func digestArgs(k keys, ds []bot.Due) []any {
	args := make([]any, 1, 1+3*len(ds))
	args[0] = k.prefix
	for _, d := range ds {
		at, keep := "", ""
		if !d.At.IsZero() {
			at = msArg(d.At)
		}
		if d.Keep {
			keep = "1"
		}
		args = append(args, d.Member, at, keep)
	}
	return args
}

// rebuildDigests re-adds every lead of the lead hash who has no digest
// entry, at due(lead) unless it is zero; due gets the lead's profile, or
// a bare Member with only the id for a lead who never joined. It is three
// round trips: the lead hash, the leads' scores and profiles, the adds.
func (s *Store) rebuildDigests(ctx context.Context, sc bot.Scope, due func(*bot.Member) time.Time) (int, error) {
	k, err := check(sc)
	if err != nil {
		return 0, fmt.Errorf("rebuild digests: %w", err)
	}
	all, err := s.rdb.HGetAll(ctx, k.lead()).Result()
	if err != nil {
		return 0, wrap(err, "rebuild digests in %s", sc)
	}
	seen := map[string]bool{}
	var leads []string
	for _, lead := range all {
		if !seen[lead] && checkID("lead id", lead) == nil {
			seen[lead] = true
			leads = append(leads, lead)
		}
	}
	if len(leads) == 0 {
		return 0, nil
	}
	profs := make([]*redis.MapStringStringCmd, len(leads))
	scores := make([]*redis.FloatCmd, len(leads))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range leads {
			profs[i] = p.HGetAll(ctx, k.member(id))
			scores[i] = p.ZScore(ctx, k.digest(), id)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, wrap(err, "rebuild digests in %s", sc)
	}
	var adds []redis.Z
	for i, id := range leads {
		if !errors.Is(scores[i].Err(), redis.Nil) {
			continue
		}
		m, err := decodeMember(id, profs[i].Val(), nil)
		if err != nil {
			continue
		}
		if m == nil {
			m = &bot.Member{ID: id}
		}
		if at := due(m); !at.IsZero() {
			adds = append(adds, redis.Z{Score: float64(at.UnixMilli()), Member: id})
		}
	}
	if len(adds) == 0 {
		return 0, nil
	}
	// NX: a lead scheduled meanwhile keeps that entry.
	first := adds[0].Score
	for _, z := range adds {
		first = min(first, z.Score)
	}
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAddNX(ctx, k.digest(), adds...)
		lower(ctx, p, DigestIndexKey, sc, time.UnixMilli(int64(first)))
		return nil
	}); err != nil {
		return 0, wrap(err, "rebuild digests in %s", sc)
	}
	return len(adds), nil
}
