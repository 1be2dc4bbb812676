package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/slack"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/internal/testkit"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// bucket is a token bucket: the fake platform's idea of a rate limit.
type bucket struct {
	mu     sync.Mutex
	rate   float64 // tokens a second
	burst  float64
	tokens float64
	at     time.Time
}

func newBucket(rate float64, burst int) *bucket {
	return &bucket{rate: rate, burst: float64(burst), tokens: float64(burst), at: time.Now()}
}

// take reports whether a call may go now.
func (b *bucket) take() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.tokens = min(b.burst, b.tokens+now.Sub(b.at).Seconds()*b.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// BenchmarkFanOutAtLimits delivers 10,000 due members' nudges with three
// replicas (each its own Redis client, store, Slack adapter and scheduler,
// as processes have) against a fake Slack that enforces chat.postMessage's
// workspace limit and one post a second per channel, and
// conversations.open's, answering 429 with Retry-After past them. The
// replicas share the limits through Redis. It reports how long the fan-out
// took against what the limits allow, and the share of 429s; every member
// must get exactly one nudge. The limits are scaled up (FANOUT_RATE a
// second, default 300) so that a run takes seconds, not Slack's real half
// hour at 5 a second.
func BenchmarkFanOutAtLimits(b *testing.B) {
	const members, replicas = 10000, 3
	rate := 300.0
	if v, err := strconv.ParseFloat(getenvDefault("FANOUT_RATE", "300"), 64); err == nil && v > 0 {
		rate = v
	}
	burst := int(rate)
	for range b.N {
		b.StopTimer()
		rdb := redistest.Client(b)
		now := time.Now()
		// A platform of its own: the schedulers work through every
		// workspace of their messengers' platforms in the shared Redis.
		platform := fmt.Sprintf("fan%d", now.UnixNano()%1e9)
		sc := redistest.Scope(b, rdb, platform, "TFAN")
		store := storage.New(rdb)
		testkit.Fill(b, store, sc, members, members, now.Add(-time.Hour), now.Add(-time.Minute))

		post, open := newBucket(rate, burst), newBucket(rate, burst)
		var mu sync.Mutex
		perChannel := map[string]time.Time{}
		got := map[string]int{}
		var sends, opens, refused atomic.Int64
		var last atomic.Int64
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.ParseForm()
			w.Header().Set("Content-Type", "application/json")
			limited := func() {
				refused.Add(1)
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprint(w, `{"ok": false, "error": "ratelimited"}`)
			}
			switch r.URL.Path {
			case "/api/auth.test":
				fmt.Fprint(w, `{"ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "TFAN"}`)
			case "/api/conversations.open":
				if !open.take() {
					limited()
					return
				}
				opens.Add(1)
				fmt.Fprintf(w, `{"ok": true, "channel": {"id": "D%s"}}`, r.Form.Get("users"))
			case "/api/chat.postMessage":
				ch := r.Form.Get("channel")
				mu.Lock()
				early := time.Since(perChannel[ch]) < time.Second
				if !early {
					perChannel[ch] = time.Now()
				}
				mu.Unlock()
				if early || !post.take() {
					limited()
					return
				}
				sends.Add(1)
				mu.Lock()
				got[ch]++
				mu.Unlock()
				last.Store(time.Now().UnixNano())
				fmt.Fprintf(w, `{"ok": true, "channel": %q, "ts": "1.%d"}`, ch, sends.Load())
			default:
				fmt.Fprint(w, `{"ok": true}`)
			}
		}))

		rm, err := roadmap.Default()
		if err != nil {
			b.Fatal(err)
		}
		quiet := slog.New(slog.DiscardHandler)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for range replicas {
			rrdb, err := storage.Open(ctx, redistest.URL())
			if err != nil {
				b.Fatal(err)
			}
			rstore := storage.New(rrdb)
			bt, err := bot.New(bot.Config{Roadmap: rm, Store: rstore, Logger: quiet})
			if err != nil {
				b.Fatal(err)
			}
			sa, err := slack.New(slack.Config{BotToken: "xoxb-fan", SigningSecret: "s", APIURL: api.URL, Handler: bt,
				Cache: rstore, Logger: quiet, Limiter: rstore, SendRate: rate, SendBurst: burst, OpenRate: rate * 60})
			if err != nil {
				b.Fatal(err)
			}
			sched, err := scheduler.New(scheduler.Config{Content: bt, Members: rstore, Queue: rstore,
				Messengers: map[string]bot.Messenger{platform: sa}, Interval: 100 * time.Millisecond,
				RebuildEvery: -1, Logger: quiet})
			if err != nil {
				b.Fatal(err)
			}
			wg.Go(func() {
				defer rrdb.Close()
				sched.Run(ctx)
			})
		}
		b.StartTimer()
		start := time.Now()
		deadline := start.Add(time.Duration(float64(members)/rate*3)*time.Second + time.Minute)
		for {
			mu.Lock()
			n := len(got)
			mu.Unlock()
			if n >= members || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		b.StopTimer()
		time.Sleep(time.Second) // a duplicate would show now
		cancel()
		wg.Wait()
		api.Close()

		took := time.Unix(0, last.Load()).Sub(start)
		ideal := time.Duration(float64(members-burst) / rate * float64(time.Second))
		twice, missing := 0, 0
		for i := range members {
			switch got["D"+testkit.Typical(i, now).ID] {
			case 0:
				missing++
			case 1:
			default:
				twice++
			}
		}
		calls := sends.Load() + opens.Load() + refused.Load()
		share := float64(refused.Load()) / float64(calls)
		b.ReportMetric(took.Seconds()/ideal.Seconds(), "x_limit")
		b.ReportMetric(100*share, "%429")
		b.Logf("%d members, %d replicas, limits %.0f/s (burst %d) for chat.postMessage and conversations.open: all sent in %s, the limits allow %s (%.2fx); %d 429s of %d calls (%.2f%%); %d missing, %d twice",
			members, replicas, rate, burst, took.Round(time.Millisecond), ideal.Round(time.Millisecond), took.Seconds()/ideal.Seconds(),
			refused.Load(), calls, 100*share, missing, twice)
		if missing > 0 || twice > 0 {
			b.Errorf("%d members got no nudge, %d more than one; want exactly one each", missing, twice)
		}
		if took > ideal*12/10 {
			b.Errorf("took %s, more than 1.2x the %s the limits allow", took, ideal)
		}
		if share > 0.01 {
			b.Errorf("%.2f%% of calls got 429, want at most 1%%", 100*share)
		}
	}
}

func getenvDefault(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
