package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/mentorbot/mentorbot/storage"
)

// forgetEvery is how often the data of workspaces whose retention ran out
// is looked for.
const forgetEvery = time.Minute

// newInstalls returns the installation store when something needs it:
// Slack OAuth mode (installations, sealed tokens) or Discord (guilds that
// remove the bot), both with the uninstall retention; nil otherwise.
func newInstalls(rdb redis.UniversalClient, cfg config) *storage.Installs {
	switch {
	case cfg.slackOAuth():
		return storage.NewInstalls(rdb, cfg.TokenRing, cfg.Retention)
	case cfg.discord():
		return storage.NewInstalls(rdb, nil, cfg.Retention)
	}
	return nil
}

// forgetter deletes the data of workspaces that left once their retention
// has run out, and, while SLACK_TOKEN_KEY_OLD is set, seals every stored
// token again with the current key once at start.
type forgetter struct {
	in    *storage.Installs
	log   *slog.Logger
	rekey bool
}

// Run works until ctx ends. Every replica runs one; deleting twice
// deletes nothing more.
func (f *forgetter) Run(ctx context.Context) error {
	if f.rekey {
		n, err := f.in.Rekey(ctx)
		if err != nil {
			f.log.Error("slack tokens: re-encrypt with SLACK_TOKEN_KEY", "reencrypted", n, "err", err)
		} else {
			f.log.Info("slack tokens re-encrypted with SLACK_TOKEN_KEY; SLACK_TOKEN_KEY_OLD can be removed once every replica runs with the new key",
				"reencrypted", n)
		}
	}
	t := time.NewTicker(forgetEvery)
	defer t.Stop()
	for {
		done, err := f.in.ForgetDue(ctx)
		if err != nil && ctx.Err() == nil {
			f.log.Warn("delete data of workspaces that left", "err", err)
		}
		for _, sc := range done {
			f.log.Info("deleted the data of a workspace that left", "scope", sc.String())
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
