package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// Cache lifetimes.
const (
	dmTTL   = 90 * 24 * time.Hour // DM channel ids do not change
	tzTTL   = 24 * time.Hour
	roleTTL = time.Hour // a promotion to admin shows within the hour
)

// unreachable are the Slack errors that mean a DM can never be delivered.
var unreachable = map[string]bool{
	"user_not_found":        true,
	"users_not_found":       true,
	"cannot_dm_bot":         true,
	"user_is_bot":           true,
	"account_inactive":      true,
	"user_disabled":         true,
	"channel_not_found":     true,
	"is_archived":           true,
	"messages_tab_disabled": true,
}

// Send delivers m as a DM to the recipient (bot.Messenger). It paces
// itself to Slack's limits for chat.postMessage, returns a
// *bot.RateLimitError when Slack answers 429, and an error wrapping
// bot.ErrUnreachable when the user can never get the message.
func (a *Adapter) Send(ctx context.Context, to bot.Recipient, m bot.Message) error {
	ch, cached, err := a.dmChannel(ctx, to.Scope, to.User, false)
	if err != nil {
		return err
	}
	err = a.postPaced(ctx, ch, m)
	if cached && slackCode(err) == "channel_not_found" {
		// The cached channel went away (say, the app was reinstalled):
		// open it afresh once before calling the user unreachable.
		if ch, _, err = a.dmChannel(ctx, to.Scope, to.User, true); err != nil {
			return err
		}
		err = a.postPaced(ctx, ch, m)
	}
	return a.deliveryErr("send dm to "+to.User, err)
}

// postPaced waits for the pacer, then posts m to channel.
func (a *Adapter) postPaced(ctx context.Context, channel string, m bot.Message) error {
	if err := a.pace.wait(ctx, channel, time.Now()); err != nil {
		return err
	}
	return a.post(ctx, channel, "", m)
}

// post sends m to a channel, in a thread when thread is set.
func (a *Adapter) post(ctx context.Context, channel, thread string, m bot.Message) error {
	opts := []slack.MsgOption{
		slack.MsgOptionText(fallback(m), false),
		slack.MsgOptionBlocks(render(m, maxMessageBlocks)...),
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		a.pace.pause(rl.RetryAfter, time.Now())
	}
	return err
}

// dmChannel returns the id of the bot's DM channel with user, opening it
// with conversations.open the first time (or when fresh is set) and
// caching it after.
func (a *Adapter) dmChannel(ctx context.Context, sc bot.Scope, user string, fresh bool) (id string, cached bool, err error) {
	key := "slack:dm:" + user
	if !fresh {
		if id, err := a.cfg.Cache.Get(ctx, sc, key); err == nil && id != "" {
			return id, true, nil
		} else if err != nil {
			a.log.Warn("dm channel cache", slog.String("err", err.Error()))
		}
	}
	ch, _, _, err := a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return "", false, a.deliveryErr("open dm with "+user, err)
	}
	if ch == nil || ch.ID == "" {
		return "", false, fmt.Errorf("open dm with %s: no channel in the answer", user)
	}
	if err := a.cfg.Cache.Set(ctx, sc, key, ch.ID, dmTTL); err != nil {
		a.log.Warn("dm channel cache", slog.String("err", err.Error()))
	}
	return ch.ID, false, nil
}

// deliveryErr maps a Slack error to the bot's delivery errors.
func (a *Adapter) deliveryErr(what string, err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		a.pace.pause(rl.RetryAfter, time.Now())
		return &bot.RateLimitError{RetryAfter: rl.RetryAfter}
	}
	if code := slackCode(err); unreachable[code] {
		return fmt.Errorf("%s: %s: %w", what, code, bot.ErrUnreachable)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// slackCode returns Slack's error code ("channel_not_found"), or "".
func slackCode(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	return ""
}

// person is what users.info tells about someone.
type person struct {
	zone string
	role bot.Role
	name string
}

// lookup returns a user's time zone and rights, from the cache or
// users.info. Failures leave them unknown rather than failing the request.
func (a *Adapter) lookup(ctx context.Context, sc bot.Scope, user string) person {
	var p person
	tz, err1 := a.cfg.Cache.Get(ctx, sc, "slack:tz:"+user)
	role, err2 := a.cfg.Cache.Get(ctx, sc, "slack:role:"+user)
	if err1 == nil && err2 == nil && tz != "" && role != "" {
		if tz != "-" {
			p.zone = tz
		}
		if role == "admin" {
			p.role = bot.RoleAdmin
		}
		return p
	}
	u, err := a.api.GetUserInfoContext(ctx, user)
	if err != nil {
		a.log.Warn("users.info", slog.String("user", user), slog.String("err", err.Error()))
		return p
	}
	p.zone, p.name = u.TZ, u.Profile.DisplayName
	if p.name == "" {
		p.name = u.RealName
	}
	role, tz = "member", u.TZ
	if u.IsAdmin || u.IsOwner || u.IsPrimaryOwner {
		p.role, role = bot.RoleAdmin, "admin"
	}
	if tz == "" {
		tz = "-"
	}
	if err := a.cfg.Cache.Set(ctx, sc, "slack:tz:"+user, tz, tzTTL); err != nil {
		a.log.Warn("tz cache", slog.String("err", err.Error()))
	}
	if err := a.cfg.Cache.Set(ctx, sc, "slack:role:"+user, role, roleTTL); err != nil {
		a.log.Warn("role cache", slog.String("err", err.Error()))
	}
	return p
}

// enrich adds what Slack knows about the requester: rights, zone, name.
func (a *Adapter) enrich(ctx context.Context, req bot.Request) bot.Request {
	p := a.lookup(ctx, req.Scope, req.User)
	req.Role = max(req.Role, p.role)
	if req.Zone == "" {
		req.Zone = p.zone
	}
	if req.Name == "" {
		req.Name = p.name
	}
	return req
}
