package main

// Process-level tests of the "Done when" of issues 5 (Slack) and 6
// (Discord): mentorbot started through run (or the built binary) with the
// platforms faked on httptest, the real Redis, and signed requests sent to
// its HTTP_ADDR.

import (
	"github.com/mentorbot/mentorbot/internal/testkit"

	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/storage"
)

const (
	e2eSlackSecret = "e2e-signing-secret-0123456789abcdef"
	e2eSlackToken  = "xoxb-e2e-token"
	e2eDiscordTok  = "e2e-discord-token"
	e2eStopLimit   = 10 * time.Second
)

// e2eFake is a platform API on httptest: it records the body of every
// request by "METHOD path" and answers through reply.
type e2eFake struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls map[string][]string
}

func newE2EFake(t *testing.T, reply func(w http.ResponseWriter, r *http.Request, body []byte)) *e2eFake {
	f := &e2eFake{calls: map[string][]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.calls[r.Method+" "+r.URL.Path] = append(f.calls[r.Method+" "+r.URL.Path], string(body))
		f.mu.Unlock()
		reply(w, r, body)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// to returns the bodies of the calls to "METHOD path".
func (f *e2eFake) to(call string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[call]
}

func e2eJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// newE2ESlack fakes the Web API methods the Slack adapter calls, under
// /api/ as SLACK_API_URL expects, and response_url under /response/.
func newE2ESlack(t *testing.T) *e2eFake {
	return newE2EFake(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		form, _ := url.ParseQuery(string(body))
		ok := map[string]any{"ok": true}
		switch method := strings.TrimPrefix(r.URL.Path, "/api/"); {
		case strings.HasPrefix(r.URL.Path, "/response/"):
			w.WriteHeader(http.StatusOK)
			return
		case r.Header.Get("Authorization") != "Bearer "+e2eSlackToken && form.Get("token") != e2eSlackToken:
			ok = map[string]any{"ok": false, "error": "not_authed"}
		case method == "auth.test":
			ok["user_id"], ok["bot_id"], ok["team_id"] = "UBOT", "BBOT", "TBOT"
		case method == "users.info":
			ok["user"] = map[string]any{"id": form.Get("user"), "name": form.Get("user"), "tz": "Europe/Berlin"}
		case method == "conversations.open":
			ok["channel"] = map[string]any{"id": "D" + form.Get("users")}
		case method == "chat.postMessage":
			ok["channel"], ok["ts"] = form.Get("channel"), strconv.FormatInt(time.Now().UnixNano(), 10)
		case method == "views.publish":
			ok["view"] = map[string]any{"id": "V1"}
		default:
			ok = map[string]any{"ok": false, "error": "unknown_method"}
		}
		e2eJSON(w, http.StatusOK, ok)
	})
}

// newE2EDiscord fakes the REST endpoint the Discord adapter calls at
// start-up: the bulk overwrite that registers /mentor. Replies within 3 s
// go in the HTTP response, so a fast command calls nothing else.
func newE2EDiscord(t *testing.T) *e2eFake {
	return newE2EFake(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		p := strings.TrimPrefix(r.URL.Path, "/api/v9")
		var cmds []map[string]any
		switch {
		case r.Header.Get("Authorization") != "Bot "+e2eDiscordTok:
			e2eJSON(w, 401, map[string]any{"message": "401: Unauthorized", "code": 0})
		case r.Method == "PUT" && strings.HasPrefix(p, "/applications/"):
			if err := json.Unmarshal(body, &cmds); err != nil {
				e2eJSON(w, 400, map[string]any{"message": "Invalid Form Body", "code": 50035})
				return
			}
			for i, c := range cmds {
				c["id"] = strconv.Itoa(1000 + i)
			}
			e2eJSON(w, 200, cmds)
		default:
			e2eJSON(w, 404, map[string]any{"message": "404: Not Found", "code": 0})
		}
	})
}

// e2eID is a fresh snowflake-like id, so tests sharing one Redis never meet.
func e2eID() string { return strconv.FormatUint(1e17+mrand.Uint64N(8e17), 10) }

// e2eRedis is the test Redis, seen through one scope's keys.
type e2eRedis struct {
	rdb     redis.UniversalClient
	pattern string
}

// e2eScope fails the test when Redis is not there, and deletes the keys of
// platform:workspace when the test ends (after its server has stopped).
func e2eScope(t *testing.T, platform, workspace string) *e2eRedis {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rdb, err := storage.Open(ctx, redisURL())
	if err != nil {
		t.Fatalf("real Redis needed at REDIS_TEST_URL (default redis://127.0.0.1:6379/0): %v", err)
	}
	r := &e2eRedis{rdb: rdb, pattern: "mb:{" + platform + ":" + workspace + "}:*"}
	t.Cleanup(func() {
		ctx := context.Background()
		if keys := rdb.Keys(ctx, r.pattern).Val(); len(keys) > 0 {
			rdb.Del(ctx, keys...)
		}
		rdb.SRem(ctx, storage.WorkspacesKey, platform+":"+workspace)
		rdb.ZRem(ctx, storage.NudgeIndexKey, platform+":"+workspace)
		rdb.ZRem(ctx, storage.DigestIndexKey, platform+":"+workspace)
		rdb.Close()
	})
	return r
}

// snapshot is every key of the scope with its DUMP, to compare states.
func (r *e2eRedis) snapshot() string {
	ctx := context.Background()
	snap := map[string]string{}
	for _, k := range r.rdb.Keys(ctx, r.pattern).Val() {
		// The roster's built mark is written by whichever process's
		// scheduler repairs the scope first (other tests' processes share
		// this Redis), not by a request.
		if !strings.HasSuffix(k, "}:rv") {
			snap[k] = r.rdb.Dump(ctx, k).Val()
		}
	}
	return fmt.Sprintf("%q", snap) // maps print sorted
}

// e2eProc is one mentorbot serving HTTP: run in this process, or the binary.
type e2eProc struct {
	t    *testing.T
	base string
	logs *testkit.Buffer
	pid  int      // the binary's process id; 0 when run in this process
	stop func()   // cancel run's ctx, or SIGTERM the process
	done chan int // the exit code
	once sync.Once
}

// startE2E starts mentorbot with env (plus HTTP_ADDR on a free port and,
// unless env has one, REDIS_URL of the shared test Redis) and waits until
// its HTTP server answers. When the test ends it is stopped (if the test
// did not) and must exit 0 within e2eStopLimit.
func startE2E(t *testing.T, env map[string]string, asBinary bool) *e2eProc {
	t.Helper()
	if asBinary {
		return startE2EWith(t, env, (*e2eProc).startBinary)
	}
	return startE2EWith(t, env, func(p *e2eProc, env map[string]string) {
		ctx, cancel := context.WithCancel(context.Background())
		p.stop = cancel
		getenv := func(k string) string { return env[k] }
		go func() { p.done <- run(ctx, nil, strings.NewReader(""), p.logs, p.logs, getenv) }()
	})
}

// startE2EWith is startE2E with the way mentorbot is started: launch
// starts it with env, setting p.stop and sending its exit code to p.done.
func startE2EWith(t *testing.T, env map[string]string, launch func(p *e2eProc, env map[string]string)) *e2eProc {
	t.Helper()
	for attempt := 0; ; attempt++ {
		addr := testkit.ClosedAddr(t)
		env["HTTP_ADDR"] = addr
		if env["REDIS_URL"] == "" {
			env["REDIS_URL"] = redisURL()
		}
		p := &e2eProc{t: t, base: "http://" + addr, logs: &testkit.Buffer{}, done: make(chan int, 1)}
		launch(p, env)
		t.Cleanup(func() {
			p.shutdown()
			if t.Failed() {
				t.Logf("mentorbot output:\n%s", p.logs.String())
			}
		})
		code, up := p.waitUp()
		if up {
			return p
		}
		p.once.Do(func() {}) // it has exited: nothing to stop
		if attempt < 3 && strings.Contains(p.logs.String(), "address already in use") {
			continue // another test took the port between Close and Listen
		}
		t.Fatalf("mentorbot exited %d before serving", code)
	}
}

func (p *e2eProc) startBinary(env map[string]string) {
	cmd := exec.Command(binary)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdout, cmd.Stderr = p.logs, p.logs
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("start %s: %v", binary, err)
	}
	p.pid = cmd.Process.Pid
	p.stop = func() { _ = cmd.Process.Signal(syscall.SIGTERM) }
	go func() { _ = cmd.Wait(); p.done <- cmd.ProcessState.ExitCode() }()
	p.t.Cleanup(func() { _ = cmd.Process.Kill() }) // runs after shutdown: only a hung process is left
}

// waitUp polls until the server answers any HTTP request (true), or
// returns the exit code of a server that stopped first.
func (p *e2eProc) waitUp() (int, bool) {
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		select {
		case code := <-p.done:
			return code, false
		default:
		}
		if res, err := http.Get(p.base + "/"); err == nil {
			res.Body.Close()
			return 0, true
		}
	}
	p.t.Fatalf("mentorbot did not answer on %s within 20 s", p.base)
	return 0, false
}

// shutdown stops the server once and checks that it exits 0 within
// e2eStopLimit; it returns how long that took.
func (p *e2eProc) shutdown() time.Duration {
	took := time.Duration(0)
	p.once.Do(func() {
		start := time.Now()
		p.stop()
		select {
		case code := <-p.done:
			took = time.Since(start)
			if code != 0 {
				p.t.Errorf("exit code %d after stop, want 0", code)
			}
			p.t.Logf("stopped in %s", took.Round(time.Microsecond))
		case <-time.After(e2eStopLimit):
			took = e2eStopLimit
			p.t.Errorf("still running %s after stop", e2eStopLimit)
		}
	})
	return took
}

// e2eReply is the server's answer to a POST.
type e2eReply struct {
	status int
	body   string
}

func (p *e2eProc) post(path, contentType, body string, headers map[string]string) e2eReply {
	p.t.Helper()
	req, err := http.NewRequest(http.MethodPost, p.base+path, strings.NewReader(body))
	if err != nil {
		p.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return e2eReply{res.StatusCode, string(out)}
}

// slack posts the form of "/mentor text" as Slack sends it, from user in
// team, signed with secret at ts; an empty secret sends it unsigned.
func (p *e2eProc) slack(fake *e2eFake, team, user, text, secret string, ts time.Time) e2eReply {
	p.t.Helper()
	body := url.Values{"token": {"legacy-verification-token"}, "team_id": {team}, "team_domain": {"e2e"},
		"channel_id": {"C0E2E"}, "channel_name": {"general"}, "user_id": {user}, "user_name": {strings.ToLower(user)},
		"command": {"/mentor"}, "text": {text}, "api_app_id": {"A0E2E"}, "response_url": {fake.srv.URL + "/response/" + user},
		"trigger_id": {"13345224609.738474920.8088930838d88f008e0"}}.Encode()
	h := map[string]string{}
	if secret != "" {
		stamp := strconv.FormatInt(ts.Unix(), 10)
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte("v0:" + stamp + ":" + body))
		h["X-Slack-Request-Timestamp"], h["X-Slack-Signature"] = stamp, "v0="+hex.EncodeToString(mac.Sum(nil))
	}
	return p.post("/slack/commands", "application/x-www-form-urlencoded", body, h)
}

// discord posts body as an interaction with an Ed25519 signature by key at
// ts over signed (not body, for a tampered request).
func (p *e2eProc) discord(key ed25519.PrivateKey, ts time.Time, signed, body string) e2eReply {
	p.t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	return p.post("/discord/interactions", "application/json", body, map[string]string{
		"X-Signature-Timestamp": stamp, "X-Signature-Ed25519": hex.EncodeToString(ed25519.Sign(key, []byte(stamp+signed)))})
}

// e2eInteraction is a PING (no sub) or "/mentor sub" from user in guild,
// in the shape Discord documents.
func e2eInteraction(app, guild, user, sub string) string {
	i := map[string]any{"id": e2eID(), "application_id": app, "type": 1, "token": "tok-" + e2eID(), "version": 1}
	if sub != "" {
		i["type"], i["guild_id"], i["channel_id"], i["locale"] = 2, guild, e2eID(), "en-US"
		i["member"] = map[string]any{"user": map[string]any{"id": user, "username": "e2e", "discriminator": "0"},
			"roles": []string{}, "permissions": "0", "joined_at": "2024-01-01T00:00:00+00:00"}
		i["data"] = map[string]any{"id": e2eID(), "name": "mentor", "type": 1,
			"options": []any{map[string]any{"type": 1, "name": sub}}}
	}
	b, _ := json.Marshal(i)
	return string(b)
}

// e2eDecode decodes a 200 JSON reply or fails the test.
func e2eDecode(t *testing.T, what string, r e2eReply) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); r.status != http.StatusOK || err != nil {
		t.Fatalf("%s: status %d (%v), want 200 with JSON: %s", what, r.status, err, r.body)
	}
	return m
}

var e2eBar = regexp.MustCompile(`[▓░]{10} 0/\d+`)
