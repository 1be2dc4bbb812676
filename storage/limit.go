package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/sleep"
)

// The rate limiter shared by every replica (bot.Limiter) adds these keys
// to a scope:
//
//	<prefix>rl:<limit key>   string  GCRA theoretical arrival time, unix µs; expires once it has passed
//	<prefix>rlp:<limit key>  string  no call before this, unix µs (a 429's Retry-After); expires then
//
// A limit key is what is limited, e.g. "slack.post" (chat.postMessage in
// the workspace) or "slack.post.D024BE91L" (in one channel).

// maxBook is how far ahead a call may book its turn. A call whose turn is
// further away books nothing, sleeps, and asks again, so that the slots
// booked by callers that die are few.
const maxBook = 5 * time.Second

// limitSrc books a turn under every limit at once (GCRA, on Redis TIME so
// that replicas share one clock). KEYS: per limit, its arrival time key and
// its pause key. ARGV: the longest booking in µs, then per limit its
// interval in µs and its burst. Returns 1 and the wait in µs when it
// booked, or 0 and the wait when the turn is further than the longest
// booking.
const limitSrc = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at, tats = now, {}
for i = 1, #KEYS, 2 do
  local every, burst = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  tats[i] = tat
  local a = tat - (burst - 1) * every
  if a > at then at = a end
  local paused = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
  if paused > at then at = paused end
end
local wait = at - now
if wait > tonumber(ARGV[1]) then return {0, string.format('%.0f', wait)} end
for i = 1, #KEYS, 2 do
  local tat = tats[i]
  if at > tat then tat = at end
  tat = tat + tonumber(ARGV[i + 1])
  redis.call('SET', KEYS[i], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
end
return {1, string.format('%.0f', wait)}
`

// pauseSrc holds calls under one limit: KEYS the pause key, ARGV the pause
// in µs. A longer pause already set stays.
const pauseSrc = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untl = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if cur >= untl then return 0 end
redis.call('SET', KEYS[1], string.format('%.0f', untl), 'PX', math.floor(tonumber(ARGV[1]) / 1000) + 1)
return 1
`

var (
	limitScript = redis.NewScript(limitSrc)
	pauseScript = redis.NewScript(pauseSrc)
)

// Wait returns once a call under every one of limits may go in sc, having
// booked its turn under each in one script call (bot.Limiter). A turn more
// than a few seconds away is asked for again when it is near.
func (s *Store) Wait(ctx context.Context, sc bot.Scope, limits ...bot.Limit) error {
	for {
		wait, booked, err := s.Book(ctx, sc, maxBook, limits...)
		if err != nil {
			return err
		}
		if booked {
			return sleep.For(ctx, wait)
		}
		// Ask again when the turn is within reach, spread a little so
		// that waiting callers do not all ask at once.
		if err := sleep.For(ctx, wait-maxBook+rand.N(100*time.Millisecond)); err != nil {
			return err
		}
		// The wait was the limit's, not a slow store's: asking again
		// gets a store budget of its own, so that a request's deadline
		// spent waiting is not reported as storage being unavailable.
		ctx = bot.RenewStoreDeadline(ctx, time.Now().Add(bot.StoreBudget))
	}
}

// Book books a turn under every one of limits in sc if it comes within
// d, in one script call, and returns how long until it; when it is
// further away, nothing is booked and booked is false (bot.Limiter).
func (s *Store) Book(ctx context.Context, sc bot.Scope, d time.Duration, limits ...bot.Limit) (wait time.Duration, booked bool, err error) {
	k, err := newKeys(sc)
	if err != nil {
		return 0, false, fmt.Errorf("rate limit: %w", err)
	}
	keys := make([]string, 0, 2*len(limits))
	args := make([]any, 0, 1+2*len(limits))
	args = append(args, max(d, 0).Microseconds())
	for _, l := range limits {
		if err := checkID("limit key", l.Key); err != nil {
			return 0, false, fmt.Errorf("rate limit in %s: %w", sc, err)
		}
		keys = append(keys, k.prefix+"rl:"+l.Key, k.prefix+"rlp:"+l.Key)
		args = append(args, max(l.Every.Microseconds(), 1), max(l.Burst, 1))
	}
	cctx, cancel := s.bound(ctx)
	res, err := limitScript.Run(cctx, s.rdb, keys, args...).Int64Slice()
	cancel()
	if err != nil {
		return 0, false, wrap(err, "rate limit in %s", sc)
	}
	if len(res) != 2 {
		return 0, false, fmt.Errorf("rate limit in %s: script returned %v", sc, res)
	}
	return time.Duration(res[1]) * time.Microsecond, res[0] == 1, nil
}

// Pause holds every call under key in sc for d (bot.Limiter).
func (s *Store) Pause(ctx context.Context, sc bot.Scope, key string, d time.Duration) error {
	k, err := newKeys(sc)
	if err != nil {
		return fmt.Errorf("rate limit pause: %w", err)
	}
	if err := checkID("limit key", key); err != nil {
		return fmt.Errorf("rate limit pause in %s: %w", sc, err)
	}
	if d <= 0 {
		return nil
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := pauseScript.Run(ctx, s.rdb, []string{k.prefix + "rlp:" + key}, d.Microseconds()).Err(); err != nil {
		return wrap(err, "rate limit pause in %s", sc)
	}
	return nil
}
