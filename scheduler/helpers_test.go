package scheduler_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/internal/testkit"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// fakeClock is a clock the tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// delivery is one DM a recorder saw.
type delivery struct {
	at  time.Time
	msg bot.Message
}

// recorder is a Messenger that keeps what it is sent; fail, when set,
// decides each call's answer (n counts calls from 1).
type recorder struct {
	clock *fakeClock
	mu    sync.Mutex
	calls int
	got   map[string][]delivery
	fail  func(ctx context.Context, to bot.Recipient, n int) error
}

func (r *recorder) Send(ctx context.Context, to bot.Recipient, m bot.Message) error {
	r.mu.Lock()
	r.calls++
	n, fail := r.calls, r.fail
	r.mu.Unlock()
	if fail != nil {
		if err := fail(ctx, to, n); err != nil {
			return err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got[to.User] = append(r.got[to.User], delivery{at: r.clock.Now(), msg: m})
	return nil
}

func (r *recorder) deliveries(id string) []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got[id])
}

// sim is a workspace with schedulers sharing one Redis and a fake clock,
// each with its own Store and Bot as separate processes would have.
type sim struct {
	t      *testing.T
	rdb    redis.UniversalClient
	sc     bot.Scope
	clock  *fakeClock
	rec    *recorder
	stores []*storage.Store
	bots   []*bot.Bot
	scheds []*scheduler.Scheduler
}

func newSim(t *testing.T, rdb redis.UniversalClient, n int, opts scheduler.Config) *sim {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	// A platform of its own, so that no other test's scheduler delivers here.
	sc := bot.Scope{Platform: "sim" + hex.EncodeToString(b[:]), Workspace: "w1"}
	t.Cleanup(func() { redistest.Drop(rdb, sc) })
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &sim{t: t, rdb: rdb, sc: sc, clock: &fakeClock{t: t0}}
	s.rec = &recorder{clock: s.clock, got: map[string][]delivery{}}
	if opts.Now == nil {
		opts.Now = s.clock.Now
	}
	for range n {
		st := storage.New(rdb)
		b, err := bot.New(bot.Config{Roadmap: rm, Store: st, Clock: s.clock, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		o := opts
		if o.Messengers == nil {
			o.Messengers = map[string]bot.Messenger{sc.Platform: s.rec}
		}
		s.stores, s.bots = append(s.stores, st), append(s.bots, b)
		s.scheds = append(s.scheds, newScheduler(t, b, st, o))
	}
	return s
}

// join adds members with their nudge settings, scheduled from now.
func (s *sim) join(ms ...*bot.Member) {
	s.t.Helper()
	now := s.clock.Now()
	var due []bot.Due
	for _, m := range ms {
		if m.Stage == "" {
			m.Stage = "junior"
		}
		m.Joined = now
		due = append(due, bot.Due{Member: m.ID, At: bot.NextDue(m.Nudges, now, s.bots[0].Location(m.Nudges.Zone))})
	}
	for i := 0; i < len(ms); i += 500 {
		j := min(i+500, len(ms))
		mustApply(s.t, s.stores[0], s.sc, bot.Write{Members: ms[i:j], Schedule: due[i:j]})
	}
}

// tick runs every scheduler's Tick at once at the clock's time.
func (s *sim) tick(ctx context.Context) {
	s.t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, len(s.scheds))
	for i, sch := range s.scheds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = sch.Tick(ctx)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			s.t.Fatalf("tick at %v: %v", s.clock.Now(), err)
		}
	}
}

// run moves the clock to end in steps, ticking at each.
func (s *sim) run(ctx context.Context, end time.Time, step time.Duration) {
	s.t.Helper()
	for now := s.clock.Now(); now.Before(end); {
		now = now.Add(step)
		if now.After(end) {
			now = end
		}
		s.clock.Set(now)
		s.tick(ctx)
	}
}

func (s *sim) cmd(user, text string) string {
	s.t.Helper()
	msg := s.bots[0].Handle(context.Background(), bot.Request{Scope: s.sc, User: user, Name: user, Text: text})
	return msg.Text
}

func mustRoadmap(t testing.TB) *roadmap.Roadmap {
	t.Helper()
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	return rm
}

// t0 is a Monday, where the simulations start.
var t0 = time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)

// newScheduler builds a scheduler for b's content on q, whose members it
// reads unless cfg names Members, failing the test on a bad configuration.
func newScheduler(t testing.TB, b *bot.Bot, q scheduler.Queue, cfg scheduler.Config) *scheduler.Scheduler {
	t.Helper()
	cfg.Content = b
	if cfg.Members == nil {
		cfg.Members = q.(scheduler.Members)
	}
	cfg.Queue = q
	s, err := scheduler.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustApply(t testing.TB, s bot.Store, sc bot.Scope, w bot.Write) {
	t.Helper()
	if err := s.Apply(context.Background(), sc, w); err != nil {
		t.Fatalf("apply: %v", err)
	}
}

// counter counts Observe outcomes.
type counter struct {
	mu sync.Mutex
	n  map[scheduler.Outcome]int
}

func (c *counter) observe(o scheduler.Outcome) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[scheduler.Outcome]int{}
	}
	c.n[o]++
}

func (c *counter) get(o scheduler.Outcome) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[o]
}

type noop struct{}

func (noop) Send(context.Context, bot.Recipient, bot.Message) error { return nil }

// fill schedules n typical members, the first due ones at due and the
// rest a week later.
func fill(tb testing.TB, s bot.Store, sc bot.Scope, n, due int, at time.Time) {
	testkit.Fill(tb, s, sc, n, due, t0.AddDate(0, 0, -7), at)
}

// benchScope is a workspace of its own for a benchmark, whose many keys
// are unlinked at the end.
func benchScope(tb testing.TB, rdb redis.UniversalClient) bot.Scope {
	sc := bot.Scope{Platform: "bench", Workspace: fmt.Sprintf("b%d", time.Now().UnixNano())}
	tb.Cleanup(func() { redistest.Drop(rdb, sc) })
	return sc
}

// scoped keeps a scheduler to one scope.
type scoped struct {
	*storage.Store
	sc bot.Scope
}

func (q scoped) Workspaces(context.Context) ([]bot.Scope, error) { return []bot.Scope{q.sc}, nil }

// DueWorkspaces keeps the store's due index to the one scope too.
func (q scoped) DueWorkspaces(context.Context, time.Time, int) ([]bot.Scope, error) {
	return []bot.Scope{q.sc}, nil
}

// key is the name of a key of sc, as storage spells it.
func key(sc bot.Scope, kind string) string { return "mb:{" + sc.String() + "}:" + kind }

func mustLoad(t testing.TB, s bot.Store, sc bot.Scope, ids ...string) []*bot.Member {
	t.Helper()
	ms, err := s.Load(context.Background(), sc, ids...)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return ms
}

// forEachBackend runs f against the real test Redis and against the
// embedded one, each as a parallel subtest with a scope of its own.
func forEachBackend(t *testing.T, f func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope)) {
	t.Run("redis", func(t *testing.T) {
		t.Parallel()
		rdb := redistest.Client(t)
		f(t, rdb, redistest.Scope(t, rdb, "test", "sched-"))
	})
	t.Run("embedded", func(t *testing.T) {
		t.Parallel()
		rdb, stop, err := storage.Embedded()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(stop)
		f(t, rdb, bot.Scope{Platform: "test", Workspace: "embedded"})
	})
}
