package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// TestSendNudgeBatchThroughRateLimit sends a nudge to 20 members while
// chat.postMessage answers 429 with Retry-After: 1 for a while, retrying as
// the scheduler does: everyone gets theirs, nobody twice.
func TestSendNudgeBatchThroughRateLimit(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.SendRate = 20; c.SendBurst = 5 })
	ctx := context.Background()
	nudge := bot.Message{Title: "Your weekly nudge", Text: "Try *one* thing this week.",
		Buttons: []bot.Button{{Label: "Done", Command: "done git", Style: "primary"}}}

	start := time.Now()
	e.slack.mu.Lock()
	e.slack.rateUntil = start.Add(1500 * time.Millisecond)
	e.slack.mu.Unlock()
	limited := 0
	for i := range 20 {
		to := bot.Recipient{Scope: scope(e.team), User: fmt.Sprintf("UN%02d", i)}
		for attempt := 0; ; attempt++ {
			err := e.a.Send(ctx, to, nudge)
			if err == nil {
				break
			}
			var rl *bot.RateLimitError
			if !errors.As(err, &rl) || attempt > 5 {
				t.Fatalf("send to %s: %v", to.User, err)
			}
			if rl.RetryAfter != time.Second {
				t.Fatalf("RetryAfter = %s, want 1s", rl.RetryAfter)
			}
			limited++
			time.Sleep(rl.RetryAfter)
		}
	}
	if limited == 0 || e.slack.limited == 0 {
		t.Fatal("the batch never hit the rate limit")
	}
	got := map[string]int{}
	for _, p := range e.slack.messages() {
		if p.Method != "chat.postMessage" {
			t.Fatalf("unexpected %s", p.Method)
		}
		got[p.Channel]++
		if !strings.Contains(p.Blocks, `"value":"done git"`) || !strings.Contains(p.Blocks, `"style":"primary"`) {
			t.Fatalf("nudge blocks = %s", p.Blocks)
		}
	}
	for i := range 20 {
		if n := got[fmt.Sprintf("DUN%02d", i)]; n != 1 {
			t.Errorf("UN%02d got %d nudges", i, n)
		}
	}
	// 20 messages at 20/s with a burst of 5 take at least ~0.75 s on top of
	// the 1.5 s of 429s; the pacer must not have sent them all at once.
	if took := time.Since(start); took < 1500*time.Millisecond {
		t.Errorf("batch took only %s", took)
	}
	t.Logf("20 nudges in %s with %d rate-limited attempts", time.Since(start).Round(time.Millisecond), limited)

	// Channel ids are cached: a second round opens no conversations.
	opened := e.slack.count("conversations.open")
	if err := e.a.Send(ctx, bot.Recipient{Scope: scope(e.team), User: "UN00"}, nudge); err != nil {
		t.Fatal(err)
	}
	if n := e.slack.count("conversations.open"); n != opened || opened != 20 {
		t.Fatalf("conversations.open calls %d then %d, want 20 both", opened, n)
	}
}

func TestSendUnreachable(t *testing.T) {
	e := newEnv(t, nil)
	for _, code := range []string{"user_not_found", "cannot_dm_bot", "account_inactive", "user_disabled", "channel_not_found"} {
		user := "UX" + strings.ToUpper(code[:4])
		e.slack.mu.Lock()
		e.slack.gone[user] = code
		e.slack.mu.Unlock()
		err := e.a.Send(context.Background(), bot.Recipient{Scope: scope(e.team), User: user}, bot.Message{Text: "hi"})
		if !errors.Is(err, bot.ErrUnreachable) || !strings.Contains(err.Error(), code) {
			t.Errorf("%s: err = %v, want ErrUnreachable", code, err)
		}
	}
	if n := e.slack.count("chat.postMessage"); n != 0 {
		t.Fatalf("posted %d messages to unreachable users", n)
	}
}

func TestPacerPerChannel(t *testing.T) {
	p := newPacer(100, 10, time.Second)
	now := time.Unix(1000, 0)
	if at := p.reserve("D1", now); !at.Equal(now) {
		t.Fatalf("first = %s", at)
	}
	if at := p.reserve("D2", now); !at.Equal(now) {
		t.Fatalf("other channel = %s", at)
	}
	if at := p.reserve("D1", now); !at.Equal(now.Add(time.Second)) {
		t.Fatalf("same channel again = %s, want a second later", at)
	}
	p.pause(3*time.Second, now)
	if at := p.reserve("D3", now); !at.Equal(now.Add(3 * time.Second)) {
		t.Fatalf("after 429 = %s, want 3 s later", at)
	}
	// Workspace rate: a burst of 10, then one per 10 ms.
	q := newPacer(100, 10, 0)
	var last time.Time
	for i := range 30 {
		last = q.reserve(fmt.Sprint("C", i), now)
	}
	if want := now.Add(200 * time.Millisecond); !last.Equal(want) {
		t.Fatalf("30th message at +%s, want +200ms", last.Sub(now))
	}
}
