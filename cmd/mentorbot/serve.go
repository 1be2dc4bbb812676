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
		return con.Run(ctx)
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
	adapters = append(adapters, sched)
	return runAll(ctx, cfg, log, mux, adapters, o.drain)
}

// runAll serves HTTP (when HTTP_ADDR is set) and runs the adapters until
// ctx ends, then stops taking work and finishes what is in flight.
// drain is called first on the way out, so /readyz turns away new work.
func runAll(ctx context.Context, cfg config, log *slog.Logger, mux *http.ServeMux, adapters []runner, drain func()) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, len(adapters)+1)
	var srv *http.Server
	if cfg.HTTPAddr != "" {
		ln, err := net.Listen("tcp", cfg.HTTPAddr)
		if err != nil {
			return fmt.Errorf("HTTP_ADDR: %w", err)
		}
		srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
			WriteTimeout: 15 * time.Second, IdleTimeout: 60 * time.Second}
		log.Info("http: listening", "addr", ln.Addr().String())
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("http: %w", err)
			}
		}()
	}
	for _, a := range adapters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := a.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				errc <- err
			}
		}()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	log.Info("shutting down")
	drain()
	deadline := time.Now().Add(shutdownGrace)
	if srv != nil {
		// Stop accepting requests and let those in flight finish.
		sctx, scancel := context.WithDeadline(context.Background(), deadline)
		srv.Shutdown(sctx)
		scancel()
	}
	// The adapters and the scheduler finish what they hold (the scheduler
	// releases its claims, so no nudge waits for a lease to run out).
	cancel()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Until(deadline) + time.Second):
		log.Warn("shutdown: some parts did not stop in time")
	}
	return err
}

// openRedis connects to REDIS_URL, or starts the embedded server with a
// notice that nothing is kept.
func openRedis(ctx context.Context, cfg config, stderr io.Writer) (redis.UniversalClient, func(), error) {
	if cfg.RedisURL == "" {
		rdb, stop, err := storage.Embedded()
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintln(stderr, "mentorbot: REDIS_URL is not set: using an in-process Redis; nothing is kept after exit.")
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
