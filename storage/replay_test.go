package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// TestReplayMarkKeys: a request's mark is stored under a short digest of
// its key (markKey), once; the same mark again is seen, another is not,
// and a key that could not name a cache entry marks nothing.
func TestReplayMarkKeys(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		k, _ := newKeys(sc)
		sig := "slack:replay:v0=" + strings.Repeat("ab", 32)
		cases := []struct {
			name, mark string
			seen       bool
		}{
			{"first", sig, false},
			{"again", sig, true},
			{"another", sig + "0", false},
			{"white space", "bad mark", false},
			{"white space again", "bad mark", false},
		}
		for _, c := range cases {
			ctx := bot.WithReplayMark(context.Background(), c.mark, time.Minute)
			if _, err := s.Get(ctx, sc, "probe"); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if got := bot.Replayed(ctx); got != c.seen {
				t.Errorf("%s: replayed %v, want %v", c.name, got, c.seen)
			}
		}
		want := k.cache(markKey(sig))
		if n := len(markKey(sig)); n != len("rp:")+16 {
			t.Errorf("mark key %q: %d bytes, want 19", markKey(sig), n)
		}
		if ttl := rdb.TTL(context.Background(), want).Val(); ttl <= 0 || ttl > time.Minute {
			t.Errorf("mark %s: TTL %v, want up to a minute", want, ttl)
		}
		if n := rdb.Exists(context.Background(), k.cache(sig)).Val(); n != 0 {
			t.Errorf("the mark is also stored under its long key")
		}
	})
}
