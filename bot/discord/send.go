package discord

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// Discord JSON error codes that matter for DMs.
const (
	codeUnknownChannel = 10003
	codeUnknownUser    = 10013
	codeCannotDM       = 50007 // the user closed DMs or shares no server with the bot
)

// dmChannelTTL bounds how long a DM channel id is trusted; Discord keeps
// them stable, so this only limits stale entries.
const dmChannelTTL = 30 * 24 * time.Hour

// PlatformAdmins names Discord's own admins (bot.AdminNamer): members
// with the Administrator permission, as a guild's people call them.
func (a *Adapter) PlatformAdmins() string { return "a server admin" }

// Send delivers m as a DM: it opens (or reuses the cached) DM channel and
// posts the message. It implements bot.Messenger: a 429 becomes a
// *bot.RateLimitError, closed DMs or an unknown user wrap bot.ErrUnreachable.
func (a *Adapter) Send(ctx context.Context, to bot.Recipient, m bot.Message) error {
	return a.SendReady(ctx, to, m, nil)
}

// SendReady is Send calling ready, when given, once the message's turn
// under the global rate limit has come and just before it is posted; it
// posts nothing when ready fails. From then on the post goes out even if
// ctx ends (scheduler.PacedMessenger).
func (a *Adapter) SendReady(ctx context.Context, to bot.Recipient, m bot.Message, ready func(context.Context) error) error {
	key := "discord:dm:" + to.User
	ch, cached := to.Channel, false
	if ch != "" {
		// A digest channel must be one of the lead's own guild.
		c, err := a.s.Channel(ch, discordgo.WithContext(ctx))
		if err != nil {
			return a.channelError(ch, err)
		}
		if c.GuildID != to.Scope.Workspace {
			return fmt.Errorf("discord: channel %s is not in guild %s: %w", ch, to.Scope.Workspace, bot.ErrUnreachable)
		}
	} else {
		var err error
		if ch, err = a.cache.Get(ctx, to.Scope, key); err != nil {
			a.log.Warn("discord: read cached DM channel", "err", err)
		}
		cached = ch != ""
	}
	for {
		if ch == "" {
			c, err := a.s.UserChannelCreate(to.User, discordgo.WithContext(ctx))
			if err != nil {
				return a.sendError(to.User, err)
			}
			ch = c.ID
			if err := a.cache.Set(ctx, to.Scope, key, ch, dmChannelTTL); err != nil {
				a.log.Warn("discord: cache DM channel", "err", err)
			}
		}
		pctx, err := a.rest.pace(ctx)
		if err != nil {
			return err
		}
		if ready != nil {
			if err := ready(ctx); err != nil {
				return err
			}
			ready = nil // the retry below posts the same message
			// Bounded by the HTTP client's timeout from here on.
			ctx, pctx = context.WithoutCancel(ctx), context.WithoutCancel(pctx)
		}
		_, err = a.s.ChannelMessageSendComplex(ch, render(m, false).send(), discordgo.WithContext(pctx))
		if cached && restCode(err) == codeUnknownChannel {
			// The cached channel is gone; open a new one once.
			cached, ch = false, ""
			continue
		}
		if err != nil {
			a.pauseShared(ctx, err)
			if to.Channel != "" {
				return a.channelError(to.Channel, err)
			}
			return a.sendError(to.User, err)
		}
		return nil
	}
}

// channelError is sendError for a post in a channel (a digest channel):
// one the bot can't see or write in is unreachable.
func (a *Adapter) channelError(channel string, err error) error {
	switch restCode(err) {
	case codeUnknownChannel, discordgo.ErrCodeMissingAccess, discordgo.ErrCodeMissingPermissions:
		return fmt.Errorf("discord: can't post in channel %s: %w", channel, bot.ErrUnreachable)
	}
	return a.sendError(channel, err)
}

// pauseShared holds every replica's REST calls for a 429's Retry-After
// when the limit is shared. discordgo does not say whether a 429 was the
// global one; a DM's routes are its recipient's own, so one there is taken
// for it.
func (a *Adapter) pauseShared(ctx context.Context, err error) {
	var rl *discordgo.RateLimitError
	if a.cfg.Limiter == nil || !errors.As(err, &rl) || rl.TooManyRequests == nil {
		return
	}
	if perr := a.cfg.Limiter.Pause(context.WithoutCancel(ctx), globalScope(a.cfg.AppID), GlobalLimitKey, rl.RetryAfter); perr != nil {
		a.log.Warn("discord: share a rate limit pause", "err", perr)
	}
}

// sendError translates discordgo's errors into the bot's.
func (a *Adapter) sendError(user string, err error) error {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		wait := time.Second
		if rl.TooManyRequests != nil && rl.RetryAfter > 0 {
			wait = rl.RetryAfter
		}
		return &bot.RateLimitError{RetryAfter: wait}
	}
	switch restCode(err) {
	case codeCannotDM:
		return fmt.Errorf("DMs closed on Discord: %w", bot.ErrUnreachable)
	case codeUnknownUser:
		return fmt.Errorf("unknown Discord user: %w", bot.ErrUnreachable)
	}
	return fmt.Errorf("discord: DM to %s: %w", user, err)
}

// restCode is Discord's JSON error code in err, or 0.
func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}
