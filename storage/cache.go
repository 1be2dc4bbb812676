package storage

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// Get returns the cached value under key, or "" when there is none.
func (s *Store) Get(ctx context.Context, sc bot.Scope, key string) (string, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	ck, err := cacheKey(sc, key)
	if err != nil {
		return "", fmt.Errorf("cache get: %w", err)
	}
	mark := s.replayMark(ctx, sc)
	if mark.key == "" {
		v, err := s.rdb.Get(ctx, ck).Result()
		if errors.Is(err, redis.Nil) {
			return "", nil
		}
		if err != nil {
			return "", wrap(err, "cache get %s in %s", key, sc)
		}
		return v, nil
	}
	var get *redis.StringCmd
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		mark.queue(ctx, p)
		get = p.Get(ctx, ck)
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", wrap(err, "cache get %s in %s", key, sc)
	}
	mark.report()
	return get.Val(), nil
}

// pendingMark is a request's replay mark (bot.TakeReplayMark) taken by one
// store call, to be set in that call's pipeline. The zero value is no mark.
type pendingMark struct {
	key  string
	ttl  time.Duration
	seen func(bool)
	set  *redis.BoolCmd
}

// replayMark takes ctx's replay mark, if any is left, as a key of sc's
// cache: markKey of it.
func (s *Store) replayMark(ctx context.Context, sc bot.Scope) *pendingMark {
	key, ttl, seen, ok := bot.TakeReplayMark(ctx)
	if !ok {
		return &pendingMark{}
	}
	err := checkCacheKey(key)
	var ck string
	if err == nil {
		ck, err = cacheKey(sc, markKey(key))
	}
	if err != nil {
		seen(false) // an unusable key marks nothing
		return &pendingMark{}
	}
	return &pendingMark{key: ck, ttl: ttl, seen: seen}
}

// markKey names a replay mark in the cache by 12 bytes of the SHA-256 of
// the request's mark, base64url: "rp:" and 16 characters instead of the
// 83 of a Slack signature's, so that each of the marks (one a request,
// kept for minutes) costs about 96 B of Redis rather than 152 (issue 16:
// what a joining member costs). Two requests' marks coincide with odds
// of 2^-96.
func markKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "rp:" + base64.RawURLEncoding.EncodeToString(sum[:12])
}

// queue adds the SET NX of the mark to p.
func (m *pendingMark) queue(ctx context.Context, p redis.Pipeliner) {
	if m.key != "" {
		m.set = p.SetNX(ctx, m.key, "1", max(m.ttl, time.Second))
	}
}

// report tells the request whether its mark was set already, once the
// pipeline has run.
func (m *pendingMark) report() {
	if m.set != nil && m.set.Err() == nil {
		m.seen(!m.set.Val())
	}
}

// Set stores value under key for ttl (0: no expiry).
func (s *Store) Set(ctx context.Context, sc bot.Scope, key, value string, ttl time.Duration) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	ck, err := cacheKey(sc, key)
	if err != nil {
		return fmt.Errorf("cache set: %w", err)
	}
	if err := s.rdb.Set(ctx, ck, value, ttl).Err(); err != nil {
		return wrap(err, "cache set %s in %s", key, sc)
	}
	return nil
}

// Once reports true the first time it is called with key within ttl (0:
// ever), false after that. It is one SET NX.
func (s *Store) Once(ctx context.Context, sc bot.Scope, key string, ttl time.Duration) (bool, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	ck, err := cacheKey(sc, key)
	if err != nil {
		return false, fmt.Errorf("cache once: %w", err)
	}
	ok, err := s.rdb.SetNX(ctx, ck, "1", ttl).Result()
	if err != nil {
		return false, wrap(err, "cache once %s in %s", key, sc)
	}
	return ok, nil
}

func cacheKey(sc bot.Scope, key string) (string, error) {
	k, err := newKeys(sc)
	if err != nil {
		return "", err
	}
	if err := checkCacheKey(key); err != nil {
		return "", err
	}
	return k.cache(key), nil
}

var _ bot.CacheDeleter = (*Store)(nil)

// Delete removes the cached values under keys; keys that aren't there are
// no error.
func (s *Store) Delete(ctx context.Context, sc bot.Scope, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	cks := make([]string, len(keys))
	for i, key := range keys {
		ck, err := cacheKey(sc, key)
		if err != nil {
			return fmt.Errorf("cache delete: %w", err)
		}
		cks[i] = ck
	}
	// One DEL: the keys of one scope share its hash tag, so one slot.
	if err := s.rdb.Del(ctx, cks...).Err(); err != nil {
		return wrap(err, "cache delete in %s", sc)
	}
	return nil
}
