package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/roadmap"
)

// blockReply decodes a slash command's JSON reply.
func blockReply(t *testing.T, w interface{ Result() *http.Response }, body string) map[string]any {
	t.Helper()
	res := w.Result()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body %q", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("content type %q, body %q", ct, body)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("reply is not JSON: %v: %s", err, body)
	}
	if blocks, _ := m["blocks"].([]any); len(blocks) == 0 {
		t.Fatalf("reply has no blocks: %s", body)
	}
	return m
}

func TestHTTPCommands(t *testing.T) {
	e := newEnv(t, nil)
	for _, tt := range []struct {
		text, want, typ string
	}{
		{"help", "/mentor", "ephemeral"},
		{"roadmap", "junior", ""},
		{"join junior", "", ""},
		{"progress", "░░░░░░░░░░ 0/", "ephemeral"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			w := e.serve(signedRequest("/slack/commands", e.commandForm("U1", tt.text), e.now))
			m := blockReply(t, w, w.Body.String())
			raw := w.Body.String()
			if !strings.Contains(strings.ToLower(raw), strings.ToLower(tt.want)) {
				t.Errorf("reply to %q lacks %q: %s", tt.text, tt.want, raw)
			}
			if tt.typ != "" && m["response_type"] != tt.typ {
				t.Errorf("response_type = %v, want %s", m["response_type"], tt.typ)
			}
		})
	}
	if m := e.member("U1"); !m.HasJoined() || m.Stage != "junior" {
		t.Fatalf("member after join = %+v", m)
	}
	// users.info told the zone, and it is cached: one call for four commands.
	if n := e.slack.count("users.info"); n != 1 {
		t.Errorf("users.info called %d times, want 1", n)
	}
	if reqs := e.h.calls(); len(reqs) != 4 || reqs[0].Zone != "Europe/Berlin" || reqs[0].Scope.Platform != "slack" {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestHTTPRejectsUnverified(t *testing.T) {
	e := newEnv(t, nil)
	body := e.commandForm("U2", "join junior")
	unsigned := signedRequest("/slack/commands", body, e.now)
	unsigned.Header.Del("X-Slack-Signature")
	forged := signedRequest("/slack/commands", body, e.now)
	forged.Header.Set("X-Slack-Signature", sign("not-the-secret", strconv.FormatInt(e.now.Unix(), 10), []byte(body)))
	tamperedBody := strings.Replace(body, "U2", "U3", 1)
	tampered := signedRequest("/slack/commands", body, e.now)
	tampered.Body = readCloser(tamperedBody)
	stale := signedRequest("/slack/commands", body, e.now.Add(-6*time.Minute))
	big := e.commandForm("U2", "join junior "+strings.Repeat("x", maxBody))
	oversized := signedRequest("/slack/commands", big, e.now)
	event := signedRequest("/slack/events", `{"type":"url_verification","challenge":"c"}`, e.now.Add(-10*time.Minute))
	button := signedRequest("/slack/interactions", "payload=%7B%7D", e.now)
	button.Header.Set("X-Slack-Signature", "v0=00")

	for _, tt := range []struct {
		name string
		r    *http.Request
		want []int
	}{
		{"unsigned", unsigned, []int{401}},
		{"forged", forged, []int{401}},
		{"tampered body", tampered, []int{401}},
		{"stale", stale, []int{401}},
		{"oversized", oversized, []int{401, 413}},
		{"stale event", event, []int{401}},
		{"forged interaction", button, []int{401}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := e.serve(tt.r)
			if code := w.Result().StatusCode; code != tt.want[0] && (len(tt.want) == 1 || code != tt.want[1]) {
				t.Fatalf("status %d, want %v", code, tt.want)
			}
			if strings.Contains(w.Body.String(), "blocks") {
				t.Fatalf("rejected request got a reply: %s", w.Body.String())
			}
		})
	}
	if n := len(e.h.calls()); n != 0 {
		t.Fatalf("handler called %d times for rejected requests", n)
	}
	for _, id := range []string{"U2", "U3"} {
		if m := e.member(id); m != nil {
			t.Fatalf("rejected request changed member %s: %+v", id, m)
		}
	}
	if n := len(e.slack.messages()); n != 0 {
		t.Fatalf("rejected requests posted %d messages", n)
	}
}

func TestHTTPURLVerification(t *testing.T) {
	e := newEnv(t, nil)
	w := e.serve(signedRequest("/slack/events", `{"token":"x","type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`, e.now))
	if w.Code != 200 || w.Body.String() != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("challenge answer %d %q", w.Code, w.Body.String())
	}
}

func TestHTTPButtonRunsCommand(t *testing.T) {
	e := newEnv(t, nil)
	payload := map[string]any{
		"type":         "block_actions",
		"team":         map[string]any{"id": e.team},
		"user":         map[string]any{"id": "U4", "name": "u4"},
		"response_url": e.slack.srv.URL + "/response/button",
		"container":    map[string]any{"type": "message", "message_ts": "1.2"},
		"actions": []any{map[string]any{
			"type": "button", "action_id": "mentor_0", "block_id": "b", "value": "join mid",
		}},
	}
	body := url.Values{"payload": {fmtJSON(payload)}}.Encode()
	w := e.serve(signedRequest("/slack/interactions", body, e.now))
	if w.Code != 200 || w.Body.Len() != 0 {
		t.Fatalf("ack %d %q", w.Code, w.Body.String())
	}
	e.slack.waitFor("reply on response_url", func() bool { return e.slack.count("response_url") == 1 })
	if m := e.member("U4"); m == nil || m.Stage != "mid" {
		t.Fatalf("button did not join U4 at mid: %+v", m)
	}
	reqs := e.h.calls()
	if len(reqs) != 1 || reqs[0].Text != "join mid" || reqs[0].Free || reqs[0].User != "U4" {
		t.Fatalf("requests = %+v", reqs)
	}
	got := e.slack.messages()[0]
	if got.Method != "response_url" || got.Blocks == "null" {
		t.Fatalf("reply = %+v", got)
	}
}

func TestHTTPSlowCommandAcksThenFollowsUp(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.AckBudget = 100 * time.Millisecond })
	e.h.delay = 400 * time.Millisecond
	start := time.Now()
	w := e.serve(signedRequest("/slack/commands", e.commandForm("U5", "help"), e.now))
	if took := time.Since(start); took > 300*time.Millisecond {
		t.Fatalf("ack took %s", took)
	}
	if w.Code != 200 || w.Body.Len() != 0 {
		t.Fatalf("ack %d %q, want an empty 200", w.Code, w.Body.String())
	}
	e.slack.waitFor("late reply", func() bool { return e.slack.count("response_url") == 1 })
	got := e.slack.messages()[0]
	if got.Channel != "U5" || !strings.Contains(got.Blocks, "/mentor") || got.Payload["response_type"] != "ephemeral" {
		t.Fatalf("late reply = %+v", got)
	}
}

// eventBody is an Events API callback around inner.
func (e *env) eventBody(id string, inner map[string]any) string {
	return fmtJSON(map[string]any{
		"token": "x", "team_id": e.team, "api_app_id": "A1", "type": "event_callback",
		"event_id": id, "event_time": time.Now().Unix(), "event": inner,
	})
}

func TestHTTPRedeliveredEventActsOnce(t *testing.T) {
	e := newEnv(t, nil)
	body := e.eventBody("Ev"+e.team, map[string]any{
		"type": "message", "channel_type": "im", "channel": "DQ1", "user": "U6",
		"text": "how do I get better at SQL?", "ts": "1700000000.000100", "event_ts": "1700000000.000100",
	})
	for i := range 3 {
		r := signedRequest("/slack/events", body, e.now)
		r.Header.Set("Content-Type", "application/json")
		if i > 0 {
			r.Header.Set("X-Slack-Retry-Num", strconv.Itoa(i))
			r.Header.Set("X-Slack-Retry-Reason", "http_timeout")
		}
		if w := e.serve(r); w.Code != 200 {
			t.Fatalf("delivery %d: status %d", i, w.Code)
		}
	}
	e.slack.waitFor("answer", func() bool { return e.slack.count("chat.postMessage") >= 1 })
	time.Sleep(200 * time.Millisecond)
	if n := e.slack.count("chat.postMessage"); n != 1 {
		t.Fatalf("answered %d times, want once", n)
	}
	reqs := e.h.calls()
	if len(reqs) != 1 || !reqs[0].Free || !strings.Contains(reqs[0].Text, "SQL") {
		t.Fatalf("requests = %+v", reqs)
	}
	if got := e.slack.messages()[0]; got.Channel != "DQ1" || got.Blocks == "" {
		t.Fatalf("answer = %+v", got)
	}
}

func TestHTTPIgnoresBotAndEditedMessages(t *testing.T) {
	e := newEnv(t, nil)
	for i, inner := range []map[string]any{
		{"type": "message", "channel_type": "im", "channel": "D1", "user": "U7", "bot_id": "B9", "text": "hi"},
		{"type": "message", "channel_type": "im", "channel": "D1", "user": "U7", "subtype": "message_changed", "text": "hi"},
		{"type": "message", "channel_type": "channel", "channel": "C1", "user": "U7", "text": "hi"},
		{"type": "app_mention", "channel": "C1", "user": "U7", "bot_id": "B9", "text": "<@UBOT> hi"},
	} {
		w := e.serve(signedRequest("/slack/events", e.eventBody("Ev"+strconv.Itoa(i)+e.team, inner), e.now))
		if w.Code != 200 {
			t.Fatalf("event %d: status %d", i, w.Code)
		}
	}
	time.Sleep(200 * time.Millisecond)
	if n := len(e.h.calls()); n != 0 {
		t.Fatalf("handler ran %d times for ignored messages", n)
	}
}

func TestHTTPMentionAnswersInThread(t *testing.T) {
	e := newEnv(t, nil)
	body := e.eventBody("EvM"+e.team, map[string]any{
		"type": "app_mention", "channel": "C9", "user": "U8",
		"text": "<@UBOT> what should a junior learn first?", "ts": "1700000001.000200",
	})
	if w := e.serve(signedRequest("/slack/events", body, e.now)); w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	e.slack.waitFor("answer", func() bool { return len(e.slack.messages()) == 1 })
	got := e.slack.messages()[0]
	if got.Channel != "C9" || got.Thread != "1700000001.000200" {
		t.Fatalf("answer = %+v", got)
	}
	if reqs := e.h.calls(); len(reqs) != 1 || reqs[0].Text != "what should a junior learn first?" || !reqs[0].Free {
		t.Fatalf("requests = %+v", reqs)
	}
}

func TestHTTPAppHomeOpened(t *testing.T) {
	e := newEnv(t, nil)
	// Join first, so the home tab shows progress.
	e.serve(signedRequest("/slack/commands", e.commandForm("U9", "join junior"), e.now))
	body := e.eventBody("EvH"+e.team, map[string]any{"type": "app_home_opened", "user": "U9", "channel": "D9", "tab": "home"})
	if w := e.serve(signedRequest("/slack/events", body, e.now)); w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	e.slack.waitFor("views.publish", func() bool { return e.slack.count("views.publish") == 1 })
	e.slack.mu.Lock()
	v := e.slack.views[0]
	e.slack.mu.Unlock()
	view, _ := v["view"].(map[string]any)
	if v["user_id"] != "U9" || view["type"] != "home" {
		t.Fatalf("published %s", fmtJSON(v))
	}
	raw := fmtJSON(view["blocks"])
	for _, want := range []string{"▓", "Weekly nudge", `"type":"actions"`, "mentor_0"} {
		if !strings.Contains(raw, want) && !strings.Contains(raw, strings.ReplaceAll(want, "▓", "░")) {
			t.Errorf("home view lacks %q: %s", want, raw)
		}
	}
}

// TestDoneWhen is the acceptance check: a signed /mentor progress
// gets Block Kit; an unsigned or stale one gets 401.
func TestDoneWhen(t *testing.T) {
	e := newEnv(t, nil)
	w := e.serve(signedRequest("/slack/commands", e.commandForm("U10", "progress"), e.now))
	blockReply(t, w, w.Body.String())
	r := signedRequest("/slack/commands", e.commandForm("U10", "progress"), e.now)
	r.Header.Del("X-Slack-Signature")
	if w := e.serve(r); w.Code != 401 {
		t.Fatalf("unsigned: %d", w.Code)
	}
	if w := e.serve(signedRequest("/slack/commands", e.commandForm("U10", "progress"), e.now.Add(-5*time.Minute-time.Second))); w.Code != 401 {
		t.Fatalf("stale: %d", w.Code)
	}
}

func TestHTTPAdminRoleAndReady(t *testing.T) {
	e := newEnv(t, nil)
	e.slack.mu.Lock()
	e.slack.admins["UADM"] = true
	e.slack.mu.Unlock()
	// HTTP mode is ready before auth.test: signed requests need no Web API.
	if err := e.a.Ready(); err != nil {
		t.Fatalf("HTTP mode not ready before auth.test: %v", err)
	}
	if up, line, ok := e.a.APIState(); up || !ok || line != "slack web api: not checked yet" {
		t.Fatalf("API state before Run: %v %q %v", up, line, ok)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.a.Run(ctx) }()
	e.slack.waitFor("auth.test", func() bool { up, _, _ := e.a.APIState(); return up })
	e.serve(signedRequest("/slack/commands", e.commandForm("UADM", "help"), e.now))
	e.serve(signedRequest("/slack/commands", e.commandForm("UMEM", "help"), e.now))
	reqs := e.h.calls()
	if len(reqs) != 2 || reqs[0].Role != bot.RoleAdmin || reqs[1].Role != bot.RoleMember {
		t.Fatalf("requests = %+v", reqs)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
}

func TestHTTPHomeTabButton(t *testing.T) {
	e := newEnv(t, nil)
	payload := map[string]any{
		"type": "block_actions", "team": map[string]any{"id": e.team},
		"user":      map[string]any{"id": "UH", "name": "uh"},
		"container": map[string]any{"type": "view", "view_id": "V1"},
		"view":      map[string]any{"id": "V1", "type": "home"},
		"actions": []any{map[string]any{
			"type": "button", "action_id": "mentor_0", "block_id": "b", "value": "join senior",
		}},
	}
	body := url.Values{"payload": {fmtJSON(payload)}}.Encode()
	if w := e.serve(signedRequest("/slack/interactions", body, e.now)); w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	e.slack.waitFor("home refreshed", func() bool { return e.slack.count("views.publish") == 1 })
	if m := e.member("UH"); m == nil || m.Stage != "senior" {
		t.Fatalf("member = %+v", m)
	}
	msgs := e.slack.messages()
	if len(msgs) != 1 || msgs[0].Method != "chat.postMessage" || msgs[0].Channel != "DUH" {
		t.Fatalf("reply to a Home tab button = %+v, want a DM", msgs)
	}
}

// A pressed confirmation button's answer replaces the prompt it was on
// (replace_original), so no spent "Yes, forget me" stays in the channel;
// other buttons' answers come as new messages (fourth journey finding 5).
func TestConfirmAnswerReplacesPrompt(t *testing.T) {
	e := newEnv(t, nil)
	e.serve(signedRequest("/slack/commands", e.commandForm("U5", "join"), e.now))
	w := e.serve(signedRequest("/slack/commands", e.commandForm("U5", "forget"), e.now))
	value := regexp.MustCompile(`"value":"(forget confirm ~[^"]+)"`).FindStringSubmatch(w.Body.String())
	if value == nil {
		t.Fatalf("no confirmation button in %s", w.Body.String())
	}
	press := func(id, val string) map[string]any {
		t.Helper()
		n := e.slack.count("response_url")
		payload := map[string]any{
			"type": "block_actions", "team": map[string]any{"id": e.team}, "user": map[string]any{"id": "U5"},
			"response_url": e.slack.srv.URL + "/response/" + id,
			"container":    map[string]any{"type": "message", "message_ts": "1.2"},
			"actions":      []any{map[string]any{"type": "button", "action_id": "mentor_0", "block_id": "b", "value": val}},
		}
		e.serve(signedRequest("/slack/interactions", url.Values{"payload": {fmtJSON(payload)}}.Encode(), e.now))
		e.slack.waitFor("reply on response_url", func() bool { return e.slack.count("response_url") == n+1 })
		ms := e.slack.messages()
		return ms[len(ms)-1].Payload
	}
	if p := press("confirm", value[1]); p["replace_original"] != true || !strings.Contains(fmt.Sprint(p["text"]), "deleted everything") {
		t.Errorf("confirm pressed: %v", p)
	}
	if p := press("join", "join mid"); p["replace_original"] == true {
		t.Errorf("an ordinary button replaced its message: %v", p)
	}
}

// Someone who never used the bot, of whom only the platform's answer is
// cached (a lead looked them up), asked to confirm `forget`, is told what
// is really kept, not "your history" (fifth journey finding 1).
func TestForgetNamesWhatIsKept(t *testing.T) {
	e := newEnv(t, nil)
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: e.store, Cache: e.store, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	b.SetMessengers(map[string]bot.Messenger{Platform: e.a})
	ctx := context.Background()
	sc := bot.Scope{Platform: Platform, Workspace: e.team}
	if _, err := e.a.Person(ctx, sc, "U7"); err != nil {
		t.Fatal(err)
	}
	msg := b.Handle(ctx, bot.Request{Scope: sc, User: "U7", Text: "forget"})
	if strings.Contains(msg.Text, "your history") || !strings.Contains(msg.Text, "cached entr") {
		t.Errorf("forget by someone only looked up: %q", msg.Text)
	}
}
