package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redisproc"
	"github.com/mentorbot/mentorbot/roadmap"
)

const unavailable = "Storage is unavailable, try again shortly."

// TestServerOutage stops, then freezes, a test-owned server: Store calls must
// fail with bot.ErrUnavailable and commands must say so, each within 2 s,
// and everything must work again once the server is back.
func TestServerOutage(t *testing.T) {
	srv := redisproc.Start(t, "--appendonly", "yes", "--appendfsync", "everysec")
	ctx := context.Background()
	rdb, err := Open(ctx, "redis://"+srv.Addr()+"/0")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	s := New(rdb)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: s, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "server-outage"}
	ask := func(text string) bot.Message {
		return b.Handle(ctx, bot.Request{Scope: sc, User: "ada", Name: "Ada", Text: text})
	}
	if m := ask("join"); strings.Contains(m.Text, unavailable) {
		t.Fatalf("join with the server up: %q", m.Text)
	}
	ask("done git")

	// Each call is timed on its own: none may take longer than 2 s.
	within := func(what string, f func() error) {
		t.Helper()
		start := time.Now()
		err := f()
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s took %s, want at most 2s", what, took)
		}
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	expectDown := func(how string) {
		t.Helper()
		calls := []struct {
			name string
			call func() error
		}{
			{"Load", func() error { _, err := s.Load(ctx, sc, "ada"); return err }},
			{"Apply", func() error {
				return s.Apply(ctx, sc, bot.Write{Skills: []bot.SkillWrite{{Member: "ada", Skill: "sql-basics", State: bot.SkillState{Status: bot.Done, At: time.Now()}}}})
			}},
			{"Mentees", func() error { _, err := s.Mentees(ctx, sc, "lead"); return err }},
			{"Leads", func() error { _, err := s.Leads(ctx, sc); return err }},
			{"Events", func() error { _, err := s.Events(ctx, sc, "ada", 5); return err }},
			{"Get", func() error { _, err := s.Get(ctx, sc, "k"); return err }},
		}
		for _, c := range calls {
			within(how+": "+c.name, func() error {
				err := c.call()
				if !errors.Is(err, bot.ErrUnavailable) {
					return fmt.Errorf("got %v, want an error matching bot.ErrUnavailable", err)
				}
				return nil
			})
		}
		for _, cmd := range []string{"progress", "done sql-basics", "next", "skills"} {
			within(how+": /mentor "+cmd, func() error {
				if m := ask(cmd); m.Text != unavailable {
					return fmt.Errorf("answered %q, want %q", m.Text, unavailable)
				}
				return nil
			})
		}
	}
	expectUp := func(how string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			m := ask("progress")
			if !strings.Contains(m.Text, unavailable) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: still unavailable 5 s after the server returned", how)
			}
			time.Sleep(50 * time.Millisecond)
		}
		ms, err := s.Load(ctx, sc, "ada")
		if err != nil || ms[0] == nil || ms[0].Skills["git"].Status != bot.Done {
			t.Fatalf("%s: ada after the outage: %+v, %v", how, ms, err)
		}
	}

	srv.Shutdown()
	expectDown("stopped")
	srv.Restart()
	expectUp("restarted")

	// A frozen server accepts connections and never answers: the worst
	// case for timeouts.
	srv.Stop()
	expectDown("frozen")
	srv.Cont()
	expectUp("thawed")

	s.Apply(ctx, sc, bot.Write{Forget: []string{"ada"}})
}

// TestRestartKeepsAcknowledgedWrites applies skill changes in a loop while
// the server is restarted: every change Apply acknowledged must be there
// afterwards. With appendfsync everysec an orderly SHUTDOWN flushes the
// append-only file; with appendfsync always even a crash (SIGKILL) must
// lose nothing acknowledged.
func TestRestartKeepsAcknowledgedWrites(t *testing.T) {
	cases := []struct {
		name  string
		fsync string
		crash bool
	}{
		{"shutdown everysec", "everysec", false},
		{"kill always", "always", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := redisproc.Start(t, "--appendonly", "yes", "--appendfsync", c.fsync)
			ctx := context.Background()
			rdb, err := Open(ctx, "redis://"+srv.Addr()+"/0")
			if err != nil {
				t.Fatal(err)
			}
			defer rdb.Close()
			s := New(rdb)
			sc := bot.Scope{Platform: "test", Workspace: "restart"}
			if err := s.Apply(ctx, sc, bot.Write{Members: []*bot.Member{{ID: "w", Name: "Writer", Stage: "junior"}}}); err != nil {
				t.Fatal(err)
			}

			var (
				mu    sync.Mutex
				acked = map[string]bool{}
				// maybe holds, per skill, the last acknowledged state and
				// the states of failed writes since: a write whose reply
				// was lost may still have been applied.
				maybe  = map[string][]bot.SkillState{}
				failed int
			)
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					// Alternate new skills with rewrites of old ones, so
					// that a lost rewrite would show as a stale state.
					skill := fmt.Sprintf("s%d", i)
					if i%3 == 2 {
						skill = fmt.Sprintf("s%d", i/2)
					}
					st := bot.SkillState{Status: []bot.Status{bot.Learning, bot.Done, bot.Skipped}[i%3], At: time.UnixMilli(int64(1764230000000 + i)).UTC()}
					err := s.Apply(ctx, sc, bot.Write{
						Skills: []bot.SkillWrite{{Member: "w", Skill: skill, State: st}},
						Events: []bot.Event{{At: st.At, Member: "w", Kind: bot.EventKind(st.Status), Skill: skill}},
					})
					mu.Lock()
					if err == nil {
						acked[skill] = true
						maybe[skill] = []bot.SkillState{st}
					} else {
						maybe[skill] = append(maybe[skill], st)
						failed++
						if !errors.Is(err, bot.ErrUnavailable) {
							t.Errorf("write %d: %v, want an error matching bot.ErrUnavailable", i, err)
						}
					}
					mu.Unlock()
					if err != nil {
						time.Sleep(10 * time.Millisecond)
					}
				}
			}()
			count := func() int { mu.Lock(); defer mu.Unlock(); return len(acked) }
			waitCount := func(n int) {
				deadline := time.Now().Add(15 * time.Second)
				for count() < n {
					if time.Now().After(deadline) {
						t.Fatalf("only %d writes acknowledged, want %d", count(), n)
					}
					time.Sleep(5 * time.Millisecond)
				}
			}
			waitCount(200)
			if c.crash {
				srv.Kill()
			} else {
				srv.Shutdown()
			}
			time.Sleep(300 * time.Millisecond) // the writer keeps going into the outage
			before := count()
			srv.Restart()
			waitCount(before + 200)
			close(stop)
			<-done

			ms, err := s.Load(ctx, sc, "w")
			if err != nil || ms[0] == nil {
				t.Fatalf("load after restart: %v, %+v", err, ms)
			}
			mu.Lock()
			defer mu.Unlock()
			lost := 0
			for skill := range acked {
				if got := ms[0].Skills[skill]; !slices.Contains(maybe[skill], got) {
					lost++
					if lost <= 5 {
						t.Errorf("acknowledged %s = %+v, after restart %+v", skill, maybe[skill][0], got)
					}
				}
			}
			if lost > 0 {
				t.Errorf("%d of %d acknowledged changes lost", lost, len(acked))
			}
			if failed == 0 {
				t.Errorf("no write failed: the restart was not mid-run")
			}
			t.Logf("%d changes acknowledged, %d refused during the restart, %d lost", len(acked), failed, lost)
		})
	}
}
