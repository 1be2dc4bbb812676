package console_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// rig is a console session on an embedded Redis of its own (the storage
// code and Lua of production, on miniredis), so bot/... needs no server.
type rig struct {
	t   *testing.T
	con *console.Console
	out *bytes.Buffer
	clk *console.Clock
	b   *bot.Bot
	rdb redis.UniversalClient
	ws  string
}

func newRig(t *testing.T, admins ...string) *rig {
	t.Helper()
	rdb := redistest.Embedded(t)
	ws := "t"
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := newRigOn(t, rdb, rm, ws, admins...)
	r.rdb, r.ws = rdb, ws
	return r
}

func newRigOn(t *testing.T, rdb redis.UniversalClient, rm *roadmap.Roadmap, ws string, admins ...string) *rig {
	clk := console.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	st := storage.New(rdb)
	b, err := bot.New(bot.Config{Roadmap: rm, Store: st, Cache: st, Clock: clk, Admins: admins,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	out := &bytes.Buffer{}
	con := console.New(console.Config{Handler: b, Out: out, Clock: clk, Workspace: ws})
	b.SetMessengers(map[string]bot.Messenger{console.Platform: con})
	return &rig{t: t, con: con, out: out, clk: clk, b: b}
}

// newScheduler delivers b's nudges and digests in ws through con, on
// con's clock.
func newScheduler(t *testing.T, b *bot.Bot, store *storage.Store, clk *console.Clock, con bot.Messenger) *scheduler.Scheduler {
	t.Helper()
	sched, err := scheduler.New(scheduler.Config{Content: b, Members: store, Queue: store, Now: clk.Now,
		Messengers: map[string]bot.Messenger{console.Platform: con}})
	if err != nil {
		t.Fatal(err)
	}
	return sched
}

// say runs one console line and returns what it printed.
func (r *rig) say(line string) string {
	r.t.Helper()
	r.out.Reset()
	r.con.Line(context.Background(), line)
	return r.out.String()
}

// must runs a line and fails unless its output contains want.
func (r *rig) must(line, want string) string {
	r.t.Helper()
	got := r.say(line)
	if !strings.Contains(got, want) {
		r.t.Fatalf("%s\n got: %s\nwant it to contain %q", line, got, want)
	}
	return got
}

func TestJoinMarkMoveExportForget(t *testing.T) {
	r := newRig(t)
	r.must("/mentor progress", "You haven't joined yet")
	r.must("/mentor join", "Welcome to the Backend developer roadmap")
	r.must("/mentor join", "You're already on the roadmap")
	r.must("/mentor done git", "Junior backend developer ▓░░░░░░░░░ 1/10")
	r.must("/mentor done git", "already marked done")
	r.must("/mentor done gti", "Git and version control is already marked done") // a close spelling
	r.must("/mentor start sql basics", "📖 Started *SQL basics")
	r.must("/mentor done sql-basics", "2/10")
	r.must("/mentor skip debugging", "2/9")
	r.must("/mentor undo debugging", "2/10")
	out := r.must("/mentor done kubernetes-wizardry", "I don't know a skill called")
	if !strings.Contains(out, "See `/mentor skills`") && !strings.Contains(out, "Did you mean") {
		t.Errorf("no help for an unknown skill: %s", out)
	}
	r.must("/mentor track api", "opens at Mid-level")
	r.must("/mentor stage mid", "Now at Mid-level backend developer")
	r.must("/mentor track api", "Track: API Engineer")
	out = r.must("/mentor progress", "Mid-level backend developer ░░░░░░░░░░ 0/14") // interview-prep and mid-plateau joined the mid stage
	if !strings.Contains(out, "API Engineer ░░░░░░░░░░ 0/13") {
		t.Errorf("no track bar: %s", out)
	}
	r.must("/mentor stage junior", "Your API Engineer track opens again from Mid-level")
	r.must("/mentor progress", "Junior backend developer ▓▓░░░░░░░░ 2/10")
	out = r.must("/mentor export", `"id": "you"`)
	for _, want := range []string{`"git"`, `"sql-basics"`, `"kind": "join"`, "mentorbot-export.json"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s: %s", want, out)
		}
	}
	r.must("/mentor forget", "[Yes, forget me → /mentor forget confirm ~")
	r.must("/mentor progress", "2/10") // nothing deleted before confirmation
	r.must("/mentor forget confirm", "deleted everything")
	r.must("/mentor progress", "You haven't joined yet")
	r.must("/mentor export", "I keep nothing about you")
}

func TestConsoleContract(t *testing.T) {
	r := newRig(t)
	r.must(":as alice", "(you are now alice)")
	r.must("/mentor join", "Welcome")
	r.must("@bob /mentor join mid", "Mid-level")
	r.must("/mentor progress", "Junior backend developer") // still alice
	// Join is offered to who hasn't joined; who has gets where they are.
	if got := r.must("/mentor help", "[My progress → /mentor progress]"); strings.Contains(got, "[Join") {
		t.Errorf("help offers a member Join: %s", got)
	}
	r.must("@carol /mentor help", "[Join → /mentor join]")
	r.must("@carol hello", "or start with `/mentor join`")
	r.must("/mentor", "/mentor help [command]")
	r.must(":advance soon", "Usage: :advance DURATION")
	r.must(":advance 36h", "(it is now Thu 26 Nov 2026 22:00 UTC)")
	r.must(":nonsense", "Console commands")
	if got := r.must("hello!", "Hi! I'm mentorbot"); strings.Contains(got, "join") { // a DM that is only a greeting
		t.Errorf("a member's greeting offers Join: %s", got)
	}
	r.must("how do I become a DBA", "Database Administrator") // any other DM is a question
	if quit := r.con.Line(context.Background(), ":quit"); !quit {
		t.Error(":quit did not end the session")
	}
	// A whole session through Run: end of input ends it.
	var out bytes.Buffer
	con := console.New(console.Config{Handler: r.b, In: strings.NewReader("/mentor help\n"), Out: &out, Workspace: "unused"})
	if err := con.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "/mentor join [stage]") {
		t.Errorf("Run printed %q", out.String())
	}
}

func TestBadInputChangesNothing(t *testing.T) {
	r := newRig(t)
	r.must("/mentor join", "Welcome")
	cases := []struct{ line, want string }{
		{"/mentor frobnicate", "I don't know the command \"frobnicate\""},
		{"/mentor prgress", "Did you mean `progress`?"},
		{"/mentor done " + strings.Repeat("x", 600), "That's too long"},
		{"/mentor stage wizard", "There's no stage \"wizard\""},
		{"/mentor track nope", "There's no track \"nope\""},
		{"/mentor nudges time funday 09:00", "isn't a day"},
		{"/mentor nudges time mon 9xm", "isn't a time"},
		{"/mentor nudges time mon 09:00 Mars/Olympus", "isn't a time zone"},
		{"/mentor nudges pause 0", "a day to a year (52 weeks)"},
		{"/mentor done \x07g\u200bit\x00", "Done: *Git"}, // control characters are dropped
	}
	for _, c := range cases {
		r.must(c.line, c.want)
	}
	r.must("/mentor progress", "1/10")
}

// A team that changes its roadmap keeps progress on skills that still
// exist; skills that are gone are reported, not counted.
func TestRoadmapChangeKeepsProgress(t *testing.T) {
	r := newRig(t)
	r.must("/mentor join", "Welcome")
	r.must("/mentor done git", "1/10")
	r.must("/mentor done debugging", "2/10")
	mini, err := roadmap.Load("../../roadmap/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r2 := newRigOn(t, r.rdb, mini, r.ws)
	out := r2.must("/mentor progress", "1/") // git survives; debugging is not in the mini roadmap
	if !strings.Contains(out, "Not counted: 1 skill is no longer in the roadmap (debugging)") {
		t.Fatalf("a dropped skill is not reported:\n%s", out)
	}
	if !strings.Contains(out, "Done: Version control with Git") {
		t.Fatalf("progress on a kept skill was lost:\n%s", out)
	}
}
