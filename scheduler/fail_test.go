package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// TestScheduler429Storm has the platform answer 429 to the first 400
// sends: every member still gets exactly one nudge, and no claim is lost.
func TestScheduler429Storm(t *testing.T) {
	rdb := redistest.Client(t)
	var obs counter
	s := newSim(t, rdb, 2, scheduler.Config{Batch: 50, Workers: 8, Observe: obs.observe})
	var ms []*bot.Member
	for i := range 300 {
		ms = append(ms, &bot.Member{ID: fmt.Sprintf("m%03d", i), Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 540}})
	}
	s.join(ms...)
	s.rec.fail = func(_ context.Context, _ bot.Recipient, n int) error {
		if n <= 400 {
			return &bot.RateLimitError{RetryAfter: time.Millisecond}
		}
		return nil
	}
	s.clock.Set(t0.Add(9 * time.Hour))
	s.tick(context.Background())
	for _, m := range ms {
		if n := len(s.rec.deliveries(m.ID)); n != 1 {
			t.Errorf("%s got %d nudges", m.ID, n)
		}
	}
	if obs.get("rate-limited") < 400 || obs.get("lost") != 0 || obs.get("sent") != 300 {
		t.Errorf("outcomes %v", obs.n)
	}
}

// TestSchedulerKeepsLeaseWhileRateLimited uses Redis TIME as the clock and
// a lease of 300ms: while one replica waits out 429s for over a second,
// the other, ticking all the while, must not take the member.
func TestSchedulerKeepsLeaseWhileRateLimited(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 0, scheduler.Config{})
	server := func() time.Time { return time.Time{} } // Redis TIME
	quiet := slog.New(slog.DiscardHandler)
	var obsA, obsB counter
	mk := func(obs *counter) *scheduler.Scheduler {
		st := storage.New(rdb)
		b, err := bot.New(bot.Config{Roadmap: mustRoadmap(t), Store: st, Logger: quiet})
		if err != nil {
			t.Fatal(err)
		}
		s.stores = append(s.stores, st)
		return newScheduler(t, b, st, scheduler.Config{Now: server, Lease: 300 * time.Millisecond, Observe: obs.observe,
			Messengers: map[string]bot.Messenger{s.sc.Platform: s.rec}})
	}
	a, b := mk(&obsA), mk(&obsB)
	mustApply(t, s.stores[0], s.sc, bot.Write{
		Members:  []*bot.Member{{ID: "u1", Name: "U", Stage: "junior", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 540}}},
		Schedule: []bot.Due{{Member: "u1", At: time.Now().Add(-time.Second)}},
	})
	var waits atomic.Int32
	s.rec.fail = func(ctx context.Context, _ bot.Recipient, _ int) error {
		if ctx.Value(who{}) == "a" && waits.Add(1) <= 8 {
			return &bot.RateLimitError{RetryAfter: 150 * time.Millisecond}
		}
		return nil
	}
	actx := context.WithValue(context.Background(), who{}, "a")
	done := make(chan error)
	go func() { done <- a.Tick(actx) }()
	time.Sleep(20 * time.Millisecond)
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if n := len(s.rec.deliveries("u1")); n != 1 {
				t.Errorf("u1 got %d nudges", n)
			}
			if obsA.get("sent") != 1 || len(obsB.n) != 0 {
				t.Errorf("a: %v; b: %v (b must not have claimed)", obsA.n, obsB.n)
			}
			return
		case <-time.After(30 * time.Millisecond):
			if err := b.Tick(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSchedulerAfterDowntime: a nudge up to 12 hours late goes out once;
// one later than that is skipped and recorded, and after weeks down a
// member gets at most one nudge, for the latest slot if it is recent.
func TestSchedulerAfterDowntime(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 2, scheduler.Config{})
	s.join(
		&bot.Member{ID: "late", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60}},
		&bot.Member{ID: "tooLate", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 7 * 60}},
	)
	ctx := context.Background()
	s.clock.Set(t0.Add(20 * time.Hour)) // down from Monday 00:00 to 20:00
	s.tick(ctx)
	if n := len(s.rec.deliveries("late")); n != 1 {
		t.Errorf("11h late: %d nudges", n)
	}
	if n := len(s.rec.deliveries("tooLate")); n != 0 {
		t.Errorf("13h late: %d nudges", n)
	}
	evs, _ := s.stores[0].Events(ctx, s.sc, "tooLate", 5)
	if len(evs) != 1 || evs[0].Kind != "nudge-skipped" {
		t.Errorf("tooLate events %+v", evs)
	}
	// Three weeks down, back on Monday 18:00: 9:00 is 9h ago, 7:00 11h ago.
	s.clock.Set(t0.AddDate(0, 0, 28).Add(18 * time.Hour))
	s.tick(ctx)
	s.tick(ctx)
	for _, id := range []string{"late", "tooLate"} {
		got := s.rec.deliveries(id)
		if len(got) == 0 || !got[len(got)-1].at.Equal(s.clock.Now()) {
			t.Errorf("%s: no nudge after downtime: %v", id, got)
		}
	}
	if n := len(s.rec.deliveries("late")) + len(s.rec.deliveries("tooLate")); n != 3 {
		t.Errorf("%d nudges in all, want 3", n)
	}
	s.run(ctx, t0.AddDate(0, 0, 35).Add(10*time.Hour), 30*time.Minute)
	if n := len(s.rec.deliveries("late")); n != 3 {
		t.Errorf("late: %d nudges after a normal week, want 3", n)
	}
}

// TestRebuildKeepsPassedSlot loses the whole nudge schedule on a Monday
// morning: the member whose slot passed while the entry was missing still
// gets that week's nudge (late), the one already nudged gets no second.
func TestRebuildKeepsPassedSlot(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 2, scheduler.Config{})
	s.join(
		&bot.Member{ID: "early", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60}},
		&bot.Member{ID: "later", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 11 * 60}},
	)
	ctx := context.Background()
	s.run(ctx, t0.Add(10*time.Hour), 30*time.Minute)
	if err := rdb.Del(ctx, key(s.sc, "due")).Err(); err != nil {
		t.Fatal(err)
	}
	s.clock.Set(t0.Add(12 * time.Hour)) // later's 11:00 passed with no entry
	if err := s.scheds[1].Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	s.tick(ctx)
	s.run(ctx, t0.AddDate(0, 0, 7).Add(12*time.Hour), 30*time.Minute)
	for id, want := range map[string]int{"early": 2, "later": 2} {
		if n := len(s.rec.deliveries(id)); n != want {
			t.Errorf("%s: %d nudges in two weeks, want %d", id, n, want)
		}
	}
}

// TestSchedulerRateLimitWithoutRetryAfter has the platform answer 429
// with no Retry-After: the scheduler must not retry in a hot loop, and
// when it is cancelled meanwhile the member is given back untouched.
func TestSchedulerRateLimitWithoutRetryAfter(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 1, scheduler.Config{})
	s.join(&bot.Member{ID: "u1", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60}})
	var calls atomic.Int32
	s.rec.fail = func(context.Context, bot.Recipient, int) error {
		calls.Add(1)
		return &bot.RateLimitError{}
	}
	s.clock.Set(t0.Add(9 * time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := s.scheds[0].Tick(ctx); err == nil {
		t.Error("tick cancelled mid-wait returned nil")
	}
	if n := calls.Load(); n > 2 {
		t.Errorf("%d sends in 300ms after 429s without Retry-After", n)
	}
	if n := len(s.rec.deliveries("u1")); n != 0 {
		t.Errorf("u1 got %d nudges", n)
	}
	if n, _ := rdb.Exists(context.Background(), key(s.sc, "sent:u1:2026-W37")).Result(); n != 0 {
		t.Error("send key left behind for a nudge never sent")
	}
	if sc, err := rdb.ZScore(context.Background(), key(s.sc, "due"), "u1").Result(); err != nil || int64(sc) != t0.Add(9*time.Hour).UnixMilli() {
		t.Errorf("u1 due %v %v, want back at its slot", sc, err)
	}
}

// TestSchedulerEndlessRateLimit has the platform answer 429 to every send
// for a while: a tick gives the claim back instead of looping forever,
// and the member gets the nudge once the platform recovers.
func TestSchedulerEndlessRateLimit(t *testing.T) {
	rdb := redistest.Client(t)
	var obs counter
	s := newSim(t, rdb, 1, scheduler.Config{Observe: obs.observe})
	s.join(&bot.Member{ID: "u1", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60}})
	var limited atomic.Bool
	limited.Store(true)
	s.rec.fail = func(context.Context, bot.Recipient, int) error {
		if limited.Load() {
			return &bot.RateLimitError{RetryAfter: time.Millisecond}
		}
		return nil
	}
	s.clock.Set(t0.Add(9 * time.Hour))
	done := make(chan error, 1)
	go func() { done <- s.scheds[0].Tick(context.Background()) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("tick still retrying 429s after 10s")
	}
	if obs.get("retry") != 1 || len(s.rec.deliveries("u1")) != 0 {
		t.Fatalf("outcomes %v, deliveries %d", obs.n, len(s.rec.deliveries("u1")))
	}
	limited.Store(false)
	s.clock.Set(t0.Add(9*time.Hour + time.Minute))
	s.tick(context.Background())
	if n := len(s.rec.deliveries("u1")); n != 1 {
		t.Errorf("u1 got %d nudges after the platform recovered", n)
	}
}

// lostReplies is a queue whose MarkSentBatch sets the keys but reports an
// error, as when the reply is lost or ctx ends with the command in flight.
type lostReplies struct {
	scheduler.Queue
	left atomic.Int32
}

func (q *lostReplies) MarkSentBatch(ctx context.Context, sc bot.Scope, marks []scheduler.Mark) ([]string, error) {
	prev, err := q.Queue.MarkSentBatch(ctx, sc, marks)
	if err == nil && q.left.Add(-1) >= 0 {
		return nil, errors.New("i/o timeout")
	}
	return prev, err
}

// TestSchedulerSendKeyErrorLosesNothing: send keys set by a call that
// reported an error must not make the nudge count as sent.
func TestSchedulerSendKeyErrorLosesNothing(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 1, scheduler.Config{})
	s.join(&bot.Member{ID: "u1", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60}},
		&bot.Member{ID: "u2", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60}})
	q := &lostReplies{Queue: s.stores[0]}
	q.left.Store(2)
	a := newScheduler(t, s.bots[0], q, scheduler.Config{Now: s.clock.Now, Members: s.stores[0], Messengers: map[string]bot.Messenger{s.sc.Platform: s.rec}})
	s.clock.Set(t0.Add(9 * time.Hour))
	ctx := context.Background()
	a.Tick(ctx) // both claims released after the errors
	s.clock.Set(t0.Add(9*time.Hour + time.Minute))
	if err := a.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"u1", "u2"} {
		if n := len(s.rec.deliveries(id)); n != 1 {
			t.Errorf("%s got %d nudges, want 1", id, n)
		}
	}
}
