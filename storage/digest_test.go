package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// A digest entry with Keep keeps a lead's existing slot, and a removal only takes
// effect once the write leaves the lead without mentees.
func TestApplyDigests(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		k, _ := newKeys(sc)
		score := func(lead string) (time.Time, bool) {
			t.Helper()
			v, err := rdb.ZScore(ctx, k.digest(), lead).Result()
			if errors.Is(err, redis.Nil) {
				return time.Time{}, false
			}
			if err != nil {
				t.Fatal(err)
			}
			return time.UnixMilli(int64(v)).UTC(), true
		}
		t1, t2 := t0.Add(9*time.Hour), t0.Add(33*time.Hour)
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "a"}, {ID: "b"}},
			Links:    []bot.Link{{Mentee: "a", Lead: "L"}, {Mentee: "b", Lead: "L"}},
			Schedule: []bot.Due{{Member: "L", Kind: bot.DueDigest, At: t1, Keep: true}}})
		if at, ok := score("L"); !ok || !at.Equal(t1) {
			t.Fatalf("digest at %v %v, want %v", at, ok, t1)
		}
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "L", Kind: bot.DueDigest, At: t2, Keep: true}}})
		if at, _ := score("L"); !at.Equal(t1) {
			t.Errorf("a second assignment moved the slot to %v", at)
		}
		// A move (the lead changed their nudge time) replaces it.
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "L", Kind: bot.DueDigest, At: t2}}})
		if at, _ := score("L"); !at.Equal(t2) {
			t.Errorf("a move left the slot at %v, want %v", at, t2)
		}
		// A lead without mentees gets no entry, however it is asked for.
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "nobody", Kind: bot.DueDigest, At: t2}}})
		if _, ok := score("nobody"); ok {
			t.Error("a lead without mentees got a digest entry")
		}
		mustApply(t, s, sc, bot.Write{Links: []bot.Link{{Mentee: "a", Old: "L"}}, Schedule: []bot.Due{{Member: "L", Kind: bot.DueDigest}}})
		if _, ok := score("L"); !ok {
			t.Error("removed while b is still a mentee")
		}
		mustApply(t, s, sc, bot.Write{Links: []bot.Link{{Mentee: "b", Old: "L"}}, Schedule: []bot.Due{{Member: "L", Kind: bot.DueDigest}}})
		if _, ok := score("L"); ok {
			t.Error("kept with no mentees left")
		}
		// Forgetting a lead drops their digest with everything else.
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "L", Stage: "junior"}},
			Links: []bot.Link{{Mentee: "a", Lead: "L"}}, Schedule: []bot.Due{{Member: "L", Kind: bot.DueDigest, At: t1}}})
		mustApply(t, s, sc, bot.Write{Forget: []string{"L"}})
		if _, ok := score("L"); ok {
			t.Error("a forgotten lead keeps their digest")
		}
		if ws, err := s.Workspaces(ctx); err != nil || !slices.Contains(ws, sc) {
			t.Errorf("scope not registered for the scheduler: %v %v", ws, err)
		}
	})
}
