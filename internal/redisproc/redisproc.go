// Package redisproc runs redis-server processes owned by a test, for tests
// that restart, stop, kill or cluster Redis: never the shared server the
// other tests use. Tests fail, never skip, when redis-server is missing.
package redisproc

import (
	"context"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// RequireTools fails the test when a Redis command line tool is missing:
// these tests are meant to run, not to be skipped.
func RequireTools(tb testing.TB, tools ...string) {
	tb.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Fatalf("%s is needed for this test (apt-get install redis-server): %v", tool, err)
		}
	}
}

// FreePort returns a local port that is free, and whose cluster bus port
// (port+10000) is free too.
func FreePort(tb testing.TB) int {
	tb.Helper()
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
	tb.Fatal("no free port pair found")
	return 0
}

// Server is a redis-server process owned by a test.
type Server struct {
	tb   testing.TB
	Port int
	Dir  string
	args []string
	cmd  *exec.Cmd
	done chan struct{}
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.Port) }

// URL is the server's redis:// URL for database db.
func (s *Server) URL(db int) string { return "redis://" + s.Addr() + "/" + strconv.Itoa(db) }

// Start runs redis-server on a free port with its files in a temporary
// directory, plus extra arguments, waits until it answers PING, and kills
// it at the end of the test.
func Start(tb testing.TB, extra ...string) *Server {
	tb.Helper()
	return StartIn(tb, tb.TempDir(), FreePort(tb), extra...)
}

// StartIn is Start with the directory and port given.
func StartIn(tb testing.TB, dir string, port int, extra ...string) *Server {
	tb.Helper()
	RequireTools(tb, "redis-server", "redis-cli")
	s := &Server{tb: tb, Port: port, Dir: dir, args: append([]string{
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--save", "", "--logfile", filepath.Join(dir, "redis.log"),
	}, extra...)}
	s.Restart()
	tb.Cleanup(s.Kill)
	return s
}

// Restart starts the server again (after Shutdown or Kill) with the same
// arguments and waits until it answers.
func (s *Server) Restart() {
	s.tb.Helper()
	s.restart(func(err error) bool { return err == nil })
}

// RestartLoading starts the server again and returns as soon as it
// answers, "LOADING" included: for tests of what clients see while a
// server loads its data set. Start it with "--key-load-delay" and
// "--loading-process-events-interval-bytes 1024" (and enough data) to make
// that last.
func (s *Server) RestartLoading() {
	s.tb.Helper()
	s.restart(func(err error) bool { return err == nil || redis.IsLoadingError(err) })
}

func (s *Server) restart(up func(error) bool) {
	s.tb.Helper()
	s.cmd = exec.Command("redis-server", s.args...)
	if err := s.cmd.Start(); err != nil {
		s.tb.Fatalf("start redis-server: %v", err)
	}
	s.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) {
		cmd.Wait()
		close(done)
	}(s.cmd, s.done)
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := rdb.Ping(context.Background()).Err()
		if up(err) {
			return
		}
		select {
		case <-s.done:
			log, _ := os.ReadFile(filepath.Join(s.Dir, "redis.log"))
			s.tb.Fatalf("redis-server on %d exited: %s", s.Port, log)
		default:
		}
		if time.Now().After(deadline) {
			s.tb.Fatalf("redis-server on %d does not answer: %v", s.Port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Shutdown stops the server the orderly way (SHUTDOWN, which flushes the
// append-only file) and waits for the process to end.
func (s *Server) Shutdown() {
	s.tb.Helper()
	out, err := exec.Command("redis-cli", "-p", strconv.Itoa(s.Port), "shutdown").CombinedOutput()
	if err != nil && len(out) > 0 && !strings.Contains(string(out), "refused") {
		s.tb.Logf("redis-cli shutdown: %v %s", err, out)
	}
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.tb.Fatalf("redis-server on %d did not stop", s.Port)
	}
}

// Kill ends the process with SIGKILL (resuming it first if stopped) and
// waits for it.
func (s *Server) Kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGCONT)
		s.cmd.Process.Kill()
		<-s.done
	}
}

// Stop freezes the process with SIGSTOP: it keeps its connections open
// and answers nothing, as a hung server does.
func (s *Server) Stop() { s.signal(syscall.SIGSTOP) }

// Cont resumes a server frozen by Stop.
func (s *Server) Cont() { s.signal(syscall.SIGCONT) }

func (s *Server) signal(sig os.Signal) {
	s.tb.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.tb.Fatalf("signal redis-server: %v", err)
	}
}

// StartCluster creates a Redis Cluster of masters redis-server processes
// without replicas and returns its nodes once every one reports
// cluster_state:ok.
func StartCluster(tb testing.TB, masters int) []*Server {
	tb.Helper()
	RequireTools(tb, "redis-server", "redis-cli")
	dir := tb.TempDir()
	var nodes []*Server
	var addrs []string
	for i := range masters {
		d := filepath.Join(dir, strconv.Itoa(i))
		if err := os.Mkdir(d, 0o755); err != nil {
			tb.Fatal(err)
		}
		n := StartIn(tb, d, FreePort(tb), "--cluster-enabled", "yes",
			"--cluster-config-file", filepath.Join(d, "nodes.conf"),
			"--cluster-node-timeout", "5000", "--appendonly", "no")
		nodes = append(nodes, n)
		addrs = append(addrs, n.Addr())
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		tb.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for _, n := range nodes {
		rdb := redis.NewClient(&redis.Options{Addr: n.Addr()})
		for {
			info, err := rdb.ClusterInfo(context.Background()).Result()
			if err == nil && strings.Contains(info, "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				rdb.Close()
				tb.Fatalf("cluster node %s not ok: %v\n%s", n.Addr(), err, info)
			}
			time.Sleep(50 * time.Millisecond)
		}
		rdb.Close()
	}
	return nodes
}

// ClusterURL is the URL form storage.Open takes for a cluster: the first
// node as the host and the others as addr= parameters.
func ClusterURL(nodes []*Server) string {
	u := "redis://" + nodes[0].Addr() + "?"
	for i, n := range nodes[1:] {
		if i > 0 {
			u += "&"
		}
		u += "addr=" + n.Addr()
	}
	return u
}
