package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/scheduler"
)

const digestTitle = "Your mentees this week"

// digestsTo returns the digests a recorder delivered to id.
func digestsTo(s *sim, id string) []delivery {
	var out []delivery
	for _, d := range s.rec.deliveries(id) {
		if d.msg.Title == digestTitle {
			out = append(out, d)
		}
	}
	return out
}

// as runs a command as user with a lead's rights, through the first bot.
func (s *sim) as(user, text, want string) {
	s.t.Helper()
	msg := s.bots[0].Handle(context.Background(), bot.Request{Scope: s.sc, User: user, Name: user, Text: text, Role: bot.RoleLead})
	if !strings.Contains(msg.Text, want) {
		s.t.Fatalf("%s: %s\n got %q, want it to contain %q", user, text, msg.Text, want)
	}
}

// digestScore is a lead's entry in the digest queue, or false without one.
func digestScore(t *testing.T, s *sim, lead string) (float64, bool) {
	t.Helper()
	v, err := s.rdb.ZScore(context.Background(), "mb:{"+s.sc.String()+"}:digest", lead).Result()
	if errors.Is(err, redis.Nil) {
		return 0, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return v, true
}

// Two schedulers on one Redis over five weeks: every lead gets exactly one
// digest per local ISO week, at their own slot (their nudge day, time and
// zone, or Monday 09:00 for a lead who never joined), whether or not their
// own nudges are on; unassigning the last mentee or the mentee's forget
// stops a lead's digests, and Rebuild restores lost entries from the lead
// hash without a second digest in any week.
func TestDigestOncePerLeadWeek(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, redistest.Client(t), 2, scheduler.Config{Batch: 2, Workers: 2, MarkChunk: 1, Lease: time.Minute})
	var mentees []*bot.Member
	for i := range 6 {
		mentees = append(mentees, &bot.Member{ID: fmt.Sprintf("m%d", i), Name: fmt.Sprintf("M%d", i), Nudges: bot.DefaultNudges("")})
	}
	leads := map[string]*bot.Member{
		"l1": {ID: "l1", Name: "L1", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 9 * 60, Zone: "Europe/Berlin"}},
		"l2": {ID: "l2", Name: "L2", Nudges: bot.NudgeSettings{Off: true, Day: time.Friday, Minute: 17*60 + 30, Zone: "America/New_York"}},
		"l3": {ID: "l3"}, // never joins
		"l4": {ID: "l4", Name: "L4", Nudges: bot.NudgeSettings{Day: time.Sunday, Minute: 23*60 + 30, Zone: "Asia/Tokyo"}},
	}
	s.join(append(mentees, leads["l1"], leads["l2"], leads["l4"])...)
	for lead, ms := range map[string][]string{"l1": {"m0", "m1"}, "l2": {"m2"}, "l3": {"m3", "m4"}, "l4": {"m5"}} {
		for _, m := range ms {
			s.as(lead, "assign @"+m, "is now in your mentees")
		}
	}
	for _, l := range []string{"l1", "l2", "l3", "l4"} {
		if _, ok := digestScore(t, s, l); !ok {
			t.Fatalf("%s has no digest entry after assign", l)
		}
	}
	step := 20 * time.Minute
	mid, end := t0.AddDate(0, 0, 21), t0.AddDate(0, 0, 35)
	s.run(ctx, mid, step)

	// l2's last mentee is unassigned, l4's forgets everything: both
	// entries go at once, in the same transaction.
	s.as("l2", "unassign @m2", "no longer has a lead")
	s.as("m5", "forget confirm", "deleted everything")
	s.as("l1", "unassign @m1", "no longer has a lead") // l1 keeps m0
	for l, want := range map[string]bool{"l1": true, "l2": false, "l3": true, "l4": false} {
		if _, ok := digestScore(t, s, l); ok != want {
			t.Errorf("%s has a digest entry: %v, want %v", l, ok, want)
		}
	}
	// Losing the whole queue loses nothing: Rebuild restores it from the
	// lead hash.
	if err := s.rdb.Del(ctx, key(s.sc, "digest")).Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.scheds[1].Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	for l, want := range map[string]bool{"l1": true, "l2": false, "l3": true, "l4": false} {
		if _, ok := digestScore(t, s, l); ok != want {
			t.Errorf("after rebuild %s has a digest entry: %v, want %v", l, ok, want)
		}
	}
	s.run(ctx, end, step)

	stops := map[string]time.Time{"l1": end, "l2": mid, "l3": end, "l4": mid}
	for id, stop := range stops {
		lead := leads[id]
		loc := s.bots[0].Location(bot.DigestSettings(lead).Zone)
		if lead.Nudges.Zone == "" {
			loc = time.UTC
		}
		var slots []time.Time
		for at := s.bots[0].NextDigest(lead, t0); !at.After(stop); at = s.bots[0].NextDigest(lead, at) {
			slots = append(slots, at)
		}
		got := digestsTo(s, id)
		weeks := map[string]int{}
		for _, d := range got {
			weeks[bot.Week(d.at, loc)]++
		}
		if len(got) != len(slots) || len(weeks) != len(slots) {
			t.Errorf("%s: %d digests in weeks %v, want one at each of %v", id, len(got), weeks, slots)
			continue
		}
		for i, d := range got {
			if d.at.Before(slots[i]) || d.at.Sub(slots[i]) > step {
				t.Errorf("%s: digest %d at %v, due %v", id, i, d.at, slots[i])
			}
		}
	}
	// The leads' own nudges are untouched: l1 and l4 get theirs, l2 (off)
	// none.
	for id, want := range map[string]int{"l1": 5, "l2": 0} {
		if n := len(s.rec.deliveries(id)) - len(digestsTo(s, id)); n != want {
			t.Errorf("%s: %d nudges, want %d", id, n, want)
		}
	}
}

// A rate-limited digest goes out once after the wait; an unreachable lead
// misses that week and gets the next one.
func TestDigestRateLimitedAndUnreachable(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, redistest.Client(t), 2, scheduler.Config{Lease: time.Minute})
	week := 0
	s.rec.fail = func(_ context.Context, to bot.Recipient, _ int) error {
		if to.User != "boss" {
			return nil
		}
		switch week {
		case 0:
			week = -1 // one 429, then through
			return &bot.RateLimitError{RetryAfter: 20 * time.Millisecond}
		case 1:
			return fmt.Errorf("dm closed: %w", bot.ErrUnreachable)
		}
		return nil
	}
	s.join(&bot.Member{ID: "m", Name: "M", Nudges: bot.DefaultNudges("")})
	s.as("boss", "assign @m", "is now in your mentees")
	s.run(ctx, t0.AddDate(0, 0, 7), time.Hour) // Monday 09:00 UTC, week 1
	week = 1
	s.run(ctx, t0.AddDate(0, 0, 14), time.Hour)
	week = 2
	s.run(ctx, t0.AddDate(0, 0, 21), time.Hour)
	got := digestsTo(s, "boss")
	if len(got) != 2 || bot.Week(got[0].at, time.UTC) != "2026-W37" || bot.Week(got[1].at, time.UTC) != "2026-W39" {
		var at []time.Time
		for _, d := range got {
			at = append(at, d.at)
		}
		t.Fatalf("digests at %v, want one in W37 (after the 429) and one in W39", at)
	}
	if n := len(s.rec.deliveries("m")); n != 3 {
		t.Errorf("the mentee got %d nudges, want 3", n)
	}
}

// Stuck detection through the scheduler on a fake clock: nudges record
// ignored weeks atomically, and the lead's digest reports a mentee idle
// for 14 days and one who ignored three nudges as stuck, each with a
// talking point, and one who keeps moving as moved. Progress after the
// last nudge clears the flag at once.
func TestDigestStuckOnFakeClock(t *testing.T) {
	ctx := context.Background()
	s := newSim(t, redistest.Client(t), 2, scheduler.Config{})
	// The lead's digest comes an hour after the mentees' nudges: one due
	// at the same minute may be built by another replica before that
	// minute's nudges are recorded, and then counts one ignored nudge less.
	s.join(&bot.Member{ID: "lead", Name: "Lea", Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 10 * 60}},
		&bot.Member{ID: "idle", Name: "Ida", Nudges: bot.NudgeSettings{Off: true, Day: time.Monday, Minute: 9 * 60}},
		&bot.Member{ID: "ign", Name: "Igor", Nudges: bot.DefaultNudges("")},
		&bot.Member{ID: "mov", Name: "Mo", Nudges: bot.DefaultNudges("")})
	for _, m := range []string{"idle", "ign", "mov"} {
		s.as("lead", "assign @"+m, "is now in your mentees")
	}
	s.as("ign", "done git", "Done")
	// Mo finishes one skill before each Monday's digest.
	weekly := []string{"git", "internet-and-http", "os-and-terminal", "programming-language"}
	for w, skill := range weekly {
		s.run(ctx, t0.AddDate(0, 0, 7*w+5), time.Hour) // Saturday
		s.as("mov", "done "+skill, "Done")
	}
	s.run(ctx, t0.AddDate(0, 0, 21).Add(11*time.Hour), 20*time.Minute) // Mon 28 Sep 11:00
	got := digestsTo(s, "lead")
	if len(got) != 4 {
		t.Fatalf("%d digests, want 4 (7, 14, 21, 28 Sep)", len(got))
	}
	if second := got[1].msg.Text; strings.Contains(second, "*Stuck*") || !strings.Contains(second, "*Quiet this week:* Ida, Igor.") {
		t.Errorf("after one week nobody is stuck yet:\n%s", second)
	}
	last := got[3].msg.Text
	t.Logf("digest of 28 Sep:\n%s", last)
	for _, want := range []string{
		"3 mentees: 1 moved, 2 stuck, 0 quiet.",
		"• *Mo* — finished Operating system and terminal basics",
		"• *Ida* — no progress since joining on Mon 7 Sep (21 days)\n  Talking point: ",
		"• *Igor* — 3 nudges without progress; no progress since Mon 7 Sep (21 days)\n  Talking point: ",
	} {
		if !strings.Contains(last, want) {
			t.Errorf("digest lacks %q:\n%s", want, last)
		}
	}
	if strings.Count(last, "Talking point: ") != 2 {
		t.Errorf("want one talking point per stuck mentee:\n%s", last)
	}

	// Igor moves after the fourth nudge: no longer stuck, though the
	// ignored count stays until the next nudge goes out.
	s.as("ign", "done sql-basics", "Done")
	ms, err := s.stores[0].Load(ctx, s.sc, "ign")
	if err != nil {
		t.Fatal(err)
	}
	if ms[0].NudgeState.Ignored != 3 {
		t.Errorf("ignored %d, want 3", ms[0].NudgeState.Ignored)
	}
	if why := s.bots[0].Stuck(ms[0], s.clock.Now()); why != "" {
		t.Errorf("stuck after progress: %q", why)
	}
	s.run(ctx, t0.AddDate(0, 0, 28).Add(11*time.Hour), 20*time.Minute)
	got = digestsTo(s, "lead")
	if len(got) != 5 || !strings.Contains(got[4].msg.Text, "• *Igor* — finished SQL basics") {
		t.Errorf("the fifth digest does not show Igor moving:\n%s", got[len(got)-1].msg.Text)
	}
}
