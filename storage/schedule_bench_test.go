package storage

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

type noop struct{}

func (noop) Send(context.Context, bot.Recipient, bot.Message) error { return nil }

// typical is a member as they look after a few weekly nudges.
func typical(i int, at time.Time) *bot.Member {
	return &bot.Member{ID: fmt.Sprintf("U%08d", i), Name: fmt.Sprintf("Member %d", i), Stage: "junior",
		Joined: at, LastActive: at, LastProgress: at,
		Nudges: bot.Nudges{Day: time.Monday, Minute: 540, Zone: "Europe/Berlin", Last: at, Week: "2026-W36",
			Sent: []string{"junior-n1", "junior-n2", "junior-n3"}, Skill: "programming-language"}}
}

// fill schedules n typical members, the first due ones at due and the
// rest a week later.
func fill(tb testing.TB, s *Store, sc bot.Scope, n, due int, at time.Time) {
	tb.Helper()
	for i := 0; i < n; i += 1000 {
		var w bot.Write
		for j := i; j < min(i+1000, n); j++ {
			m := typical(j, t0.AddDate(0, 0, -7))
			w.Members = append(w.Members, m)
			d := at
			if j >= due {
				d = at.AddDate(0, 0, 7)
			}
			w.Schedule = append(w.Schedule, bot.Due{Member: m.ID, At: d})
		}
		if err := s.Apply(context.Background(), sc, w); err != nil {
			tb.Fatal(err)
		}
	}
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
	})
	return sc
}

// BenchmarkDispatch delivers 100,000 due nudges per iteration through a
// no-op messenger with one scheduler (one process) and reports nudges/s.
func BenchmarkDispatch(b *testing.B) {
	const members = 100_000
	rdb := realRedisTB(b)
	sc := benchScope(b, rdb)
	st := New(rdb)
	slot := t0.Add(8 * time.Hour) // Monday 09:00 in Berlin
	fill(b, st, sc, members, members, slot)
	clock := &fakeClock{t: slot}
	bt, err := bot.New(bot.Config{Roadmap: mustRoadmap(b), Store: st, Clock: clock, Logger: slog.New(slog.DiscardHandler),
		Messengers: map[string]bot.Messenger{sc.Platform: noop{}}})
	if err != nil {
		b.Fatal(err)
	}
	var obs counter
	sched := bot.NewScheduler(bt, scoped{st, sc}, bot.SchedulerOptions{Now: clock.Now, Batch: 1000, Workers: 64, MarkChunk: 1, Observe: obs.observe})
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		clock.Set(slot.AddDate(0, 0, 7*i))
		if err := sched.Tick(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	took := time.Since(start)
	b.StopTimer()
	if got := obs.get("sent"); got != members*b.N {
		b.Fatalf("sent %d, want %d (%v)", got, members*b.N, obs.n)
	}
	b.ReportMetric(float64(members*b.N)/took.Seconds(), "nudges/s")
}

// scoped keeps a scheduler to one scope.
type scoped struct {
	*Store
	sc bot.Scope
}

func (q scoped) Workspaces(context.Context) ([]bot.Scope, error) { return []bot.Scope{q.sc}, nil }

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
			p.HSet(ctx, k.member(typical(i, t0).ID), "n_last", "1764230000000", "n_week", "2026-W48",
				"n_skill", "indexes-and-transactions", "n_sent", "mid-n1,mid-n2,mid-n3,mid-n4,mid-n5", "n_ign", "1")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for i := range n {
		b, err := rdb.MemoryUsage(ctx, k.member(typical(i, t0).ID), 0).Result()
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
