package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/testkit"
)

// fill schedules n typical members, the first due ones at due and the
// rest a week later.
func fill(tb testing.TB, s *Store, sc bot.Scope, n, due int, at time.Time) {
	testkit.Fill(tb, s, sc, n, due, t0.AddDate(0, 0, -7), at)
}

func benchScope(tb testing.TB, rdb redis.UniversalClient) bot.Scope {
	sc := bot.Scope{Platform: "bench", Workspace: fmt.Sprintf("b%d", time.Now().UnixNano())}
	tb.Cleanup(func() {
		ctx := context.Background()
		k, _ := newKeys(sc)
		iter := rdb.Scan(ctx, 0, globEscape(k.prefix)+"*", 5000).Iterator()
		var keys []string
		for iter.Next(ctx) {
			if keys = append(keys, iter.Val()); len(keys) == 5000 {
				rdb.Unlink(ctx, keys...)
				keys = keys[:0]
			}
		}
		if len(keys) > 0 {
			rdb.Unlink(ctx, keys...)
		}
		rdb.SRem(ctx, WorkspacesKey, sc.String())
		rdb.ZRem(ctx, NudgeIndexKey, sc.String())
		rdb.ZRem(ctx, DigestIndexKey, sc.String())
	})
	return sc
}

// BenchmarkClaim claims (and gives back) 100 due members among 1,000 and
// among 100,000 scheduled: the cost should not grow with the latter.
func BenchmarkClaim(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("scheduled=%d", n), func(b *testing.B) {
			rdb := realRedisTB(b)
			sc := benchScope(b, rdb)
			st := New(rdb)
			fill(b, st, sc, n, 100, t0)
			ctx := context.Background()
			b.ResetTimer()
			for range b.N {
				bt, err := st.Claim(ctx, sc, t0, time.Minute, 100)
				if err != nil || len(bt.Claims) != 100 {
					b.Fatalf("claimed %d: %v", len(bt.Claims), err)
				}
				b.StopTimer()
				if err := st.Release(ctx, sc, bt.Claims); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// TestMemoryPerMember measures, with MEMORY USAGE, what one typical member
// costs in Redis: the profile hash plus their entry in the due set, in a
// workspace of 10,000 (so the set has its large-set encoding).
func TestMemoryPerMember(t *testing.T) {
	const n = 10_000
	rdb := realRedis(t)
	sc := benchScope(t, rdb)
	st := New(rdb)
	fill(t, st, sc, n, 0, t0)
	ctx := context.Background()
	k, _ := newKeys(sc)
	// A member some weeks in also has the fields the scheduler's
	// completion writes: the last nudge, its week and skill, the rotation.
	_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range n {
			p.HSet(ctx, k.member(testkit.Typical(i, t0).ID), fLast, "1764230000000", fWeek, "2026-W48",
				fSkill, "indexes-and-transactions", fSent, "mid-n1,mid-n2,mid-n3,mid-n4,mid-n5", fIgnored, "1")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for i := range n {
		b, err := rdb.MemoryUsage(ctx, k.member(testkit.Typical(i, t0).ID), 0).Result()
		if err != nil {
			t.Fatal(err)
		}
		total += b
	}
	due, err := rdb.MemoryUsage(ctx, k.due(), 0).Result()
	if err != nil {
		t.Fatal(err)
	}
	profile, entry := float64(total)/n, float64(due)/n
	t.Logf("per member: profile %.0f B + due entry %.0f B = %.0f B", profile, entry, profile+entry)
	if profile+entry > 600 {
		t.Errorf("%.0f bytes per member, goal 600", profile+entry)
	}
}

func realRedisTB(tb testing.TB) redis.UniversalClient {
	tb.Helper()
	rdb, err := Open(context.Background(), testURL())
	if err != nil {
		tb.Fatalf("real Redis needed at REDIS_TEST_URL: %v", err)
	}
	tb.Cleanup(func() { rdb.Close() })
	return rdb
}
