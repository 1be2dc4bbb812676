package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// Who an id is, for the core's check that only real people are invited,
// assigned or made leads: the guild member lookup, kept in the shared
// cache (a day for a member or a bot; ten minutes for an id the guild
// doesn't have, who may join any moment).
const (
	kindTTL        = 24 * time.Hour
	unknownKindTTL = 10 * time.Minute
)

var _ bot.Directory = (*Adapter)(nil)

// Person says what user is in the guild of sc.
func (a *Adapter) Person(ctx context.Context, sc bot.Scope, user string) (bot.PersonKind, error) {
	key := "discord:kind:" + user
	if v, err := a.cache.Get(ctx, sc, key); err == nil && v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return bot.PersonKind(n), nil
		}
	}
	kind, ttl := bot.PersonReal, kindTTL
	m, err := a.s.GuildMember(sc.Workspace, user, discordgo.WithContext(ctx))
	var re *discordgo.RESTError
	switch {
	case errors.As(err, &re) && (re.Response != nil && re.Response.StatusCode == http.StatusNotFound ||
		re.Message != nil && (re.Message.Code == discordgo.ErrCodeUnknownMember || re.Message.Code == discordgo.ErrCodeUnknownUser)):
		kind, ttl = bot.PersonUnknown, unknownKindTTL
	case err != nil:
		return bot.PersonUnknown, fmt.Errorf("guild member %s: %w", user, err)
	case m.User != nil && (m.User.Bot || m.User.System):
		kind = bot.PersonBot
	}
	if err := a.cache.Set(ctx, sc, key, strconv.Itoa(int(kind)), ttl); err != nil {
		a.log.Warn("person cache", "err", err.Error())
	}
	return kind, nil
}

var _ bot.ChannelChecker = (*Adapter)(nil)

// Channel says whether a lead's digest channel is a text channel of the
// lead's own guild that the bot can see. It is asked once, when the lead
// names the channel, so it is not cached.
func (a *Adapter) Channel(ctx context.Context, sc bot.Scope, id string) (bot.ChannelKind, error) {
	if !snowflake(id) {
		// Discord writes a picked channel as <#123...>; a name typed
		// past the picker arrives as text and is no id.
		return bot.ChannelNotLinked, nil
	}
	c, err := a.s.Channel(id, discordgo.WithContext(ctx))
	var re *discordgo.RESTError
	switch code := restCode(err); {
	case code == codeUnknownChannel || errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusNotFound:
		return bot.ChannelMissing, nil
	case code == discordgo.ErrCodeMissingAccess || code == discordgo.ErrCodeMissingPermissions:
		return bot.ChannelNoAccess, nil
	case err != nil:
		return bot.ChannelMissing, fmt.Errorf("channel %s: %w", id, err)
	case c.GuildID != sc.Workspace:
		// Another server's channel, as unknown here as a missing one.
		return bot.ChannelMissing, nil
	case c.Type != discordgo.ChannelTypeGuildText && c.Type != discordgo.ChannelTypeGuildNews:
		return bot.ChannelNoAccess, nil
	}
	return bot.ChannelReady, nil
}

// snowflake says whether id has the form of a Discord id: 17 to 20 digits.
func snowflake(id string) bool {
	if len(id) < 17 || len(id) > 20 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
