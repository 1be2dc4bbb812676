package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestFloodOfUnverifiedBytes runs the built binary in Slack HTTP mode and
// opens 300 connections at once, each posting an unsigned 2 MiB body (a
// third of them chunked, without a length) and holding it open for 3 s
// before the last byte. The process's peak resident memory must stay
// within 128 MiB, and /healthz and a signed command must be answered
// during the flood and after it. Without an attack, a real button press
// of 100 KB (a long message's blocks come with it) is still accepted.
func TestFloodOfUnverifiedBytes(t *testing.T) {
	const (
		attackers = 300
		size      = 2 << 20
		hold      = 3 * time.Second
		maxRSS    = 128 << 20
	)
	team := "TFLOOD" + e2eID()[:10]
	e2eScope(t, "slack", team)
	fake := newE2ESlack(t)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": fake.srv.URL}, true)
	if r := p.slack(fake, team, "UFLOOD", "join", e2eSlackSecret, time.Now()); r.status != http.StatusOK {
		t.Fatalf("join before the flood: %d %s", r.status, r.body)
	}
	// A 100 KB button press, before anyone attacks.
	button, signature := signedButton(t, team, "UFLOOD", fake.srv.URL, 100<<10)
	if r := p.post("/slack/interactions", "application/x-www-form-urlencoded", button, signature); r.status != http.StatusOK {
		t.Fatalf("a 100 KB button press: %d %s, want 200", r.status, r.body)
	}
	before := procStatus(t, p.pid, "VmRSS")

	addr := strings.TrimPrefix(p.base, "http://")
	var refused, cut, wg = atomic.Int64{}, atomic.Int64{}, sync.WaitGroup{}
	start := time.Now()
	for i := range attackers {
		wg.Go(func() {
			status, err := attack(addr, size, i%3 == 0, hold)
			switch {
			case status == http.StatusServiceUnavailable:
				refused.Add(1)
			case err != nil:
				cut.Add(1) // the server closed the connection first
			}
		})
	}
	check := func(when string) {
		t.Helper()
		c := &http.Client{Timeout: 3 * time.Second}
		t0 := time.Now()
		res, err := c.Get(p.base + "/healthz")
		if err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("/healthz %s: %v %v", when, res, err)
		} else {
			res.Body.Close()
		}
		h := time.Since(t0)
		t0 = time.Now()
		if r := p.slack(fake, team, "UFLOOD", "progress", e2eSlackSecret, time.Now()); r.status != http.StatusOK || !strings.Contains(r.body, "blocks") {
			t.Errorf("signed progress %s: %d %s", when, r.status, r.body)
		}
		t.Logf("%s: /healthz in %s, signed progress in %s", when, h.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))
	}
	time.Sleep(time.Second)
	check("during the flood")
	wg.Wait()
	took := time.Since(start)
	check("after the flood")
	peak := procStatus(t, p.pid, "VmHWM")
	t.Logf("%d attackers of %d MiB held %s (flood lasted %s): %d refused with 503, %d cut off; RSS %d MiB before, peak %d MiB",
		attackers, size>>20, hold, took.Round(time.Millisecond), refused.Load(), cut.Load(), before>>20, peak>>20)
	if peak > maxRSS {
		t.Errorf("peak RSS %d MiB, want at most %d MiB", peak>>20, maxRSS>>20)
	}
	if refused.Load() == 0 {
		t.Errorf("no attacker was refused with 503")
	}
}

// attack posts an unsigned body of size bytes to /slack/commands, all but
// its last byte, holds the connection for hold, and returns the status
// the server answered with (0 if none).
func attack(addr string, size int, chunked bool, hold time.Duration) (int, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	head := "POST /slack/commands HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
	if chunked {
		head += "Transfer-Encoding: chunked\r\n\r\n"
	} else {
		head += "Content-Length: " + strconv.Itoa(size) + "\r\n\r\n"
	}
	status := make(chan int, 1)
	go func() {
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			status <- 0
			return
		}
		res.Body.Close()
		status <- res.StatusCode
	}()
	if _, err := conn.Write([]byte(head)); err != nil {
		return 0, err
	}
	piece := []byte(strings.Repeat("a", 64<<10))
	for sent := 0; sent < size-1; sent += len(piece) {
		n := min(len(piece), size-1-sent)
		var err error
		if chunked {
			_, err = fmt.Fprintf(conn, "%x\r\n%s\r\n", n, piece[:n])
		} else {
			_, err = conn.Write(piece[:n])
		}
		if err != nil {
			select {
			case s := <-status:
				return s, err
			case <-time.After(time.Second):
				return 0, err
			}
		}
	}
	select {
	case s := <-status:
		return s, nil
	case <-time.After(hold):
		return 0, nil
	}
}

// signedButton is the form body and signature headers of a block_actions
// payload pressing "progress" on a message whose blocks bring the payload
// to about size bytes, as Slack sends it.
func signedButton(t *testing.T, team, user, api string, size int) (string, map[string]string) {
	t.Helper()
	var blocks []any
	text := strings.Repeat("Learn the basics of SQL joins, indexes and query plans. ", 50)
	for n := 0; n < size; n += len(text) + 80 {
		blocks = append(blocks, map[string]any{"type": "section", "block_id": strconv.Itoa(len(blocks)),
			"text": map[string]any{"type": "mrkdwn", "text": text}})
	}
	payload, err := json.Marshal(map[string]any{
		"type": "block_actions", "team": map[string]any{"id": team, "domain": "e2e"},
		"user":       map[string]any{"id": user, "username": strings.ToLower(user), "team_id": team},
		"api_app_id": "A0E2E", "token": "legacy-verification-token", "trigger_id": "1.2.3",
		"response_url": api + "/response/" + user,
		"container":    map[string]any{"type": "message", "message_ts": "1700000000.000100", "channel_id": "C0E2E"},
		"channel":      map[string]any{"id": "C0E2E", "name": "general"},
		"message":      map[string]any{"type": "message", "ts": "1700000000.000100", "text": "progress", "blocks": blocks},
		"actions": []any{map[string]any{"type": "button", "action_id": "mentor_0", "block_id": "b",
			"value": "progress", "action_ts": "1700000001.000200"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	body := url.Values{"payload": {string(payload)}}.Encode()
	if len(body) < size {
		t.Fatalf("button payload of %d bytes, want %d", len(body), size)
	}
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(e2eSlackSecret))
	mac.Write([]byte("v0:" + stamp + ":" + body))
	return body, map[string]string{"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + hex.EncodeToString(mac.Sum(nil))}
}

// procStatus reads a memory figure (VmRSS, VmHWM: the peak) of process
// pid from /proc, in bytes.
func procStatus(t *testing.T, pid int, field string) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
