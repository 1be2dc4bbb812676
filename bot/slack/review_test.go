package slack

import (
	"github.com/mentorbot/mentorbot/internal/testkit"

	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// A button press carries the whole message it sits in. One on a message
// at Block Kit's limits is well over 64 KiB, and must still be served.
func TestHTTPButtonOnBigMessage(t *testing.T) {
	e := newEnv(t, nil)
	big := bot.Message{Title: "Your mentees", Text: strings.Repeat(strings.Repeat("é", 99)+"\n", 1400),
		Buttons: []bot.Button{{Label: "Join mid", Command: "join mid"}}}
	payload := map[string]any{
		"type": "block_actions", "team": map[string]any{"id": e.team},
		"user":         map[string]any{"id": "UBIG", "name": "ubig"},
		"response_url": e.slack.srv.URL + "/response/big",
		"container":    map[string]any{"type": "message", "message_ts": "1.2"},
		"message":      map[string]any{"type": "message", "text": fallback(big), "blocks": render(big, maxMessageBlocks)},
		"actions": []any{map[string]any{
			"type": "button", "action_id": "mentor_0", "block_id": "b", "value": "join mid",
		}},
	}
	body := url.Values{"payload": {fmtJSON(payload)}}.Encode()
	if len(body) <= 64<<10 {
		t.Fatalf("payload is only %d bytes; the test wants one over 64 KiB", len(body))
	}
	if w := e.serve(signedRequest("/slack/interactions", body, e.now)); w.Code != 200 {
		t.Fatalf("button on a big message: status %d", w.Code)
	}
	e.slack.waitFor("reply on response_url", func() bool { return e.slack.count("response_url") == 1 })
	if m := e.member("UBIG"); m == nil || m.Stage != "mid" {
		t.Fatalf("button did not act: %+v", m)
	}
}

// An answer to a DM survives a 429 from chat.postMessage: it is posted
// once, after the Retry-After, not lost.
func TestAnswerWaitsOutRateLimit(t *testing.T) {
	e := newEnv(t, nil)
	e.slack.mu.Lock()
	e.slack.rateUntil = time.Now().Add(1200 * time.Millisecond)
	e.slack.mu.Unlock()
	body := e.eventBody("EvRL"+e.team, map[string]any{
		"type": "message", "channel_type": "im", "channel": "DRL", "user": "URL1",
		"text": "what should a junior learn first?", "ts": "1700000003.000100",
	})
	if w := e.serve(signedRequest("/slack/events", body, e.now)); w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	// The fake counts refused calls too; only delivered ones are messages.
	e.slack.waitFor("answer after the rate limit", func() bool { return len(e.slack.messages()) >= 1 })
	time.Sleep(200 * time.Millisecond)
	e.slack.mu.Lock()
	limited := e.slack.limited
	e.slack.mu.Unlock()
	if limited == 0 {
		t.Fatal("the answer never met the rate limit")
	}
	if msgs := e.slack.messages(); len(msgs) != 1 || msgs[0].Channel != "DRL" {
		t.Fatalf("answers = %+v, want one in DRL", msgs)
	}
}

func TestRetryLimited(t *testing.T) {
	limited := &slack.RateLimitedError{RetryAfter: 10 * time.Millisecond}
	other := errors.New("channel_not_found")
	for _, tt := range []struct {
		name      string
		errs      []error // what each call returns; past the end, nil
		timeout   time.Duration
		wantCalls int
		wantErr   error
	}{
		{"ok at once", nil, time.Second, 1, nil},
		{"ok after two 429s", []error{limited, limited}, time.Second, 3, nil},
		{"bot's 429 too", []error{&bot.RateLimitError{RetryAfter: time.Millisecond}}, time.Second, 2, nil},
		{"gives up after three", []error{limited, limited, limited, limited}, time.Second, replyAttempts, limited},
		{"no room to wait", []error{&slack.RateLimitedError{RetryAfter: time.Minute}}, time.Second, 1, nil},
		{"other errors at once", []error{other}, time.Second, 1, other},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			calls := 0
			err := retryLimited(ctx, func() error {
				calls++
				if calls <= len(tt.errs) {
					return tt.errs[calls-1]
				}
				return nil
			})
			want := tt.wantErr
			if tt.name == "no room to wait" {
				want = tt.errs[0]
			}
			if calls != tt.wantCalls || !errors.Is(err, want) {
				t.Fatalf("calls %d, err %v; want %d, %v", calls, err, tt.wantCalls, want)
			}
		})
	}
}

// A response_url lets anyone post into the conversation for half an hour;
// a failed post must not write it to the log.
func TestRespondKeepsResponseURLOutOfLogs(t *testing.T) {
	var logs testkit.Buffer
	e := newEnv(t, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	const secret = "T1ABC/1234567890/s3cr3tHookToken"
	e.a.respond(context.Background(), "http://127.0.0.1:1/commands/"+secret, bot.Message{Text: "hi"})
	out := logs.String()
	if !strings.Contains(out, "post to response_url") {
		t.Fatalf("failure not logged: %s", out)
	}
	if strings.Contains(out, "s3cr3tHookToken") {
		t.Fatalf("response_url in the log: %s", out)
	}
}

// slowOnce is a Cache whose envelope deduplication is slow, as when Redis
// stalls.
type slowOnce struct {
	bot.Cache
	delay time.Duration
}

func (s slowOnce) Once(ctx context.Context, sc bot.Scope, key string, ttl time.Duration) (bool, error) {
	if strings.HasPrefix(key, "slack:env:") {
		time.Sleep(s.delay)
	}
	return s.Cache.Once(ctx, sc, key, ttl)
}

// A slow deduplication of one envelope must not hold back the
// acknowledgement of the envelopes after it.
func TestSocketModeAcksDoNotWaitForRedis(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.AppToken, c.SigningSecret = "xapp-test", ""
		c.Cache = slowOnce{Cache: c.Cache, delay: 2 * time.Second}
	})
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

	start := time.Now()
	for i := range 2 {
		e.slack.envelopes <- map[string]any{
			"envelope_id": fmt.Sprint("env-slow-", i), "type": "events_api",
			"payload": map[string]any{
				"token": "x", "team_id": e.team, "type": "event_callback", "event_id": fmt.Sprint("EvSlow", i, e.team),
				"event": map[string]any{"type": "app_home_opened", "user": fmt.Sprint("UH", i), "channel": "D1", "tab": "home"},
			},
		}
	}
	for range 2 {
		e.slack.nextAck(t)
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("two acknowledgements took %s behind a slow Redis", took)
	}
	e.slack.waitFor("both Home tabs", func() bool { return e.slack.count("views.publish") == 2 })
}
