package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/scheduler"
)

// TestSchedulersThreeMonths runs two schedulers on one Redis over thirteen
// weeks of autumn (Chatham, Lord Howe, Sydney, Berlin, London, New York
// and Los Angeles change their clocks in it) for 1,000 members in many
// zones: every member gets exactly one nudge per local week, at the local
// time they chose, and a different one each week, until six went
// unanswered (nobody here runs a command): then one every 4 weeks.
func TestSchedulersThreeMonths(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 2, scheduler.Config{Batch: 50, Workers: 4, Lease: 2 * time.Minute})
	zones := []string{"Pacific/Kiritimati", "Etc/GMT+12", "America/New_York", "Europe/Berlin", "UTC",
		"Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Australia/Sydney", "America/St_Johns",
		"Pacific/Chatham", "America/Los_Angeles", "Europe/London", "Asia/Tokyo", "America/Sao_Paulo"}
	rng := rand.New(rand.NewPCG(1, 2))
	var ms []*bot.Member
	for i := range 1000 {
		ms = append(ms, &bot.Member{ID: fmt.Sprintf("m%04d", i), Name: fmt.Sprint("M", i), Nudges: bot.NudgeSettings{
			Day: time.Weekday(rng.IntN(7)), Minute: 5*60 + rng.IntN(19*60), Zone: zones[i%len(zones)]}})
	}
	s.join(ms...)
	const step = 10 * time.Minute
	end := t0.AddDate(0, 0, 7*13)
	s.run(context.Background(), end, step)

	for _, m := range ms {
		loc, _ := time.LoadLocation(m.Nudges.Zone)
		got := s.rec.deliveries(m.ID)
		var slots []time.Time
		weekly := 0
		for d := bot.NextDue(m.Nudges, t0, loc); !d.After(end); d = bot.NextDue(m.Nudges, d, loc) {
			if weekly <= bot.EaseOffAfter || (weekly-bot.EaseOffAfter)%4 == 0 {
				slots = append(slots, d)
			}
			weekly++
		}
		if len(got) != len(slots) || weekly < 12 {
			t.Errorf("%s (%s, %s %d): %d nudges for %d weeks, want %d", m.ID, m.Nudges.Zone, m.Nudges.Day, m.Nudges.Minute, len(got), weekly, len(slots))
			continue
		}
		weeks := map[string]bool{}
		for i, d := range got {
			slot := slots[i]
			lt := slot.In(loc)
			if lt.Weekday() != m.Nudges.Day || lt.Hour()*60+lt.Minute() != m.Nudges.Minute {
				t.Errorf("%s: slot %v is not %s %d local", m.ID, lt, m.Nudges.Day, m.Nudges.Minute)
			}
			if d.at.Before(slot) || !d.at.Before(slot.Add(step)) {
				t.Errorf("%s: nudge %d at %v, due %v", m.ID, i, d.at.In(loc), lt)
			}
			w := bot.Week(slot, loc)
			if weeks[w] {
				t.Errorf("%s: two nudges in %s", m.ID, w)
			}
			weeks[w] = true
			if i > 0 && d.msg.Text == got[i-1].msg.Text {
				t.Errorf("%s: same nudge two weeks running: %q", m.ID, d.msg.Text)
			}
		}
	}
	back := mustLoad(t, s.stores[0], s.sc, "m0000", "m0001")
	for _, m := range back {
		if n := len(s.rec.deliveries(m.ID)); m.NudgeState.Ignored != n-1 || m.NudgeState.Week == "" {
			t.Errorf("%s after %d nudges without progress: %+v", m.ID, n, m.Nudges)
		}
	}
}

// deadQueue is a replica's view of the queue that stops answering once it
// "crashes", and can also drop its completions.
type deadQueue struct {
	scheduler.Queue
	dead         atomic.Bool
	dropComplete bool
}

var errDead = errors.New("process died")

func (q *deadQueue) Complete(ctx context.Context, sc bot.Scope, now time.Time, cs []scheduler.Completion) ([]bool, error) {
	if q.dead.Load() || q.dropComplete {
		return nil, errDead
	}
	return q.Queue.Complete(ctx, sc, now, cs)
}

func (q *deadQueue) Release(ctx context.Context, sc bot.Scope, cs []scheduler.Claim) error {
	if q.dead.Load() {
		return errDead
	}
	return q.Queue.Release(ctx, sc, cs)
}

func (q *deadQueue) Unmark(ctx context.Context, sc bot.Scope, m scheduler.Mark) error {
	if q.dead.Load() {
		return errDead
	}
	return q.Queue.Unmark(ctx, sc, m)
}

type who struct{}

// TestSchedulerStopsMidBatch stops one replica in the middle of a batch in
// three ways; the other one must deliver the rest: nobody misses the week
// and nobody gets two.
func TestSchedulerStopsMidBatch(t *testing.T) {
	for _, mode := range []string{"crash", "cancel", "sent-not-completed"} {
		t.Run(mode, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, rdb redis.UniversalClient, _ bot.Scope) {
				s := newSim(t, rdb, 1, scheduler.Config{Batch: 50, Workers: 4, Lease: 2 * time.Minute})
				var ms []*bot.Member
				for i := range 300 {
					ms = append(ms, &bot.Member{ID: fmt.Sprintf("m%03d", i), Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 540}})
				}
				s.join(ms...)
				dq := &deadQueue{Queue: s.stores[0], dropComplete: mode == "sent-not-completed"}
				a := newScheduler(t, s.bots[0], dq, scheduler.Config{Now: s.clock.Now, Batch: 100, Workers: 4, Lease: 2 * time.Minute,
					Members: s.stores[0], Messengers: map[string]bot.Messenger{s.sc.Platform: s.rec}})
				actx, stop := context.WithCancel(context.WithValue(context.Background(), who{}, "a"))
				defer stop()
				s.rec.fail = func(ctx context.Context, _ bot.Recipient, n int) error {
					if ctx.Value(who{}) == "a" && n == 37 && mode != "sent-not-completed" {
						dq.dead.Store(mode == "crash")
						stop()
					}
					return nil
				}
				s.clock.Set(t0.Add(9 * time.Hour))
				a.Tick(actx)
				if mode == "cancel" {
					a.Release(context.Background())
				}
				s.tick(context.Background()) // the other replica, at once
				if mode != "cancel" {
					s.clock.Set(t0.Add(9*time.Hour + 3*time.Minute)) // the dead leases run out
					s.tick(context.Background())
				}
				next := t0.AddDate(0, 0, 7).Add(9 * time.Hour)
				due, _ := rdb.ZRangeWithScores(context.Background(), "mb:{"+s.sc.String()+"}:due", 0, -1).Result()
				if len(due) != 300 {
					t.Errorf("%d scheduled, want 300", len(due))
				}
				for _, z := range due {
					if int64(z.Score) != next.UnixMilli() {
						t.Errorf("%s next due %v", z.Member, time.UnixMilli(int64(z.Score)).UTC())
					}
				}
				back := mustLoad(t, s.stores[0], s.sc, ids(ms)...)
				for i, m := range ms {
					if n := len(s.rec.deliveries(m.ID)); n != 1 {
						t.Errorf("%s got %d nudges", m.ID, n)
					}
					if back[i].NudgeState.Week != "2026-W37" || len(back[i].NudgeState.Sent) != 1 {
						t.Errorf("%s record %+v", m.ID, back[i].Nudges)
					}
				}
			})
		})
	}
}

func ids(ms []*bot.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// TestSchedulerCommands covers snooze, skip, pause, off and on, time
// changes in the middle of a week, a recipient gone for good, and
// lateness after downtime.
func TestSchedulerCommands(t *testing.T) {
	rdb := redistest.Client(t)
	s := newSim(t, rdb, 2, scheduler.Config{Batch: 10, Workers: 2})
	users := []string{"sn", "sk", "pa", "of", "tl", "te", "bl", "ok"}
	for _, u := range users {
		s.cmd(u, "join")
		s.cmd(u, "nudges time mon 09:00 UTC")
	}
	s.cmd("te", "nudges time fri 10:00 UTC")
	s.rec.fail = func(_ context.Context, to bot.Recipient, _ int) error {
		if to.User == "bl" {
			return fmt.Errorf("slack: channel_not_found: %w", bot.ErrUnreachable)
		}
		return nil
	}
	ctx := context.Background()
	at := func(days int, hhmm string) time.Time {
		d, _ := time.Parse("15:04", hhmm)
		return t0.AddDate(0, 0, days).Add(time.Duration(d.Hour())*time.Hour + time.Duration(d.Minute())*time.Minute)
	}
	expect := func(u, reply, want string) {
		t.Helper()
		if !strings.Contains(reply, want) {
			t.Errorf("%s: reply %q, want it to contain %q", u, reply, want)
		}
	}
	s.run(ctx, at(0, "08:00"), 10*time.Minute)
	expect("sk", s.cmd("sk", "nudges skip"), "Skipped this week's nudge")
	expect("pa", s.cmd("pa", "nudges pause 1"), "paused for 1 week")
	expect("of", s.cmd("of", "nudges off"), "off")
	expect("sn", s.cmd("sn", "nudges snooze"), "hasn't come yet")
	s.run(ctx, at(0, "10:00"), 10*time.Minute)
	expect("sn", s.cmd("sn", "nudges snooze"), "Snoozed")
	expect("sn", s.cmd("sn", "nudges snooze"), "already snoozed")
	expect("bl", s.cmd("bl", "nudges status"), "Paused: messages can't reach you (slack: channel_not_found")
	s.run(ctx, at(1, "12:00"), 10*time.Minute)
	expect("tl", s.cmd("tl", "nudges time fri 10:00 UTC"), "Next: Fri 18 Sep 10:00")
	expect("te", s.cmd("te", "nudges time thu 10:00 UTC"), "Next: Thu 10 Sep 10:00")
	s.run(ctx, at(13, "00:00"), 10*time.Minute)
	expect("of", s.cmd("of", "nudges on"), "Next: Mon 21 Sep 09:00")
	expect("bl", s.cmd("bl", "nudges on"), "Next: Mon 21 Sep 09:00")
	s.rec.fail = nil
	s.run(ctx, at(21, "00:00"), 10*time.Minute)

	want := map[string][]time.Time{
		"sn": {at(0, "09:00"), at(1, "10:00"), at(7, "09:00"), at(14, "09:00")},
		"sk": {at(7, "09:00"), at(14, "09:00")},
		"pa": {at(7, "09:00"), at(14, "09:00")},
		"of": {at(14, "09:00")},
		"tl": {at(0, "09:00"), at(11, "10:00"), at(18, "10:00")},
		"te": {at(3, "10:00"), at(10, "10:00"), at(17, "10:00")},
		"bl": {at(14, "09:00")},
		"ok": {at(0, "09:00"), at(7, "09:00"), at(14, "09:00")},
	}
	for u, slots := range want {
		got := s.rec.deliveries(u)
		if len(got) != len(slots) {
			t.Errorf("%s: got %d nudges, want %d", u, len(got), len(slots))
			continue
		}
		for i, d := range got {
			if d.at.Before(slots[i]) || d.at.After(slots[i].Add(10*time.Minute)) {
				t.Errorf("%s: nudge %d at %v, want %v", u, i, d.at, slots[i])
			}
		}
	}
	if got := s.rec.deliveries("sn"); len(got) > 1 && !strings.HasPrefix(got[1].msg.Title, "Reminder") {
		t.Errorf("snoozed reminder titled %q", got[1].msg.Title)
	}
	evs, _ := s.stores[0].Events(ctx, s.sc, "bl", 10)
	if len(evs) == 0 || evs[0].Kind != "nudge-blocked" {
		t.Errorf("bl events %+v", evs)
	}
}
