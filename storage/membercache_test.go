package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// TestCacheForMember: a value cached for someone without a profile is a
// key of its own with its TTL; for a member it is a field of their
// profile (the separate key goes), which keeps the profile a listpack,
// reads back until it expires, and goes with the member.
func TestCacheForMember(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		k, _ := newKeys(sc)
		get := func(id string) string {
			t.Helper()
			v, err := s.GetFor(ctx, sc, id, "who")
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		set := func(id, v string, ttl time.Duration) {
			t.Helper()
			if err := s.SetFor(ctx, sc, id, "who", v, ttl); err != nil {
				t.Fatal(err)
			}
		}
		// No profile: a key of its own, with its TTL.
		set("U1", "member|Europe/Berlin|Ada", time.Hour)
		if got := get("U1"); got != "member|Europe/Berlin|Ada" {
			t.Errorf("before joining: %q", got)
		}
		if ttl := rdb.PTTL(ctx, k.cache("who:U1")).Val(); ttl <= 0 || ttl > time.Hour {
			t.Errorf("separate key's TTL %v", ttl)
		}
		if rdb.Exists(ctx, k.member("U1")).Val() != 0 {
			t.Error("SetFor made a profile for someone who has none")
		}
		// A member: their profile holds it, and the separate key goes.
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Name: "Ada", Stage: "junior"}}})
		set("U1", "admin|Europe/Berlin|Ada", time.Hour)
		if got := get("U1"); got != "admin|Europe/Berlin|Ada" {
			t.Errorf("member: %q", got)
		}
		if rdb.Exists(ctx, k.cache("who:U1")).Val() != 0 {
			t.Error("the separate key is still there")
		}
		if f := rdb.HGet(ctx, k.member("U1"), "~who").Val(); !strings.HasPrefix(f, "admin|Europe/Berlin|Ada|") {
			t.Errorf("profile field ~who = %q", f)
		}
		if m := mustLoad(t, s, sc, "U1")[0]; m.Name != "Ada" || m.Stage != "junior" {
			t.Errorf("member reads %+v", m)
		}
		// A later profile write keeps it.
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Name: "Ada L", Stage: "mid"}}})
		if got := get("U1"); got != "admin|Europe/Berlin|Ada" {
			t.Errorf("after a profile write: %q", got)
		}
		// Expired: nothing.
		set("U1", "member|UTC|Ada", time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		if got := get("U1"); got != "" {
			t.Errorf("expired: %q", got)
		}
		// Too long for a compact profile: a key of its own.
		long := "member|America/Argentina/ComodRivadavia|" + strings.Repeat("n", 40)
		set("U1", long, time.Hour)
		if got := get("U1"); got != long {
			t.Errorf("long value: %q", got)
		}
		if rdb.Exists(ctx, k.cache("who:U1")).Val() != 1 {
			t.Error("a long value went into the profile")
		}
		// (The in-process Redis has no encodings to tell.)
		if enc, err := rdb.ObjectEncoding(ctx, k.member("U1")).Result(); err == nil && enc != "listpack" {
			t.Errorf("profile encoding %s, want listpack", enc)
		}
		// Forget takes it with the profile.
		set("U1", "member|UTC|Ada", time.Hour)
		rdb.Del(ctx, k.cache("who:U1"))
		mustApply(t, s, sc, bot.Write{Forget: []string{"U1"}})
		if got := get("U1"); got != "" {
			t.Errorf("after forget: %q", got)
		}
	})
}
