package main

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/testkit"
	"github.com/mentorbot/mentorbot/storage"
)

// TestKillMidFanOut makes 100 Slack members' nudges due, lets the built
// binary send about 30 of them (paced, so most of its workers are waiting
// their turn), kills it with SIGKILL, and starts a second replica. Once the
// dead one's lease has run out, the second sends the rest: at most 2 of
// 100 (what was on the wire) may be lost and none may arrive twice, counted
// per member in the fake Slack's log of chat.postMessage. The replica that
// took the claims over counts their lease expiries.
func TestKillMidFanOut(t *testing.T) {
	const members, killAt, maxLost = 100, 30, 2
	team := "TKILL" + e2eID()[:10]
	rdb := e2eScope(t, "slack", team)
	sc := bot.Scope{Platform: "slack", Workspace: team}
	now := time.Now()
	testkit.Fill(t, storage.New(rdb.rdb), sc, members, members, now.Add(-time.Hour), now.Add(-time.Minute))

	fake := newE2ESlack(t)
	env := func() map[string]string {
		return map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
			"SLACK_API_URL": fake.srv.URL, "NUDGE_LEASE": "5s", "NUDGE_INTERVAL": "200ms", "SLACK_SEND_RATE": "10", "SLACK_OPEN_RATE": "6000"}
	}
	channel := regexp.MustCompile(`(?:^|&)channel=([^&]*)`)
	counts := func() map[string]int {
		n := map[string]int{}
		for _, body := range fake.to("POST /api/chat.postMessage") {
			if m := channel.FindStringSubmatch(body); m != nil {
				ch, _ := url.QueryUnescape(m[1])
				n[strings.TrimPrefix(ch, "D")]++
			}
		}
		return n
	}
	total := func() int { return len(fake.to("POST /api/chat.postMessage")) }
	waitFor := func(what string, limit time.Duration, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(limit); !ok(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within %s (%d sends so far)", what, limit, total())
			}
		}
	}

	first := startE2E(t, env(), true)
	waitFor("the first replica's deliveries", 30*time.Second, func() bool { return total() >= killAt })
	first.kill()
	killedAfter := total()
	time.Sleep(300 * time.Millisecond) // what was on the wire lands
	onWire := total() - killedAfter

	second := startE2E(t, env(), true)
	started := time.Now()
	waitFor("the second replica's deliveries", 60*time.Second, func() bool { return len(counts()) >= members-maxLost })
	time.Sleep(2 * time.Second) // time for a duplicate, were there one
	got := counts()
	lost, twice := 0, 0
	for i := range members {
		switch n := got[testkit.Typical(i, now).ID]; {
		case n == 0:
			lost++
		case n > 1:
			twice++
			t.Errorf("%s got %d nudges", testkit.Typical(i, now).ID, n)
		}
	}
	res, err := http.Get(second.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(res.Body)
	res.Body.Close()
	expiries := regexp.MustCompile(`(?m)^mentorbot_lease_expiries_total (\d+)`).FindStringSubmatch(string(metrics))
	t.Logf("killed after %d sends (%d more landed after the kill); the second replica sent the rest in %s: %d lost, %d twice; its lease expiries: %v",
		killedAfter, onWire, time.Since(started).Round(100*time.Millisecond), lost, twice, expiries)
	if lost > maxLost {
		t.Errorf("%d of %d nudges lost, want at most %d", lost, members, maxLost)
	}
	if expiries == nil {
		t.Fatalf("no mentorbot_lease_expiries_total in /metrics")
	}
	if n, _ := strconv.Atoi(expiries[1]); n < members-killedAfter-onWire {
		t.Errorf("%d lease expiries counted, want one per claim taken over (%d)", n, members-killedAfter-onWire)
	}
	second.shutdown()
}

// kill ends the binary with SIGKILL, as a crash would; the test's clean-up
// then leaves it alone.
func (p *e2eProc) kill() {
	p.t.Helper()
	if p.pid == 0 {
		p.t.Fatal("kill: not the binary")
	}
	if err := syscall.Kill(p.pid, syscall.SIGKILL); err != nil {
		p.t.Fatal(err)
	}
	p.once.Do(func() {})
	<-p.done
}
