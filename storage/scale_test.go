package storage

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redisproc"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/scheduler"
)

// The scale benchmarks (issue 16) each run on a redis-server of their
// own, so that INFO commandstats and SLOWLOG see nothing but the work
// measured. Run them with
//
//	go test ./storage -run '^$' -bench BenchmarkScale -benchtime 20x
//
// Each reports, per operation: round trips from our client (trips/op),
// commands the server executed, those inside scripts included
// (cmds/op), the server's time on our calls (redis-µs/op, the sum of
// SLOWLOG durations with every call logged) and the longest single call
// (max-call-µs).

// meter measures what work costs a test-owned Redis.
type meter struct {
	rdb   redis.UniversalClient // the measured client
	admin *redis.Client         // INFO and SLOWLOG, not counted
	trips atomic.Int64
}

func newMeter(tb testing.TB, extra ...string) *meter {
	tb.Helper()
	srv := redisproc.Start(tb, extra...)
	rdb, err := Open(context.Background(), srv.URL(0))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { rdb.Close() })
	m := &meter{rdb: rdb, admin: redis.NewClient(&redis.Options{Addr: srv.Addr()})}
	tb.Cleanup(func() { m.admin.Close() })
	rdb.AddHook(tripHook{&m.trips})
	ctx := context.Background()
	if err := m.admin.ConfigSet(ctx, "slowlog-log-slower-than", "0").Err(); err != nil {
		tb.Fatal(err)
	}
	if err := m.admin.ConfigSet(ctx, "slowlog-max-len", "1000000").Err(); err != nil {
		tb.Fatal(err)
	}
	return m
}

// cost is what one measured piece of work cost.
type cost struct {
	trips, cmds int64
	redisUS     int64  // sum of the durations of our calls
	maxUS       int64  // the longest single call
	maxCmd      string // and what it was
}

// ignored are the measurement's own commands and connection handshakes.
var ignored = []string{"info", "slowlog", "config", "hello", "client", "ping", "select"}

// measure runs do once and returns its cost.
func (m *meter) measure(tb testing.TB, do func()) cost {
	tb.Helper()
	ctx := context.Background()
	if err := m.admin.SlowLogReset(ctx).Err(); err != nil {
		tb.Fatal(err)
	}
	before := m.stats(tb)
	trips := m.trips.Load()
	do()
	c := cost{trips: m.trips.Load() - trips}
	after := m.stats(tb)
	for name, n := range after {
		if !slices.Contains(ignored, name) {
			c.cmds += n - before[name]
		}
	}
	logs, err := m.admin.Do(ctx, "SLOWLOG", "GET", "-1").Slice()
	if err != nil {
		tb.Fatal(err)
	}
	for _, l := range logs {
		e, _ := l.([]any)
		if len(e) < 4 {
			continue
		}
		us, _ := e[2].(int64)
		args, _ := e[3].([]any)
		name := ""
		if len(args) > 0 {
			name, _ = args[0].(string)
		}
		if slices.Contains(ignored, strings.ToLower(name)) {
			continue
		}
		c.redisUS += us
		if us > c.maxUS {
			c.maxUS, c.maxCmd = us, name
		}
	}
	return c
}

func (m *meter) stats(tb testing.TB) map[string]int64 {
	tb.Helper()
	info, err := m.admin.Info(context.Background(), "commandstats").Result()
	if err != nil {
		tb.Fatal(err)
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
	return out
}

// tripHook counts network round trips: one per command sent alone and one
// per pipeline or MULTI/EXEC.
type tripHook struct{ n *atomic.Int64 }

func (h tripHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h tripHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !slices.Contains(ignored, cmd.Name()) {
			h.n.Add(1)
		}
		return next(ctx, cmd)
	}
}

func (h tripHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 && !slices.Contains(ignored, cmds[0].Name()) {
			h.n.Add(1)
		}
		return next(ctx, cmds)
	}
}

// report adds the costs of b.N operations to the benchmark's output.
func report(b *testing.B, cs []cost) {
	var sum cost
	for _, c := range cs {
		sum.trips += c.trips
		sum.cmds += c.cmds
		sum.redisUS += c.redisUS
		if c.maxUS > sum.maxUS {
			sum.maxUS, sum.maxCmd = c.maxUS, c.maxCmd
		}
	}
	n := float64(len(cs))
	b.ReportMetric(float64(sum.trips)/n, "trips/op")
	b.ReportMetric(float64(sum.cmds)/n, "cmds/op")
	b.ReportMetric(float64(sum.redisUS)/n, "redis-µs/op")
	b.ReportMetric(float64(sum.maxUS), "max-call-µs")
	b.Logf("n=%d: %.0f trips, %.0f commands, %.0f µs of Redis time per op; longest call %d µs (%s)",
		len(cs), float64(sum.trips)/n, float64(sum.cmds)/n, float64(sum.redisUS)/n, sum.maxUS, sum.maxCmd)
}

// scaleNow is the benchmarks' clock: a Monday 08:00 UTC.
var scaleNow = time.Date(2026, 9, 14, 8, 0, 0, 0, time.UTC)

// scaleMember is member i of a benchmark workspace: one in four made no
// progress for three weeks (stuck), the others did yesterday.
func scaleMember(i int) *bot.Member {
	at := scaleNow.AddDate(0, 0, -1)
	if i%4 == 0 {
		at = scaleNow.AddDate(0, 0, -21)
	}
	return &bot.Member{ID: fmt.Sprintf("U%010d", i), Name: fmt.Sprintf("Member %d", i), Stage: "junior",
		Joined: scaleNow.AddDate(0, -2, 0), LastActive: at, LastProgress: at,
		Nudges: bot.NudgeSettings{Day: time.Monday, Minute: 540, Zone: "Europe/Berlin"}}
}

// fillScale writes n members to sc, each due a week from now, member i
// led by lead(i) when that is not "", a thousand per write.
func fillScale(tb testing.TB, s *Store, sc bot.Scope, n int, lead func(i int) string) {
	tb.Helper()
	for i := 0; i < n; i += 1000 {
		var w bot.Write
		for j := i; j < min(i+1000, n); j++ {
			m := scaleMember(j)
			w.Members = append(w.Members, m)
			w.Schedule = append(w.Schedule, bot.Due{Member: m.ID, At: scaleNow.AddDate(0, 0, 7)})
			if l := lead(j); l != "" {
				w.Links = append(w.Links, bot.Link{Mentee: m.ID, Lead: l})
			}
		}
		if err := s.Apply(context.Background(), sc, w); err != nil {
			tb.Fatal(err)
		}
	}
}

func scaleBot(tb testing.TB, s *Store) *bot.Bot {
	tb.Helper()
	rm, err := roadmap.Default()
	if err != nil {
		tb.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: s, Clock: fixedClock(scaleNow), Admins: []string{"Uadmin"}, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

var quiet = slog.New(slog.DiscardHandler)

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// sink is a Messenger that takes every DM.
type sink struct{ n atomic.Int64 }

func (s *sink) Send(context.Context, bot.Recipient, bot.Message) error {
	s.n.Add(1)
	return nil
}

// BenchmarkScale measures the commands and scheduler passes that issue 16
// bounds, at the sizes it names.
func BenchmarkScale(b *testing.B) {
	ctx := context.Background()
	b.Run("team/members=10000", func(b *testing.B) {
		m := newMeter(b)
		s := New(m.rdb)
		sc := bot.Scope{Platform: "slack", Workspace: "T0SCALE01"}
		// 500 leads with 19 mentees each: every member is a lead or a mentee.
		fillScale(b, s, sc, 10_000, func(i int) string {
			if i < 500 {
				return ""
			}
			return scaleMember((i - 500) % 500).ID
		})
		bt := scaleBot(b, s)
		req := bot.Request{Scope: sc, User: "Uadmin", Text: "team"}
		var cs []cost
		b.ResetTimer()
		for range b.N {
			var msg bot.Message
			cs = append(cs, m.measure(b, func() { msg = bt.Handle(ctx, req) }))
			if msg.Title != "Team" {
				b.Fatalf("team: %+v", msg)
			}
		}
		report(b, cs)
	})
	b.Run("mentees/mentees=1000", func(b *testing.B) {
		m := newMeter(b)
		s := New(m.rdb)
		sc := bot.Scope{Platform: "slack", Workspace: "T0SCALE02"}
		lead := scaleMember(0).ID
		fillScale(b, s, sc, 1001, func(i int) string {
			if i == 0 {
				return ""
			}
			return lead
		})
		bt := scaleBot(b, s)
		req := bot.Request{Scope: sc, User: lead, Role: bot.RoleLead, Text: "mentees"}
		var cs []cost
		b.ResetTimer()
		for range b.N {
			var msg bot.Message
			cs = append(cs, m.measure(b, func() { msg = bt.Handle(ctx, req) }))
			if !strings.HasPrefix(msg.Title, "Your mentees") {
				b.Fatalf("mentees: %+v", msg)
			}
		}
		report(b, cs)
	})
	b.Run("digest/mentees=1000", func(b *testing.B) {
		m := newMeter(b)
		s := New(m.rdb)
		sc := bot.Scope{Platform: "slack", Workspace: "T0SCALE03"}
		lead := scaleMember(0).ID
		fillScale(b, s, sc, 1001, func(i int) string {
			if i == 0 {
				return ""
			}
			return lead
		})
		bt := scaleBot(b, s)
		out := &sink{}
		sched, err := scheduler.New(scheduler.Config{Content: bt, Members: s, Queue: s,
			Messengers: map[string]bot.Messenger{"slack": out}, Now: func() time.Time { return scaleNow }, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		k, _ := newKeys(sc)
		var cs []cost
		b.ResetTimer()
		for i := range b.N {
			b.StopTimer()
			// The lead's digest is due now, for a new week each time.
			m.rdb.ZAdd(ctx, k.digest(), redis.Z{Score: float64(scaleNow.UnixMilli()), Member: lead})
			lower(ctx, m.rdb, DigestIndexKey, sc, scaleNow) // as the store's writers do
			m.rdb.Del(ctx, k.prefix+kDSent+lead+":2026-W38")
			m.rdb.HDel(ctx, k.member(lead), fLast)
			b.StartTimer()
			cs = append(cs, m.measure(b, func() {
				if err := sched.Tick(ctx); err != nil {
					b.Fatal(err)
				}
			}))
			if out.n.Load() != int64(i+1) {
				b.Fatalf("%d digests sent after %d ticks", out.n.Load(), i+1)
			}
		}
		report(b, cs)
	})
	b.Run("restart/members=30000", func(b *testing.B) {
		m := newMeter(b)
		s := New(m.rdb)
		for w := range 3 {
			sc := bot.Scope{Platform: "slack", Workspace: fmt.Sprintf("T0SCALE1%d", w)}
			fillScale(b, s, sc, 10_000, func(i int) string { return "" })
		}
		bt := scaleBot(b, s)
		var cs []cost
		b.ResetTimer()
		for range b.N {
			// A new process: a fresh Store and Scheduler, then what Run
			// does before its first tick.
			st := New(m.rdb)
			sched, err := scheduler.New(scheduler.Config{Content: bt, Members: st, Queue: st,
				Messengers: map[string]bot.Messenger{"slack": &sink{}}, Now: func() time.Time { return scaleNow }, Logger: quiet})
			if err != nil {
				b.Fatal(err)
			}
			cs = append(cs, m.measure(b, func() {
				if err := startup(ctx, sched); err != nil {
					b.Fatal(err)
				}
			}))
		}
		report(b, cs)
	})
	b.Run("idle-tick/workspaces=1000x100", func(b *testing.B) {
		m := newMeter(b)
		s := New(m.rdb)
		for w := range 1000 {
			sc := bot.Scope{Platform: "slack", Workspace: fmt.Sprintf("T0IDLE%04d", w)}
			fillScale(b, s, sc, 100, func(i int) string {
				if i > 0 && i < 10 {
					return scaleMember(0).ID
				}
				return ""
			})
		}
		bt := scaleBot(b, s)
		sched, err := scheduler.New(scheduler.Config{Content: bt, Members: s, Queue: s,
			Messengers: map[string]bot.Messenger{"slack": &sink{}}, Now: func() time.Time { return scaleNow }, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		if err := startup(ctx, sched); err != nil {
			b.Fatal(err)
		}
		// The first tick sends what start-up found due; then all is idle.
		if err := sched.Tick(ctx); err != nil {
			b.Fatal(err)
		}
		var cs []cost
		b.ResetTimer()
		for range b.N {
			cs = append(cs, m.measure(b, func() {
				if err := sched.Tick(ctx); err != nil {
					b.Fatal(err)
				}
			}))
		}
		report(b, cs)
		// What Run adds every RepairEvery (default a minute): one repair
		// step of DefaultRepairBatch workspaces per lane.
		b.StopTimer()
		var rs []cost
		for range 10 {
			rs = append(rs, m.measure(b, func() {
				if err := sched.RepairStep(ctx); err != nil {
					b.Fatal(err)
				}
			}))
		}
		b.Logf("repair step (every %s): %d trips, %d commands, %d µs of Redis time; longest call %d µs",
			time.Minute, rs[0].trips, rs[0].cmds, rs[0].redisUS, rs[0].maxUS)
		// A first start after an upgrade finds no index and repairs it whole.
		m.rdb.Del(ctx, NudgeIndexKey, DigestIndexKey)
		fresh, err := scheduler.New(scheduler.Config{Content: bt, Members: s, Queue: s,
			Messengers: map[string]bot.Messenger{"slack": &sink{}}, Now: func() time.Time { return scaleNow }, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		up := m.measure(b, func() {
			if err := startup(ctx, fresh); err != nil {
				b.Fatal(err)
			}
		})
		if n, _ := m.rdb.ZCard(ctx, NudgeIndexKey).Result(); n != 1000 {
			b.Errorf("after the whole repair the index has %d workspaces, want 1000", n)
		}
		b.Logf("first start after an upgrade, 1,000 workspaces: %d trips, %d commands, %d µs of Redis time; longest call %d µs (%s)",
			up.trips, up.cmds, up.redisUS, up.maxUS, up.maxCmd)
	})
}

// startup is what Scheduler.Run does before its first tick (before issue
// 16: Rebuild, a SCAN of every workspace).
func startup(ctx context.Context, s *scheduler.Scheduler) error { return s.Recover(ctx) }

// movingClock is a clock a benchmark sets.
type movingClock struct{ t atomic.Int64 }

func (c *movingClock) Now() time.Time  { return time.Unix(0, c.t.Load()).UTC() }
func (c *movingClock) set(t time.Time) { c.t.Store(t.UnixNano()) }

// BenchmarkYearMemory measures what a member costs in Redis after a year
// of weekly activity (issue 16: at most 2 KB): 500 members join, then for
// 52 weeks each gets their Monday nudge (the scheduler's completions
// record it), starts one skill and finishes it two days later, moving on
// a stage when the stage's skills are done. The figure is used_memory less
// that of the empty server, over 500.
//
//	go test ./storage -run '^$' -bench BenchmarkYearMemory -benchtime 1x
func BenchmarkYearMemory(b *testing.B) {
	for range b.N {
		const n = 500
		ctx := context.Background()
		m := newMeter(b)
		// Redis 7 keeps a latency histogram per command name run (about
		// 700 KB for the commands a year uses), a fixed cost of the
		// server, not of members: CONFIG RESETSTAT frees them before
		// each reading, so that neither reading counts them.
		used := func() int64 {
			if err := m.admin.ConfigResetStat(ctx).Err(); err != nil {
				b.Fatal(err)
			}
			info, err := m.admin.Info(ctx, "memory").Result()
			if err != nil {
				b.Fatal(err)
			}
			return usedMemory(info)
		}
		m.admin.ConfigSet(ctx, "slowlog-max-len", "0")
		m.admin.SlowLogReset(ctx)
		empty := used()
		s := New(m.rdb)
		rm, err := roadmap.Default()
		if err != nil {
			b.Fatal(err)
		}
		clk := &movingClock{}
		start := time.Date(2025, 12, 1, 7, 0, 0, 0, time.UTC) // a Monday
		clk.set(start)
		bt, err := bot.New(bot.Config{Roadmap: rm, Store: s, Clock: clk, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		sched, err := scheduler.New(scheduler.Config{Content: bt, Members: s, Queue: s,
			Messengers: map[string]bot.Messenger{"slack": &sink{}}, Now: clk.Now, Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		sc := bot.Scope{Platform: "slack", Workspace: "T0A1B2C3D4E"}
		id := func(i int) string { return fmt.Sprintf("U%010d", i) }
		say := func(i int, text string) bot.Message {
			return bt.Handle(ctx, bot.Request{Scope: sc, User: id(i), Name: "Jordan Example", Zone: "Europe/Berlin", Text: text})
		}
		for i := range n {
			say(i, "join")
		}
		b.ResetTimer()
		for week := range 52 {
			monday := start.AddDate(0, 0, 7*week)
			clk.set(monday.Add(2 * time.Hour)) // 10:00 in Berlin: nudges are due
			if err := sched.Tick(ctx); err != nil {
				b.Fatal(err)
			}
			for i := range n {
				clk.set(monday.Add(26 * time.Hour))
				next := say(i, "next")
				skill := firstSkill(bt, next)
				if skill == "" {
					st := bt.Roadmap().Stages
					for j, stg := range st {
						if j+1 < len(st) && loadStage(ctx, b, s, sc, id(i)) == stg.ID {
							say(i, "stage "+st[j+1].ID)
							if st[j+1].ID == "mid" {
								say(i, "track api")
							}
							break
						}
					}
					continue
				}
				say(i, "start "+skill)
				clk.set(monday.Add(74 * time.Hour))
				say(i, "done "+skill)
			}
		}
		b.StopTimer()
		// Send keys expire a day after their week (Redis time; the run's
		// clock is a fake one): a year on, all but the last week's are gone.
		iter := m.rdb.Scan(ctx, 0, "*", 1000).Iterator()
		last := bot.Week(start.AddDate(0, 0, 7*51), time.UTC)
		for iter.Next(ctx) {
			if key := iter.Val(); m.rdb.TTL(ctx, key).Val() > 0 && !strings.HasSuffix(key, last) {
				m.rdb.Del(ctx, key)
			}
		}
		// Deleting a year of send keys leaves the server's key tables
		// sized for them until its cron shrinks them (a background
		// rehash): read once the figure holds still, so that whether
		// the cron ran yet does not swing it by hundreds of bytes.
		settled := used()
		for range 30 {
			time.Sleep(200 * time.Millisecond)
			now := used()
			if now == settled {
				break
			}
			settled = now
		}
		per := float64(settled-empty) / n
		b.ReportMetric(per, "B/member")
		kinds := map[string]int64{}
		iter = m.rdb.Scan(ctx, 0, "*", 1000).Iterator()
		for iter.Next(ctx) {
			key := iter.Val()
			kind := key
			if i := strings.Index(key, "}:"); i >= 0 {
				kind = key[i+2:]
			}
			if j := strings.Index(kind, "U0"); j >= 0 {
				kind = kind[:j]
			}
			kinds[kind] += m.rdb.MemoryUsage(ctx, key, 0).Val()
		}
		info := m.admin.Info(ctx, "memory").Val()
		for _, l := range strings.Split(info, "\n") {
			for _, f := range []string{"used_memory_dataset:", "used_memory_overhead:", "used_memory_scripts:", "used_memory_vm_eval:", "mem_clients_normal:", "used_memory_startup:"} {
				if strings.HasPrefix(l, f) {
					b.Log(strings.TrimSpace(l))
				}
			}
		}
		b.Logf("MEMORY USAGE by key kind, per member: %v", func() string {
			var out []string
			for k, v := range kinds {
				out = append(out, fmt.Sprintf("%s=%d", k, v/n))
			}
			slices.Sort(out)
			return strings.Join(out, " ")
		}())
		k, _ := newKeys(sc)
		prof, _ := m.rdb.MemoryUsage(ctx, k.member(id(7)), 0).Result()
		skills, _ := m.rdb.MemoryUsage(ctx, k.skills(id(7)), 0).Result()
		events, _ := m.rdb.MemoryUsage(ctx, k.events(id(7)), 0).Result()
		nev, _ := m.rdb.LLen(ctx, k.events(id(7))).Result()
		nsk, _ := m.rdb.HLen(ctx, k.skills(id(7))).Result()
		b.Logf("profile of one member: %v (%s)", m.rdb.HGetAll(ctx, k.member(id(7))).Val(), m.rdb.ObjectEncoding(ctx, k.member(id(7))).Val())
		b.Logf("after 52 weeks: %.0f B per member (used_memory delta / %d); one member: profile %d B, skills %d B (%d), events %d B (%d)",
			per, n, prof, skills, nsk, events, nev)
		// Through Slack the profile also holds the users.info answer.
		if err := s.SetFor(ctx, sc, id(7), "who", "member|Europe/Berlin|Jordan Example", time.Hour); err != nil {
			b.Fatal(err)
		}
		b.Logf("one member's profile with a Slack ~who field: %d B (%s)", m.rdb.MemoryUsage(ctx, k.member(id(7)), 0).Val(), m.rdb.ObjectEncoding(ctx, k.member(id(7))).Val())
		b.Logf("events of one member: %q", m.rdb.LRange(ctx, k.events(id(7)), 0, -1).Val())
		b.Logf("skills of one member: %v", m.rdb.HGetAll(ctx, k.skills(id(7))).Val())
	}
}

// firstSkill is the skill a `next` reply's first button starts.
func firstSkill(_ *bot.Bot, msg bot.Message) string {
	for _, bt := range msg.Buttons {
		if s, ok := strings.CutPrefix(bt.Command, "start "); ok {
			return s
		}
	}
	return ""
}

func loadStage(ctx context.Context, tb testing.TB, s *Store, sc bot.Scope, id string) string {
	ms, err := s.Load(ctx, sc, id)
	if err != nil || ms[0] == nil {
		tb.Fatalf("load %s: %v", id, err)
	}
	return ms[0].Stage
}

// usedMemory is INFO memory's used_memory less the clients' buffers, which
// follow the connections open, not the data.
func usedMemory(info string) int64 {
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
