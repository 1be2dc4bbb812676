// Package redistest connects tests to the real Redis they run against and
// gives each test a workspace of its own on it, removed afterwards. Tests
// fail, never skip, when Redis cannot be reached.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/storage"
)

// DefaultURL is the Redis the tests use when REDIS_TEST_URL is not set.
const DefaultURL = "redis://127.0.0.1:6379/0"

// URL returns REDIS_TEST_URL, or DefaultURL.
func URL() string {
	if u := os.Getenv("REDIS_TEST_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// Client connects to the test Redis, failing tb when none answers, and
// closes the client when the test ends.
func Client(tb testing.TB) redis.UniversalClient {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rdb, err := storage.Open(ctx, URL())
	if err != nil {
		tb.Fatalf("the tests need a real Redis at REDIS_TEST_URL (default %s): %v", DefaultURL, err)
	}
	tb.Cleanup(func() { rdb.Close() })
	return rdb
}

// Scope returns a fresh workspace of platform, whose keys are deleted when
// the test ends (before the client is closed).
func Scope(tb testing.TB, rdb redis.UniversalClient, platform, prefix string) bot.Scope {
	tb.Helper()
	var r [6]byte
	rand.Read(r[:])
	sc := bot.Scope{Platform: platform, Workspace: prefix + hex.EncodeToString(r[:])}
	tb.Cleanup(func() { Drop(rdb, sc) })
	return sc
}

// Drop deletes every key of sc and its entry in the workspaces set.
func Drop(rdb redis.UniversalClient, sc bot.Scope) {
	ctx := context.Background()
	iter := rdb.Scan(ctx, 0, "mb:{"+sc.String()+"}:*", 1000).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if len(keys) > 0 {
		rdb.Del(ctx, keys...)
	}
	rdb.SRem(ctx, storage.WorkspacesKey, sc.String())
	rdb.ZRem(ctx, storage.NudgeIndexKey, sc.String())
	rdb.ZRem(ctx, storage.DigestIndexKey, sc.String())
}

// Embedded starts an in-process Redis for one test (the storage code and
// Lua of production, on miniredis), for tests that must not need a
// server, and stops it when the test ends.
func Embedded(tb testing.TB) redis.UniversalClient {
	tb.Helper()
	rdb, stop, err := storage.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(stop)
	return rdb
}
