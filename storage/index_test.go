package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

// The due index stays at or before each scope's earliest entry through
// every write that adds one, is settled by the scheduler after a drain,
// and is put back by Repair when it went missing.
func TestDueIndex(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		score := func() (time.Time, bool) {
			t.Helper()
			v, err := rdb.ZScore(ctx, NudgeIndexKey, sc.String()).Result()
			if errors.Is(err, redis.Nil) {
				return time.Time{}, false
			}
			if err != nil {
				t.Fatal(err)
			}
			return time.UnixMilli(int64(v)).UTC(), true
		}
		listed := func(now time.Time) bool {
			t.Helper()
			scs, err := s.DueWorkspaces(ctx, now, 100_000)
			if err != nil {
				t.Fatal(err)
			}
			return slices.Contains(scs, sc)
		}
		at := t0.Add(time.Hour)
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}},
			Schedule: []bot.Due{{Member: "a", At: at.Add(time.Hour)}, {Member: "b", At: at}}})
		if got, ok := score(); !ok || !got.Equal(at) {
			t.Fatalf("index after Apply = %v %v, want %v", got, ok, at)
		}
		if listed(at.Add(-time.Minute)) || !listed(at) {
			t.Errorf("listed before its time, or not at it")
		}
		// A claim moves b to its lease's end; settling follows.
		b, err := s.Claim(ctx, sc, at, time.Minute, 10)
		if err != nil || len(b.Claims) != 1 {
			t.Fatalf("claim: %+v %v", b, err)
		}
		if err := s.Settle(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if got, _ := score(); !got.Equal(at.Add(time.Minute)) {
			t.Errorf("index after claim and settle = %v, want the lease's end %v", got, at.Add(time.Minute))
		}
		// Released, b is due again at once.
		if err := s.Release(ctx, sc, b.Claims); err != nil {
			t.Fatal(err)
		}
		if got, _ := score(); !got.Equal(at) {
			t.Errorf("index after release = %v, want %v", got, at)
		}
		// A snoozed reminder before everything else lowers it.
		if _, err := s.Snooze(ctx, sc, "a", "2026-W37", at.Add(-30*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, _ := score(); !got.Equal(at.Add(-30 * time.Minute)) {
			t.Errorf("index after snooze = %v", got)
		}
		// Nothing left: settling drops the scope from the index.
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "a"}, {Member: "b"}}})
		if err := s.Settle(ctx, sc); err != nil {
			t.Fatal(err)
		}
		if _, ok := score(); ok {
			t.Errorf("index kept a scope with nothing scheduled")
		}
		// Lost index entries come back with Repair, which walks the
		// registry, not the keyspace.
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "a", At: at}}})
		rdb.ZRem(ctx, NudgeIndexKey, sc.String())
		var cursor uint64
		for i := 0; ; i++ {
			if cursor, err = s.Repair(ctx, cursor, 1000); err != nil {
				t.Fatal(err)
			}
			if cursor == 0 || i > 10_000 {
				break
			}
		}
		if got, ok := score(); !ok || !got.Equal(at) {
			t.Errorf("index after repair = %v %v, want %v", got, ok, at)
		}
		// Digests have an index of their own.
		mustApply(t, s, sc, bot.Write{Links: []bot.Link{{Mentee: "a", Lead: "L"}}, Schedule: []bot.Due{{Member: "L", Kind: bot.DueDigest, At: at}}})
		d := s.Digests().(scheduler.Index)
		if scs, err := d.DueWorkspaces(ctx, at, 100_000); err != nil || !slices.Contains(scs, sc) {
			t.Errorf("digest index: %v %v", scs, err)
		}
	})
}
