package slack

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// TestSlackThatHangs puts the Slack Web API behind a server that takes
// connections and never answers (a firewall dropping packets): a member's
// commands are answered from Redis, with the default zone, within Slack's
// 3 s, not with "storage is unavailable" once users.info has spent the
// command's time; and a person's users.info is not asked again for a
// minute, so the wait is paid once, not on every command.
func TestSlackThatHangs(t *testing.T) {
	var asked atomic.Int32
	release := make(chan struct{})
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "users.info") {
			asked.Add(1)
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); hung.Close() })
	e := newEnv(t, func(c *Config) { c.APIURL = hung.URL + "/api/" })
	e.now = time.Now()
	for i, text := range []string{"join", "progress", "done git", "roadmap junior"} {
		start := time.Now()
		w := e.serve(signedRequest("/slack/commands", e.commandForm("UHUNG", text), e.now))
		took := time.Since(start)
		body := w.Body.String()
		t.Logf("%q: %d in %s", text, w.Code, took.Round(time.Millisecond))
		if w.Code != http.StatusOK || strings.Contains(body, "unavailable") || strings.Contains(body, "try again") {
			t.Errorf("%q: %d %s, want an answer from Redis", text, w.Code, body)
		}
		if !strings.Contains(body, "blocks") {
			t.Errorf("%q: answered %q, want the reply itself within Slack's 3 s", text, body)
		}
		if limit := time.Second + lookupBudget; i == 0 && took > limit || i > 0 && took > time.Second {
			t.Errorf("%q: answered after %s", text, took)
		}
	}
	if got := e.member("UHUNG"); got == nil || got.Nudges.Zone != "" && got.Nudges.Zone != "UTC" {
		t.Errorf("member after join with Slack hung: %+v, want one with the default zone", got)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("users.info asked %d times in four commands, want once (then not again for %s)", n, lookupRetry)
	}
	e.now = e.now.Add(lookupRetry + time.Second)
	e.serve(signedRequest("/slack/commands", e.commandForm("UHUNG", "progress"), e.now))
	if n := asked.Load(); n != 2 {
		t.Errorf("users.info asked %d times after %s, want again once", n, lookupRetry)
	}
}

// TestSlowUsersInfoKept answers users.info after a second, past the
// command's lookupBudget: the command runs on without it, and the late
// answer is kept, so the next command has the member's zone
// without asking Slack again.
func TestSlowUsersInfoKept(t *testing.T) {
	var asked atomic.Int32
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "users.info") {
			writeOK(w, map[string]any{"ok": true})
			return
		}
		asked.Add(1)
		time.Sleep(lookupBudget + 300*time.Millisecond)
		writeOK(w, map[string]any{"ok": true, "user": map[string]any{"id": "USLOW", "tz": "Asia/Tokyo", "profile": map[string]any{"display_name": "Sloane"}}})
	}))
	t.Cleanup(slow.Close)
	e := newEnv(t, func(c *Config) { c.APIURL = slow.URL + "/api/" })
	e.now = time.Now()
	w := e.serve(signedRequest("/slack/commands", e.commandForm("USLOW", "join"), e.now))
	if !strings.Contains(w.Body.String(), "I don't know your time zone") {
		t.Fatalf("join with users.info late: %s", w.Body.String())
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if p, ok := e.a.people.learnt(e.team+"/USLOW", e.now); ok && p.zone == "Asia/Tokyo" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the late users.info answer was not kept")
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.serve(signedRequest("/slack/commands", e.commandForm("USLOW", "progress"), e.now))
	if got := e.member("USLOW"); got.Nudges.Zone != "Asia/Tokyo" {
		t.Errorf("after the late answer: zone %q, want Asia/Tokyo", got.Nudges.Zone)
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("users.info asked %d times, want once", n)
	}
	// A check the command itself needs (assign, leads add) waits for the
	// slow answer rather than refuse (journey 10).
	if kind, err := e.a.Person(context.Background(), scope(e.team), "UOTHER"); err != nil || kind != bot.PersonReal {
		t.Errorf("Person with users.info late: %v, %v; want a person", kind, err)
	}
}

// TestLateUsersInfoAfterForget forgets a member before the users.info
// their join asked for has answered: the late answer is kept neither in
// Redis nor in the process (journey 11: it came back after `forget`).
func TestLateUsersInfoAfterForget(t *testing.T) {
	answered := make(chan struct{}, 4)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "users.info") {
			writeOK(w, map[string]any{"ok": true})
			return
		}
		time.Sleep(lookupBudget + 400*time.Millisecond)
		writeOK(w, map[string]any{"ok": true, "user": map[string]any{"id": "UGONE", "tz": "Asia/Tokyo", "profile": map[string]any{"display_name": "Gone"}}})
		answered <- struct{}{}
	}))
	t.Cleanup(slow.Close)
	e := newEnv(t, func(c *Config) { c.APIURL = slow.URL + "/api/" })
	e.bot.SetMessengers(map[string]bot.Messenger{Platform: e.a}) // as main wires it: forget drops the adapter's caches
	e.now = time.Now()
	e.serve(signedRequest("/slack/commands", e.commandForm("UGONE", "join"), e.now))
	if body := e.serve(signedRequest("/slack/commands", e.commandForm("UGONE", "forget confirm"), e.now)).Body.String(); !strings.Contains(body, "deleted") {
		t.Fatalf("forget confirm: %s", body)
	}
	select {
	case <-answered:
	case <-time.After(5 * time.Second):
		t.Fatal("users.info never answered")
	}
	time.Sleep(100 * time.Millisecond) // the late answer's goroutine, done
	if got := e.a.InProcess(scope(e.team), "UGONE"); got != nil {
		t.Errorf("the process keeps %v of a forgotten member", got)
	}
	keys, err := e.rdb.Keys(context.Background(), "*"+e.team+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if strings.Contains(k, "UGONE") {
			t.Errorf("Redis keeps %s of a forgotten member", k)
		}
	}
}
