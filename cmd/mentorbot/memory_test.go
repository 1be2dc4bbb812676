package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/slack"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// BenchmarkJoinMemory measures what a freshly joined member costs in Redis
// (issue 16: at most 600 B), counting everything: 20,000 members join
// through the Slack front door — signed HTTP slash commands into the
// adapter's handler, with users.info answered by a fake Web API — and the
// figure is the used_memory delta of a redis-server of the benchmark's own
// divided by 20,000. Run it with
//
//	go test ./cmd/mentorbot -run '^$' -bench BenchmarkJoinMemory -benchtime 1x
func BenchmarkJoinMemory(b *testing.B) {
	const joins = 20_000
	for range b.N {
		per, parts := joinMemory(b, joins)
		b.ReportMetric(per, "B/member")
		b.Logf("%d joins: %.0f B per member (used_memory less client buffers, delta / %d); by key kind: %s", joins, per, joins, parts)
	}
}

// joinMemory runs n joins on a fresh server and returns the bytes per
// member and a breakdown by key kind from MEMORY USAGE samples.
func joinMemory(tb testing.TB, n int) (float64, string) {
	tb.Helper()
	ctx := context.Background()
	addr, start, _ := ownRedis(tb, "--maxmemory-policy", "noeviction")
	start()
	rdb, err := storage.Open(ctx, "redis://"+addr+"/0")
	if err != nil {
		tb.Fatal(err)
	}
	defer rdb.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/users.info") {
			u := r.Form.Get("user")
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"name":"jordan","real_name":"Jordan Example","tz":"Europe/Berlin","profile":{"display_name":"Jordan Example"}}}`, u)
			return
		}
		fmt.Fprint(w, `{"ok":true}`)
	}))
	defer api.Close()
	rm, err := roadmap.Default()
	if err != nil {
		tb.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	store := storage.New(rdb)
	bt, err := bot.New(bot.Config{Roadmap: rm, Store: store, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	const secret = "memory-signing-secret"
	sa, err := slack.New(slack.Config{BotToken: "xoxb-memory", SigningSecret: secret, APIURL: api.URL,
		Handler: bt, Cache: store, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	sa.Routes(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 10 * time.Second}
	const team = "T0A1B2C3D4E" // Slack ids: a letter and ten characters
	user := func(i int) string { return fmt.Sprintf("U%010d", i) }
	join := func(i int) error {
		form := url.Values{"team_id": {team}, "team_domain": {"memory"}, "channel_id": {"C0123456789"},
			"user_id": {user(i)}, "user_name": {"jordan"}, "command": {"/mentor"}, "text": {"join"},
			"response_url": {srv.URL + "/unused"}, "trigger_id": {"t"}}
		body := form.Encode()
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		mac := hmac.New(sha256.New, []byte(secret))
		io.WriteString(mac, "v0:"+ts+":"+body)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(out), "elcome") {
			return fmt.Errorf("join %d: %s: %.200s", i, resp.Status, out)
		}
		return nil
	}
	// The workspace's first member creates its shared keys; the delta
	// counts members, not the workspace.
	if err := join(n); err != nil {
		tb.Fatal(err)
	}
	used := func() int64 {
		info, err := rdb.Info(ctx, "memory").Result()
		if err != nil {
			tb.Fatal(err)
		}
		// used_memory less the clients' buffers, which follow the
		// connections open, not the data.
		var used, clients int64
		for _, l := range strings.Split(info, "\n") {
			l = strings.TrimSpace(l)
			if v, ok := strings.CutPrefix(l, "used_memory:"); ok {
				used, _ = strconv.ParseInt(v, 10, 64)
			}
			if v, ok := strings.CutPrefix(l, "mem_clients_normal:"); ok {
				clients, _ = strconv.ParseInt(v, 10, 64)
			}
		}
		return used - clients
	}
	before := used()
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	next := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range next {
				if err := join(i); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		tb.Fatal(err)
	default:
	}
	per := float64(used()-before) / float64(n)
	return per, breakdown(ctx, tb, rdb, n)
}

// breakdown samples MEMORY USAGE of one key of each kind (the shared ones
// divided by n).
func breakdown(ctx context.Context, tb testing.TB, rdb redis.UniversalClient, n int) string {
	tb.Helper()
	var parts []string
	var cursor uint64
	seen := map[string]bool{}
	for {
		keys, next, err := rdb.Scan(ctx, cursor, "*", 1000).Result()
		if err != nil {
			tb.Fatal(err)
		}
		for _, k := range keys {
			kind := k
			if i := strings.Index(k, "}:"); i >= 0 {
				kind = k[i+2:]
			}
			if strings.HasPrefix(kind, "c:rp:") {
				kind = "c:rp:<replay mark>" // one a request, for minutes
			} else if j := strings.IndexAny(kind, "U"); j > 0 {
				kind = kind[:j] + "<id>"
			}
			if seen[kind] {
				continue
			}
			seen[kind] = true
			b, _ := rdb.MemoryUsage(ctx, k, 0).Result()
			if !strings.Contains(kind, "<id>") {
				parts = append(parts, fmt.Sprintf("%s %d/%d", kind, b, n))
			} else {
				parts = append(parts, fmt.Sprintf("%s %d", kind, b))
			}
		}
		if cursor = next; cursor == 0 {
			break
		}
	}
	return strings.Join(parts, ", ")
}
