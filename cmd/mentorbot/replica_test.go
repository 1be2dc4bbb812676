package main

import (
	"github.com/mentorbot/mentorbot/internal/testkit"
	"github.com/mentorbot/mentorbot/scheduler"

	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// replica is one mentorbot console process kept open on a pipe.
type replica struct {
	t        *testing.T
	name     string
	in       io.WriteCloser
	out, err testkit.Buffer
	cmd      *exec.Cmd
	done     chan struct{}
}

func startReplica(t *testing.T, name string, env ...string) *replica {
	t.Helper()
	r := &replica{t: t, name: name, done: make(chan struct{})}
	r.cmd = exec.Command(binary, "console")
	r.cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	in, err := r.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	r.in = in
	r.cmd.Stdout, r.cmd.Stderr = &r.out, &r.err
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		r.cmd.Wait()
		close(r.done)
	}()
	t.Cleanup(func() {
		r.in.Close()
		select {
		case <-r.done:
		case <-time.After(10 * time.Second):
			r.cmd.Process.Kill()
			<-r.done
		}
	})
	return r
}

// say writes line to the replica and waits until everything in wants has
// been printed after it.
func (r *replica) say(line string, wants ...string) string {
	r.t.Helper()
	got, err := r.ask(line, wants...)
	if err != nil {
		r.t.Fatal(err)
	}
	return got
}

// ask is say for goroutines other than the test's: it returns the failure.
func (r *replica) ask(line string, wants ...string) (string, error) {
	mark := len(r.out.String())
	if _, err := io.WriteString(r.in, line+"\n"); err != nil {
		return "", fmt.Errorf("%s: write %q: %v\nstderr:\n%s", r.name, line, err, r.err.String())
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		got := r.out.String()[mark:]
		missing := ""
		for _, w := range wants {
			if !strings.Contains(got, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return got, nil
		}
		if time.Now().After(deadline) {
			return got, fmt.Errorf("%s: after %q no %q in:\n%s\nstderr:\n%s", r.name, line, missing, got, r.err.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestReplicasShareState runs three mentorbot processes on one Redis and
// works on the same members through all of them.
func TestReplicasShareState(t *testing.T) {
	member, lead, admin := uniqueName(t), uniqueName(t), uniqueName(t)
	_, ws := consoleScope(t)
	env := []string{"REDIS_URL=" + redisURL(), "ADMIN_USERS=" + admin, ws}
	p1, p2, p3 := startReplica(t, "replica 1", env...), startReplica(t, "replica 2", env...), startReplica(t, "replica 3", env...)
	t.Cleanup(func() {
		for _, who := range []string{member, lead} {
			p1.say(":as "+who, "(you are now "+who+")")
			p1.say("/mentor forget confirm", "deleted everything")
		}
	})

	p1.say(":as "+member, "(you are now "+member+")")
	p1.say("/mentor join", "Welcome to the Backend developer roadmap")
	p2.say(":as "+member, "(you are now "+member+")")
	p2.say("/mentor done git", "Done: *Git and version control*", "1/10")
	p3.say(":as "+member, "(you are now "+member+")")
	p3.say("/mentor progress", "Done: Git and version control", "1/10")

	// The same member's commands through all three at once lose nothing.
	var wg sync.WaitGroup
	for _, c := range []struct {
		r     *replica
		skill string
	}{{p1, "sql-basics"}, {p2, "debugging"}, {p3, "os-and-terminal"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.r.ask("/mentor done "+c.skill, "✅ Done"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	p1.say("/mentor progress", "4/10")

	// A lead on one, an admin's assignment on another, the lead's view on
	// the third.
	p2.say(":as "+lead, "(you are now "+lead+")")
	p2.say("/mentor join", "Welcome")
	p3.say(":as "+admin, "(you are now "+admin+")")
	p3.say(fmt.Sprintf("/mentor assign @%s @%s", member, lead), "is now in @"+lead+"'s mentees")
	p1.say(":as "+lead, "(you are now "+lead+")")
	p1.say("/mentor mentees", "Your mentees (1)", member, "4/10")
	p2.say(":as "+member, "(you are now "+member+")")
	p2.say("/mentor undo git", "3/10")
	p3.say(":as "+lead, "(you are now "+lead+")")
	p3.say("/mentor progress @"+member, "Progress of "+member, "3/10")
}

// recorder is a Messenger keeping every DM, with the clock's time.
type recorder struct {
	now func() time.Time
	mu  sync.Mutex
	got map[string][]time.Time
}

func (r *recorder) Send(_ context.Context, to bot.Recipient, _ bot.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got[to.User] = append(r.got[to.User], r.now())
	return nil
}

// simClock is a clock moved by the test.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *simClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *simClock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// TestReplicasNudgeOnce runs three schedulers, each with its own Store and
// Bot as three replicas have, on one Redis over two weeks of a fake clock:
// every member gets exactly one nudge a week, and the metrics count them.
//
// The schedulers run in this process: the console's clock is per process,
// so three console processes cannot share one fake week.
func TestReplicasNudgeOnce(t *testing.T) {
	ctx := context.Background()
	var b [4]byte
	rand.Read(b[:])
	sc := bot.Scope{Platform: "replica" + hex.EncodeToString(b[:]), Workspace: "w1"}
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	clock := &simClock{t: time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)}
	start := clock.Now()
	rec := &recorder{now: clock.Now, got: map[string][]time.Time{}}
	quiet := slog.New(slog.DiscardHandler)
	var o *ops
	var scheds []*scheduler.Scheduler
	var first *bot.Bot
	var store0 *storage.Store
	for i := range 3 {
		rdb := testRedis(t)
		if i == 0 {
			o = newOps(rdb, quiet)
			t.Cleanup(func() { dropKeys(t, rdb, sc) })
		}
		st := storage.New(rdb)
		bt, err := bot.New(bot.Config{Roadmap: rm, Store: st, Clock: clock, Logger: quiet})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first, store0 = bt, st
		}
		sch, err := scheduler.New(scheduler.Config{Content: bt, Members: st, Queue: st, Now: clock.Now,
			Messengers: map[string]bot.Messenger{sc.Platform: rec},
			Lease:      time.Minute, Batch: 7, Workers: 4, Logger: quiet, Observe: o.nudge})
		if err != nil {
			t.Fatal(err)
		}
		scheds = append(scheds, sch)
	}

	const members = 60
	var w bot.Write
	for i := range members {
		m := &bot.Member{ID: fmt.Sprintf("m%d", i), Name: fmt.Sprintf("M%d", i), Stage: "junior", Joined: start,
			Nudges: bot.NudgeSettings{Day: time.Weekday(i % 7), Minute: (i * 37) % (24 * 60)}}
		w.Members = append(w.Members, m)
		w.Schedule = append(w.Schedule, bot.Due{Member: m.ID, At: bot.NextDue(m.Nudges, start, first.Location(m.Nudges.Zone))})
	}
	if err := store0.Apply(ctx, sc, w); err != nil {
		t.Fatal(err)
	}

	for now := start; now.Before(start.AddDate(0, 0, 14)); {
		now = now.Add(20 * time.Minute)
		clock.set(now)
		var wg sync.WaitGroup
		for _, s := range scheds {
			wg.Go(func() {
				if err := s.Tick(ctx); err != nil {
					t.Errorf("tick at %v: %v", now, err)
				}
			})
		}
		wg.Wait()
	}

	total := 0
	for _, m := range w.Members {
		got := rec.got[m.ID]
		weeks := map[string]int{}
		for _, at := range got {
			weeks[bot.Week(at, time.UTC)]++
		}
		if len(got) != 2 || len(weeks) != 2 {
			t.Errorf("%s: %d nudges in weeks %v, want one in each of 2 weeks", m.ID, len(got), weeks)
		}
		total += len(got)
	}
	_, body := get(t, opsMux(o), "/metrics")
	if want := fmt.Sprintf("mentorbot_nudges_total{outcome=\"sent\"} %d\n", total); !strings.Contains(body, want) {
		t.Errorf("/metrics lacks %q", strings.TrimSpace(want))
	}
}

// dropKeys deletes every key of sc and its entry in the workspaces set.
func dropKeys(t *testing.T, rdb redis.UniversalClient, sc bot.Scope) {
	ctx := context.Background()
	pattern := "mb:\\{" + sc.Platform + ":" + sc.Workspace + "\\}:*"
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if len(keys) > 0 {
		if err := rdb.Del(ctx, keys...).Err(); err != nil {
			t.Errorf("clean up %s: %v", sc, err)
		}
	}
	rdb.SRem(ctx, storage.WorkspacesKey, sc.String())
	rdb.ZRem(ctx, storage.NudgeIndexKey, sc.String())
	rdb.ZRem(ctx, storage.DigestIndexKey, sc.String())
}

// TestReplicaProcessesNudgeOnce runs three mentorbot processes on one
// Redis, makes twenty members' nudges due at once, and checks that each
// member's nudge is printed by exactly one of the processes.
func TestReplicaProcessesNudgeOnce(t *testing.T) {
	sc, ws := consoleScope(t)
	env := []string{"REDIS_URL=" + redisURL(), ws}
	ps := []*replica{startReplica(t, "replica 1", env...), startReplica(t, "replica 2", env...), startReplica(t, "replica 3", env...)}
	var names []string
	for i := range 20 {
		name := uniqueName(t)
		names = append(names, name)
		ps[i%3].say("@"+name+" /mentor join", "Welcome")
	}
	t.Cleanup(func() {
		for _, name := range names {
			ps[0].say("@"+name+" /mentor forget confirm", "deleted everything")
		}
	})
	ctx := context.Background()
	rdb, err := storage.Open(ctx, redisURL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	due := "mb:{" + sc.String() + "}:due"
	now := float64(time.Now().Add(-time.Second).UnixMilli())
	for _, name := range names {
		if err := rdb.ZAdd(ctx, due, redis.Z{Score: now, Member: name}).Err(); err != nil {
			t.Fatal(err)
		}
	}
	// Whoever moves an entry earlier lowers the workspace's place in the
	// due index, as the store's writers do.
	if err := rdb.ZAddArgs(ctx, storage.NudgeIndexKey, redis.ZAddArgs{LT: true,
		Members: []redis.Z{{Score: now, Member: sc.String()}}}).Err(); err != nil {
		t.Fatal(err)
	}
	count := func() map[string]int {
		n := map[string]int{}
		for _, p := range ps {
			for _, name := range names {
				n[name] += strings.Count(p.out.String(), "[DM to "+name+"]\n")
			}
		}
		return n
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, all := count(), true
		for _, name := range names {
			all = all && n[name] > 0
		}
		if all || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // time for a second delivery, were there one
	per := [3]int{}
	for i, p := range ps {
		per[i] = strings.Count(p.out.String(), "[DM to ")
	}
	for name, got := range count() {
		if got != 1 {
			t.Errorf("%s got %d nudges, want 1", name, got)
		}
	}
	t.Logf("nudges printed per process: %v", per)
}
