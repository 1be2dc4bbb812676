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
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/slack"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// benchUsers is how many members the benchmark spreads commands over.
const benchUsers = 2000

// tripCounter counts network round trips: one per command sent alone and
// one per pipeline or MULTI/EXEC, leaving out a new connection's handshake.
type tripCounter struct{ n atomic.Int64 }

func (c *tripCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *tripCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !handshake([]redis.Cmder{cmd}) {
			c.n.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (c *tripCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if !handshake(cmds) {
			c.n.Add(1)
		}
		return next(ctx, cmds)
	}
}

// benchEnv is one mentorbot process as Slack HTTP mode runs it: the Slack
// adapter's handlers on a real HTTP server, the bot, the store on a
// redis-server of the benchmark's own, and a fake Slack Web API.
type benchEnv struct {
	rdb    redis.UniversalClient
	addr   string // the benchmark's redis-server
	trips  *tripCounter
	url    string // the HTTP server
	client *http.Client
	secret string
	team   string
	skills []string // the first stage's skill ids
	bot    *bot.Bot
	// next counts, per command and side, the commands sent: each side
	// has its own, so that every done of each side is a real change.
	next map[string]*atomic.Int64
}

func newBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	// The settings the README recommends for production.
	addr, start, _ := ownRedis(b, "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction")
	start()
	rdb, err := storage.Open(context.Background(), "redis://"+addr+"/0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { rdb.Close() })
	e := &benchEnv{rdb: rdb, addr: addr, trips: &tripCounter{}, secret: "bench-signing-secret", team: "TBENCH", next: map[string]*atomic.Int64{}}
	rdb.AddHook(e.trips)

	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/users.info"):
			u := r.Form.Get("user")
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"name":%q,"tz":"Europe/Berlin","profile":{"display_name":%q}}}`, u, u, u)
		default:
			fmt.Fprint(w, `{"ok":true}`)
		}
	}))
	b.Cleanup(api.Close)

	rm, err := roadmap.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range rm.Stages[0].Skills {
		e.skills = append(e.skills, s.ID)
	}
	quiet := slog.New(slog.DiscardHandler)
	o := newOps(rdb, quiet)
	store := storage.New(rdb)
	bt, err := bot.New(bot.Config{Roadmap: rm, Store: store, Logger: quiet, Observe: o.observe})
	if err != nil {
		b.Fatal(err)
	}
	e.bot = bt
	sa, err := slack.New(slack.Config{BotToken: "xoxb-bench", SigningSecret: e.secret, APIURL: api.URL,
		Handler: bt, Cache: store, Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	sa.Routes(mux)
	o.routes(mux)
	srv := httptest.NewServer(mux)
	b.Cleanup(srv.Close)
	e.url = srv.URL
	e.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 10 * time.Second}

	// Every member joins once, through the same path; that also fills the
	// adapter's cache of their time zone and role, as in steady state.
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	users := make(chan int)
	for range 16 {
		wg.Go(func() {
			for i := range users {
				if _, err := e.command(i, "join"); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range benchUsers {
		users <- i
	}
	close(users)
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	return e
}

// command sends a signed /mentor slash command from user i and returns
// the reply's body.
func (e *benchEnv) command(i int, text string) (string, error) {
	return e.commandAt(e.url, i, text)
}

// commandAt is command sent to the server at base.
func (e *benchEnv) commandAt(base string, i int, text string) (string, error) {
	form := url.Values{
		"token": {"unused"}, "team_id": {e.team}, "team_domain": {"bench"}, "channel_id": {"C1"},
		"user_id": {fmt.Sprintf("U%05d", i)}, "user_name": {fmt.Sprintf("u%d", i)}, "command": {"/mentor"},
		"text": {text}, "response_url": {e.url + "/unused"}, "trigger_id": {"t"},
	}
	body := form.Encode()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(e.secret))
	io.WriteString(mac, "v0:"+ts+":"+body)
	req, err := http.NewRequest(http.MethodPost, base+"/slack/commands", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := e.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("/mentor %s: %s: %s", text, resp.Status, out)
	}
	if strings.Contains(string(out), "unavailable") || strings.Contains(string(out), "went wrong") {
		return "", fmt.Errorf("/mentor %s: %s", text, out)
	}
	return string(out), err
}

// commandStats returns INFO commandstats: calls by command name.
func commandStats(ctx context.Context, rdb redis.UniversalClient) (map[string]int64, error) {
	info, err := rdb.Info(ctx, "commandstats").Result()
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, line := range strings.Split(info, "\n") {
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.HasPrefix(name, "cmdstat_") {
			continue
		}
		calls, _, _ := strings.Cut(strings.TrimPrefix(rest, "calls="), ",")
		n, _ := strconv.ParseInt(calls, 10, 64)
		out[strings.TrimPrefix(name, "cmdstat_")] = n
	}
	return out, nil
}

// BenchmarkSlackCommand measures /mentor progress and /mentor done end to
// end on one process: a signed Slack HTTP request through the adapter,
// the bot and Redis, and the reply. Besides ns/op (per command, from
// parallel clients) it reports throughput, p50 and p99 latency, network
// round trips to Redis per command (counted by a go-redis hook) and Redis
// commands executed per command (from INFO commandstats, MULTI/EXEC and
// commands inside scripts included).
func BenchmarkSlackCommand(b *testing.B) {
	e := newBenchEnv(b)
	for _, name := range []string{"progress", "done"} {
		b.Run(name, func(b *testing.B) {
			e.measure(b, name, "mentorbot", func(user int, text string) error {
				_, err := e.command(user, text)
				return err
			})
		})
	}
}

// BenchmarkHandle is BenchmarkSlackCommand without HTTP and the Slack
// adapter: the bot core and Redis alone.
func BenchmarkHandle(b *testing.B) {
	e := newBenchEnv(b)
	sc := bot.Scope{Platform: slack.Platform, Workspace: e.team}
	for _, name := range []string{"progress", "done"} {
		b.Run(name, func(b *testing.B) {
			e.measure(b, name, "mentorbot", func(user int, text string) error {
				m := e.bot.Handle(context.Background(), bot.Request{Scope: sc, User: fmt.Sprintf("U%05d", user), Text: text})
				if strings.Contains(m.Text, "unavailable") || strings.Contains(m.Text, "went wrong") {
					return fmt.Errorf("/mentor %s: %s", text, m.Text)
				}
				return nil
			})
		})
	}
}

// measure runs command name b.N times from parallel clients, spread over
// the members, and reports the figures. side names whose store the
// commands go to: each side's done marks each (member, skill) pair once.
func (e *benchEnv) measure(b *testing.B, name, side string, do func(user int, text string) error) {
	ctx := context.Background()
	next := e.next[name+"/"+side]
	if next == nil {
		next = new(atomic.Int64)
		e.next[name+"/"+side] = next
	}
	pairs := int64(benchUsers * len(e.skills))
	if name == "done" && next.Load()+int64(b.N) > pairs {
		// A done of a skill already done changes nothing and costs less:
		// it would flatter the figures.
		b.Fatalf("%s has %d (member, skill) pairs left for done, %d wanted: run fewer", side, pairs-next.Load(), b.N)
	}
	text := func(i int64) string {
		if name == "progress" {
			return "progress"
		}
		return "done " + e.skills[i/benchUsers]
	}
	if err := e.rdb.ConfigResetStat(ctx).Err(); err != nil {
		b.Fatal(err)
	}
	e.trips.n.Store(0)
	var mu sync.Mutex
	var lat []time.Duration
	b.SetParallelism(8)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			i := next.Add(1) - 1
			t0 := time.Now()
			if err := do(int(i%benchUsers), text(i)); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(t0))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	trips := e.trips.n.Load()
	stats, err := commandStats(ctx, e.rdb)
	if err != nil {
		b.Fatal(err)
	}
	if len(lat) == 0 {
		return
	}
	n := float64(len(lat))
	var calls int64
	var parts []string
	for cmd, c := range stats {
		if strings.HasPrefix(cmd, "config") || strings.HasPrefix(cmd, "info") || cmd == "hello" || strings.HasPrefix(cmd, "client") {
			continue
		}
		calls += c
		parts = append(parts, fmt.Sprintf("%s=%.2f", cmd, float64(c)/n))
	}
	slices.Sort(parts)
	slices.Sort(lat)
	b.ReportMetric(n/elapsed.Seconds(), "cmds/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(trips)/n, "round-trips/op")
	b.ReportMetric(float64(calls)/n, "redis-cmds/op")
	if b.N > 1 {
		b.Logf("%d × /mentor %s: Redis commands per command: %s", len(lat), name, strings.Join(parts, " "))
	}
}
