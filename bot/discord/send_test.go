package discord

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

func TestSendCachesDMChannel(t *testing.T) {
	r := newRig(t, nil)
	to := bot.Recipient{Scope: bot.Scope{Platform: "discord", Workspace: r.x(guildID)}, User: "42"}
	msg := bot.Message{Title: "Your weekly nudge", Text: "Try *git bisect*.",
		Buttons: []bot.Button{{Label: "Done", Command: "done git", Style: "primary"}, {Label: "Pause", Command: "nudges pause 1"}}}
	for range 2 {
		if err := r.a.Send(t.Context(), to, msg); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(r.f.callsTo("POST", "/api/v9/users/@me/channels")); n != 1 {
		t.Fatalf("DM channel opened %d times, want 1 (then cached)", n)
	}
	if ch, _ := r.c.Get(t.Context(), to.Scope, "discord:dm:42"); ch != "dm-42" {
		t.Fatalf("cached channel = %q", ch)
	}
	posts := r.f.callsTo("POST", "/api/v9/channels/dm-42/messages")
	if len(posts) != 2 {
		t.Fatalf("%d messages posted", len(posts))
	}
	var body map[string]any
	if err := json.Unmarshal(posts[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	if dig(body, "embeds", 0, "description") != "Try **git bisect**." ||
		dig(body, "components", 0, "components", 1, "custom_id") != "mentor:nudges pause 1" {
		t.Fatalf("message = %s", compact(body))
	}
	if dig(body, "flags") != nil {
		t.Fatalf("a DM must not carry flags: %s", compact(body))
	}
}

func TestSendUnreachable(t *testing.T) {
	r := newRig(t, nil)
	r.f.mu.Lock()
	r.f.closed["7"] = true
	r.f.gone["8"] = true
	r.f.mu.Unlock()
	sc := bot.Scope{Platform: "discord", Workspace: r.x(guildID)}
	for _, user := range []string{"7", "8"} {
		err := r.a.Send(t.Context(), bot.Recipient{Scope: sc, User: user}, bot.Message{Text: "hi"})
		if !errors.Is(err, bot.ErrUnreachable) {
			t.Errorf("user %s: err = %v, want ErrUnreachable", user, err)
		}
	}
}

// A 429 in the middle of a nudge batch: the scheduler retries each
// rate-limited send, and everyone gets their nudge exactly once.
func TestSendRateLimitedBatch(t *testing.T) {
	r := newRig(t, nil)
	r.f.mu.Lock()
	r.f.limitAt[3] = true
	r.f.limitAt[4] = true // the retry is limited too
	r.f.limitAt[8] = true
	r.f.mu.Unlock()
	sc := bot.Scope{Platform: "discord", Workspace: r.x(guildID)}
	limited := 0
	for u := range 10 {
		to := bot.Recipient{Scope: sc, User: fmt.Sprint(100 + u)}
		for attempt := 0; ; attempt++ {
			err := r.a.Send(t.Context(), to, bot.Message{Text: "nudge"})
			var rl *bot.RateLimitError
			if errors.As(err, &rl) {
				if rl.RetryAfter != 50*time.Millisecond {
					t.Fatalf("retry after %v, want 50ms from the body", rl.RetryAfter)
				}
				if attempt > 3 {
					t.Fatal("still rate limited after 3 retries")
				}
				limited++
				time.Sleep(rl.RetryAfter)
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if limited != 3 {
		t.Errorf("%d rate-limited sends, want 3", limited)
	}
	for u := range 10 {
		if n := r.f.delivered(fmt.Sprintf("dm-%d", 100+u)); n != 1 {
			t.Errorf("user %d got %d messages, want 1", 100+u, n)
		}
	}
}

func TestSendPacesRequests(t *testing.T) {
	r := newRig(t, func(c *Config) { c.Rate = 50 })
	sc := bot.Scope{Platform: "discord", Workspace: r.x(guildID)}
	start := time.Now()
	for u := range 20 { // 40 requests: a channel and a message each
		if err := r.a.Send(t.Context(), bot.Recipient{Scope: sc, User: fmt.Sprint(u)}, bot.Message{Text: "hi"}); err != nil {
			t.Fatal(err)
		}
	}
	// 40 requests at 50/s after a burst of 5 take at least 0.7 s.
	if took := time.Since(start); took < 650*time.Millisecond {
		t.Fatalf("40 requests took %v: not paced under 50/s", took)
	}
}
