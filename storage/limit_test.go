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

// TestLimiterBook: Book takes a turn within its bound and says how far it
// is, and books nothing for a turn beyond it, so that a caller handing the
// call on leaves the turn to others.
func TestLimiterBook(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		ctx := context.Background()
		s := New(rdb)
		l := bot.Limit{Key: "test.book", Every: time.Second, Burst: 2}
		for i := range 2 {
			if wait, ok, err := s.Book(ctx, sc, 0, l); err != nil || !ok || wait != 0 {
				t.Fatalf("call %d of the burst: %v %v %v", i, wait, ok, err)
			}
		}
		if wait, ok, err := s.Book(ctx, sc, 500*time.Millisecond, l); err != nil || ok || wait < 900*time.Millisecond {
			t.Fatalf("beyond the bound: wait %v, booked %v, %v", wait, ok, err)
		}
		// Nothing was booked: the next turn is still a second away.
		if wait, ok, err := s.Book(ctx, sc, 2*time.Second, l); err != nil || !ok || wait > time.Second {
			t.Fatalf("within the bound: wait %v, booked %v, %v", wait, ok, err)
		}
	})
}

// TestLimiterWaitOutlastsRequest: a turn further away than Wait books
// ahead is asked for again after a sleep that outlasts the request's store
// deadline; asking again is not reported as storage being unavailable.
func TestLimiterWaitOutlastsRequest(t *testing.T) {
	rdb := realRedis(t)
	s, sc := New(rdb), testScope(t, rdb)
	l := bot.Limit{Key: "test.far", Every: maxBook + 300*time.Millisecond, Burst: 1}
	ctx := context.Background()
	if err := s.Wait(ctx, sc, l); err != nil {
		t.Fatal(err)
	}
	rctx := bot.WithStoreDeadline(ctx, time.Now().Add(100*time.Millisecond))
	if err := s.Wait(rctx, sc, l); err != nil {
		t.Fatalf("second turn: %v", err)
	}
}
