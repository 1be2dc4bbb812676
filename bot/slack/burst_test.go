package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// syncBuf is a log sink safe for concurrent handlers.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// inviteBurst has one lead send n `assign @newhire` commands at the same
// moment, on an adapter paced by the shared Redis limiter, and returns
// each new hire's reply text, whether their DM had been posted when the
// reply came, and the log.
func inviteBurst(t *testing.T, n int, edit func(*Config)) (*env, map[string]string, map[string]bool, *syncBuf) {
	t.Helper()
	logs := &syncBuf{}
	e := newEnv(t, func(c *Config) {
		c.Limiter = nil // set below, once the store exists
		c.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		if edit != nil {
			edit(c)
		}
	})
	cfg := e.cfg
	cfg.Limiter = e.store
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.a, e.cfg = a, cfg
	e.bot.SetMessengers(map[string]bot.Messenger{Platform: e.a})
	e.slack.mu.Lock()
	e.slack.admins["UADM"] = true
	e.slack.mu.Unlock()
	if got := e.serve(signedRequest("/slack/commands", e.commandForm("UADM", "leads add <@ULEAD>"), e.now)).Body.String(); !strings.Contains(got, "is now a lead") {
		t.Fatalf("leads add: %s", got)
	}
	replies, posted := map[string]string{}, map[string]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range n {
		hire := fmt.Sprintf("UNEW%d", i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := e.serve(signedRequest("/slack/commands", e.commandForm("ULEAD", "assign <@"+hire+">"), e.now)).Body.String()
			dmd := dmsTo(e)["D"+hire] > 0
			mu.Lock()
			replies[hire], posted[hire] = body, dmd
			mu.Unlock()
		}()
	}
	wg.Wait()
	return e, replies, posted, logs
}

// checkReplies checks that every reply came in time and is true: "they got
// a DM" of a DM posted by then, "they'll get a DM shortly" of one not yet
// posted; it returns how many said each.
func checkReplies(t *testing.T, replies map[string]string, posted map[string]bool) (now, later int) {
	t.Helper()
	for hire, r := range replies {
		switch {
		case strings.Contains(r, "they got a DM naming their lead") && posted[hire]:
			now++
		case strings.Contains(r, "they'll get a DM naming their lead shortly"):
			later++
		default:
			t.Errorf("%s (DM posted by then: %v): %q", hire, posted[hire], r)
		}
	}
	return now, later
}

// dmsTo counts the chat.postMessage calls per channel.
func dmsTo(e *env) map[string]int {
	got := map[string]int{}
	for _, p := range e.slack.messages() {
		if p.Method == "chat.postMessage" {
			got[p.Channel]++
		}
	}
	return got
}

// TestInvitationBurst: 8 assigns sent at once by one lead, with the
// adapter's default limits under the shared limiter (conversations.open
// 50 a minute in bursts of 10, chat.postMessage 4 a second in bursts of
// 4), all reach their new hires, once each: every reply comes in time and
// is true of its DM, and nothing blames storage.
func TestInvitationBurst(t *testing.T) {
	e, replies, posted, logs := inviteBurst(t, 8, func(c *Config) { c.SendRate, c.SendBurst = 0, 0 })
	if now, _ := checkReplies(t, replies, posted); now < 4 {
		t.Errorf("%d of 8 DMs sent within their commands, want chat.postMessage's burst of 4 at least", now)
	}
	e.slack.waitFor("8 invitation DMs", func() bool { return len(dmsTo(e)) == 8 })
	e.a.work.Wait()
	for i := range 8 {
		if n := dmsTo(e)[fmt.Sprintf("DUNEW%d", i)]; n != 1 {
			t.Errorf("UNEW%d got %d DMs", i, n)
		}
	}
	if strings.Contains(logs.String(), "storage is unavailable") || strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("log:\n%s", logs)
	}
}

// TestInvitationBurstBeyondLimit: when a burst of assigns outruns
// conversations.open's burst, the DMs whose turns are beyond a command's
// budget go to the background sender: every reply comes in time and says
// truthfully whether the DM went or is on its way, every new hire gets
// exactly one DM, and the log names the rate limit, not storage.
func TestInvitationBurstBeyondLimit(t *testing.T) {
	e, replies, posted, logs := inviteBurst(t, 8, func(c *Config) { c.OpenRate, c.OpenBurst = 120, 2 })
	now, later := checkReplies(t, replies, posted)
	if now < 2 || later == 0 {
		t.Errorf("%d DMs sent at once, %d handed on; want the burst of 2 at once and some handed on", now, later)
	}
	e.slack.waitFor("8 invitation DMs", func() bool { return len(dmsTo(e)) == 8 })
	e.a.work.Wait() // the background sender is done
	for i := range 8 {
		if n := dmsTo(e)[fmt.Sprintf("DUNEW%d", i)]; n != 1 {
			t.Errorf("UNEW%d got %d DMs", i, n)
		}
	}
	if n := e.slack.count("conversations.open"); n != 8 {
		t.Errorf("conversations.open called %d times, want 8", n)
	}
	l := logs.String()
	if strings.Contains(l, "storage is unavailable") || strings.Contains(l, "level=WARN") ||
		strings.Count(l, "its turn under Slack's rate limit is beyond the command's budget") != later {
		t.Errorf("log:\n%s", l)
	}
}

// TestHandoffBounded: with the background sender full, a DM beyond the
// command's budget is neither sent nor queued, and says why.
func TestHandoffBounded(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.OpenRate, c.OpenBurst = 1, 1 })
	cfg := e.cfg
	cfg.Limiter = e.store
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for range handoffMax {
		a.handoff <- struct{}{}
	}
	ctx := context.Background()
	to := bot.Recipient{Scope: scope(e.team), User: "UA"}
	if queued, err := a.SendOrQueue(ctx, to, bot.Message{Text: "first"}); queued || err != nil {
		t.Fatalf("first DM: queued %v, %v", queued, err)
	}
	to.User = "UB"
	if queued, err := a.SendOrQueue(ctx, to, bot.Message{Text: "second"}); queued || !errors.Is(err, errHandoffFull) {
		t.Fatalf("second DM with the sender full: queued %v, %v", queued, err)
	}
	if got := dmsTo(e); len(got) != 1 || got["DUA"] != 1 {
		t.Fatalf("DMs %v", got)
	}
}

// TestSendAfterRateWait: a DM sent for a request (a button's reply by DM)
// that waits for its turn under conversations.open longer than the
// request's store budget still goes: the wait is the rate limit's, and
// the store calls after it are not failed as storage being unavailable.
func TestSendAfterRateWait(t *testing.T) {
	logs := &syncBuf{}
	e := newEnv(t, func(c *Config) {
		c.OpenRate, c.OpenBurst = 120, 1 // a turn every 0.5 s
		c.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	cfg := e.cfg
	cfg.Limiter = e.store
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := bot.WithStoreDeadline(context.Background(), time.Now().Add(200*time.Millisecond))
	for _, u := range []string{"UA", "UB"} {
		if err := a.Send(ctx, bot.Recipient{Scope: scope(e.team), User: u}, bot.Message{Text: "hi"}); err != nil {
			t.Fatalf("DM to %s: %v", u, err)
		}
	}
	if got := dmsTo(e); got["DUA"] != 1 || got["DUB"] != 1 {
		t.Errorf("DMs %v", got)
	}
	if strings.Contains(logs.String(), "level=WARN") {
		t.Errorf("log:\n%s", logs)
	}
}
