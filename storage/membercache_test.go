package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
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
		// DeleteFor deletes it, in the profile and under its own key.
		if err := s.DeleteFor(ctx, sc, "U1", "who"); err != nil || get("U1") != "" || rdb.Exists(ctx, k.cache("who:U1")).Val() != 0 {
			t.Errorf("after DeleteFor (%v): %q", err, get("U1"))
		}
		set("U1", "admin|UTC|Ada", time.Hour)
		if err := s.DeleteFor(ctx, sc, "U1", "who"); err != nil || get("U1") != "" {
			t.Errorf("after DeleteFor of the profile's field (%v): %q", err, get("U1"))
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

// TestSendMarkInProfile: a member's nudge send mark is a field of their
// profile, exactly once per week as the key was: a second mark of the
// week finds the first's value, Unmark clears only its own, a newer week
// replaces it, an older week while a newer one holds keeps a key of its
// own, and a key set before this change still counts.
func TestSendMarkInProfile(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		k, _ := newKeys(sc)
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "U1", Name: "Ada", Stage: "junior"}}})
		mark := func(week, v string, ttl time.Duration) (bool, string) {
			t.Helper()
			ok, prev, err := s.MarkSent(ctx, sc, "U1", week, v, ttl)
			if err != nil {
				t.Fatal(err)
			}
			return ok, prev
		}
		if ok, _ := mark("2026-W37", "tok1|n1", time.Hour); !ok {
			t.Fatal("first mark not set")
		}
		if n := rdb.Exists(ctx, k.prefix+"sent:U1:2026-W37").Val(); n != 0 {
			t.Error("a send key for a member with a profile")
		}
		if f := rdb.HGet(ctx, k.member("U1"), fSendMark).Val(); !strings.HasPrefix(f, "2026-W37|tok1|n1|") {
			t.Errorf("profile's mark %q", f)
		}
		if ok, prev := mark("2026-W37", "tok2|n2", time.Hour); ok || prev != "tok1|n1" {
			t.Errorf("second mark of the week: %v %q", ok, prev)
		}
		s.Unmark(ctx, sc, scheduler.Mark{Member: "U1", Week: "2026-W37", Value: "tok2|n2"}) // not the holder
		if ok, _ := mark("2026-W37", "tok3|n3", time.Hour); ok {
			t.Error("Unmark by another value cleared the mark")
		}
		s.Unmark(ctx, sc, scheduler.Mark{Member: "U1", Week: "2026-W37", Value: "tok1|n1"})
		if ok, _ := mark("2026-W37", "tok3|n3", time.Hour); !ok {
			t.Error("not set again after its own Unmark")
		}
		// A newer week replaces it; an older one then has a key of its own.
		if ok, _ := mark("2026-W38", "tok4|n4", time.Hour); !ok {
			t.Error("next week not set")
		}
		if ok, _ := mark("2026-W36", "tok5|n5", time.Hour); !ok {
			t.Error("an older week not set")
		}
		if ttl := rdb.PTTL(ctx, k.prefix+"sent:U1:2026-W36").Val(); ttl <= 0 {
			t.Errorf("older week's key TTL %v", ttl)
		}
		if ok, prev := mark("2026-W38", "tok6|n6", time.Hour); ok || prev != "tok4|n4" {
			t.Errorf("newer week after an older one: %v %q", ok, prev)
		}
		// A key set before this change counts.
		rdb.Set(ctx, k.prefix+"sent:U1:2026-W39", "old|n7", time.Hour)
		if ok, prev := mark("2026-W39", "tok8|n8", time.Hour); ok || prev != "old|n7" {
			t.Errorf("with an older version's key: %v %q", ok, prev)
		}
		// Expired: the week may be marked again.
		if ok, _ := mark("2026-W40", "tok9|n9", time.Millisecond); !ok {
			t.Error("W40 not set")
		}
		time.Sleep(5 * time.Millisecond)
		if ok, _ := mark("2026-W40", "tok10|n10", time.Hour); !ok {
			t.Error("an expired mark still counts")
		}
		if m := mustLoad(t, s, sc, "U1")[0]; m.Name != "Ada" {
			t.Errorf("member reads %+v", m)
		}
	})
}
