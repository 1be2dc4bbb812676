package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/bot/discord"
	"github.com/mentorbot/mentorbot/bot/slack"
	"github.com/mentorbot/mentorbot/internal/bodylimit"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/scheduler"
	"github.com/mentorbot/mentorbot/storage"
)

// shutdownGrace bounds how long a stopping process finishes work in flight;
// the whole stop stays well inside the 10 s a supervisor usually allows.
const shutdownGrace = 7 * time.Second

// runner is a part that works until its context ends: a chat adapter or
// the nudge scheduler (which releases its claims on the way out).
type runner interface {
	Run(ctx context.Context) error
}

// serve wires mentorbot from cfg and runs it until ctx ends (or, for the
// console, until end of input).
func serve(ctx context.Context, cfg config, forceConsole bool, stdin io.Reader, stdout, stderr io.Writer) error {
	useConsole := forceConsole || (!cfg.slack() && !cfg.discord())
	if useConsole && !cfg.LogLevelSet {
		// Command log lines would drown the conversation in a terminal.
		cfg.LogLevel = slog.LevelWarn
	}
	log := newLogger(cfg, stderr)
	// go-redis logs connection trouble through a process-wide logger; send
	// it to ours, where it stays below the console's default level.
	redis.SetLogger(redisLog{log})
	rm, err := loadRoadmap(cfg.RoadmapFile)
	if err != nil {
		return err
	}
	rdb, closeRedis, err := openRedis(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer closeRedis()
	o := newOps(rdb, log)
	store := storage.New(rdb)

	if useConsole {
		return runConsole(ctx, cfg, log, o, rm, store, stdin, stdout)
	}
	writer, err := newWriter(cfg, rm, o)
	if err != nil {
		return err
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Admins: cfg.Admins,
		DefaultZone: cfg.DefaultZone, Logger: log, Observe: o.observe, Writer: writer, Cache: store})
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	o.routes(mux)
	installs := newInstalls(rdb, cfg)
	msgs, adapters, err := startAdapters(ctx, cfg, log, o, mux, b, store, installs)
	if err != nil {
		return err
	}
	b.SetMessengers(msgs) // for invitations
	dirs := map[string]bot.Directory{}
	for p, m := range msgs {
		if d, ok := m.(bot.Directory); ok {
			dirs[p] = d // only real people are invited, assigned or made leads
		}
	}
	b.SetDirectories(dirs)
	sched, err := scheduler.New(scheduler.Config{Content: b, Members: store, Queue: store, Messengers: msgs,
		Lease: cfg.NudgeLease, Interval: cfg.NudgeInterval,
		Logger: log, Observe: o.nudge, ObserveDigest: o.digest})
	if err != nil {
		return err
	}
	announce := func(addr string) {
		if cfg.LogFormat == "json" {
			log.Info("started", "line", startupLine(cfg, addr))
			return
		}
		fmt.Fprintln(stderr, startupLine(cfg, addr))
	}
	return runAll(ctx, cfg, log, mux, adapters, sched, o.drain, announce)
}

// runConsole runs the console adapter on a clock that :advance moves, so
// its scheduler runs on that clock and is driven by the console rather
// than by Run.
func runConsole(ctx context.Context, cfg config, log *slog.Logger, o *ops, rm *roadmap.Roadmap, store *storage.Store, stdin io.Reader, stdout io.Writer) error {
	clock := console.NewClock(time.Time{})
	writer, err := newWriter(cfg, rm, o)
	if err != nil {
		return err
	}
	// Console names are case-folded ("@Ann" is ann), ADMIN_USERS too.
	admins := make([]string, len(cfg.Admins))
	for i, a := range cfg.Admins {
		admins[i] = strings.ToLower(a)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Clock: clock, Admins: admins,
		DefaultZone: cfg.DefaultZone, Logger: log, Observe: o.observe, Writer: writer, Cache: store})
	if err != nil {
		return err
	}
	// The console is both the scheduler's messenger and the one driving
	// its ticks, so the tick reaches the scheduler made after it.
	var sched *scheduler.Scheduler
	con := console.New(console.Config{Handler: b, In: stdin, Out: stdout, Clock: clock, Zone: cfg.DefaultZone,
		Workspace: cfg.ConsoleWorkspace, Tick: func(ctx context.Context) error { return sched.Tick(ctx) }, TickEvery: time.Second})
	b.SetMessengers(map[string]bot.Messenger{console.Platform: con})
	sched, err = scheduler.New(scheduler.Config{Content: b, Members: store, Queue: store,
		Messengers: map[string]bot.Messenger{console.Platform: con}, Now: clock.Now,
		Logger: log, Observe: o.nudge, ObserveDigest: o.digest})
	if err != nil {
		return err
	}
	if err := sched.Recover(ctx); err != nil {
		log.Warn("recover nudge index", "err", err)
	}
	err = con.Run(ctx)
	// Hand back any claim a tick held, so other processes sharing the
	// Redis need not wait for its lease.
	rctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if rerr := sched.Release(rctx); rerr != nil {
		log.Warn("release nudge claims", "err", rerr)
	}
	return err
}

// startAdapters builds the configured chat adapters, registers their
// routes and readiness checks, and returns them with their messengers.
func startAdapters(ctx context.Context, cfg config, log *slog.Logger, o *ops, mux *http.ServeMux, b *bot.Bot, store *storage.Store, installs *storage.Installs) (map[string]bot.Messenger, []runner, error) {
	msgs := map[string]bot.Messenger{}
	var adapters []runner
	if installs != nil {
		adapters = append(adapters, &forgetter{in: installs, log: log, rekey: cfg.TokenKeyRotating})
	}
	// One budget of unverified request bytes for every signed endpoint.
	bodies := bodylimit.New(bodylimit.DefaultSmall, bodylimit.DefaultLarge)
	if cfg.slack() {
		scfg := slack.Config{BotToken: cfg.SlackBotToken, AppToken: cfg.SlackAppToken,
			SigningSecret: cfg.SlackSigningSecret, APIURL: cfg.SlackAPIURL, LeadGroup: cfg.SlackLeadGroup, Handler: b, Cache: store, Logger: log, Bodies: bodies,
			SendRate: cfg.SlackSendRate, SendBurst: int(cfg.SlackSendRate), OpenRate: cfg.SlackOpenRate, Limiter: store}
		if cfg.slackOAuth() {
			scfg.OAuth = &slack.OAuth{ClientID: cfg.SlackClientID, ClientSecret: cfg.SlackClientSecret,
				PublicURL: cfg.PublicURL, Installs: installs}
		}
		sa, err := slack.New(scfg)
		if err != nil {
			return nil, nil, err
		}
		sa.Routes(mux)
		o.addCheck("slack", func(context.Context) error { return sa.Ready() })
		if _, _, ok := sa.APIState(); ok {
			o.addAPI(slack.Platform, func() (bool, string) {
				up, line, _ := sa.APIState()
				return up, line
			})
		}
		msgs[slack.Platform] = sa
		adapters = append(adapters, sa)
	}
	if cfg.discord() {
		da, err := discord.New(discord.Config{Token: cfg.DiscordBotToken, AppID: cfg.DiscordAppID,
			PublicKey: cfg.DiscordPublicKey, GuildID: cfg.DiscordGuildID, Gateway: cfg.DiscordGateway,
			APIURL: cfg.DiscordAPIURL, LeadRole: cfg.DiscordLeadRole, Handler: b, Cache: store, Logger: log, Bodies: bodies,
			Rate: cfg.DiscordRate, Limiter: store, Departures: installs, Retention: cfg.Retention})
		if err != nil {
			return nil, nil, err
		}
		rctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		err = da.Register(rctx)
		cancel()
		if err != nil {
			// Commands registered earlier keep working; a later start retries.
			log.Error("discord: register /mentor", "err", err)
		}
		da.Routes(mux)
		o.addCheck("discord", func(context.Context) error { return da.Ready() })
		msgs[discord.Platform] = da
		adapters = append(adapters, da)
	}
	return msgs, adapters, nil
}

// runAll serves HTTP (when HTTP_ADDR is set) and runs the adapters and the
// nudge scheduler until ctx ends or one of them fails. Then it stops in
// this order, all within shutdownGrace:
//
//   - drain: /readyz answers 503, so a load balancer sends no more work;
//   - the scheduler stops at once: it claims nothing more, completes or
//     releases the batch in hand and releases every claim it holds, so no
//     nudge waits for a lease to run out;
//   - the HTTP server stops accepting and lets requests in flight finish;
//   - only then do the adapters stop: they finish the replies those
//     requests left running, and close their connections.
//
// The parts' contexts are therefore not the signal's: were the adapters',
// they would stop while HTTP requests were still handing them work. runAll returns
// only when everything has stopped (or the grace has run out), so that the
// caller closes Redis after the scheduler has released its claims.
func runAll(ctx context.Context, cfg config, log *slog.Logger, mux *http.ServeMux, adapters []runner, sched runner, drain func(), announce func(httpAddr string)) error {
	p := &parts{log: log, errc: make(chan error, len(adapters)+2), schedDone: make(chan struct{})}
	actx, stopAdapters := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAdapters()
	sctx, stopSched := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSched()
	addr := ""
	if cfg.HTTPAddr != "" {
		var err error
		if addr, err = p.serveHTTP(cfg.HTTPAddr, mux); err != nil {
			return err
		}
	}
	if announce != nil {
		announce(addr)
	}
	for _, a := range adapters {
		p.start(actx, a, "", nil)
	}
	p.start(sctx, sched, "nudge scheduler: ", p.schedDone)
	var err error
	select {
	case <-ctx.Done():
	case err = <-p.errc:
	}
	log.Info("shutting down")
	drain()
	stopSched()
	deadline := time.Now().Add(shutdownGrace)
	p.stopHTTP(deadline)
	stopAdapters()
	p.wait(deadline)
	return err
}

// parts are what runAll runs: the HTTP server, the adapters and the
// scheduler, each reporting a failure on errc.
type parts struct {
	log       *slog.Logger
	wg        sync.WaitGroup
	errc      chan error
	srv       *http.Server
	schedDone chan struct{} // closed when the scheduler has stopped
}

// serveHTTP listens on addr and serves mux, and returns the address it
// bound (":0" becomes a port).
func (p *parts) serveHTTP(addr string, mux *http.ServeMux) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("HTTP_ADDR: %w", err)
	}
	// Slow clients are cut off: headers within 5 s and at most 16 KiB (Slack's
	// and Discord's are 1-2 KiB), the whole request within 10 s.
	p.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 16 << 10}
	p.log.Debug("http: listening", "addr", ln.Addr().String())
	p.wg.Go(func() {
		if err := p.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			p.errc <- fmt.Errorf("http: %w", err)
		}
	})
	return ln.Addr().String(), nil
}

// start runs r until ctx ends; what it returns but cancellation is
// reported with the label. done, when given, is closed when r returns.
func (p *parts) start(ctx context.Context, r runner, label string, done chan struct{}) {
	p.wg.Go(func() {
		if done != nil {
			defer close(done)
		}
		if err := r.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			p.errc <- fmt.Errorf("%s%w", label, err)
		}
	})
}

// stopHTTP stops accepting and lets requests in flight finish by deadline.
func (p *parts) stopHTTP(deadline time.Time) {
	if p.srv == nil {
		return
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if err := p.srv.Shutdown(ctx); err != nil {
		p.log.Warn("shutdown: http requests still in flight", "err", err)
	}
}

// wait waits for every part to stop, a second past deadline at most, and
// logs what went wrong on the way out (a claim that could not be
// released): no reason to fail the exit, but it must not go unseen.
func (p *parts) wait(deadline time.Time) {
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Until(deadline) + time.Second):
		select {
		case <-p.schedDone:
			p.log.Warn("shutdown: some parts did not stop in time")
		default:
			p.log.Warn("shutdown: the nudge scheduler did not stop in time; its claims come due again when their lease ends")
		}
	}
	for {
		select {
		case e := <-p.errc:
			p.log.Warn("shutdown", "err", e)
		default:
			return
		}
	}
}

// openRedis connects to REDIS_URL, or starts the embedded server (REDIS_URL
// unset or memory://) with a notice that nothing is kept. A chat bot
// without REDIS_URL never gets here: config.checkStore stops it first.
func openRedis(ctx context.Context, cfg config, stderr io.Writer) (redis.UniversalClient, func(), error) {
	if cfg.embeddedRedis() {
		rdb, stop, err := storage.Embedded()
		if err != nil {
			return nil, nil, err
		}
		why := "REDIS_URL is not set"
		if cfg.RedisURL == memoryURL {
			why = "REDIS_URL=" + memoryURL
		}
		fmt.Fprintf(stderr, "mentorbot: %s: using an in-process Redis; nothing is kept after exit.\n", why)
		return rdb, stop, nil
	}
	octx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	rdb, err := storage.Open(octx, cfg.RedisURL)
	if err != nil {
		return nil, nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	return rdb, func() { rdb.Close() }, nil
}

// newLogger builds the slog logger from LOG_LEVEL and LOG_FORMAT.
func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
