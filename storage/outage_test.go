package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/roadmap"
)

const unavailable = "Storage is unavailable, try again shortly."

// TestServerOutage stops, then freezes, a test-owned server: Store calls must
// fail with bot.ErrUnavailable and commands must say so, each within 2 s,
// and everything must work again once the server is back.
func TestServerOutage(t *testing.T) {
	srv := startRedisServer(t, t.TempDir(), freePort(t), "--appendonly", "yes", "--appendfsync", "everysec")
	ctx := context.Background()
	rdb, err := Open(ctx, "redis://"+srv.addr()+"/0")
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

	srv.shutdown()
	expectDown("stopped")
	srv.start()
	expectUp("restarted")

	// A frozen server accepts connections and never answers: the worst
	// case for timeouts.
	if err := srv.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	expectDown("frozen")
	srv.cmd.Process.Signal(syscall.SIGCONT)
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
			srv := startRedisServer(t, t.TempDir(), freePort(t), "--appendonly", "yes", "--appendfsync", c.fsync)
			ctx := context.Background()
			rdb, err := Open(ctx, "redis://"+srv.addr()+"/0")
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
						Events: []bot.Event{{At: st.At, Member: "w", Kind: string(st.Status), Skill: skill}},
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
				srv.kill()
			} else {
				srv.shutdown()
			}
			time.Sleep(300 * time.Millisecond) // the writer keeps going into the outage
			before := count()
			srv.start()
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

// requireTools fails the test when a Redis command line tool is missing:
// these tests are meant to run, not to be skipped.
func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed for this test (apt-get install redis-server): %v", tool, err)
		}
	}
}

// freePort returns a local port that is free, and whose cluster bus port
// (port+10000) is free too.
func freePort(t *testing.T) int {
	t.Helper()
	for range 200 {
		p := 20000 + rand.IntN(25000)
		ok := true
		var ls []net.Listener
		for _, q := range []int{p, p + 10000} {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(q))
			if err != nil {
				ok = false
				break
			}
			ls = append(ls, l)
		}
		for _, l := range ls {
			l.Close()
		}
		if ok {
			return p
		}
	}
	t.Fatal("no free port pair found")
	return 0
}

// redisServer is a redis-server process owned by a test.
type redisServer struct {
	t    *testing.T
	port int
	dir  string
	args []string
	cmd  *exec.Cmd
	done chan struct{}
}

func (s *redisServer) addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

// startRedisServer runs redis-server on port with its files in dir, plus
// extra arguments, waits until it answers PING, and kills it at the end of
// the test.
func startRedisServer(t *testing.T, dir string, port int, extra ...string) *redisServer {
	t.Helper()
	requireTools(t, "redis-server", "redis-cli")
	s := &redisServer{t: t, port: port, dir: dir, args: append([]string{
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--save", "", "--logfile", filepath.Join(dir, "redis.log"),
	}, extra...)}
	s.start()
	t.Cleanup(s.kill)
	return s
}

func (s *redisServer) start() {
	s.t.Helper()
	s.cmd = exec.Command("redis-server", s.args...)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start redis-server: %v", err)
	}
	s.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) {
		cmd.Wait()
		close(done)
	}(s.cmd, s.done)
	rdb := redis.NewClient(&redis.Options{Addr: s.addr(), MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := rdb.Ping(context.Background()).Err()
		if err == nil {
			return
		}
		select {
		case <-s.done:
			log, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
			s.t.Fatalf("redis-server on %d exited: %s", s.port, log)
		default:
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("redis-server on %d does not answer: %v", s.port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// shutdown stops the server the orderly way (SHUTDOWN, which flushes the
// append-only file) and waits for the process to end.
func (s *redisServer) shutdown() {
	s.t.Helper()
	out, err := exec.Command("redis-cli", "-p", strconv.Itoa(s.port), "shutdown").CombinedOutput()
	if err != nil && len(out) > 0 && !strings.Contains(string(out), "refused") {
		s.t.Logf("redis-cli shutdown: %v %s", err, out)
	}
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.t.Fatalf("redis-server on %d did not stop", s.port)
	}
}

func (s *redisServer) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
		<-s.done
	}
}
