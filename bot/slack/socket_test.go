package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// nextAck waits for the app's acknowledgement of one envelope.
func (f *fakeSlack) nextAck(t *testing.T) map[string]any {
	t.Helper()
	select {
	case a := <-f.acks:
		return a
	case <-time.After(5 * time.Second):
		t.Fatal("no acknowledgement within 5 s")
		return nil
	}
}

func TestSocketMode(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.AppToken = "xapp-test"; c.SigningSecret = "" })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after cancel")
		}
	})
	e.slack.waitFor("socket connected", func() bool { return e.a.Ready() == nil })

	// A slash command is acknowledged with its reply as the payload.
	e.slack.envelopes <- map[string]any{
		"envelope_id": "env-cmd", "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{
			"team_id": e.team, "user_id": "U1", "user_name": "u1", "command": "/mentor", "text": "join junior",
			"channel_id": "C1", "response_url": e.slack.srv.URL + "/response/cmd",
		},
	}
	ack := e.slack.nextAck(t)
	if ack["envelope_id"] != "env-cmd" {
		t.Fatalf("ack = %s", fmtJSON(ack))
	}
	payload, _ := ack["payload"].(map[string]any)
	if blocks, _ := payload["blocks"].([]any); len(blocks) == 0 || payload["response_type"] == nil {
		t.Fatalf("slash command ack has no reply: %s", fmtJSON(ack))
	}
	if m := e.member("U1"); m == nil || m.Stage != "junior" {
		t.Fatalf("join over socket mode: %+v", m)
	}

	// A button press is acknowledged empty and answered on response_url.
	e.slack.envelopes <- map[string]any{
		"envelope_id": "env-btn", "type": "interactive",
		"payload": map[string]any{
			"type": "block_actions", "team": map[string]any{"id": e.team}, "user": map[string]any{"id": "U1", "name": "u1"},
			"response_url": e.slack.srv.URL + "/response/btn", "container": map[string]any{"type": "message"},
			"actions": []any{map[string]any{"type": "button", "block_id": "b1", "action_id": "mentor_0", "value": "progress"}},
		},
	}
	ack = e.slack.nextAck(t)
	if ack["envelope_id"] != "env-btn" || ack["payload"] != nil {
		t.Fatalf("interactive ack = %s", fmtJSON(ack))
	}
	e.slack.waitFor("button reply", func() bool { return e.slack.count("response_url") == 1 })
	if got := e.slack.messages()[0]; got.Channel != "btn" || !strings.Contains(got.Blocks, "0/") {
		t.Fatalf("button reply = %+v", got)
	}

	// An event is acknowledged empty; a redelivery (new envelope, same
	// event_id) is acknowledged too but does not act again.
	event := func(envelope string, retry int) map[string]any {
		return map[string]any{
			"envelope_id": envelope, "type": "events_api", "retry_attempt": retry,
			"payload": map[string]any{
				"token": "x", "team_id": e.team, "type": "event_callback", "event_id": "EvS" + e.team,
				"event": map[string]any{"type": "app_mention", "channel": "C2", "user": "U2",
					"text": "<@UBOT> what is a code review?", "ts": "1700000002.000300"},
			},
		}
	}
	for i, env := range []string{"env-ev1", "env-ev2"} {
		e.slack.envelopes <- event(env, i)
		if ack := e.slack.nextAck(t); ack["envelope_id"] != env {
			t.Fatalf("event ack = %s", fmtJSON(ack))
		}
	}
	// A private answer (say, "not sure") goes ephemeral to the asker.
	answers := func() int { return e.slack.count("chat.postMessage") + e.slack.count("chat.postEphemeral") }
	e.slack.waitFor("mention answer", func() bool { return answers() >= 1 })
	time.Sleep(200 * time.Millisecond)
	if n := answers(); n != 1 {
		t.Fatalf("mention answered %d times, want once", n)
	}
	var got posted
	for _, p := range e.slack.messages() {
		if strings.HasPrefix(p.Method, "chat.") {
			got = p
		}
	}
	if got.Method == "chat.postEphemeral" && got.User != "U2" {
		t.Fatalf("ephemeral answer to %q, want U2", got.User)
	}
	if got.Channel != "C2" || got.Thread != "1700000002.000300" {
		t.Fatalf("mention answer = %+v", got)
	}
	// Same envelope delivered twice (the client missed our ack) acts once.
	home := map[string]any{
		"envelope_id": "env-home", "type": "events_api",
		"payload": map[string]any{
			"token": "x", "team_id": e.team, "type": "event_callback", "event_id": "EvSH" + e.team,
			"event": map[string]any{"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"},
		},
	}
	e.slack.envelopes <- home
	e.slack.nextAck(t)
	e.slack.envelopes <- home
	e.slack.nextAck(t)
	e.slack.waitFor("home published", func() bool { return e.slack.count("views.publish") == 1 })
	time.Sleep(200 * time.Millisecond)
	if n := e.slack.count("views.publish"); n != 1 {
		t.Fatalf("views.publish called %d times", n)
	}
	if reqs := e.h.calls(); len(reqs) != 3 {
		b, _ := json.Marshal(reqs)
		t.Fatalf("handler calls = %s", b)
	}
}

func TestSocketModeSlowCommand(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.AppToken = "xapp-test"; c.AckBudget = 100 * time.Millisecond })
	e.h.delay = 400 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = e.a.Run(ctx) }()
	e.slack.waitFor("socket connected", func() bool { return e.a.Ready() == nil })
	e.slack.envelopes <- map[string]any{
		"envelope_id": "env-slow", "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{"team_id": e.team, "user_id": "U3", "command": "/mentor", "text": "help",
			"response_url": e.slack.srv.URL + "/response/slow"},
	}
	start := time.Now()
	ack := e.slack.nextAck(t)
	if time.Since(start) > 350*time.Millisecond || ack["envelope_id"] != "env-slow" || ack["payload"] != nil {
		t.Fatalf("slow command ack after %s: %s", time.Since(start), fmtJSON(ack))
	}
	e.slack.waitFor("late reply", func() bool { return e.slack.count("response_url") == 1 })
}

func TestNewChecksConfig(t *testing.T) {
	e := newEnv(t, nil)
	base := Config{BotToken: "xoxb-1", SigningSecret: "s", Handler: e.h, Cache: e.store}
	for _, tt := range []struct {
		name string
		edit func(*Config)
		ok   bool
	}{
		{"http mode", func(*Config) {}, true},
		{"socket mode", func(c *Config) { c.SigningSecret = ""; c.AppToken = "xapp-1" }, true},
		{"no bot token", func(c *Config) { c.BotToken = "" }, false},
		{"no way in", func(c *Config) { c.SigningSecret = "" }, false},
		{"bot token as app token", func(c *Config) { c.AppToken = "xoxb-2" }, false},
		{"bad api url", func(c *Config) { c.APIURL = "slack.example" }, false},
		{"no cache", func(c *Config) { c.Cache = nil }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			tt.edit(&c)
			if _, err := New(c); (err == nil) != tt.ok {
				t.Fatalf("New: %v", err)
			}
		})
	}
	for in, want := range map[string]string{
		"":                       "https://slack.com/api/",
		"https://slack.com":      "https://slack.com/api/",
		"http://127.0.0.1:9/":    "http://127.0.0.1:9/api/",
		"https://proxy.corp/api": "https://proxy.corp/api/",
	} {
		if got, err := apiBase(in); err != nil || got != want {
			t.Errorf("apiBase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
