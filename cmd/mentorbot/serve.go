package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/console"
	"github.com/mentorbot/mentorbot/storage"
)

// serve wires mentorbot from cfg and runs it until ctx ends (or, for the
// console, until end of input).
func serve(ctx context.Context, cfg config, forceConsole bool, stdin io.Reader, stdout, stderr io.Writer) error {
	useConsole := forceConsole || (!cfg.slack() && !cfg.discord())
	if useConsole && !cfg.LogLevelSet {
		// Command log lines would drown the conversation in a terminal.
		cfg.LogLevel = slog.LevelWarn
	}
	log := newLogger(cfg, stderr)
	rm, err := loadRoadmap(cfg.RoadmapFile)
	if err != nil {
		return err
	}
	rdb, closeRedis, err := openRedis(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer closeRedis()
	store := storage.New(rdb)

	var clock bot.Clock = bot.SystemClock{}
	var cclock *console.Clock
	if useConsole {
		cclock = console.NewClock(time.Time{})
		clock = cclock
	}
	msgs := map[string]bot.Messenger{}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: store, Clock: clock, Admins: cfg.Admins,
		Messengers: msgs, DefaultZone: cfg.DefaultZone, Logger: log})
	if err != nil {
		return err
	}
	if useConsole {
		con := console.New(console.Config{Handler: b, In: stdin, Out: stdout, Clock: cclock, Zone: cfg.DefaultZone})
		msgs[console.Platform] = con
		return con.Run(ctx)
	}
	<-ctx.Done()
	return nil
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
