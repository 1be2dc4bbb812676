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
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// digestRig is a console session whose scheduler delivers nudges and
// digests of its own workspace only, as `mentorbot console` does.
func digestRig(t *testing.T, admins ...string) *rig {
	t.Helper()
	base := newRig(t)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := storage.New(base.rdb)
	clk := console.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)) // a Wednesday
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Cache: store, Clock: clk, Admins: admins,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	var sched *scheduler.Scheduler
	out := &bytes.Buffer{}
	con := console.New(console.Config{Handler: b, Out: out, Clock: clk, Workspace: base.ws,
		Tick: func(ctx context.Context) error { return sched.Tick(ctx) }})
	sched = newScheduler(t, b, store, clk, con)
	b.SetMessengers(map[string]bot.Messenger{console.Platform: con})
	return &rig{t: t, con: con, out: out, clk: clk, b: b, rdb: base.rdb, ws: base.ws}
}

// dms splits a transcript into the DMs it printed, by recipient, each with
// its indented body.
func dms(s string) map[string][]string {
	out := map[string][]string{}
	to := ""
	var body []string
	flush := func() {
		if to != "" {
			out[to] = append(out[to], strings.Join(body, "\n"))
		}
		to, body = "", nil
	}
	for _, l := range strings.Split(s, "\n") {
		if name, ok := strings.CutPrefix(l, "[DM to "); ok {
			flush()
			to = strings.TrimSuffix(name, "]")
			continue
		}
		if line, ok := strings.CutPrefix(l, "  "); ok && to != "" {
			body = append(body, line)
			continue
		}
		flush()
	}
	flush()
	return out
}

const digestTitle = "== Your mentees this week =="

// TestConsoleLeadDigest is the acceptance transcript: with
// ADMIN_USERS=you, after `/mentor assign @alice` and alice marking Git
// done, each `:advance 7d` delivers exactly one digest DM to you (who
// never joined, so it comes Mondays at 09:00 and there is no nudge of
// yours), mentioning alice and what she finished.
func TestConsoleLeadDigest(t *testing.T) {
	r := digestRig(t, "you")
	r.must("@alice /mentor join", "Welcome")
	r.must("/mentor assign @alice", "is now in your mentees")
	r.must("@alice /mentor done git", "✅ Done: *Git and version control*")

	got := r.must(":advance 7d", "(it is now Wed 2 Dec 2026 10:00 UTC)")
	all := dms(got)
	if n := len(all["you"]); n != 1 {
		t.Fatalf("week 1: %d DMs to you, want one digest:\n%s", n, got)
	}
	digest := all["you"][0]
	t.Logf("week 1 digest:\n%s", digest)
	for _, want := range []string{digestTitle, "1 mentee: 1 moved, 0 stuck, 0 quiet.", "*Moved this week*",
		"• *alice* — finished Git and version control", "[See mentees → /mentor mentees]"} {
		if !strings.Contains(digest, want) {
			t.Errorf("week 1 digest lacks %q:\n%s", want, digest)
		}
	}
	if len(all["alice"]) != 1 || strings.Contains(all["alice"][0], digestTitle) {
		t.Errorf("week 1: alice got %d DMs, want her nudge only:\n%s", len(all["alice"]), got)
	}

	got = r.say(":advance 7d")
	all = dms(got)
	if n := len(all["you"]); n != 1 || !strings.Contains(all["you"][0], digestTitle) {
		t.Fatalf("week 2: %d DMs to you, want one digest:\n%s", n, got)
	}
	// Git was done 12 days ago: alice is quiet, not yet stuck.
	if !strings.Contains(all["you"][0], "*Quiet this week:* alice.") {
		t.Errorf("week 2 digest:\n%s", all["you"][0])
	}

	// Once alice is unassigned, you have no mentees and get no digest.
	r.must("/mentor unassign @alice", "no longer has a lead")
	if got := r.say(":advance 7d"); len(dms(got)["you"]) != 0 {
		t.Errorf("a digest with no mentees:\n%s", got)
	}
}

// A lead who joined gets their digest on their own nudge day, time and
// zone, beside (and apart from) their own nudge; a lead whose mentee
// forgets everything stops getting one.
func TestConsoleDigestOnLeadsSchedule(t *testing.T) {
	r := digestRig(t, "you")
	r.must("@bob /mentor join", "Welcome")
	r.must("@bob /mentor nudges time fri 17:00 Europe/Berlin", "Nudge time changed")
	r.must("@carol /mentor join", "Welcome")
	r.must("/mentor assign @carol @bob", "is now in @bob's mentees")

	got := r.say(":advance 2d") // Fri 27 Nov 10:00 UTC: nothing due yet
	if strings.Contains(got, "[DM to bob]") {
		t.Fatalf("bob's DMs came early:\n%s", got)
	}
	got = r.say(":advance 6h") // past Fri 17:00 Berlin (16:00 UTC)
	bob := dms(got)["bob"]
	digests := 0
	for _, d := range bob {
		if strings.Contains(d, digestTitle) {
			digests++
			if !strings.Contains(d, "*Quiet this week:* carol.") {
				t.Errorf("bob's digest:\n%s", d)
			}
		}
	}
	if len(bob) != 2 || digests != 1 {
		t.Fatalf("bob got %d DMs with %d digests, want his nudge and one digest:\n%s", len(bob), digests, got)
	}

	r.must("@carol /mentor forget confirm", "deleted everything")
	if got := r.say(":advance 14d"); strings.Contains(got, digestTitle) {
		t.Errorf("a digest after the only mentee left:\n%s", got)
	}
}

// A lead who moves their nudge moves their digest with it, at once.
func TestDigestFollowsNudgeTime(t *testing.T) {
	r := digestRig(t, "boss")
	r.must("@bob /mentor join", "Welcome")
	r.must("@amy /mentor join", "Welcome")
	r.must("@boss /mentor assign @amy @bob", "is now in")
	r.must("@bob /mentor nudges time fri 17:00 UTC", "Fridays at 17:00")
	got := dms(r.say(":advance 3d")) // Wed 10:00 → Sat 10:00: past Friday 17:00, before Monday
	digests := 0
	for _, d := range got["bob"] {
		if strings.Contains(d, digestTitle) {
			digests++
		}
	}
	if digests != 1 {
		t.Fatalf("bob got %d digests by Saturday, want 1 on Friday: %v", digests, got)
	}
}
