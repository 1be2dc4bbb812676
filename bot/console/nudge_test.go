package console_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// TestConsoleWeeklyNudges is the acceptance transcript: after
// `nudges time mon 09:00 UTC`, each `:advance 7d` prints exactly one
// [DM to ...] nudge, a different one each week, at Monday 09:00; none
// after `nudges off`.
func TestConsoleWeeklyNudges(t *testing.T) {
	ctx := context.Background()
	rdb := redistest.Embedded(t)
	ws := "nudge"
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := storage.New(rdb)
	clk := console.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)) // a Wednesday
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Clock: clk,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	var sched *scheduler.Scheduler
	out := &bytes.Buffer{}
	con := console.New(console.Config{Handler: b, Out: out, Clock: clk, Workspace: ws,
		Tick: func(ctx context.Context) error { return sched.Tick(ctx) }})
	sched = newScheduler(t, b, store, clk, con)
	say := func(line string) string {
		t.Helper()
		out.Reset()
		con.Line(ctx, line)
		return out.String()
	}

	say(":as ada")
	say("/mentor join")
	if got := say("/mentor nudges time mon 09:00 UTC"); !strings.Contains(got, "Next: Mon 30 Nov 09:00") {
		t.Fatalf("nudges time: %s", got)
	}
	seen := map[string]bool{}
	for week := range 6 {
		got := say(":advance 7d")
		if n := strings.Count(got, "[DM to "); n != 1 || strings.Count(got, "[DM to ada]") != 1 {
			t.Fatalf("week %d: %d DMs in\n%s", week, n, got)
		}
		nudge := dmBody(got)
		if week == 0 || week == 5 {
			t.Logf("week %d:\n%s", week, got)
		}
		for _, want := range []string{"Your nudge for this week", "[Snooze 1 day → /mentor nudges snooze]",
			"[Skip this week → /mentor nudges skip]", "[Stop nudges → /mentor nudges off]", "→ /mentor done "} {
			if !strings.Contains(nudge, want) {
				t.Errorf("week %d: nudge lacks %q:\n%s", week, want, nudge)
			}
		}
		text := strings.SplitN(nudge, "\n", 3)[1]
		if seen[text] {
			t.Errorf("week %d: the same nudge again: %s", week, text)
		}
		seen[text] = true
	}
	status := say("/mentor nudges status")
	if !strings.Contains(status, "Mondays at 09:00 (UTC)") {
		t.Errorf("status: %s", status)
	}
	say("/mentor nudges off")
	for range 2 {
		if got := say(":advance 7d"); strings.Contains(got, "[DM to ") {
			t.Errorf("a nudge after nudges off:\n%s", got)
		}
	}
}

// dmBody returns the lines of the first DM in a transcript, unindented.
func dmBody(s string) string {
	_, after, _ := strings.Cut(s, "[DM to ")
	var lines []string
	for _, l := range strings.Split(after, "\n")[1:] {
		body, ok := strings.CutPrefix(l, "  ")
		if !ok {
			break
		}
		lines = append(lines, body)
	}
	return strings.Join(lines, "\n")
}

// `:advance 1w` moves the console's clock a week, delivering the nudge
// that comes due on the way.
func TestAdvanceWeeks(t *testing.T) {
	r := digestRig(t) // Wed 25 Nov 2026 10:00 UTC
	r.must("@wk /mentor join", "the first on Mon 30 Nov")
	got := r.say(":advance 1w")
	if d := dms(got); len(d["wk"]) != 1 || !strings.Contains(got, "(it is now Wed 2 Dec 2026 10:00 UTC)") {
		t.Fatalf(":advance 1w: want one nudge and the clock at Wed 2 Dec, got:\n%s", got)
	}
}
