package slack

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/mentorbot/mentorbot/bot"
)

// Who an id is, for the core's check that only real people are invited,
// assigned or made leads: users.info, kept in the shared cache (a day for
// a person, a bot or a deactivated account; ten minutes for an id Slack
// doesn't know, which may be one created just now).
const (
	kindTTL        = 24 * time.Hour
	unknownKindTTL = 10 * time.Minute
)

var _ bot.Directory = (*Adapter)(nil)

// Person says what user is in the workspace.
func (a *Adapter) Person(ctx context.Context, sc bot.Scope, user string) (bot.PersonKind, error) {
	key := "slack:kind:" + user
	if v, err := a.cfg.Cache.Get(ctx, sc, key); err == nil && v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return bot.PersonKind(n), nil
		}
	}
	kind, ttl := bot.PersonReal, kindTTL
	api, err := a.client(ctx, sc.Workspace)
	if err != nil {
		return bot.PersonUnknown, err
	}
	u, err := api.GetUserInfoContext(ctx, user)
	switch {
	case err != nil && slackCode(err) == "user_not_found":
		kind, ttl = bot.PersonUnknown, unknownKindTTL
	case err != nil:
		return bot.PersonUnknown, fmt.Errorf("users.info %s: %w", user, err)
	case u.IsBot || u.IsAppUser || u.ID == "USLACKBOT":
		kind = bot.PersonBot
	case u.Deleted:
		kind = bot.PersonGone
	}
	if err := a.cfg.Cache.Set(ctx, sc, key, strconv.Itoa(int(kind)), ttl); err != nil {
		a.log.Warn("person cache", "err", err.Error())
	}
	return kind, nil
}
