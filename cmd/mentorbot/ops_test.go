package main

import (
	"slices"

	"github.com/mentorbot/mentorbot/internal/testkit"
	"github.com/mentorbot/mentorbot/scheduler"

	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/storage"
)

func testRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	rdb, err := storage.Open(context.Background(), redisURL())
	if err != nil {
		t.Fatalf("real Redis needed at REDIS_TEST_URL (default redis://127.0.0.1:6379/0): %v", err)
	}
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func opsMux(o *ops) *http.ServeMux {
	mux := http.NewServeMux()
	o.routes(mux)
	return mux
}

func TestMetricsExposeSeries(t *testing.T) {
	rdb := testRedis(t)
	o := newOps(rdb, slog.New(slog.DiscardHandler))
	o.observe("progress", "ok", 3*time.Millisecond)
	o.observe("progress", "ok", 40*time.Millisecond)
	o.observe("done", "rejected", time.Millisecond)
	o.observe("unknown", "rejected", time.Millisecond)
	for _, oc := range []scheduler.Outcome{scheduler.Sent, scheduler.Reminded, scheduler.RateLimited, scheduler.Duplicate, scheduler.Late, "bogus", scheduler.Lost, scheduler.TakenOver} {
		o.nudge(oc) // as the scheduler reports them
	}
	o.leaseExpired(2)
	o.leaseExpired(0)
	ctx := context.Background()
	rdb.Get(ctx, "mb:ops-test:no-such-key") // redis.Nil: not an error
	if err := rdb.Do(ctx, "NO-SUCH-COMMAND").Err(); err == nil {
		t.Fatal("an unknown command succeeded")
	}
	rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Do(ctx, "NO-SUCH-COMMAND")
		return nil
	})

	code, body := get(t, opsMux(o), "/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d\n%s", code, body)
	}
	for _, want := range []string{
		`mentorbot_commands_total{command="progress",outcome="ok"} 2`,
		`mentorbot_commands_total{command="done",outcome="rejected"} 1`,
		`mentorbot_commands_total{command="unknown",outcome="rejected"} 1`,
		`mentorbot_command_duration_seconds_count{command="progress"} 2`,
		`mentorbot_command_duration_seconds_bucket{command="progress",le="0.005"} 1`,
		`mentorbot_command_duration_seconds_bucket{command="progress",le="0.05"} 2`,
		`mentorbot_nudges_total{outcome="sent"} 2`,
		`mentorbot_nudges_total{outcome="rate_limited"} 1`,
		`mentorbot_nudges_total{outcome="failed"} 0`,
		`mentorbot_nudges_total{outcome="skipped"} 2`,
		`mentorbot_nudges_total{outcome="other"} 1`,
		`mentorbot_lease_expiries_total 3`,
		`mentorbot_redis_errors_total 2`,
		`mentorbot_redis_pool_hits_total `,
		`mentorbot_redis_pool_misses_total `,
		`mentorbot_redis_pool_timeouts_total `,
		`mentorbot_redis_pool_stale_conns_total `,
		`mentorbot_redis_pool_total_conns `,
		`mentorbot_redis_pool_idle_conns `,
		`# TYPE mentorbot_redis_pool_idle_conns gauge`,
		`# TYPE mentorbot_redis_pool_hits_total counter`,
		`go_goroutines `,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	// Everything that is not the runtime's or the process's is ours.
	for _, line := range strings.Split(body, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, "mentorbot_") && !strings.HasPrefix(line, "go_") && !strings.HasPrefix(line, "process_") {
			t.Errorf("series outside mentorbot_: %s", line)
		}
	}
}

func TestHealthz(t *testing.T) {
	o := newOps(redis.NewClient(&redis.Options{Addr: testkit.ClosedAddr(t)}), slog.New(slog.DiscardHandler))
	code, body := get(t, opsMux(o), "/healthz")
	if code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz with Redis down = %d %q, want 200 ok", code, body)
	}
	rec := httptest.NewRecorder()
	opsMux(o).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/healthz", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz = %d, want 405", rec.Code)
	}
}

func TestReadyz(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))

	up := newOps(testRedis(t), log)
	if code, body := get(t, opsMux(up), "/readyz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("/readyz with Redis up = %d %q, want 200 ok", code, body)
	}

	down := redis.NewClient(&redis.Options{Addr: testkit.ClosedAddr(t), Password: "hunter2-readyz",
		DialTimeout: time.Second, MaxRetries: 1})
	t.Cleanup(func() { down.Close() })
	o := newOps(down, log)
	start := time.Now()
	code, body := get(t, opsMux(o), "/readyz")
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("/readyz with Redis down took %s", took)
	}
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "redis") {
		t.Errorf("/readyz with Redis down = %d %q, want 503 naming redis", code, body)
	}

	// Checks: a failing one is named, its error text is not shown; a hung
	// one times out.
	up.addCheck("slack", func(context.Context) error { return nil })
	up.addCheck("discord", func(context.Context) error { return errors.New("gateway closed: token=sekrit-discord") })
	up.addCheck("stuck", func(ctx context.Context) error { select {} })
	start = time.Now()
	code, body = get(t, opsMux(up), "/readyz")
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("/readyz with a stuck check took %s", took)
	}
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "discord") || !strings.Contains(body, "stuck: timed out") || strings.Contains(body, "slack") {
		t.Errorf("/readyz with failing checks = %d %q, want 503 naming discord and stuck only", code, body)
	}
	if strings.Contains(body, "sekrit") || strings.Contains(body, "hunter2") {
		t.Errorf("/readyz shows an error's text: %q", body)
	}
	if strings.Contains(logs.String(), "hunter2") {
		t.Errorf("a Redis password reached the log:\n%s", logs.String())
	}

	ok := newOps(testRedis(t), log)
	ok.drain()
	if code, body := get(t, opsMux(ok), "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "shutting down") {
		t.Errorf("/readyz while draining = %d %q, want 503 shutting down", code, body)
	}
}

// TestReadyzFollowsRedis stops and restarts a test-owned server: /readyz
// must turn 503 within 5 s of it stopping and 200 again when it is back.
func TestReadyzFollowsRedis(t *testing.T) {
	addr, start, stop := ownRedis(t)
	start()
	// The client mentorbot itself uses, with its timeouts and retries.
	rdb, err := storage.Open(context.Background(), "redis://"+addr+"/0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	mux := opsMux(newOps(rdb, slog.New(slog.DiscardHandler)))
	waitFor := func(want int, within time.Duration) {
		t.Helper()
		deadline := time.Now().Add(within)
		for {
			code, body := get(t, mux, "/readyz")
			if code == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("/readyz still %d %q after %s, want %d", code, body, within, want)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitFor(http.StatusOK, 5*time.Second)
	stop()
	waitFor(http.StatusServiceUnavailable, 5*time.Second)
	start()
	waitFor(http.StatusOK, 5*time.Second)
}

// ownRedis returns the address of a redis-server of this test's own, with
// extra arguments, and functions that start and stop it. It is stopped at
// the end of the test.
func ownRedis(t testing.TB, extra ...string) (addr string, start, stop func()) {
	t.Helper()
	addr = testkit.ClosedAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	dir := t.TempDir()
	auth := []string{"-p", port}
	for i := 0; i+1 < len(extra); i++ {
		if extra[i] == "--requirepass" {
			auth = append(auth, "--no-auth-warning", "-a", extra[i+1])
		}
	}
	start = func() {
		t.Helper()
		args := append([]string{"--port", port, "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no",
			"--daemonize", "yes", "--pidfile", dir + "/redis.pid", "--logfile", dir + "/redis.log"}, extra...)
		if out, err := runTool("redis-server", args...); err != nil {
			t.Fatalf("redis-server (needed for this test): %v\n%s", err, out)
		}
		for range 100 {
			if out, _ := runTool("redis-cli", append(auth, "ping")...); strings.Contains(string(out), "PONG") {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("redis-server on %s does not answer", addr)
	}
	stop = func() { runTool("redis-cli", append(auth, "shutdown", "nosave")...) }
	t.Cleanup(stop)
	return addr, start, stop
}

// runTool runs a command line tool and returns what it printed.
func runTool(name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, name, args...).CombinedOutput()
}

// fakeSecrets are a full configuration with fake but recognisable secrets.
var fakeSecrets = map[string]string{
	"SLACK_BOT_TOKEN":      "xoxb-111-222-FAKEbotTOKENslack",
	"SLACK_APP_TOKEN":      "xapp-1-A1-333-FAKEappTOKENslack",
	"SLACK_SIGNING_SECRET": "FAKEsigningSECRETslack0123",
	"DISCORD_BOT_TOKEN":    "MTFAKE.discordBOT.tokenXYZ",
	"REDIS_PASSWORD":       "FAKEredisPASSWORD42",
}

// TestSecretsNeverShown runs mentorbot with fake secrets in several failing
// and working set-ups, and greps everything it wrote for them.
func TestSecretsNeverShown(t *testing.T) {
	// A Slack and Discord API that refuses every token, as the real ones
	// would with these.
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if strings.Contains(r.URL.Path, "/api/v") { // Discord
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message": "401: Unauthorized", "code": 0}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"ok": false, "error": "invalid_auth"}`)
	}))
	defer api.Close()
	// And one that takes them, so that mentorbot runs and serves, in a
	// workspace of this test's own.
	team := fmt.Sprintf("T%dSECRET", rand.Uint64()%1e9)
	t.Cleanup(func() {
		rdb, err := storage.Open(context.Background(), redisURL())
		if err == nil {
			dropKeys(t, rdb, bot.Scope{Platform: "slack", Workspace: team})
			rdb.Close()
		}
	})
	accept := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.Contains(r.URL.Path, "/api/v"): // Discord: command registration
			fmt.Fprint(w, `[]`)
		case strings.HasSuffix(r.URL.Path, "/auth.test"):
			fmt.Fprintf(w, `{"ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team_id": %q, "user": "mentorbot"}`, team)
		case strings.HasSuffix(r.URL.Path, "/users.info"):
			fmt.Fprintf(w, `{"ok": true, "user": {"id": %q, "tz": "UTC", "profile": {"display_name": "someone"}}}`, r.Form.Get("user"))
		default:
			fmt.Fprint(w, `{"ok": true}`)
		}
	}))
	defer accept.Close()
	serving := testkit.ClosedAddr(t)
	pw := fakeSecrets["REDIS_PASSWORD"]
	down := testkit.ClosedAddr(t)
	good := redisURL()
	locked, start, _ := ownRedis(t, "--requirepass", "the-real-one")
	start()
	chat := map[string]string{
		"SLACK_BOT_TOKEN": fakeSecrets["SLACK_BOT_TOKEN"], "SLACK_SIGNING_SECRET": fakeSecrets["SLACK_SIGNING_SECRET"],
		"SLACK_API_URL": api.URL, "HTTP_ADDR": "127.0.0.1:0",
		"DISCORD_BOT_TOKEN": fakeSecrets["DISCORD_BOT_TOKEN"], "DISCORD_APP_ID": "123456789012345678",
		"DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32), "DISCORD_GATEWAY": "off", "DISCORD_API_URL": api.URL,
		"LOG_LEVEL": "debug",
	}
	with := func(base map[string]string, kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name string
		env  map[string]string
		wait time.Duration // how long a set-up that starts is left running
	}{
		{"redis down", with(chat, "REDIS_URL", "redis://default:"+pw+"@"+down+"/0"), 0},
		{"redis down json", with(chat, "REDIS_URL", "redis://:"+pw+"@"+down+"/0", "LOG_FORMAT", "json"), 0},
		{"malformed redis url", with(chat, "REDIS_URL", "redis://u:"+pw+"@host:port:x/0"), 0},
		{"sentinel down", with(chat, "REDIS_URL", "redis://"+down+"/0?master_name=m&password="+pw), 0},
		{"cluster down", with(chat, "REDIS_URL", "redis://:"+pw+"@"+down+"?addr="+testkit.ClosedAddr(t)), 0},
		{"wrong redis password", with(chat, "REDIS_URL", "redis://:"+pw+"@"+locked+"/0"), 0},
		{"slack socket mode refused", with(chat, "REDIS_URL", good, "SLACK_APP_TOKEN", fakeSecrets["SLACK_APP_TOKEN"],
			"SLACK_SIGNING_SECRET", "", "DISCORD_BOT_TOKEN", "", "DISCORD_PUBLIC_KEY", ""), 3 * time.Second},
		{"chat apis refuse the tokens", with(chat, "REDIS_URL", good), 3 * time.Second},
		{"serving", with(chat, "REDIS_URL", good, "SLACK_API_URL", accept.URL, "DISCORD_API_URL", accept.URL,
			"HTTP_ADDR", serving, "LOG_FORMAT", "json"), 4 * time.Second},
		{"bad config", map[string]string{"SLACK_BOT_TOKEN": fakeSecrets["SLACK_BOT_TOKEN"], "SLACK_APP_TOKEN": "xoxp-" + fakeSecrets["SLACK_APP_TOKEN"]}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			if c.wait > 0 {
				ctx, cancel = context.WithTimeout(context.Background(), c.wait)
			}
			defer cancel()
			var out, errb bytes.Buffer
			var answers []string
			probed := make(chan struct{})
			go func() {
				defer close(probed)
				if c.env["HTTP_ADDR"] == serving {
					answers = probe(ctx, "http://"+serving, team)
				}
			}()
			code := run(ctx, nil, strings.NewReader(""), &out, &errb, func(k string) string { return c.env[k] })
			<-probed
			if c.env["HTTP_ADDR"] == serving && len(answers) == 0 {
				t.Errorf("the HTTP server never answered; stderr:\n%s", errb.String())
			}
			if c.wait == 0 && code == 0 {
				t.Errorf("exit 0, want a failure; stderr:\n%s", errb.String())
			}
			for name, secret := range fakeSecrets {
				for what, text := range map[string]string{"stdout": out.String(), "stderr": errb.String(), "HTTP answers": strings.Join(answers, "\n")} {
					if strings.Contains(text, secret) {
						t.Errorf("%s shows %s:\n%s", what, name, text)
					}
				}
			}
			t.Logf("exit %d; stderr:\n%s", code, errb.String())
		})
	}
}

// probe waits for mentorbot's HTTP server at base, then sends it the
// requests that log or answer something: health, readiness, metrics, an
// unsigned and a signed Slack command, an unsigned Discord interaction.
// It returns what came back. team is the Slack workspace the commands
// come from.
func probe(ctx context.Context, base, team string) []string {
	var out []string
	do := func(method, path, body string, h map[string]string) bool {
		req, _ := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		out = append(out, fmt.Sprintf("%s %s: %d %s", method, path, resp.StatusCode, b))
		return true
	}
	for !do("GET", "/healthz", "", nil) {
		select {
		case <-ctx.Done():
			return out
		case <-time.After(20 * time.Millisecond):
		}
	}
	time.Sleep(300 * time.Millisecond) // let the adapters connect
	do("GET", "/readyz", "", nil)
	do("GET", "/metrics", "", nil)
	form := "team_id=" + team + "&user_id=U1&user_name=u1&command=%2Fmentor&text=progress&response_url=http%3A%2F%2F127.0.0.1%3A1%2F"
	form2 := strings.Replace(form, "progress", "ask+what+is+a+token", 1)
	do("POST", "/slack/commands", form, map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	for _, f := range []string{form, form2} {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		mac := hmac.New(sha256.New, []byte(fakeSecrets["SLACK_SIGNING_SECRET"]))
		io.WriteString(mac, "v0:"+ts+":"+f)
		do("POST", "/slack/commands", f, map[string]string{"Content-Type": "application/x-www-form-urlencoded",
			"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + hex.EncodeToString(mac.Sum(nil))})
	}
	do("POST", "/discord/interactions", `{"type":1}`, map[string]string{"Content-Type": "application/json"})
	return out
}

// Every outcome the scheduler reports is counted as one of the documented
// nudge outcomes, or (Lost) as a lease expiry: none falls to "other".
func TestSchedulerOutcomesMapped(t *testing.T) {
	for _, oc := range scheduler.Outcomes() {
		if _, ok := schedulerOutcomes[oc]; !ok && oc != scheduler.Lost && oc != scheduler.TakenOver {
			t.Errorf("scheduler outcome %q is not mapped to a nudge outcome", oc)
		}
	}
	for oc, label := range schedulerOutcomes {
		if !slices.Contains(nudgeOutcomes, label) {
			t.Errorf("%q maps to %q, not a documented outcome %v", oc, label, nudgeOutcomes)
		}
	}
}
