package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// TestMemoryUsage measures a typical member's profile plus their share of
// the due sorted set on the real server (miniredis has no MEMORY USAGE).
func TestMemoryUsage(t *testing.T) {
	rdb := realRedis(t)
	sc := testScope(t, rdb)
	sc.Platform, sc.Workspace = "slack", sc.Workspace[len(sc.Workspace)-12:] // a Slack-sized team id
	t.Cleanup(func() { dropScope(t, rdb, sc) })
	s := New(rdb)
	ctx := context.Background()
	const n = 1000
	base := time.UnixMilli(1764230000000).UTC()
	for i := 0; i < n; i += 100 {
		var w bot.Write
		for j := i; j < i+100; j++ {
			id := fmt.Sprintf("U%010d", j) // Slack user ids are U + 10 chars
			w.Members = append(w.Members, &bot.Member{
				ID: id, Name: "Jordan Example", Stage: "mid", Track: "api",
				Joined: base, LastActive: base.Add(time.Hour), LastProgress: base.Add(time.Hour),
				Lead:   "U0000000042",
				Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60, Zone: "Europe/Berlin"},
			})
			w.Schedule = append(w.Schedule, bot.Due{Member: id, At: base.Add(time.Duration(j) * time.Minute)})
		}
		mustApply(t, s, sc, w)
	}
	k, _ := newKeys(sc)
	prof, err := rdb.MemoryUsage(ctx, k.member("U0000000500"), 0).Result()
	if err != nil {
		t.Fatal(err)
	}
	due, err := rdb.MemoryUsage(ctx, k.due(), 0).Result()
	if err != nil {
		t.Fatal(err)
	}
	per := prof + due/n
	t.Logf("profile %d bytes + due share %d bytes (zset %d / %d) = %d bytes per member", prof, due/n, due, n, per)
	if per > 600 {
		t.Errorf("%d bytes per member, want <= 600", per)
	}
}
