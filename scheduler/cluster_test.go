package scheduler_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redisproc"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
	"github.com/redis/go-redis/v9"
)

// exactlyOnce runs schedulers (as replicas would, each with its own Store
// and Bot) on rdb over two weeks of a fake clock, and checks that each of
// members got exactly one nudge a week.
func exactlyOnce(t *testing.T, rdb redis.UniversalClient, schedulers, members int) {
	t.Helper()
	sim := newSim(t, rdb, schedulers, scheduler.Config{Lease: time.Minute, Batch: 7, Workers: 4})
	var ms []*bot.Member
	for i := range members {
		ms = append(ms, &bot.Member{ID: fmt.Sprintf("m%d", i), Name: fmt.Sprintf("M%d", i),
			Nudges: bot.NudgeSettings{Day: time.Weekday(i % 7), Minute: (i * 37) % (24 * 60)}})
	}
	sim.join(ms...)
	sim.run(context.Background(), t0.AddDate(0, 0, 14), 20*time.Minute)
	for _, m := range ms {
		got := sim.rec.deliveries(m.ID)
		weeks := map[string]int{}
		for _, d := range got {
			weeks[bot.Week(d.at, time.UTC)]++
		}
		if len(got) != 2 || len(weeks) != 2 {
			t.Errorf("%s (day %d, minute %d): %d nudges in weeks %v, want one in each of 2 weeks", m.ID, m.Nudges.Day, m.Nudges.Minute, len(got), weeks)
		}
	}
}

// TestClusterSchedulers runs three schedulers on a real three-master Redis
// Cluster over two weeks: every member gets exactly one nudge a week.
func TestClusterSchedulers(t *testing.T) {
	nodes := redisproc.StartCluster(t, 3)
	rdb, err := storage.Open(context.Background(), redisproc.ClusterURL(nodes))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() }) // after the scheduler test's own clean-up
	exactlyOnce(t, rdb, 3, 60)
}
