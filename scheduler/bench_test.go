package scheduler_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// BenchmarkDispatch delivers 100,000 due nudges per iteration through a
// no-op messenger with one scheduler (one process) and reports nudges/s.
func BenchmarkDispatch(b *testing.B) {
	const members = 100_000
	rdb := redistest.Client(b)
	sc := benchScope(b, rdb)
	st := storage.New(rdb)
	slot := t0.Add(8 * time.Hour) // Monday 09:00 in Berlin
	fill(b, st, sc, members, members, slot)
	clock := &fakeClock{t: slot}
	bt, err := bot.New(bot.Config{Roadmap: mustRoadmap(b), Store: st, Clock: clock, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	var obs counter
	sched := newScheduler(b, bt, scoped{st, sc}, scheduler.Config{Now: clock.Now, Batch: 1000, Workers: 64, MarkChunk: 1,
		Observe: obs.observe, Messengers: map[string]bot.Messenger{sc.Platform: noop{}}})
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
	if got := obs.get(scheduler.Sent); got != members*b.N {
		b.Fatalf("sent %d, want %d (%v)", got, members*b.N, obs.n)
	}
	b.ReportMetric(float64(members*b.N)/took.Seconds(), "nudges/s")
}
