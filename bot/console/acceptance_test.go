package console_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// realRig is a console session on the real Redis (REDIS_TEST_URL), in a
// workspace of its own, with its scheduler, as `mentorbot console` runs
// with REDIS_URL set.
func realRig(t *testing.T, admins ...string) *rig {
	t.Helper()
	rdb := redistest.Client(t)
	ws := redistest.Scope(t, rdb, console.Platform, "accept").Workspace
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	store := storage.New(rdb)
	clk := console.NewClock(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)) // a Wednesday
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Cache: store, Clock: clk, Admins: admins,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	out := &bytes.Buffer{}
	var tick func(context.Context) error
	con := console.New(console.Config{Handler: b, Out: out, Clock: clk, Workspace: ws,
		Tick: func(ctx context.Context) error { return tick(ctx) }})
	tick = newScheduler(t, b, store, clk, con).Tick
	b.SetMessengers(map[string]bot.Messenger{console.Platform: con})
	return &rig{t: t, con: con, out: out, clk: clk, b: b, rdb: rdb, ws: ws}
}

// The "Done when" of issue 12, on the real Redis: every command of the
// table by someone who never joined; a lead who never joined using their
// lead commands; an invitation of a new hire that joining turns into a
// mentee; the DBA's close spelling.
func TestIssue12DoneWhen(t *testing.T) {
	r := realRig(t, "root")
	noFault := func(line string) string {
		t.Helper()
		got := r.say(line)
		if strings.Contains(got, "went wrong") || strings.TrimSpace(got) == "" {
			t.Fatalf("%s:\n%s", line, got)
		}
		return got
	}
	// Every command of the table, each by a ghost who never joined (a
	// fresh one per line, so that none has joined when it runs).
	for i, line := range matrixLines(t, "ghost") {
		ghost := "ghost" + strconv.Itoa(i)
		noFault("@" + ghost + " /mentor " + strings.ReplaceAll(line, "@ghost", "@"+ghost))
	}

	// A lead who never joined. The admin names lead0 a lead first: an
	// id nobody ever used is not assigned to (see README, Leads and privacy).
	r.must("@m1 /mentor join", "Welcome")
	r.must("@root /mentor assign @m1 @lead0", "isn't a lead here and has never used mentorbot")
	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@root /mentor assign @m1 @lead0", "m1 is now in @lead0's mentees")
	if got := noFault("@lead0 /mentor mentees"); !strings.Contains(got, "Your mentees (1)") || !strings.Contains(got, "m1") {
		t.Fatalf("lead0's mentees:\n%s", got)
	}
	if got := noFault("@lead0 /mentor mentees csv"); !strings.Contains(got, "\nm1,m1,junior,") {
		t.Fatalf("lead0's csv:\n%s", got)
	}
	noFault("@lead0 /mentor progress @m1")
	r.must("@lead0 /mentor progress @m1", "Progress of m1")

	// A new hire who never joined gets one invitation DM.
	got := r.must("@root /mentor assign @newbie @lead0", "[DM to newbie]")
	if !strings.Contains(got, "so I've invited them") || strings.Count(got, "[DM to newbie]") != 1 ||
		!strings.Contains(got, "@lead0 would like to be your lead") || !strings.Contains(got, "[No thanks → /mentor lead leave]") ||
		!strings.Contains(got, "[Join at Junior backend developer → /mentor join junior]") {
		t.Fatalf("the invitation:\n%s", got)
	}
	if got := r.must("@root /mentor assign @newbie @lead0", "already invited"); strings.Contains(got, "[DM to") {
		t.Fatalf("a second DM:\n%s", got)
	}
	got = r.must("@lead0 /mentor mentees", "✉️ newbie:")
	if !strings.Contains(got, "invited Wed 25 Nov 2026, hasn't joined yet") {
		t.Fatalf("lead0's mentees with newbie invited:\n%s", got)
	}
	r.must("@lead0 /mentor mentees csv", "\nnewbie,,invited,,,,,,,,2026-11-25T10:00:00Z")
	r.must("@root /mentor team", "invited: @newbie since Wed 25 Nov 2026")
	r.must("@newbie /mentor lead", "@lead0 invited you on Wed 25 Nov 2026")
	r.must("@newbie /mentor export", `"invited": {`)
	r.must("@newbie /mentor join", "You're in @lead0's mentees, as they invited you")
	got = r.must("@lead0 /mentor mentees", "Your mentees (2)")
	if strings.Contains(got, "✉️") || !strings.Contains(got, "newbie") {
		t.Fatalf("after newbie joined:\n%s", got)
	}
	r.must("@newbie /mentor lead", "Your lead is @lead0")

	// The DBA track's own skills win a close spelling.
	r.must("@dba /mentor join mid", "Welcome")
	r.must("@dba /mentor track dba", "DBA")
	r.must("@dba /mentor done replicaton", "Replication and high availability")
	r.must("@dba /mentor done sharding", "Partitioning and sharding")
}

// Invitations can be withdrawn and declined, and lapse after 30 days with
// the lead told in their digest; joining after that gives no lead.
func TestInvitationWithdrawDeclineLapse(t *testing.T) {
	r := realRig(t, "root")
	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@lead0 /mentor assign @a", "[DM to a]")
	r.must("@lead0 /mentor unassign @a", "Invitation withdrawn")
	r.must("@lead0 /mentor mentees", "You have no mentees yet")
	r.must("@a /mentor lead", "You have no lead")

	r.must("@lead0 /mentor assign @b", "[DM to b]")
	r.must("@b /mentor lead leave", "you declined @lead0's invitation")
	r.must("@lead1 /mentor assign @b", "Only leads and admins") // lead1 has no rights
	r.must("@root /mentor leads add @lead1", "is now a lead")
	r.must("@lead1 /mentor assign @b", "[DM to b]") // free again
	r.must("@lead0 /mentor assign @b", "@b has a pending invitation from @lead1; an admin can move it")

	r.must("@lead0 /mentor assign @c", "[DM to c]")
	digest := dms(r.say(":advance 7d"))["lead0"]
	if len(digest) != 1 || !strings.Contains(digest[0], "*Declined your invitation:* @b.") ||
		!strings.Contains(digest[0], "*Invited, not joined yet:* @c (since Wed 25 Nov 2026).") {
		t.Fatalf("lead0's first digest: %q", digest)
	}
	var lapsed bool
	for range 4 {
		for _, d := range dms(r.say(":advance 7d"))["lead0"] {
			lapsed = lapsed || strings.Contains(d, "*Invitations that lapsed after 30 days:* @c.")
		}
	}
	if !lapsed {
		t.Fatal("lead0 was never told c's invitation lapsed")
	}
	r.must("@lead0 /mentor mentees", "You have no mentees yet")
	got := r.must("@c /mentor join", "Welcome")
	if strings.Contains(got, "You're in") {
		t.Fatalf("a lapsed invitation still led: %s", got)
	}
	r.must("@c /mentor lead", "You have no lead")
}

// leads lists how each lead is one, invitations apart from mentees.
func TestLeadsList(t *testing.T) {
	r := realRig(t, "root")
	r.must("@root /mentor leads", "No leads yet.")
	r.must("@root /mentor leads add @lead0", "is now a lead")
	r.must("@root /mentor leads add @lead0", "already has lead rights")
	r.must("@m1 /mentor join", "Welcome")
	r.must("@lead0 /mentor assign @m1", "is now in your mentees")
	r.must("@lead0 /mentor assign @newbie", "[DM to newbie]")
	r.must("@root /mentor leads", "@lead0: granted · 1 mentee · 1 invited · not joined")
	r.must("@root /mentor leads remove @lead0", "@lead0 leads 1 mentee and 1 open invitation. Removing them as a lead also unassigns their mentee "+
		"(who is told by DM that they no longer have a lead) and withdraws 1 open invitation (each invitee is told by DM).")
	r.must("@lead0 /mentor mentees", "Your mentees (1)") // asking first changes nothing
}
