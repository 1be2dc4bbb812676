package storage

import (
	"context"
	"errors"
	"net"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redisproc"
	"github.com/mentorbot/mentorbot/internal/testkit"
)

// TestServerStatesAreUnavailable puts a test-owned redis-server into each
// state where it refuses commands for a while — loading its data after a
// restart, a replica whose master is gone (READONLY), a replica told not
// to serve stale data (MASTERDOWN) — and checks that a transaction
// (refused as a whole with EXECABORT), a Lua script and a read (where
// the server refuses reads) each fail
// with bot.ErrUnavailable, which users read as "try again shortly", not as
// an internal error.
func TestServerStatesAreUnavailable(t *testing.T) {
	gone := testkit.ClosedAddr(t)
	host, port, err := net.SplitHostPort(gone)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		args  []string
		setup func(t *testing.T, srv *redisproc.Server)
		want  string // the server's reply to a write, as a check of the state
	}{
		{
			name: "loading",
			args: []string{"--key-load-delay", "100", "--loading-process-events-interval-bytes", "1024",
				"--enable-debug-command", "local"},
			setup: func(t *testing.T, srv *redisproc.Server) {
				rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
				defer rdb.Close()
				ctx := context.Background()
				// 30,000 keys at 100 µs each keep it loading for 3 s.
				if err := rdb.Do(ctx, "DEBUG", "POPULATE", 30000).Err(); err != nil {
					t.Fatal(err)
				}
				if err := rdb.Save(ctx).Err(); err != nil {
					t.Fatal(err)
				}
				srv.Kill()
				srv.RestartLoading()
			},
			want: "LOADING",
		},
		{name: "readonly", args: []string{"--replicaof", host, port}, want: "READONLY"},
		{
			name: "masterdown",
			// PING fails too in that state: set it once the server is up.
			setup: func(t *testing.T, srv *redisproc.Server) {
				rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
				defer rdb.Close()
				ctx := context.Background()
				if err := rdb.ConfigSet(ctx, "replica-serve-stale-data", "no").Err(); err != nil {
					t.Fatal(err)
				}
				if err := rdb.Do(ctx, "REPLICAOF", host, port).Err(); err != nil {
					t.Fatal(err)
				}
			},
			want: "MASTERDOWN",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := redisproc.Start(t, c.args...)
			ctx := context.Background()
			rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), MaxRetries: -1})
			defer rdb.Close()
			if c.setup != nil {
				c.setup(t, srv)
			}
			// A replica refuses writes with READONLY before it looks at
			// its link to the master: GET shows MASTERDOWN, SET the rest.
			probe := rdb.Set(ctx, "probe", "1", 0).Err()
			if c.want == "MASTERDOWN" {
				probe = rdb.Get(ctx, "probe").Err()
			}
			if !redis.HasErrorPrefix(probe, c.want) {
				t.Fatalf("server state: %v, want %s", probe, c.want)
			}
			s := New(rdb)
			sc := bot.Scope{Platform: "test", Workspace: "unavailable"}
			checks := map[string]error{
				"transaction": s.Apply(ctx, sc, bot.Write{Members: []*bot.Member{{ID: "w", Name: "Writer", Stage: "junior"}}}),
				"script":      s.Apply(ctx, sc, bot.Write{Forget: []string{"w"}}),
			}
			if c.want != "READONLY" { // a replica still serves reads
				_, checks["read"] = s.Load(ctx, sc, "w")
			}
			for what, err := range checks {
				if !errors.Is(err, bot.ErrUnavailable) {
					t.Errorf("%s while %s: %v, want an error matching bot.ErrUnavailable", what, c.want, err)
				}
			}
		})
	}
}
