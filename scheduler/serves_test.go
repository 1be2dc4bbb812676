package scheduler_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/scheduler"
)

// gated is a recorder that serves its workspace only while on.
type gated struct {
	*recorder
	on    atomic.Bool
	asked atomic.Int64
}

func (g *gated) Serves(_ context.Context, _ bot.Scope) bool {
	g.asked.Add(1)
	return g.on.Load()
}

// TestSchedulerSkipsWorkspacesNotServed: while the app is uninstalled from
// a workspace, ticks skip it without errors and send nothing, and put it
// off in the due index; its nudges stay due and go out once it is back.
func TestSchedulerSkipsWorkspacesNotServed(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 1, scheduler.Config{})
	g := &gated{recorder: s.rec}
	s.scheds[0] = newScheduler(t, s.bots[0], s.stores[0], scheduler.Config{Now: s.clock.Now,
		Messengers: map[string]bot.Messenger{s.sc.Platform: g}})
	s.join(&bot.Member{ID: "m1", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60}})
	ctx := context.Background()
	s.run(ctx, t0.Add(10*time.Hour), 30*time.Minute) // Tick fails the test on any error
	if n := len(s.rec.deliveries("m1")); n != 0 || g.asked.Load() == 0 {
		t.Fatalf("not served: %d nudges, asked %d times", n, g.asked.Load())
	}
	// Put off in the index, it leaves the front to other workspaces.
	due, err := s.stores[0].DueWorkspaces(ctx, s.clock.Now(), 1000)
	if err != nil || slices.Contains(due, s.sc) {
		t.Fatalf("a workspace not served is still listed due: %v, %v", due, err)
	}
	g.on.Store(true)
	s.clock.Set(s.clock.Now().Add(10 * time.Minute))
	s.tick(ctx)
	if n := len(s.rec.deliveries("m1")); n != 1 {
		t.Fatalf("served again: %d nudges, want the one that waited", n)
	}
}
