package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// backend is a Redis the core tests run against.
type backend struct {
	name string
	real bool
	open func(t *testing.T) redis.UniversalClient
}

var backends = []backend{
	{name: "redis", real: true, open: realRedis},
	{name: "embedded", open: embeddedRedis},
}

// forEachBackend runs f once per backend, each as a parallel subtest.
func forEachBackend(t *testing.T, f func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			rdb := b.open(t)
			f(t, rdb, testScope(t, rdb))
		})
	}
}

func testURL() string {
	if u := os.Getenv("REDIS_TEST_URL"); u != "" {
		return u
	}
	return "redis://127.0.0.1:6379/0"
}

// realRedis connects to the test server; it fails the test when the server
// cannot be reached, as the tests are meant to run against it.
func realRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	rdb, err := Open(context.Background(), testURL())
	if err != nil {
		t.Fatalf("real Redis needed at REDIS_TEST_URL (default redis://127.0.0.1:6379/0): %v", err)
	}
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func embeddedRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	rdb, stop, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return rdb
}

// testScope returns a scope unique to this test and deletes its keys at
// the end.
func testScope(t *testing.T, rdb redis.UniversalClient) bot.Scope {
	t.Helper()
	return newTestScope(t, rdb, "")
}

func newTestScope(t *testing.T, rdb redis.UniversalClient, suffix string) bot.Scope {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == ':' || r == '{' || r == '}' || r == ' ' {
			return '-'
		}
		return r
	}, t.Name())
	if len(name) > 40 {
		name = name[len(name)-40:]
	}
	sc := bot.Scope{Platform: "test", Workspace: name + suffix + "-" + hex.EncodeToString(b[:])}
	t.Cleanup(func() { dropScope(t, rdb, sc) })
	return sc
}

func dropScope(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
	ctx := context.Background()
	keys := scopeKeys(t, rdb, sc)
	if len(keys) > 0 {
		if err := rdb.Del(ctx, keys...).Err(); err != nil {
			t.Errorf("cleanup %s: %v", sc, err)
		}
	}
	rdb.SRem(ctx, WorkspacesKey, sc.String())
	rdb.ZRem(ctx, NudgeIndexKey, sc.String())
	rdb.ZRem(ctx, DigestIndexKey, sc.String())
}

// scopeKeys lists every key of sc.
func scopeKeys(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) []string {
	t.Helper()
	k, err := newKeys(sc)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	iter := rdb.Scan(context.Background(), 0, strings.ReplaceAll(k.prefix, "{", `\{`)+"*", 1000).Iterator()
	for iter.Next(context.Background()) {
		out = append(out, iter.Val())
	}
	if err := iter.Err(); err != nil {
		t.Fatalf("scan %s: %v", sc, err)
	}
	return out
}

// roundTrips counts what reaches the network: one per command sent alone
// and one per pipeline or transaction, leaving out the handshake of a new
// connection (HELLO, CLIENT SETINFO), which go-redis also sends through
// hooks.
type roundTrips struct{ n atomic.Int64 }

func handshake(cmd redis.Cmder) bool {
	switch cmd.Name() {
	case "hello", "client", "auth", "select":
		return true
	}
	return false
}

func (c *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !handshake(cmd) {
			c.n.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (c *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 && !handshake(cmds[0]) {
			c.n.Add(1)
		}
		return next(ctx, cmds)
	}
}

// take returns the count since the last take.
func (c *roundTrips) take() int64 { return c.n.Swap(0) }
