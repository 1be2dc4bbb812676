package slack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack/slacktest"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// posted is one message the fake Slack received (chat.postMessage,
// chat.postEphemeral, or a response_url post).
type posted struct {
	Method  string
	Channel string
	User    string
	Thread  string
	Text    string
	Blocks  string // JSON
	Payload map[string]any
}

// fakeSlack is Slack's Web API, response_url and Socket Mode websocket on
// httptest. slacktest's handlers live at the root and speak RTM; ours
// live under /api/ as SLACK_API_URL expects, so only slacktest's websocket
// upgrader is reused.
type fakeSlack struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	calls     map[string]int
	posts     []posted
	views     []map[string]any
	rateUntil time.Time // chat.postMessage answers 429 until then
	limited   int       // how many 429s it gave
	gone      map[string]string
	admins    map[string]bool
	groups    map[string][]string // user group id -> members (usergroups.users.list)
	kinds     map[string]string   // users.info: "bot", "deleted" or "unknown"; absent: a person
	notIn     map[string]bool     // channels the bot was not invited to (chat.postMessage: not_in_channel)
	// conversations.info: "missing" (channel_not_found), "outside" (the
	// bot is not a member), "archived", "down" (an internal_error) or
	// "noscope" (missing_scope: installed without channels:read);
	// absent: a channel the bot is in.
	channels map[string]string

	// Socket Mode: envelopes to deliver, and what the app sent back.
	envelopes chan any
	acks      chan map[string]any

	// OAuth: set by oauthSlack; when on, only the tokens it issued work.
	oauth *fakeOAuth
	authd []authCall // every Web API call with the team its token belongs to

	// Files: uploads by file id, and the channel each was shared to;
	// noFiles makes files.getUploadURLExternal answer missing_scope.
	uploads map[string][]byte
	shared  map[string]string
	noFiles bool
}

// authCall is one Web API call and the workspace whose token made it.
type authCall struct {
	Method, Team, Who string // Who: the user or channel the call named
}

func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{
		t: t, calls: map[string]int{}, gone: map[string]string{}, admins: map[string]bool{},
		envelopes: make(chan any, 16), acks: make(chan map[string]any, 16),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", f.api)
	mux.HandleFunc("POST /api/oauth.v2.access", f.oauthAccess)
	mux.HandleFunc("POST /upload/{id}", f.upload)
	mux.HandleFunc("POST /response/{id}", f.responseURL)
	mux.HandleFunc("/ws", slacktest.Websocket(f.socket))
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) count(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

func (f *fakeSlack) messages() []posted {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]posted(nil), f.posts...)
}

// waitFor polls until cond holds or fails the test after 5 s.
func (f *fakeSlack) waitFor(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			f.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (f *fakeSlack) api(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	body, _ := io.ReadAll(r.Body)
	if auth := r.Header.Get("Authorization"); !strings.HasPrefix(auth, "Bearer xox") && !strings.HasPrefix(auth, "Bearer xapp-") && !strings.Contains(string(body), "token=xox") {
		writeOK(w, map[string]any{"ok": false, "error": "not_authed"})
		return
	}
	form, _ := url.ParseQuery(string(body))
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.oauth != nil && method != "apps.connections.open" {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if tok == "" || tok == "Bearer" {
			tok = form.Get("token")
		}
		team, ok := f.oauth.tokens[tok]
		if !ok {
			code := "invalid_auth"
			if f.oauth.revoked[tok] {
				code = "token_revoked"
			}
			writeOK(w, map[string]any{"ok": false, "error": code})
			return
		}
		who := form.Get("user") + form.Get("users") + form.Get("channel")
		if method == "views.publish" {
			var v struct {
				UserID string `json:"user_id"`
			}
			_ = json.Unmarshal(body, &v)
			who = v.UserID
		}
		f.authd = append(f.authd, authCall{Method: method, Team: team, Who: who})
		if method == "auth.revoke" {
			delete(f.oauth.tokens, tok)
			f.oauth.revoked[tok] = true
			f.calls[method]++
			writeOK(w, map[string]any{"ok": true, "revoked": true})
			return
		}
	}
	f.calls[method]++
	switch method {
	case "auth.test":
		writeOK(w, map[string]any{"ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"})
	case "apps.connections.open":
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer xapp-") {
			writeOK(w, map[string]any{"ok": false, "error": "invalid_auth"})
			return
		}
		writeOK(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
	case "users.info":
		u := form.Get("user")
		if f.kinds[u] == "unknown" {
			writeOK(w, map[string]any{"ok": false, "error": "user_not_found"})
			return
		}
		writeOK(w, map[string]any{"ok": true, "user": map[string]any{
			"id": u, "name": strings.ToLower(u), "tz": "Europe/Berlin", "is_admin": f.admins[u],
			"is_bot": f.kinds[u] == "bot", "deleted": f.kinds[u] == "deleted",
			"profile": map[string]any{"display_name": "Name " + u}}})
	case "usergroups.list":
		var gs []map[string]any
		for id := range f.groups {
			gs = append(gs, map[string]any{"id": id, "team_id": "T1", "is_usergroup": true, "handle": strings.ToLower(id) + "-leads", "name": id})
		}
		writeOK(w, map[string]any{"ok": true, "usergroups": gs})
	case "usergroups.users.list":
		members, ok := f.groups[form.Get("usergroup")]
		if !ok {
			writeOK(w, map[string]any{"ok": false, "error": "no_such_subteam"})
			return
		}
		writeOK(w, map[string]any{"ok": true, "users": members})
	case "conversations.info":
		id := form.Get("channel")
		switch f.channels[id] {
		case "missing":
			writeOK(w, map[string]any{"ok": false, "error": "channel_not_found"})
		case "down":
			writeOK(w, map[string]any{"ok": false, "error": "internal_error"})
		case "noscope":
			writeOK(w, map[string]any{"ok": false, "error": "missing_scope"})
		default:
			writeOK(w, map[string]any{"ok": true, "channel": map[string]any{"id": id, "name": strings.ToLower(id),
				"is_member": f.channels[id] != "outside", "is_archived": f.channels[id] == "archived"}})
		}
	case "conversations.open":
		u := form.Get("users")
		if code := f.gone[u]; code != "" {
			writeOK(w, map[string]any{"ok": false, "error": code})
			return
		}
		writeOK(w, map[string]any{"ok": true, "channel": map[string]any{"id": "D" + u}})
	case "chat.postMessage", "chat.postEphemeral", "chat.update":
		if method == "chat.postMessage" && f.notIn[form.Get("channel")] {
			writeOK(w, map[string]any{"ok": false, "error": "not_in_channel"})
			return
		}
		if method == "chat.postMessage" && time.Now().Before(f.rateUntil) {
			f.limited++
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		f.posts = append(f.posts, posted{Method: method, Channel: form.Get("channel"), User: form.Get("user"),
			Thread: form.Get("thread_ts"), Text: form.Get("text"), Blocks: form.Get("blocks")})
		writeOK(w, map[string]any{"ok": true, "channel": form.Get("channel"), "ts": strconv.FormatInt(time.Now().UnixNano(), 10)})
	case "files.getUploadURLExternal":
		if f.noFiles {
			writeOK(w, map[string]any{"ok": false, "error": "missing_scope", "needed": "files:write"})
			return
		}
		id := fmt.Sprintf("F%d", len(f.uploads)+1)
		if f.uploads == nil {
			f.uploads, f.shared = map[string][]byte{}, map[string]string{}
		}
		f.uploads[id] = nil
		writeOK(w, map[string]any{"ok": true, "upload_url": f.srv.URL + "/upload/" + id, "file_id": id,
			"length": form.Get("length"), "filename": form.Get("filename")})
	case "files.completeUploadExternal":
		var files []struct{ ID, Title string }
		_ = json.Unmarshal([]byte(form.Get("files")), &files)
		out := []any{}
		for _, fl := range files {
			if _, ok := f.uploads[fl.ID]; !ok {
				writeOK(w, map[string]any{"ok": false, "error": "file_not_found"})
				return
			}
			f.shared[fl.ID] = form.Get("channel_id")
			out = append(out, map[string]any{"id": fl.ID, "title": fl.Title})
		}
		writeOK(w, map[string]any{"ok": true, "files": out})
	case "views.publish":
		var v map[string]any
		if err := json.Unmarshal(body, &v); err != nil {
			writeOK(w, map[string]any{"ok": false, "error": "invalid_json"})
			return
		}
		f.views = append(f.views, v)
		writeOK(w, map[string]any{"ok": true, "view": map[string]any{"id": "V1"}})
	default:
		writeOK(w, map[string]any{"ok": false, "error": "unknown_method"})
	}
}

// upload takes the file's bytes at an upload_url, as Slack's file
// servers do: a multipart form with the file under "file".
func (f *fakeSlack) upload(w http.ResponseWriter, r *http.Request) {
	file, _, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "no file", http.StatusBadRequest)
		return
	}
	data, _ := io.ReadAll(file)
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.uploads[r.PathValue("id")]; !ok {
		http.Error(w, "unknown upload", http.StatusNotFound)
		return
	}
	f.uploads[r.PathValue("id")] = data
	_, _ = io.WriteString(w, "OK - "+strconv.Itoa(len(data)))
}

func (f *fakeSlack) responseURL(w http.ResponseWriter, r *http.Request) {
	var p map[string]any
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	blocks, _ := json.Marshal(p["blocks"])
	text, _ := p["text"].(string)
	f.mu.Lock()
	f.calls["response_url"]++
	f.posts = append(f.posts, posted{Method: "response_url", Channel: r.PathValue("id"), Text: text, Blocks: string(blocks), Payload: p})
	f.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// socket plays Slack's side of Socket Mode: hello, then the queued
// envelopes, passing every acknowledgement back to the test.
func (f *fakeSlack) socket(c *websocket.Conn) {
	if err := c.WriteJSON(map[string]any{"type": "hello", "num_connections": 1}); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			var ack map[string]any
			if err := c.ReadJSON(&ack); err != nil {
				return
			}
			f.acks <- ack
		}
	}()
	ping := time.NewTicker(time.Second)
	defer ping.Stop()
	for {
		select {
		case <-done:
			return
		case env := <-f.envelopes:
			if err := c.WriteJSON(env); err != nil {
				return
			}
		case <-ping.C:
			_ = c.WriteControl(websocket.PingMessage, []byte("p"), time.Now().Add(time.Second))
		}
	}
}

func writeOK(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// realRedis is the storage code's Redis for a test: an embedded server of
// its own (the cmd/mentorbot end-to-end tests run the adapter on the real
// one), so bot/... needs no server.
func realRedis(t *testing.T) redis.UniversalClient { return redistest.Embedded(t) }

// testTeam returns a team id of its own for the test, and deletes its keys
// when the test ends.
func testTeam(t *testing.T, rdb redis.UniversalClient) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	team := "T" + strings.ToUpper(hex.EncodeToString(b))
	return team
}

// counting wraps a Handler and counts its calls.
type counting struct {
	Handler
	mu    sync.Mutex
	reqs  []bot.Request
	homes int
	delay time.Duration
}

func (c *counting) Handle(ctx context.Context, req bot.Request) bot.Message {
	c.mu.Lock()
	c.reqs = append(c.reqs, req)
	c.mu.Unlock()
	if c.delay > 0 {
		time.Sleep(c.delay)
	}
	return c.Handler.Handle(ctx, req)
}

func (c *counting) Home(ctx context.Context, req bot.Request) bot.Message {
	c.mu.Lock()
	c.homes++
	c.mu.Unlock()
	return c.Handler.Home(ctx, req)
}

func (c *counting) calls() []bot.Request {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bot.Request(nil), c.reqs...)
}

// env is an adapter wired to a real bot on the real Redis and a fake Slack.
type env struct {
	t     *testing.T
	slack *fakeSlack
	store *storage.Store
	bot   *bot.Bot
	h     *counting
	a     *Adapter
	team  string
	now   time.Time
	rdb   redis.UniversalClient
	cfg   Config
}

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

func newEnv(t *testing.T, edit func(*Config)) *env {
	t.Helper()
	return newEnvOn(t, realRedis(t), edit)
}

// newEnvOn is newEnv on the Redis rdb.
func newEnvOn(t *testing.T, rdb redis.UniversalClient, edit func(*Config)) *env {
	t.Helper()
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatalf("default roadmap: %v", err)
	}
	st := storage.New(rdb)
	b, err := bot.New(bot.Config{Roadmap: rm, Store: st, Logger: quiet()})
	if err != nil {
		t.Fatalf("bot: %v", err)
	}
	e := &env{t: t, slack: newFakeSlack(t), store: st, bot: b, h: &counting{Handler: b}, team: testTeam(t, rdb),
		now: time.Now(), rdb: rdb}
	cfg := Config{
		BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: e.slack.srv.URL,
		Handler: e.h, Cache: st, Logger: quiet(), Clock: func() time.Time { return e.now },
		SendRate: 100, SendBurst: 20,
	}
	if edit != nil {
		edit(&cfg)
	}
	e.cfg = cfg
	e.a, err = New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func quiet() *slog.Logger {
	if os.Getenv("SLACK_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// member loads one member of the test team from Redis.
func (e *env) member(id string) *bot.Member {
	e.t.Helper()
	ms, err := e.store.Load(context.Background(), scope(e.team), id)
	if err != nil {
		e.t.Fatalf("load %s: %v", id, err)
	}
	return ms[0]
}

// signedRequest builds a POST signed with the test secret at time at.
func signedRequest(path, body string, at time.Time) *http.Request {
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	ts := strconv.FormatInt(at.Unix(), 10)
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", sign(testSecret, ts, []byte(body)))
	return r
}

// commandForm is the body of a /mentor slash command.
func (e *env) commandForm(user, text string) string {
	return url.Values{
		"team_id": {e.team}, "user_id": {user}, "user_name": {strings.ToLower(user)},
		"command": {"/mentor"}, "text": {text}, "channel_id": {"C1"},
		"response_url": {e.slack.srv.URL + "/response/" + user}, "trigger_id": {"1.2.3"},
	}.Encode()
}

// serve sends r through the adapter's routes.
func (e *env) serve(r *http.Request) *httptest.ResponseRecorder {
	mux := http.NewServeMux()
	e.a.Routes(mux)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	return w
}

func fmtJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func readCloser(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
