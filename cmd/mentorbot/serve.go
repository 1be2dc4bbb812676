package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/bot/discord"
	"github.com/mentorbot/mentorbot/bot/slack"
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

	var clock bot.Clock = bot.SystemClock{}
	var cclock *console.Clock
	if useConsole {
		cclock = console.NewClock(time.Time{})
		clock = cclock
	}
	msgs := map[string]bot.Messenger{}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Clock: clock, Admins: cfg.Admins,
		Messengers: msgs, DefaultZone: cfg.DefaultZone, Logger: log, Observe: o.observe})
	if err != nil {
		return err
	}
	if useConsole {
		// The console's clock moves with :advance, so its scheduler runs on
		// that clock and is driven by the console rather than by Run.
		sched := bot.NewScheduler(b, store, bot.SchedulerOptions{Now: cclock.Now, Logger: log, Observe: o.nudge, ObserveDigest: o.digest})
		con := console.New(console.Config{Handler: b, In: stdin, Out: stdout, Clock: cclock, Zone: cfg.DefaultZone,
			Tick: sched.Tick, TickEvery: time.Second})
		msgs[console.Platform] = con
		if err := sched.Rebuild(ctx); err != nil {
			log.Warn("rebuild nudge schedule", "err", err)
		}
		err := con.Run(ctx)
		// Hand back any claim a tick held, so other processes sharing the
		// Redis need not wait for its lease.
		rctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if rerr := sched.Release(rctx); rerr != nil {
			log.Warn("release nudge claims", "err", rerr)
		}
		return err
	}

	mux := http.NewServeMux()
	o.routes(mux)
	var adapters []runner
	if cfg.slack() {
		sa, err := slack.New(slack.Config{BotToken: cfg.SlackBotToken, AppToken: cfg.SlackAppToken,
			SigningSecret: cfg.SlackSigningSecret, APIURL: cfg.SlackAPIURL, Handler: b, Cache: store, Logger: log})
		if err != nil {
			return err
		}
		sa.Routes(mux)
		o.addCheck("slack", func(context.Context) error { return sa.Ready() })
		msgs[slack.Platform] = sa
		adapters = append(adapters, sa)
	}
	if cfg.discord() {
		da, err := discord.New(discord.Config{Token: cfg.DiscordBotToken, AppID: cfg.DiscordAppID,
			PublicKey: cfg.DiscordPublicKey, GuildID: cfg.DiscordGuildID, Gateway: cfg.DiscordGateway,
			APIURL: cfg.DiscordAPIURL, LeadRole: cfg.DiscordLeadRole, Handler: b, Cache: store, Logger: log})
		if err != nil {
			return err
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
	sched := bot.NewScheduler(b, store, bot.SchedulerOptions{Logger: log, Observe: o.nudge, ObserveDigest: o.digest})
	return runAll(ctx, cfg, log, mux, adapters, sched, o.drain)
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
func runAll(ctx context.Context, cfg config, log *slog.Logger, mux *http.ServeMux, adapters []runner, sched runner, drain func()) error {
	actx, stopAdapters := context.WithCancel(context.WithoutCancel(ctx))
	defer stopAdapters()
	sctx, stopSched := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSched()
	var wg sync.WaitGroup
	errc := make(chan error, len(adapters)+2)
	var srv *http.Server
	if cfg.HTTPAddr != "" {
		ln, err := net.Listen("tcp", cfg.HTTPAddr)
		if err != nil {
			return fmt.Errorf("HTTP_ADDR: %w", err)
		}
		srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
			WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second}
		log.Info("http: listening", "addr", ln.Addr().String())
		wg.Go(func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("http: %w", err)
			}
		})
	}
	start := func(ctx context.Context, r runner) {
		wg.Go(func() {
			if err := r.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				errc <- err
			}
		})
	}
	for _, a := range adapters {
		start(actx, a)
	}
	schedDone := make(chan struct{})
	if sched != nil {
		wg.Go(func() {
			defer close(schedDone)
			if err := sched.Run(sctx); err != nil && !errors.Is(err, context.Canceled) {
				errc <- fmt.Errorf("nudge scheduler: %w", err)
			}
		})
	} else {
		close(schedDone)
	}

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	log.Info("shutting down")
	drain()
	stopSched()
	deadline := time.Now().Add(shutdownGrace)
	if srv != nil {
		sctx, scancel := context.WithDeadline(context.Background(), deadline)
		if serr := srv.Shutdown(sctx); serr != nil {
			log.Warn("shutdown: http requests still in flight", "err", serr)
		}
		scancel()
	}
	stopAdapters()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Until(deadline) + time.Second):
		select {
		case <-schedDone:
			log.Warn("shutdown: some parts did not stop in time")
		default:
			log.Warn("shutdown: the nudge scheduler did not stop in time; its claims come due again when their lease ends")
		}
	}
	// What went wrong on the way out (a claim that could not be released)
	// is not a reason to fail the exit, but it must not go unseen.
	for {
		select {
		case e := <-errc:
			log.Warn("shutdown", "err", e)
		default:
			return err
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
