package storage

import (
	"context"
	"errors"
	"fmt"
	"reflect"
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

// Leads linked before the roster aggregates existed appear in `team`
// once the index repair has reached their workspace.
func TestRosterBuiltForOlderData(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		var w bot.Write
		for i := range 450 {
			id := fmt.Sprintf("m%03d", i)
			w.Members = append(w.Members, &bot.Member{ID: id, Name: id, Joined: t0})
			w.Links = append(w.Links, bot.Link{Mentee: id, Lead: fmt.Sprintf("L%d", i%3)})
		}
		w.Schedule = []bot.Due{{Member: "m000", At: t0.AddDate(0, 0, 7)}}
		mustApply(t, s, sc, w)
		// What data from before the aggregates looks like.
		k, _ := newKeys(sc)
		rdb.Del(ctx, k.leads(), k.prefix+kStuck, k.roster("L0"), k.roster("L1"), k.roster("L2"), k.moved("L0"), k.prefix+kBuilt)
		if p, _ := s.TeamPage(ctx, sc, bot.PageQuery{At: t0, Limit: 10}); p.LeadCount != 0 {
			t.Fatalf("the aggregates were not gone: %+v", p)
		}
		var cursor uint64
		var err error
		for i := 0; i == 0 || cursor != 0; i++ {
			if cursor, err = s.Repair(ctx, cursor, 1000); err != nil || i > 10_000 {
				t.Fatal(err)
			}
		}
		p, err := s.TeamPage(ctx, sc, bot.PageQuery{At: t0.AddDate(0, 1, 0), Limit: 10})
		if err != nil || p.LeadCount != 3 || p.MenteeCount != 450 || p.Stuck != 450 || len(p.Leads) != 3 || p.Leads[0].Mentees != 150 {
			t.Errorf("team after the repair = %+v, %v", p, err)
		}
		if n, _ := rdb.Exists(ctx, k.prefix+kBuilt).Result(); n != 1 {
			t.Errorf("the scope is not marked built")
		}
		// A repair racing the workspace's deletion must not leave a key
		// that lives forever.
		if ttl, _ := rdb.TTL(ctx, k.prefix+kBuilt).Result(); ttl <= 0 || ttl > builtTTL {
			t.Errorf("the built mark's TTL = %v, want within %v", ttl, builtTTL)
		}
	})
}

// A team row's mentee count and last progress come from the lsum hash;
// a workspace written before it gets the same page, and the missing
// entries are written as the page finds them.
func TestLeadSummaryFilledIn(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		now := t0.AddDate(0, 1, 0)
		var w bot.Write
		for i := range 30 {
			id := fmt.Sprintf("m%02d", i)
			m := &bot.Member{ID: id, Name: id, Joined: t0}
			if i%4 != 0 {
				m.LastProgress = now.Add(-time.Duration(i) * time.Hour)
			}
			w.Members = append(w.Members, m)
			w.Links = append(w.Links, bot.Link{Mentee: id, Lead: fmt.Sprintf("L%d", i%4)})
		}
		mustApply(t, s, sc, w)
		q := bot.PageQuery{At: now, Limit: 10, MovedSince: now.Add(-7 * 24 * time.Hour)}
		before, err := s.TeamPage(ctx, sc, q)
		if err != nil || len(before.Leads) != 4 {
			t.Fatalf("team = %+v, %v", before, err)
		}
		k, _ := newKeys(sc)
		if n, _ := rdb.HLen(ctx, k.prefix+kLSum).Result(); n != 4 {
			t.Fatalf("lsum has %d entries, want 4", n)
		}
		rdb.Del(ctx, k.prefix+kLSum)
		after, err := s.TeamPage(ctx, sc, q)
		if err != nil || !reflect.DeepEqual(after, before) {
			t.Errorf("team without lsum = %+v, %v; want %+v", after, err, before)
		}
		if n, _ := rdb.HLen(ctx, k.prefix+kLSum).Result(); n != 4 {
			t.Errorf("lsum has %d entries after the page, want 4 written back", n)
		}
		// A lead left with no mentees leaves no entry behind.
		var unlink bot.Write
		for _, l := range w.Links {
			if l.Lead == "L3" {
				unlink.Links = append(unlink.Links, bot.Link{Mentee: l.Mentee, Old: "L3"})
			}
		}
		mustApply(t, s, sc, unlink)
		if ok, _ := rdb.HExists(ctx, k.prefix+kLSum, "L3").Result(); ok {
			t.Errorf("lsum keeps L3, who leads no one")
		}
	})
}
