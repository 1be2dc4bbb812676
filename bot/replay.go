package bot

import (
	"context"
	"sync/atomic"
	"time"
)

// A replay mark makes a request that is sent again byte for byte (a
// captured Slack request within its 5-minute window, a Discord interaction
// posted twice) act once. The adapter puts the mark in the request's
// context; the first store call made for the request sets it in the same
// round trip as its own work (a SET NX in its pipeline), so marking costs
// no extra round trip; the command checks it before it changes anything.
type replayMark struct {
	key      string
	ttl      time.Duration
	taken    atomic.Bool
	replayed atomic.Bool
}

type replayKey struct{}

// WithReplayMark returns ctx carrying a replay mark: the cache key naming
// the request (its signature, its id) and how long to remember it.
func WithReplayMark(ctx context.Context, key string, ttl time.Duration) context.Context {
	return context.WithValue(ctx, replayKey{}, &replayMark{key: key, ttl: ttl})
}

// TakeReplayMark hands the request's replay mark to the store call that
// sets it: the cache key and TTL to SET NX in its round trip, and seen to
// report whether the key was set already. ok is false when ctx has no mark
// or another call took it.
func TakeReplayMark(ctx context.Context) (key string, ttl time.Duration, seen func(bool), ok bool) {
	m, _ := ctx.Value(replayKey{}).(*replayMark)
	if m == nil || !m.taken.CompareAndSwap(false, true) {
		return "", 0, nil, false
	}
	return m.key, m.ttl, func(was bool) { m.replayed.Store(was) }, true
}

// Replayed reports whether the request of ctx was seen before.
func Replayed(ctx context.Context) bool {
	m, _ := ctx.Value(replayKey{}).(*replayMark)
	return m != nil && m.replayed.Load()
}

// errReplayed answers a request seen before: it does nothing again.
var errReplayed = refuse("That request was already handled; nothing was done again.")
