package storage

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// TestLimiterShared: three stores on their own clients, as three replicas
// have, share one limit: together they never go faster than it allows
// after the burst, a second limit of the same call holds as well, and a
// pause holds every call.
func TestLimiterShared(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		stores := []*Store{New(rdb), New(rdb), New(rdb)}
		workspace := bot.Limit{Key: "test.post", Every: 10 * time.Millisecond, Burst: 5}
		const calls = 45
		var (
			mu  sync.Mutex
			ats []time.Time
			wg  sync.WaitGroup
		)
		start := time.Now()
		for i := range calls {
			wg.Go(func() {
				if err := stores[i%3].Wait(ctx, sc, workspace); err != nil {
					t.Error(err)
				}
				mu.Lock()
				ats = append(ats, time.Now())
				mu.Unlock()
			})
		}
		wg.Wait()
		took := time.Since(start)
		// 5 at once, then one every 10 ms: 40 more take at least 400 ms.
		if min := time.Duration(calls-workspace.Burst) * workspace.Every; took < min-20*time.Millisecond {
			t.Errorf("%d calls took %s, faster than the limit allows (%s)", calls, took, min)
		}
		if took > 3*time.Second {
			t.Errorf("%d calls took %s", calls, took)
		}
		// A second, slower limit on the same calls (one channel).
		channel := bot.Limit{Key: "test.post.C1", Every: 100 * time.Millisecond, Burst: 1}
		t0 := time.Now()
		for range 3 {
			if err := stores[0].Wait(ctx, sc, workspace, channel); err != nil {
				t.Fatal(err)
			}
		}
		if took := time.Since(t0); took < 190*time.Millisecond {
			t.Errorf("3 calls under a 10/s channel limit took %s", took)
		}
		if err := stores[1].Pause(ctx, sc, workspace.Key, 300*time.Millisecond); err != nil {
			t.Fatal(err)
		}
		t0 = time.Now()
		if err := stores[2].Wait(ctx, sc, workspace); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(t0); took < 280*time.Millisecond {
			t.Errorf("a call after a 300 ms pause went after %s", took)
		}
		// A turn far away is not booked: the caller's ctx ends first.
		far := bot.Limit{Key: "test.far", Every: time.Hour, Burst: 1}
		stores[0].Wait(ctx, sc, far)
		cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		if err := stores[0].Wait(cctx, sc, far); err == nil {
			t.Error("a call an hour away went at once")
		}
		if err := stores[0].Wait(ctx, sc, bot.Limit{Key: "a b"}); err == nil {
			t.Error("a limit key with a space was taken")
		}
	})
}
