package slack

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/slack-go/slack"

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

var _ bot.ChannelChecker = (*Adapter)(nil)

// Channel says whether a lead's digest channel exists and has the bot in
// it (conversations.info). It is asked once, when the lead names the
// channel, so it is not cached.
func (a *Adapter) Channel(ctx context.Context, sc bot.Scope, id string) (bot.ChannelKind, error) {
	if !channelID(id) {
		// Slack links a channel picked after # (<#C123|leads>); a name
		// typed past the picker arrives as text and is no id.
		return bot.ChannelNotLinked, nil
	}
	api, err := a.client(ctx, sc.Workspace)
	if err != nil {
		return bot.ChannelMissing, err
	}
	ch, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: id})
	switch {
	case err != nil && slackCode(err) == "channel_not_found":
		return bot.ChannelMissing, nil
	case err != nil && slackCode(err) == "missing_scope":
		// Installed before channels:read was asked for.
		return bot.ChannelUnchecked, nil
	case err != nil:
		return bot.ChannelMissing, fmt.Errorf("conversations.info %s: %w", id, err)
	case ch.IsArchived:
		return bot.ChannelMissing, nil
	case !ch.IsMember:
		return bot.ChannelOutside, nil
	}
	return bot.ChannelReady, nil
}

// channelID says whether id has the form of a Slack channel id: C (public)
// or G (private) and upper-case letters and digits.
func channelID(id string) bool {
	return len(id) >= 3 && slackID(id, "CG")
}

var _ bot.Namer = (*Adapter)(nil)

// DisplayName is what the workspace calls user: users.info's display or
// real name, kept as lookup keeps it for the requests people send.
func (a *Adapter) DisplayName(ctx context.Context, sc bot.Scope, user string) string {
	p, keep := a.lookup(ctx, sc, user)
	keep(ctx)
	return p.name
}
