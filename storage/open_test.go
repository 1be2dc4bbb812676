package storage

import (
	"github.com/mentorbot/mentorbot/internal/testkit"

	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
)

// silentAddr returns a local address that accepts connections and never
// answers, like a hung server.
func silentAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String()
}

func TestOutage(t *testing.T) {
	sc := bot.Scope{Platform: "test", Workspace: "outage"}
	for name, addr := range map[string]string{"refused": testkit.ClosedAddr(t), "silent": silentAddr(t)} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			url := "redis://:hunter2secret@" + addr + "/0"
			start := time.Now()
			_, err := Open(context.Background(), url)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("Open took %v", took)
			}
			if !errors.Is(err, bot.ErrUnavailable) {
				t.Errorf("Open error %v does not match bot.ErrUnavailable", err)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2secret") {
				t.Errorf("password in error: %v", err)
			}
			t.Logf("Open: %v (%v)", err, time.Since(start))

			rdb, err := newClient(url)
			if err != nil {
				t.Fatal(err)
			}
			defer rdb.Close()
			s := New(rdb)
			ops := map[string]func() error{
				"Load":  func() error { _, err := s.Load(context.Background(), sc, "U1"); return err },
				"Apply": func() error { return s.Apply(context.Background(), sc, bot.Write{Forget: []string{"U1"}}) },
				"Once":  func() error { _, err := s.Once(context.Background(), sc, "k", time.Minute); return err },
			}
			for op, f := range ops {
				start := time.Now()
				err := f()
				took := time.Since(start)
				if !errors.Is(err, bot.ErrUnavailable) {
					t.Errorf("%s error %v does not match bot.ErrUnavailable", op, err)
				}
				if took > 2*time.Second {
					t.Errorf("%s took %v, want < 2s", op, took)
				}
				t.Logf("%s: %v (%v)", op, err, took)
			}
		})
	}
}

func TestOpenRedactsPassword(t *testing.T) {
	addr := testkit.ClosedAddr(t)
	for _, url := range []string{
		"redis://user:Sekr1tPw@" + addr + "/0",
		"rediss://:Sekr1tPw@" + addr + "/0",
		"redis://:Sekr1tPw@" + addr + "/0?master_name=mymaster&password=Sekr1tPw",
		"redis://:Sekr1tPw@" + addr + "?addr=" + addr,
		"redis://:Sekr1tPw@" + addr + "/0?bogus_option=1",
		"redis://:Sekr1tPw@" + addr + "/notadb",
		"redis://default:Sekr1tPw",        // forgot the host: the password parses as a port
		"redis://u:Sekr1tPw@host:port:x/", // malformed
		"redis://u:Sekr1tPw@\x7f/",        // malformed
		"ftp://u:Sekr1tPw@" + addr,
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_, err := Open(ctx, url)
		cancel()
		if err == nil {
			t.Errorf("Open(%q) succeeded", url)
			continue
		}
		if strings.Contains(err.Error(), "Sekr1tPw") {
			t.Errorf("password shown: %v", err)
		}
		t.Logf("%v", err)
	}
	// A wrong password against the real server: the reply names the
	// problem without echoing the password.
	_, err := Open(context.Background(), strings.Replace(testURL(), "redis://", "redis://nosuchuser:Sekr1tPw@", 1))
	if err == nil || strings.Contains(err.Error(), "Sekr1tPw") {
		t.Errorf("wrong credentials: %v", err)
	}
	t.Logf("wrong credentials: %v", err)
}

func TestOpenForms(t *testing.T) {
	for _, tc := range []struct {
		url  string
		kind string
	}{
		{"redis://localhost:6379/0", "*redis.Client"},
		{"rediss://localhost:6380/2", "*redis.Client"},
		{"redis://s1:26379/0?master_name=mymaster&addr=s2:26379", "*redis.Client"},
		{"redis://n1:7000?addr=n2:7000&addr=n3:7000", "*redis.ClusterClient"},
		{"redis+cluster://n1:7000", "*redis.ClusterClient"},
		{"rediss+cluster://n1:7000", "*redis.ClusterClient"},
	} {
		rdb, err := newClient(tc.url)
		if err != nil {
			t.Errorf("%s: %v", tc.url, err)
			continue
		}
		if got := fmt.Sprintf("%T", rdb); got != tc.kind {
			t.Errorf("%s: %s, want %s", tc.url, got, tc.kind)
		}
		if c, ok := rdb.(*redis.Client); ok {
			o := c.Options()
			if o.DialTimeout != time.Second || o.ReadTimeout != time.Second || o.WriteTimeout != time.Second || o.MaxRetries != 1 {
				t.Errorf("%s: timeouts %v %v %v retries %d", tc.url, o.DialTimeout, o.ReadTimeout, o.WriteTimeout, o.MaxRetries)
			}
		}
		rdb.Close()
	}
	rdb, err := newClient("redis://localhost/0?read_timeout=5s")
	if err != nil {
		t.Fatal(err)
	}
	if o := rdb.(*redis.Client).Options(); o.ReadTimeout != 5*time.Second {
		t.Errorf("URL read_timeout overridden: %v", o.ReadTimeout)
	}
	rdb.Close()
}

func TestOpenReal(t *testing.T) {
	rdb := realRedis(t)
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
}
