package storage

import (
	"context"
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/scheduler"
)

var t0 = time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC) // a Monday

func TestClaimLease(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		mustApply(t, s, sc, bot.Write{
			Members:  []*bot.Member{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}, {ID: "c", Name: "C"}},
			Schedule: []bot.Due{{Member: "a", At: t0}, {Member: "b", At: t0.Add(time.Minute)}, {Member: "c", At: t0.Add(time.Hour)}},
		})
		claim := func(now time.Time, limit int) []scheduler.Claim {
			t.Helper()
			b, err := s.Claim(ctx, sc, now, time.Minute, limit)
			if err != nil {
				t.Fatal(err)
			}
			if !b.Now.Equal(now) {
				t.Fatalf("batch now %v, want %v", b.Now, now)
			}
			return b.Claims
		}
		now := t0.Add(2 * time.Minute)
		got := claim(now, 1)
		if len(got) != 1 || got[0].Member != "a" || !got[0].Due.Equal(t0) || !got[0].Until.Equal(now.Add(time.Minute)) {
			t.Fatalf("first claim %+v", got)
		}
		a := got[0]
		got = claim(now, 10)
		if len(got) != 1 || got[0].Member != "b" {
			t.Fatalf("second claim %+v (a is leased, c not due)", got)
		}
		b := got[0]
		// b's holder dies; after its lease b comes due with its original time.
		later := now.Add(90 * time.Second)
		if ok, err := s.Complete(ctx, sc, later, []scheduler.Completion{{Claim: b, Next: t0.AddDate(0, 0, 7)}}); err != nil || ok[0] {
			t.Fatalf("completion after the lease ran out: %v %v", ok, err)
		}
		got = claim(later, 10)
		if len(got) != 2 || got[0].Member != "a" || got[1].Member != "b" || !got[1].Due.Equal(t0.Add(time.Minute)) {
			t.Fatalf("reclaim %+v", got)
		}
		if got[1].Token == b.Token {
			t.Fatal("reclaim kept the token")
		}
		// Both leases had run out: the taker is told, so that it counts
		// the expiry of a holder that died; the first claims were not.
		if !got[0].TakenOver || !got[1].TakenOver || a.TakenOver || b.TakenOver {
			t.Errorf("TakenOver: first claims %v %v, reclaims %v %v; want false, false, true, true",
				a.TakenOver, b.TakenOver, got[0].TakenOver, got[1].TakenOver)
		}
		// The old token can neither complete, extend nor release.
		if kept, _ := s.Extend(ctx, sc, later, time.Minute, []scheduler.Claim{a, b}); len(kept) != 0 {
			t.Errorf("stale tokens extended: %+v", kept)
		}
		if err := s.Release(ctx, sc, []scheduler.Claim{b}); err != nil {
			t.Fatal(err)
		}
		a2, b2 := got[0], got[1]
		kept, err := s.Extend(ctx, sc, later.Add(30*time.Second), time.Minute, []scheduler.Claim{a2, b2})
		if err != nil || len(kept) != 2 || !kept[0].Until.Equal(later.Add(90*time.Second)) {
			t.Fatalf("extend %+v %v", kept, err)
		}
		ok, err := s.Complete(ctx, sc, later.Add(80*time.Second), []scheduler.Completion{
			{Claim: a2, Next: t0.AddDate(0, 0, 7)},
			{Claim: b2},
		})
		if err != nil || !slices.Equal(ok, []bool{true, true}) {
			t.Fatalf("complete %v %v", ok, err)
		}
		due, _ := rdb.ZRangeWithScores(ctx, "mb:{"+sc.String()+"}:due", 0, -1).Result()
		if len(due) != 2 || due[0].Member != "c" || due[1].Member != "a" || int64(due[1].Score) != t0.AddDate(0, 0, 7).UnixMilli() {
			t.Errorf("due after completion %+v", due)
		}
		if n, _ := rdb.HLen(ctx, "mb:{"+sc.String()+"}:lease").Result(); n != 0 {
			t.Errorf("%d leases left", n)
		}
	})
}

func TestReleaseAndReschedule(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "a"}, {ID: "b"}},
			Schedule: []bot.Due{{Member: "a", At: t0}, {Member: "b", At: t0}}})
		bt, err := s.Claim(ctx, sc, t0, time.Minute, 10)
		if err != nil || len(bt.Claims) != 2 {
			t.Fatalf("claim %+v %v", bt, err)
		}
		// A command reschedules b while it is claimed: the completion must
		// not overwrite that.
		moved := t0.Add(48 * time.Hour)
		mustApply(t, s, sc, bot.Write{Schedule: []bot.Due{{Member: "b", At: moved}}})
		if err := s.Release(ctx, sc, bt.Claims[:1]); err != nil {
			t.Fatal(err)
		}
		ok, err := s.Complete(ctx, sc, t0, []scheduler.Completion{{Claim: bt.Claims[1], Next: t0.AddDate(0, 0, 7)}})
		if err != nil || !ok[0] {
			t.Fatalf("complete %v %v", ok, err)
		}
		due, _ := rdb.ZRangeWithScores(ctx, "mb:{"+sc.String()+"}:due", 0, -1).Result()
		if len(due) != 2 || int64(due[0].Score) != t0.UnixMilli() || int64(due[1].Score) != moved.UnixMilli() {
			t.Errorf("due %+v: want a back at t0 and b at its rescheduled time", due)
		}
	})
}

func TestMarkSentAndSnooze(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		ok, prev, err := s.MarkSent(ctx, sc, "a", "2026-W37", "tok1|n1", time.Hour)
		if err != nil || !ok || prev != "" {
			t.Fatalf("first mark %v %q %v", ok, prev, err)
		}
		ok, prev, _ = s.MarkSent(ctx, sc, "a", "2026-W37", "tok2|n2", time.Hour)
		if ok || prev != "tok1|n1" {
			t.Fatalf("second mark %v %q", ok, prev)
		}
		s.Unmark(ctx, sc, scheduler.Mark{Member: "a", Week: "2026-W37", Value: "tok2|n2"}) // not the holder: no effect
		if ok, _, _ := s.MarkSent(ctx, sc, "a", "2026-W37", "tok3|n3", time.Hour); ok {
			t.Fatal("unmark by a non-holder deleted the key")
		}
		s.Unmark(ctx, sc, scheduler.Mark{Member: "a", Week: "2026-W37", Value: "tok1|n1"})
		if ok, _, _ := s.MarkSent(ctx, sc, "a", "2026-W37", "tok3|n3", time.Hour); !ok {
			t.Fatal("unmark by the holder kept the key")
		}
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{{ID: "a"}}, Schedule: []bot.Due{{Member: "a", At: t0.AddDate(0, 0, 7)}}})
		at := t0.Add(25 * time.Hour)
		for i, want := range []bool{true, false} {
			if ok, err := s.Snooze(ctx, sc, "a", "2026-W37", at); err != nil || ok != want {
				t.Fatalf("snooze %d: %v %v", i, ok, err)
			}
		}
		bt, _ := s.Claim(ctx, sc, at, time.Minute, 10)
		if len(bt.Claims) != 1 || bt.Claims[0].Remind != "2026-W37" || !bt.Claims[0].Due.Equal(at) {
			t.Fatalf("claim of the reminder %+v", bt.Claims)
		}
		if ok, _ := s.Complete(ctx, sc, at, []scheduler.Completion{{Claim: bt.Claims[0], Next: t0.AddDate(0, 0, 7)}}); !ok[0] {
			t.Fatal("complete reminder")
		}
		if n, _ := rdb.HLen(ctx, "mb:{"+sc.String()+"}:remind").Result(); n != 0 {
			t.Errorf("reminder left after it went out")
		}
	})
}

func TestCompleteRecords(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		// Apply leaves Last and Ignored to the scheduler's scripts.
		m := &bot.Member{ID: "a", Name: "A", Stage: "junior", LastProgress: t0.Add(-time.Hour),
			Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 600}}
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{m, {ID: "b", Name: "B"}},
			Schedule: []bot.Due{{Member: "a", At: t0}, {Member: "b", At: t0}}})
		send := func(when time.Time) {
			t.Helper()
			bt, _ := s.Claim(ctx, sc, when, time.Minute, 10)
			var cs []scheduler.Completion
			for _, c := range bt.Claims {
				switch c.Member {
				case "a":
					cs = append(cs, scheduler.Completion{Claim: c, Next: when.AddDate(0, 0, 7),
						Sent: &scheduler.SentNudge{At: when, Week: bot.Week(when, time.UTC), Skill: "git", Rotation: []string{"n1", "n2"}}})
				case "b":
					cs = append(cs, scheduler.Completion{Claim: c, Next: when.AddDate(0, 0, 7), Block: "dm closed",
						Event: &bot.Event{At: when, Member: "b", Actor: "b", Kind: "nudge-blocked"}})
				}
			}
			if _, err := s.Complete(ctx, sc, when, cs); err != nil {
				t.Fatal(err)
			}
		}
		send(t0) // the first nudge: nothing to ignore yet
		a := mustLoad(t, s, sc, "a")[0]
		if a.NudgeState.Ignored != 0 || !a.NudgeState.Last.Equal(t0) || a.NudgeState.Week != "2026-W37" || a.NudgeState.Skill != "git" ||
			!slices.Equal(a.NudgeState.Sent, []string{"n1", "n2"}) {
			t.Errorf("after first nudge %+v", a.Nudges)
		}
		send(t0.AddDate(0, 0, 7)) // no progress since t0
		if a := mustLoad(t, s, sc, "a")[0]; a.NudgeState.Ignored != 1 {
			t.Errorf("ignored = %d, want 1", a.NudgeState.Ignored)
		}
		send(t0.AddDate(0, 0, 14)) // still none
		if a := mustLoad(t, s, sc, "a")[0]; a.NudgeState.Ignored != 2 {
			t.Errorf("ignored = %d, want 2", a.NudgeState.Ignored)
		}
		p := mustLoad(t, s, sc, "a")[0]
		p.LastProgress = t0.AddDate(0, 0, 15) // progress after the last nudge
		mustApply(t, s, sc, bot.Write{Members: []*bot.Member{p}})
		send(t0.AddDate(0, 0, 21))
		if a := mustLoad(t, s, sc, "a")[0]; a.NudgeState.Ignored != 0 || !a.NudgeState.Last.Equal(t0.AddDate(0, 0, 21)) {
			t.Errorf("after progress: ignored = %d, last %s; want 0 and the new nudge", a.NudgeState.Ignored, a.NudgeState.Last)
		}
		b := mustLoad(t, s, sc, "b")[0]
		if b.NudgeState.Blocked != "dm closed" {
			t.Errorf("b not blocked: %+v", b.Nudges)
		}
		if evs, _ := s.Events(ctx, sc, "b", 5); len(evs) != 1 || evs[0].Kind != "nudge-blocked" {
			t.Errorf("b events %+v", evs)
		}
		if _, err := rdb.ZScore(ctx, "mb:{"+sc.String()+"}:due", "b").Result(); err != redis.Nil {
			t.Errorf("blocked member still scheduled: %v", err)
		}
	})
}

func TestRebuild(t *testing.T) {
	forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
		s := New(rdb)
		ctx := context.Background()
		var ms []*bot.Member
		var due []bot.Due
		for i := range 2500 {
			id := "u" + hex.EncodeToString([]byte{byte(i >> 8), byte(i)})
			ms = append(ms, &bot.Member{ID: id, Stage: "junior", Nudges: bot.NudgeSettings{Off: i%10 == 0, Day: time.Monday, Minute: 540}})
			due = append(due, bot.Due{Member: id, At: t0})
		}
		mustApply(t, s, sc, bot.Write{Members: ms, Schedule: due})
		dk := "mb:{" + sc.String() + "}:due"
		rdb.ZRemRangeByRank(ctx, dk, 0, 999) // lose 1000 entries
		next := func(m *bot.Member) time.Time { return bot.NextDue(m.Nudges, t0, time.UTC) }
		n, err := s.Rebuild(ctx, sc, next)
		if err != nil {
			t.Fatal(err)
		}
		if n < 850 || n > 950 { // the lost ones, less those with nudges off
			t.Errorf("rebuilt %d", n)
		}
		if c, _ := rdb.ZCard(ctx, dk).Result(); c != 1500+int64(n) {
			t.Errorf("due has %d, want %d", c, 1500+n)
		}
		if n, _ := s.Rebuild(ctx, sc, next); n != 0 {
			t.Errorf("second rebuild re-added %d", n)
		}
	})
}
