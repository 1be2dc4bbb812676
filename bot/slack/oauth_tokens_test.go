package slack

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func TestOAuthTokenRotation(t *testing.T) {
	e := newOAuthEnv(t, time.Hour)
	e.fake.expiresIn = 20 * 60
	team := "TR" + e.team[1:]
	e.install(team)
	ctx := context.Background()
	first, _ := e.installs.Load(ctx, scope(team))
	if first.Refresh == "" || first.Expires.IsZero() {
		t.Fatalf("rotation off in the stored install: %+v", first)
	}
	// Ten minutes on, less than refreshBefore is left: the next use refreshes.
	e.now = e.now.Add(10 * time.Minute)
	if reply := e.command(team, "U"+team+"1", "join junior"); !strings.Contains(strings.ToLower(reply), "junior") {
		t.Fatalf("command: %s", reply)
	}
	if n := e.slack.count("refresh"); n != 1 {
		t.Fatalf("refreshed %d times, want 1", n)
	}
	now, _ := e.installs.Load(ctx, scope(team))
	if now.BotToken == first.BotToken || now.Refresh == first.Refresh {
		t.Fatal("the refreshed token was not stored")
	}
	e.sameTeam(team)
	e.plainTokens()

	// Slack refuses the next refresh: logged, marked for reinstall.
	e.fake.refuseRefresh = true
	e.now = e.now.Add(10 * time.Minute)
	reply := e.command(team, "U"+team+"1", "progress")
	if !strings.Contains(reply, "reinstalled") {
		t.Fatalf("command after a refused refresh: %s", reply)
	}
	if e.a.Serves(ctx, scope(team)) {
		t.Fatal("a workspace whose refresh failed is still served")
	}
	if at, _ := e.installs.ForgetAt(ctx, scope(team)); !at.IsZero() {
		t.Fatal("a failed refresh scheduled the data's deletion")
	}
}

// TestOAuthSocketMode: in OAuth mode with an app-level token, commands
// arrive over Socket Mode and are answered with the workspace's own token.
func TestOAuthSocketMode(t *testing.T) {
	e := newOAuthEnv(t, time.Hour)
	cfg := e.cfg
	cfg.BotToken, cfg.AppToken = "", "xapp-test"
	cfg.OAuth = &OAuth{ClientID: e.fake.clientID, ClientSecret: e.fake.secret, PublicURL: testPublicURL, Installs: e.installs}
	var err error
	if e.a, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	team := "TK" + e.team[1:]
	e.install(team)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.a.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	e.slack.waitFor("socket connected", func() bool { return e.a.Ready() == nil })
	for i, tc := range []struct{ team, want string }{{team, "junior"}, {"TNOPE" + e.team[1:], "reinstalled"}} {
		env := fmt.Sprintf("env-%d", i)
		e.slack.envelopes <- map[string]any{
			"envelope_id": env, "type": "slash_commands", "accepts_response_payload": true,
			"payload": map[string]any{"team_id": tc.team, "user_id": "U" + tc.team + "1", "user_name": "u1", "command": "/mentor",
				"text": "join junior", "channel_id": "C1", "response_url": e.slack.srv.URL + "/response/cmd"},
		}
		ack := e.slack.nextAck(t)
		if ack["envelope_id"] != env || !strings.Contains(strings.ToLower(fmtJSON(ack["payload"])), tc.want) {
			t.Fatalf("ack from %s = %s", tc.team, fmtJSON(ack))
		}
	}
	e.sameTeam(team)
}

// TestOAuthOtherReplicaSeesUninstall: a replica that did not handle the
// uninstall event stops serving the workspace within teamTTL.
func TestOAuthOtherReplicaSeesUninstall(t *testing.T) {
	e := newOAuthEnv(t, time.Hour)
	team := "TQ" + e.team[1:]
	e.install(team)
	other, err := New(e.a.cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if !other.Serves(ctx, scope(team)) {
		t.Fatal("the other replica does not serve an installed workspace")
	}
	e.event(team, "EvGone", map[string]any{"type": "app_uninstalled"})
	e.now = e.now.Add(teamTTL + time.Second)
	if other.Serves(ctx, scope(team)) {
		t.Fatalf("the other replica still serves the workspace %s after the uninstall", teamTTL)
	}
}

// TestOAuthRefreshDuringAnOutage: when Slack cannot be reached for a
// refresh, the current token serves while it lasts, and the refresh is
// not tried again on every request.
func TestOAuthRefreshDuringAnOutage(t *testing.T) {
	e := newOAuthEnv(t, time.Hour)
	e.fake.expiresIn = 20 * 60
	team := "TD" + e.team[1:]
	e.install(team)
	e.slack.mu.Lock()
	e.fake.refreshDown = true
	e.slack.mu.Unlock()
	e.now = e.now.Add(10 * time.Minute)
	for i := range 3 {
		e.now = e.now.Add(time.Second) // each a new request, not a replay
		if reply := e.command(team, "U"+team+"1", "join junior"); !strings.Contains(strings.ToLower(reply), "junior") {
			t.Fatalf("command %d during the outage: %s", i, reply)
		}
	}
	if n := e.slack.count("refresh"); n != 1 {
		t.Fatalf("refresh tried %d times in a minute, want 1", n)
	}
	if !e.a.Serves(context.Background(), scope(team)) {
		t.Fatal("not served during the outage")
	}
	// A minute on, it is tried again; Slack is back.
	e.slack.mu.Lock()
	e.fake.refreshDown = false
	e.slack.mu.Unlock()
	e.now = e.now.Add(teamTTL + time.Second)
	e.command(team, "U"+team+"1", "progress")
	if n := e.slack.count("refresh"); n != 2 {
		t.Fatalf("refresh tried %d times, want 2", n)
	}
	e.sameTeam(team)
}

// trips counts Redis round trips: one per command sent alone, one per
// pipeline or transaction.
type trips struct{ n atomic.Int64 }

func (c *trips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (c *trips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if name := cmd.Name(); name != "hello" && name != "client" {
			c.n.Add(1)
		}
		return next(ctx, cmd)
	}
}
func (c *trips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		// A new connection's handshake (HELLO, CLIENT SETINFO) is no round
		// trip of a command's.
		if len(cmds) > 0 && cmds[0].Name() != "hello" && cmds[0].Name() != "client" {
			c.n.Add(1)
		}
		return next(ctx, cmds)
	}
}

// TestOAuthRedisCost: serving a workspace from its own installation costs
// one Redis round trip a minute per process (the installation's read), not
// one per command.
func TestOAuthRedisCost(t *testing.T) {
	run := func(e *env, team string) int64 {
		t.Helper()
		c := &trips{}
		e.rdb.AddHook(c)
		saved := e.team
		e.team = team
		defer func() { e.team = saved }()
		for _, text := range []string{"join junior", "progress", "next", "progress"} {
			if w := e.serve(signedRequest("/slack/events", e.commandForm("U"+team+"1", text), e.now)); w.Code != 200 {
				t.Fatalf("%s: %d", text, w.Code)
			}
		}
		n := c.n.Load()
		c.n.Store(-1 << 40) // this hook stops counting
		return n
	}
	single := newEnv(t, nil)
	base := run(single, single.team)
	o := newOAuthEnv(t, time.Hour)
	team := "TC" + o.team[1:]
	o.install(team)
	got := run(o.env, team)
	t.Logf("Redis round trips for 4 commands: single-token %d, OAuth %d", base, got)
	if got != base+1 {
		t.Fatalf("OAuth mode: %d round trips for 4 commands, single-token %d: more than one extra", got, base)
	}
}
