package storage

import (
	"context"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redisproc"
)

// TestWriteAfterScriptFlush: the write path sends its trim and roster
// scripts as EVALSHA inside the MULTI; a server that lost them (a restart,
// SCRIPT FLUSH) fails those commands only, and Apply runs them again, so
// the log is still trimmed and the roster still follows the profile.
func TestWriteAfterScriptFlush(t *testing.T) {
	srv := redisproc.Start(t)
	ctx := context.Background()
	rdb, err := Open(ctx, srv.URL(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	s := NewWithOptions(rdb, Options{EventLimit: 2})
	sc := bot.Scope{Platform: "slack", Workspace: "TFLUSH"}
	k, _ := newKeys(sc)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	m := &bot.Member{ID: "u1", Name: "U", Stage: "junior", Joined: t0, Skills: map[string]bot.SkillState{}}
	if err := s.Apply(ctx, sc, bot.Write{Members: []*bot.Member{m}, Links: []bot.Link{{Mentee: "u1", Lead: "l1"}}}); err != nil {
		t.Fatal(err)
	}
	for i, flush := range []bool{false, true, true, false} {
		if flush {
			if err := rdb.ScriptFlush(ctx).Err(); err != nil {
				t.Fatal(err)
			}
		}
		at := t0.Add(time.Duration(i+1) * time.Hour)
		m.LastProgress = at
		w := bot.Write{
			Members: []*bot.Member{m},
			Skills:  []bot.SkillWrite{{Member: "u1", Skill: "git", State: bot.SkillState{Status: bot.Done, At: at}}},
			Events:  []bot.Event{{At: at, Member: "u1", Actor: "u1", Kind: bot.EventDone, Skill: "git"}},
		}
		if err := s.Apply(ctx, sc, w); err != nil {
			t.Fatalf("write %d (flushed %v): %v", i, flush, err)
		}
		if n := rdb.LLen(ctx, k.events("u1")).Val(); n > 2 {
			t.Errorf("write %d: %d events kept, want at most 2", i, n)
		}
		got, err := rdb.ZScore(ctx, k.prefix+kMoved+"l1", "u1").Result()
		if err != nil || int64(got) != at.UnixMilli() {
			t.Errorf("write %d: roster's last progress %v (%v), want %d", i, got, err, at.UnixMilli())
		}
	}
}
