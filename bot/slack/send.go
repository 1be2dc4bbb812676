package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// Cache lifetimes.
const (
	dmTTL   = 90 * 24 * time.Hour // DM channel ids do not change
	roleTTL = time.Hour           // a promotion to admin shows within the hour
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
	"not_in_channel":        true, // a digest channel the bot was not invited to
}

// PlatformAdmins names Slack's own admins (bot.AdminNamer), whose rights
// mentorbot takes from users.info.
func (a *Adapter) PlatformAdmins() string { return "a workspace admin" }

// Send delivers m as a DM to the recipient (bot.Messenger). It paces
// itself to Slack's limits for chat.postMessage, returns a
// *bot.RateLimitError when Slack answers 429, and an error wrapping
// bot.ErrUnreachable when the user can never get the message.
func (a *Adapter) Send(ctx context.Context, to bot.Recipient, m bot.Message) error {
	return a.SendReady(ctx, to, m, nil)
}

// SendReady is Send calling ready, when given, once the pacing wait is
// over and just before the message is posted; it posts nothing when ready
// fails. From then on the post goes out even if ctx ends
// (scheduler.PacedMessenger).
func (a *Adapter) SendReady(ctx context.Context, to bot.Recipient, m bot.Message, ready func(context.Context) error) error {
	_, _, err := a.send(ctx, to, m, ready, time.Time{})
	return err
}

// send is SendReady. With a non-zero until, a turn under the shared
// limiter that comes after until is not waited for: send then returns
// later, with how far the turn was, having posted nothing (a DM channel
// it opened is cached for the next try).
func (a *Adapter) send(ctx context.Context, to bot.Recipient, m bot.Message, ready func(context.Context) error, until time.Time) (turn time.Duration, later bool, err error) {
	ch, cached := to.Channel, false
	if ch == "" {
		var ok bool
		if ctx, ch, cached, turn, ok, err = a.dmChannel(ctx, to.Scope, to.User, false, until); err != nil || !ok {
			return turn, !ok && err == nil, err
		}
	}
	var ok bool
	if ctx, turn, ok, err = a.waitPost(ctx, to.Scope, ch, until); err != nil || !ok {
		return turn, !ok && err == nil, err
	}
	if ready != nil {
		if err := ready(ctx); err != nil {
			return 0, false, err
		}
	}
	ctx = context.WithoutCancel(ctx) // bounded by the HTTP client's timeout
	err = a.post(ctx, to.Scope, ch, "", m)
	if cached && slackCode(err) == "channel_not_found" {
		// The cached channel went away (say, the app was reinstalled):
		// open it afresh once, waiting for the turns, before calling the
		// user unreachable.
		if ctx, ch, _, _, _, err = a.dmChannel(ctx, to.Scope, to.User, true, time.Time{}); err != nil {
			return 0, false, err
		}
		if ctx, _, _, err = a.waitPost(ctx, to.Scope, ch, time.Time{}); err == nil {
			err = a.post(ctx, to.Scope, ch, "", m)
		}
	}
	a.pauseShared(ctx, to.Scope, a.limits.post, err)
	if to.Channel != "" {
		return 0, false, a.deliveryErr("post in "+to.Channel, err)
	}
	return 0, false, a.deliveryErr("send dm to "+to.User, err)
}

// post sends m to a channel of workspace sc, in a thread when thread is set.
func (a *Adapter) post(ctx context.Context, sc bot.Scope, channel, thread string, m bot.Message) error {
	api, err := a.client(ctx, sc.Workspace)
	if err != nil {
		return err
	}
	opts := []slack.MsgOption{
		slack.MsgOptionText(fallback(m), false),
		slack.MsgOptionBlocks(render(m, maxMessageBlocks)...),
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	_, _, err = api.PostMessageContext(ctx, channel, opts...)
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		a.pace.pause(rl.RetryAfter, time.Now())
	}
	return err
}

// dmChannel returns the id of the bot's DM channel with user, opening it
// with conversations.open the first time (or when fresh is set) and
// caching it after. With a non-zero until, a turn to open it that comes
// later is not waited for: ok is false, with how far the turn was.
func (a *Adapter) dmChannel(ctx context.Context, sc bot.Scope, user string, fresh bool, until time.Time) (_ context.Context, id string, cached bool, turn time.Duration, ok bool, err error) {
	key := "slack:dm:" + user
	if !fresh {
		if id, err := a.cfg.Cache.Get(ctx, sc, key); err == nil && id != "" {
			return ctx, id, true, 0, true, nil
		} else if err != nil {
			a.log.Warn("dm channel cache", slog.String("err", err.Error()))
		}
	}
	api, err := a.client(ctx, sc.Workspace)
	if err != nil {
		return ctx, "", false, 0, false, fmt.Errorf("open dm with %s: %w", user, err)
	}
	if ctx, turn, ok, err = a.waitOpen(ctx, sc, until); err != nil || !ok {
		return ctx, "", false, turn, false, err
	}
	ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		a.pauseShared(ctx, sc, a.limits.open, err)
		return ctx, "", false, 0, false, a.deliveryErr("open dm with "+user, err)
	}
	if ch == nil || ch.ID == "" {
		return ctx, "", false, 0, false, fmt.Errorf("open dm with %s: no channel in the answer", user)
	}
	if err := a.cfg.Cache.Set(ctx, sc, key, ch.ID, dmTTL); err != nil {
		a.log.Warn("dm channel cache", slog.String("err", err.Error()))
	}
	return ctx, ch.ID, false, 0, true, nil
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

// people remembers recent users.info answers in the process. Redis keeps
// them for an hour for every replica; this keeps the hottest for a few
// minutes so that a command's only round trips are the core's own.
type people struct {
	mu      sync.Mutex
	m       map[string]personAt
	dropped map[string]time.Time // when each key was last dropped (forget)
}

type personAt struct {
	p      person
	until  time.Time
	failed bool // users.info did not answer: p is nobody, kept to not ask again soon
}

const (
	peopleTTL = 5 * time.Minute
	peopleMax = 10000
	// lookupBudget bounds a users.info call made before a command runs:
	// a Slack that does not answer (a dropped connection, a firewall)
	// must not spend the command's time with Redis (bot.StoreBudget),
	// whose answer would then be "storage is unavailable".
	lookupBudget = 700 * time.Millisecond
	// lookupRetry is how long a failed users.info is not asked again: a
	// Slack that is down costs each person one wait a minute, not one a
	// command.
	lookupRetry = time.Minute
	// lookupLate bounds how long a users.info past lookupBudget is waited
	// for in the background, its answer kept for the next command.
	lookupLate = 15 * time.Second
)

func (c *people) get(key string, now time.Time) (person, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || now.After(e.until) {
		return person{}, false
	}
	return e.p, true
}

// learnt is get less the failures it keeps: what Slack said of key.
func (c *people) learnt(key string, now time.Time) (person, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.failed || now.After(e.until) {
		return person{}, false
	}
	return e.p, true
}

func (c *people) put(key string, p person, now time.Time) {
	c.keep(key, personAt{p: p, until: now.Add(peopleTTL)})
}

// failed keeps key's users.info as failed for lookupRetry.
func (c *people) failed(key string, now time.Time) {
	c.keep(key, personAt{until: now.Add(lookupRetry), failed: true})
}

func (c *people) keep(key string, e personAt) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.keepLocked(key, e)
}

func (c *people) keepLocked(key string, e personAt) {
	if c.m == nil || len(c.m) >= peopleMax {
		c.m = make(map[string]personAt) // a crude bound: start afresh
	}
	c.m[key] = e
}

func (c *people) drop(key string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, key)
	if c.dropped == nil || len(c.dropped) >= peopleMax {
		c.dropped = make(map[string]time.Time)
	}
	c.dropped[key] = now
}

// putUnlessDropped keeps p, asked for at asked, unless key was dropped
// since: a late users.info answer must not bring back a forgotten person.
func (c *people) putUnlessDropped(key string, p person, asked, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if at, gone := c.dropped[key]; gone && !at.Before(asked) {
		return
	}
	c.keepLocked(key, personAt{p: p, until: now.Add(peopleTTL)})
}

// encode and decodePerson keep a person in one cache value "role|zone|name".
func (p person) encode() string {
	role := "member"
	if p.role == bot.RoleAdmin {
		role = "admin"
	}
	return role + "|" + p.zone + "|" + p.name
}

func decodePerson(v string) (person, bool) {
	parts := strings.SplitN(v, "|", 3)
	if len(parts) != 3 {
		return person{}, false
	}
	p := person{zone: parts[1], name: parts[2]}
	if parts[0] == "admin" {
		p.role = bot.RoleAdmin
	}
	return p, true
}

// memberCache is a bot.Cache that can also keep a value with a member's
// own record (storage.Store does, in their profile), so that a joined
// member costs no cache key of their own for their users.info answer
// (issue 16); someone without a record gets a key, as from any Cache.
type memberCache interface {
	GetFor(ctx context.Context, sc bot.Scope, member, key string) (string, error)
	SetFor(ctx context.Context, sc bot.Scope, member, key, value string, ttl time.Duration) error
}

// whoKey names the cached users.info answer: with a member (memberCache),
// or the cache key of a plain bot.Cache.
const whoKey = "who"

// lookup returns a user's time zone, rights and name: from the process,
// else the shared cache (one round trip), else users.info. Failures leave
// them unknown rather than failing the request. A users.info answer is
// stored by keep, once the request was handled: a join has made the
// member's profile by then, which holds it.
func (a *Adapter) lookup(ctx context.Context, sc bot.Scope, user string) (p person, keep func(context.Context)) {
	keep = func(context.Context) {}
	key := sc.Workspace + "/" + user
	now := a.now()
	if p, ok := a.people.get(key, now); ok {
		return p, keep
	}
	mc, withMember := a.cfg.Cache.(memberCache)
	var v string
	var err error
	if withMember {
		v, err = mc.GetFor(ctx, sc, user, whoKey)
	} else {
		v, err = a.cfg.Cache.Get(ctx, sc, "slack:who:"+user)
	}
	if err == nil && v != "" {
		if p, ok := decodePerson(v); ok {
			a.people.put(key, p, now)
			return p, keep
		}
	}
	api, err := a.client(ctx, sc.Workspace)
	if err != nil {
		return person{}, keep
	}
	// users.info gets lookupBudget; an answer that comes later is still
	// kept in this process, so that its next command has it (a Slack that
	// answers in a second would otherwise never be heard).
	type answer struct {
		p   person
		err error
	}
	got := make(chan answer) // unbuffered: once the wait is over, the send gives way to late
	late := make(chan struct{})
	go func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lookupLate)
		defer cancel()
		u, err := api.GetUserInfoContext(cctx, user)
		var p person
		if err == nil {
			p = personOf(u)
		}
		select {
		case got <- answer{p, err}:
		case <-late:
			// Kept in this process only, and not if the person was
			// forgotten meanwhile (Drop): nothing of theirs may outlive a
			// `forget`, which a write to the shared cache could.
			if err == nil {
				a.people.putUnlessDropped(key, p, now, a.now())
			}
		}
	}()
	var ans answer
	select {
	case ans = <-got:
	case <-time.After(lookupBudget):
		close(late)
		ans.err = fmt.Errorf("no answer within %s", lookupBudget)
	}
	if ans.err != nil {
		// Answered without: the default zone, no rights from Slack, the
		// name the record has.
		a.log.Warn("users.info", slog.String("user", user), slog.String("err", ans.err.Error()))
		a.people.failed(key, now)
		return person{}, keep
	}
	p = ans.p
	a.people.put(key, p, now)
	return p, func(ctx context.Context) { a.store(ctx, sc, user, p) }
}

// personOf is what users.info's answer says of a user.
func personOf(u *slack.User) person {
	p := person{zone: u.TZ, name: u.Profile.DisplayName}
	if p.name == "" {
		p.name = u.RealName
	}
	if u.IsAdmin || u.IsOwner || u.IsPrimaryOwner {
		p.role = bot.RoleAdmin
	}
	return p
}

// store keeps p, users.info's answer about user, in the shared cache:
// with the member's record when the cache can.
func (a *Adapter) store(ctx context.Context, sc bot.Scope, user string, p person) {
	var err error
	if mc, ok := a.cfg.Cache.(memberCache); ok {
		err = mc.SetFor(ctx, sc, user, whoKey, p.encode(), roleTTL)
	} else {
		err = a.cfg.Cache.Set(ctx, sc, "slack:who:"+user, p.encode(), roleTTL)
	}
	if err != nil {
		a.log.Warn("user cache", slog.String("err", err.Error()))
	}
}

// handle runs req through the handler, enriched, and then stores what
// enriching it learnt (see lookup).
func (a *Adapter) handle(ctx context.Context, req bot.Request) bot.Message {
	req, keep := a.enrich(ctx, req)
	m := a.cfg.Handler.Handle(ctx, req)
	keep(ctx)
	return m
}

// enrich adds what Slack knows about the requester: rights, zone, and the
// name Slack shows (display name, else real name), the one name source.
// keep stores what it learnt, to be called once req was handled.
func (a *Adapter) enrich(ctx context.Context, req bot.Request) (_ bot.Request, keep func(context.Context)) {
	p, keep := a.lookup(ctx, req.Scope, req.User)
	req.Role = max(req.Role, p.role)
	if req.Role < bot.RoleLead && a.inLeadGroup(ctx, req.Scope, req.User) {
		req.Role = bot.RoleLead
	}
	if req.Zone == "" {
		req.Zone = p.zone
	}
	if req.Name == "" {
		req.Name = p.name
	}
	return req, keep
}
