package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
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

// postPerms are what the bot needs in a digest channel: to see it, to
// send in it, and to embed (a digest is an embed).
const postPerms = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks

// Channel says whether a lead's digest channel is a text channel of the
// lead's own guild in which the bot may post. It is asked once, when the
// lead names the channel, so it is not cached.
func (a *Adapter) Channel(ctx context.Context, sc bot.Scope, id string) (bot.ChannelKind, error) {
	if !isSnowflake(id) {
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
	perms, err := a.permsIn(ctx, c)
	if err != nil {
		a.log.Warn("discord: permissions in a digest channel", "channel", id, "err", err)
		return bot.ChannelUnchecked, nil
	}
	if perms&postPerms != postPerms {
		return bot.ChannelNoAccess, nil
	}
	return bot.ChannelReady, nil
}

// permsIn computes the bot's permissions in channel c as Discord does:
// @everyone's and its roles' permissions, then the channel's overwrites
// for @everyone, for its roles and for itself.
func (a *Adapter) permsIn(ctx context.Context, c *discordgo.Channel) (int64, error) {
	self := a.cfg.AppID // a bot's user id is its application's id
	if a.s.State != nil && a.s.State.User != nil {
		self = a.s.State.User.ID
	}
	roles, err := a.s.GuildRoles(c.GuildID, discordgo.WithContext(ctx))
	if err != nil {
		return 0, fmt.Errorf("guild roles: %w", err)
	}
	me, err := a.s.GuildMember(c.GuildID, self, discordgo.WithContext(ctx))
	if err != nil {
		return 0, fmt.Errorf("guild member %s: %w", self, err)
	}
	mine := func(id string) bool { return id == c.GuildID || slices.Contains(me.Roles, id) }
	var perms int64
	for _, r := range roles {
		if mine(r.ID) {
			perms |= r.Permissions
		}
	}
	if perms&discordgo.PermissionAdministrator != 0 {
		return discordgo.PermissionAll, nil
	}
	var deny, allow int64
	for _, o := range c.PermissionOverwrites {
		if o.ID == c.GuildID {
			perms = perms&^o.Deny | o.Allow
		} else if o.Type == discordgo.PermissionOverwriteTypeRole && mine(o.ID) {
			deny, allow = deny|o.Deny, allow|o.Allow
		}
	}
	perms = perms&^deny | allow
	for _, o := range c.PermissionOverwrites {
		if o.Type == discordgo.PermissionOverwriteTypeMember && o.ID == self {
			perms = perms&^o.Deny | o.Allow
		}
	}
	return perms, nil
}

var _ bot.Namer = (*Adapter)(nil)

// DisplayName is what the guild calls user (nickname, global name or user
// name), from the guild member lookup, kept in the shared cache for a
// day; "" when the guild can't say.
func (a *Adapter) DisplayName(ctx context.Context, sc bot.Scope, user string) string {
	key := "discord:name:" + user
	if v, err := a.cache.Get(ctx, sc, key); err == nil && v != "" {
		return v
	}
	m, err := a.s.GuildMember(sc.Workspace, user, discordgo.WithContext(ctx))
	if err != nil || m.User == nil {
		return ""
	}
	name := displayName(m, m.User)
	if err := a.cache.Set(ctx, sc, key, name, kindTTL); err != nil {
		a.log.Warn("name cache", "err", err.Error())
	}
	return name
}
