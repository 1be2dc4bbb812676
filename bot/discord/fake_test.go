package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// fakeDiscord is a stand-in for Discord's REST API: it records every call
// and answers the few endpoints the adapter uses.
type fakeDiscord struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	calls    []call
	closed   map[string]bool // users whose DMs are closed
	gone     map[string]bool // unknown users
	bots     map[string]bool // guild members that are bots
	limitAt  map[int]bool    // message posts (1-based) answered with 429
	posts    int             // message posts seen
	received map[string]int  // channel id -> messages delivered
	// GET /channels/{id}: "missing" (404 Unknown Channel), "forbidden"
	// (403 Missing Access), "voice", "muted" (overwrites deny @everyone
	// sending) or "team" (hidden from @everyone, open to the bot);
	// absent: a text channel of guild, or of another guild for 999999.
	chans map[string]string
	guild string // the guild of the channels; "123123" unless set
}

type call struct {
	Method, Path, ContentType string
	Body                      []byte
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{t: t, closed: map[string]bool{}, gone: map[string]bool{}, bots: map[string]bool{}, limitAt: map[int]bool{}, received: map[string]int{}, chans: map[string]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call{r.Method, r.URL.Path, r.Header.Get("Content-Type"), body})
	if r.Header.Get("Authorization") != "Bot test-token" {
		writeJSON(w, 401, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case r.Method == "PUT" && parts[0] == "applications":
		var cmds []map[string]any
		if err := json.Unmarshal(body, &cmds); err != nil {
			writeJSON(w, 400, map[string]any{"message": "bad body", "code": 50035})
			return
		}
		for i, c := range cmds {
			c["id"] = strconv.Itoa(1000 + i)
		}
		writeJSON(w, 200, cmds)
	case r.Method == "POST" && path == "/users/@me/channels":
		var in struct {
			RecipientID string `json:"recipient_id"`
		}
		_ = json.Unmarshal(body, &in)
		if f.gone[in.RecipientID] {
			writeJSON(w, 400, map[string]any{"message": "Unknown User", "code": 10013})
			return
		}
		writeJSON(w, 200, map[string]any{"id": "dm-" + in.RecipientID, "type": 1})
	case r.Method == "POST" && len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages":
		f.posts++
		if f.limitAt[f.posts] {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, map[string]any{"message": "You are being rate limited.", "retry_after": 0.05, "global": false})
			return
		}
		if f.closed[strings.TrimPrefix(parts[1], "dm-")] {
			writeJSON(w, 403, map[string]any{"message": "Cannot send messages to this user", "code": 50007})
			return
		}
		f.received[parts[1]]++
		writeJSON(w, 200, map[string]any{"id": strconv.Itoa(5000 + f.posts), "channel_id": parts[1]})
	case r.Method == "POST" && parts[0] == "interactions":
		w.WriteHeader(204)
	case r.Method == "PATCH" && parts[0] == "webhooks":
		writeJSON(w, 200, map[string]any{"id": "9000", "channel_id": "1"})
	case r.Method == "GET" && len(parts) == 2 && parts[0] == "channels":
		guild, kind := f.guild, 0
		if guild == "" {
			guild = "123123"
		}
		switch f.chans[parts[1]] {
		case "missing":
			writeJSON(w, 404, map[string]any{"message": "Unknown Channel", "code": 10003})
			return
		case "forbidden":
			writeJSON(w, 403, map[string]any{"message": "Missing Access", "code": 50001})
			return
		case "voice":
			kind = 2
		case "muted": // @everyone may not send there
			writeJSON(w, 200, map[string]any{"id": parts[1], "guild_id": guild, "type": 0,
				"permission_overwrites": []map[string]any{{"id": guild, "type": 0, "allow": "0", "deny": "2048"}}})
			return
		case "team": // @everyone may not see it, the bot may
			writeJSON(w, 200, map[string]any{"id": parts[1], "guild_id": guild, "type": 0,
				"permission_overwrites": []map[string]any{{"id": guild, "type": 0, "allow": "0", "deny": "1024"},
					{"id": "111", "type": 1, "allow": "19456", "deny": "0"}}})
			return
		}
		if parts[1] == "999999" || parts[1] == "999999999999999999" {
			guild = "777777" // a channel of another guild
		}
		writeJSON(w, 200, map[string]any{"id": parts[1], "guild_id": guild, "type": kind})
	case r.Method == "GET" && len(parts) == 4 && parts[0] == "guilds" && parts[2] == "members":
		if f.gone[parts[3]] {
			writeJSON(w, 404, map[string]any{"message": "Unknown Member", "code": 10007})
			return
		}
		writeJSON(w, 200, map[string]any{"user": map[string]any{"id": parts[3], "username": "u" + parts[3], "bot": f.bots[parts[3]]}, "roles": []string{}})
	case r.Method == "GET" && len(parts) == 3 && parts[0] == "guilds" && parts[2] == "roles":
		// @everyone (the guild's id) may see, send and embed: what a
		// digest channel needs unless the channel's overwrites deny it.
		writeJSON(w, 200, []map[string]any{{"id": "700", "name": "everyone"}, {"id": "777", "name": "Leads"},
			{"id": parts[1], "name": "@everyone", "permissions": "19456"}})
	default:
		writeJSON(w, 404, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// callsTo returns the recorded calls whose method and path match.
func (f *fakeDiscord) callsTo(method, pathPrefix string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method && strings.HasPrefix(c.Path, pathPrefix) {
			out = append(out, c)
		}
	}
	return out
}

// delivered is how many messages reached a channel.
func (f *fakeDiscord) delivered(channel string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.received[channel]
}

func (f *fakeDiscord) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// waitFor polls until cond holds or a few seconds pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// fakeHandler stands in for the bot, recording what it is asked.
type fakeHandler struct {
	mu    sync.Mutex
	reqs  []bot.Request
	delay time.Duration
	reply func(bot.Request) bot.Message
}

func (h *fakeHandler) Handle(ctx context.Context, req bot.Request) bot.Message {
	h.mu.Lock()
	h.reqs = append(h.reqs, req)
	h.mu.Unlock()
	if h.delay > 0 {
		select {
		case <-time.After(h.delay):
		case <-ctx.Done():
		}
	}
	if h.reply != nil {
		return h.reply(req)
	}
	return bot.Message{Title: "Reply", Text: "you said *" + req.Text + "*", Private: true}
}

func (h *fakeHandler) requests() []bot.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]bot.Request(nil), h.reqs...)
}

// Commands mirrors the shape of the bot's table: every argument kind.
func (h *fakeHandler) Commands() []bot.Command {
	skill := []bot.Arg{{Name: "skill", Help: "skill id, alias or name", Kind: bot.ArgSkill, Required: true}}
	return []bot.Command{
		{Name: "help", Summary: "Show what I can do.", Args: []bot.Arg{{Name: "command", Help: "a command name", Kind: bot.ArgText}}},
		{Name: "roadmap", Summary: "Show the roadmap.", Args: []bot.Arg{{Name: "level", Help: "a stage or track", Kind: bot.ArgLevel}}},
		{Name: "join", Summary: "Join the roadmap.", Args: []bot.Arg{{Name: "stage", Help: "your stage", Kind: bot.ArgStage}}},
		{Name: "track", Summary: "Choose a track.", Args: []bot.Arg{{Name: "track", Help: "the track", Kind: bot.ArgTrack, Required: true}}},
		{Name: "done", Summary: "Mark a skill as done.", Args: skill},
		{Name: "progress", Summary: "Show progress.", Args: []bot.Arg{{Name: "member", Help: "a mentee", Kind: bot.ArgUser}}},
		{Name: "nudges", Summary: strings.Repeat("Turn your weekly nudge on or off. ", 5), Args: []bot.Arg{
			{Name: "value", Help: "weeks or time", Kind: bot.ArgText},
			{Name: "action", Help: "what to do", Kind: bot.ArgChoice, Required: true, Choices: []string{"on", "off", "status", "pause", "time"}},
		}},
		{Name: "assign", Summary: "Take a mentee.", Args: []bot.Arg{
			{Name: "member", Help: "the mentee", Kind: bot.ArgUser, Required: true},
			{Name: "lead", Help: "their lead", Kind: bot.ArgUser},
		}},
	}
}

func (h *fakeHandler) Complete(_ context.Context, kind bot.ArgKind, prefix string) []bot.Choice {
	var all []bot.Choice
	switch kind {
	case bot.ArgStage:
		all = []bot.Choice{ch("Junior", "junior"), ch("Mid-level", "mid"), ch("Senior", "senior"), ch("Lead", "lead")}
	case bot.ArgTrack:
		all = []bot.Choice{ch("Databases", "dba"), ch("APIs", "api"), ch("DevOps", "devops"), ch("Generalist", "generalist")}
	case bot.ArgLevel:
		all = append(h.Complete(context.TODO(), bot.ArgStage, prefix), h.Complete(context.TODO(), bot.ArgTrack, prefix)...)
	case bot.ArgSkill:
		all = []bot.Choice{ch("Git", "git"), ch("GitHub Actions", "github-actions"), ch("SQL basics", "sql-basics")}
	}
	var out []bot.Choice
	for _, c := range all {
		if strings.HasPrefix(c.Value, strings.ToLower(prefix)) {
			out = append(out, c)
		}
	}
	return out
}

func ch(name, value string) bot.Choice { return bot.Choice{Name: name, Value: value} }

// rig is an adapter wired to a fake Discord, a fake handler and a key pair.
type rig struct {
	a    *Adapter
	f    *fakeDiscord
	h    *fakeHandler
	c    bot.Cache
	priv ed25519.PrivateKey
	now  time.Time
	srv  *httptest.Server // the adapter's HTTP endpoint
	rep  *strings.Replacer
}

// Ids in the test payloads; each rig swaps them for fresh ones, so tests
// sharing one Redis never see each other's keys.
const (
	guildID  = "290926798626357999"
	masonID  = "53908232506183680"
	bobID    = "53908232506183681"
	aliceID  = "80351110224678912"
	dmMsgID  = "786008729715219999"
	leadRole = "777"
)

// x replaces the payload ids in s with the rig's.
func (r *rig) x(s string) string { return r.rep.Replace(s) }

func newRig(t *testing.T, mod func(*Config)) *rig {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var pairs, fresh []string
	for _, id := range []string{guildID, masonID, bobID, aliceID, dmMsgID} {
		n := fmt.Sprint(100_000_000_000_000_000 + mrand.Int64N(800_000_000_000_000_000))
		pairs, fresh = append(pairs, id, n), append(fresh, n)
	}
	r := &rig{f: newFakeDiscord(t), h: &fakeHandler{}, c: newTestCache(t, fresh), priv: priv,
		now: time.Unix(1_764_000_000, 0), rep: strings.NewReplacer(pairs...)}
	cfg := Config{
		Token:     "test-token",
		AppID:     "111",
		PublicKey: hex.EncodeToString(pub),
		APIURL:    r.f.srv.URL,
		LeadRole:  "Leads",
		Handler:   r.h,
		Cache:     r.c,
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Clock:     func() time.Time { return r.now },
		Rate:      1000,
	}
	if mod != nil {
		mod(&cfg)
	}
	r.a, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	r.a.Routes(mux)
	r.srv = httptest.NewServer(mux)
	t.Cleanup(r.srv.Close)
	t.Cleanup(r.a.wg.Wait)
	return r
}

// post sends body to the interactions endpoint signed at ts with key.
func (r *rig) post(t *testing.T, body string, ts time.Time, key ed25519.PrivateKey) (int, []byte) {
	t.Helper()
	return r.postSignedAs(t, body, body, ts, key)
}

// postSignedAs signs one body and sends another (a tampered request).
func (r *rig) postSignedAs(t *testing.T, signed, body string, ts time.Time, key ed25519.PrivateKey) (int, []byte) {
	t.Helper()
	signed, body = r.x(signed), r.x(body)
	req, err := http.NewRequest("POST", r.srv.URL+InteractionsPath, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != nil {
		stamp := strconv.FormatInt(ts.Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", stamp)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(stamp+signed))))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// signed posts body signed now with the rig's key and decodes the reply.
// The interaction gets an id of its own, as every interaction Discord
// sends has: one posted again under its id acts once.
func (r *rig) signed(t *testing.T, body string) map[string]any {
	t.Helper()
	var in map[string]any
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		t.Fatalf("payload: %v", err)
	}
	in["id"] = strconv.FormatUint(1e17+mrand.Uint64N(8e17), 10)
	fresh, _ := json.Marshal(in)
	status, out := r.post(t, string(fresh), r.now, r.priv)
	if status != 200 {
		t.Fatalf("status %d: %s", status, out)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("reply %s: %v", out, err)
	}
	return m
}

// dig walks decoded JSON by keys and indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			s, _ := v.([]any)
			if k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

func compact(v any) string {
	var b bytes.Buffer
	_ = json.NewEncoder(&b).Encode(v)
	return fmt.Sprint(strings.TrimSpace(b.String()))
}
