package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// Cache values kept with a member (issue 16: a joined member costs one
// key fewer). An adapter's answer about a person, such as Slack's cached
// users.info, is a field of the member's own profile while they have
// one, "~<key>" = "<value>|<expires at, unix ms, base 36>", since a hash
// field has no TTL of its own on Redis 7.0; for someone without a
// profile it is the cache key "<key>:<member>" with a TTL, as before.
// Either way it goes with the member: forget deletes the profile.
//
// The field's value stays within memberCacheMax bytes, so that the
// profile keeps Redis's compact listpack encoding (hash-max-listpack-value
// is 64 by default; one longer value turns the hash into a table for
// good); a longer value is kept under its own key.

const memberCacheMax = 64

// memberField is the profile field of a cache key kept with a member.
func memberField(key string) string { return "~" + key }

// setForSrc: KEYS[1] the member's profile, KEYS[2] the separate cache key;
// ARGV the field, the field's value ("" when too long), the plain value,
// the TTL in ms. Returns 1 when the value went into the profile.
const setForSrc = `
if ARGV[2] ~= '' and redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('DEL', KEYS[2])
  return 1
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 0
`

var setForScript = script(setForSrc)

// SetFor caches value under key for member for ttl (at least a
// millisecond): in their profile while they have one, else under a key of
// its own. One script call.
func (s *Store) SetFor(ctx context.Context, sc bot.Scope, member, key, value string, ttl time.Duration) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	prof, ck, err := memberCacheKeys(sc, member, key)
	if err != nil {
		return fmt.Errorf("cache set for member: %w", err)
	}
	ttl = max(ttl, time.Millisecond)
	field := value + "|" + strconv.FormatInt(time.Now().Add(ttl).UnixMilli(), 36)
	if len(field) > memberCacheMax {
		field = ""
	}
	if err := setForScript.Run(ctx, s.rdb, []string{prof, ck}, memberField(key), field, value, ttl.Milliseconds()).Err(); err != nil {
		return wrap(err, "cache set %s for %s in %s", key, member, sc)
	}
	return nil
}

// GetFor returns what SetFor cached under key for member and has not
// expired, or "". One round trip (with the request's replay mark, if it
// is the request's first store call).
func (s *Store) GetFor(ctx context.Context, sc bot.Scope, member, key string) (string, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	prof, ck, err := memberCacheKeys(sc, member, key)
	if err != nil {
		return "", fmt.Errorf("cache get for member: %w", err)
	}
	mark := s.replayMark(ctx, sc)
	var kept, own *redis.StringCmd
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		mark.queue(ctx, p)
		kept = p.HGet(ctx, prof, memberField(key))
		own = p.Get(ctx, ck)
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", wrap(err, "cache get %s for %s in %s", key, member, sc)
	}
	mark.report()
	if v, at, ok := cutLast(kept.Val(), "|"); ok {
		if exp, err := strconv.ParseInt(at, 36, 64); err == nil && time.Now().UnixMilli() < exp {
			return v, nil
		}
	}
	return own.Val(), nil
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// memberCacheKeys are the profile and the separate cache key of key for
// member.
func memberCacheKeys(sc bot.Scope, member, key string) (string, string, error) {
	k, err := newKeys(sc)
	if err == nil {
		err = checkID("member id", member)
	}
	if err == nil {
		err = checkCacheKey(key + ":" + member)
	}
	if err != nil {
		return "", "", err
	}
	return k.member(member), k.cache(key + ":" + member), nil
}

// DeleteFor deletes what SetFor cached under key for member, in their
// profile and under a key of its own, in one round trip.
func (s *Store) DeleteFor(ctx context.Context, sc bot.Scope, member, key string) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	prof, ck, err := memberCacheKeys(sc, member, key)
	if err != nil {
		return fmt.Errorf("cache delete for member: %w", err)
	}
	if _, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HDel(ctx, prof, memberField(key))
		p.Del(ctx, ck)
		return nil
	}); err != nil {
		return wrap(err, "cache delete %s for %s in %s", key, member, sc)
	}
	return nil
}
