package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/internal/testkit"
)

// stepLog records the order in which the parts of a shutdown happen.
type stepLog struct {
	mu    sync.Mutex
	steps []string
}

func (l *stepLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.steps = append(l.steps, s)
}

func (l *stepLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.steps, ", ")
}

// fakeRunner notes when its context ends, then takes a while to stop, as
// the scheduler does while it releases its claims.
type fakeRunner struct {
	name  string
	log   *stepLog
	stop  time.Duration
	err   error
	ended atomic.Bool
}

func (r *fakeRunner) Run(ctx context.Context) error {
	<-ctx.Done()
	r.log.add(r.name + " stopping")
	time.Sleep(r.stop)
	r.log.add(r.name + " stopped")
	r.ended.Store(true)
	return r.err
}

// TestRunAllShutdownOrder stops runAll as SIGTERM does while an HTTP request
// is in flight: /readyz drains first, the scheduler stops at once (and its
// release error is logged, not lost), the adapters stop only after the
// request has finished, and runAll returns nil only after the scheduler
// has stopped, so that Redis is closed after the claims are released.
func TestRunAllShutdownOrder(t *testing.T) {
	steps := &stepLog{}
	var logs testkit.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	adapter := &fakeRunner{name: "adapter", log: steps}
	sched := &fakeRunner{name: "scheduler", log: steps, stop: 300 * time.Millisecond,
		err: errors.New("release claims: redis down")}

	entered, finish := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-finish
		steps.add("request done")
		io.WriteString(w, "done")
	})
	mux.HandleFunc("GET /up", func(http.ResponseWriter, *http.Request) {})
	addr := testkit.ClosedAddr(t)
	cfg := config{HTTPAddr: addr}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	result := make(chan error, 1)
	go func() {
		result <- runAll(ctx, cfg, log, mux, []runner{adapter}, sched, func() { steps.add("drain") }, nil)
	}()
	for i := 0; ; i++ {
		if res, err := http.Get("http://" + addr + "/up"); err == nil {
			res.Body.Close()
			break
		}
		if i > 200 {
			t.Fatalf("runAll does not serve on %s:\n%s", addr, logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	reply := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			reply <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		reply <- string(b)
	}()
	<-entered

	began := time.Now()
	cancel() // SIGTERM
	time.Sleep(200 * time.Millisecond)
	if adapter.ended.Load() || strings.Contains(steps.String(), "adapter stopping") {
		t.Errorf("an adapter stopped while an HTTP request was in flight: %s", steps)
	}
	if !strings.Contains(steps.String(), "scheduler stopping") {
		t.Errorf("the scheduler still takes work 200 ms after the signal: %s", steps)
	}
	close(finish)
	if got := <-reply; got != "done" {
		t.Errorf("the request in flight got %q, want it finished", got)
	}
	select {
	case err := <-result:
		if err != nil {
			t.Errorf("runAll after a signal = %v, want nil (exit 0)", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("runAll still running 10 s after the signal: %s", steps)
	}
	if took := time.Since(began); took > shutdownGrace {
		t.Errorf("shutdown took %s", took)
	}
	if !sched.ended.Load() || !adapter.ended.Load() {
		t.Errorf("runAll returned before every part stopped: %s", steps)
	}
	got := steps.String()
	for _, order := range [][2]string{
		{"drain", "scheduler stopping"},
		{"request done", "adapter stopping"},
	} {
		if i, j := strings.Index(got, order[0]), strings.Index(got, order[1]); i < 0 || j < 0 || i > j {
			t.Errorf("%q should come before %q: %s", order[0], order[1], got)
		}
	}
	if !strings.Contains(logs.String(), "release claims: redis down") {
		t.Errorf("the scheduler's error on the way out was not logged:\n%s", logs.String())
	}
}

// TestRunAllAdapterFailure: a part that fails ends runAll with its error
// (exit 1), and the others are still stopped.
func TestRunAllAdapterFailure(t *testing.T) {
	steps := &stepLog{}
	var logs bytes.Buffer
	sched := &fakeRunner{name: "scheduler", log: steps}
	failing := runnerFunc(func(context.Context) error { return errors.New("slack: SLACK_BOT_TOKEN rejected") })
	err := runAll(context.Background(), config{}, slog.New(slog.NewTextHandler(&logs, nil)), http.NewServeMux(),
		[]runner{failing}, sched, func() {}, nil)
	if err == nil || !strings.Contains(err.Error(), "rejected") {
		t.Errorf("runAll = %v, want the adapter's error", err)
	}
	if !sched.ended.Load() {
		t.Errorf("the scheduler was not stopped: %s", steps)
	}
}

type runnerFunc func(context.Context) error

func (f runnerFunc) Run(ctx context.Context) error { return f(ctx) }
