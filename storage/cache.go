package storage

import (
	"context"
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
	v, err := s.rdb.Get(ctx, ck).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", wrap(err, "cache get %s in %s", key, sc)
	}
	return v, nil
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
