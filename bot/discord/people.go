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
