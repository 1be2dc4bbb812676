package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// Installs keeps the workspaces' installations for OAuth mode;
// *storage.Installs is one.
type Installs interface {
	// Save stores an installation (tokens sealed), replacing the scope's
	// earlier one and cancelling a pending deletion of its data.
	Save(ctx context.Context, in bot.Install) error
	// Load returns the scope's installation; one without a working token
	// gives an error wrapping bot.ErrNotInstalled.
	Load(ctx context.Context, sc bot.Scope) (bot.Install, error)
	// Uninstall deletes the scope's tokens at once and schedules the
	// deletion of its members' data after the retention.
	Uninstall(ctx context.Context, sc bot.Scope) error
	// Broken deletes tokens that no longer work and marks the scope as
	// needing reinstall, keeping its data.
	Broken(ctx context.Context, sc bot.Scope) error
	// PutState keeps an OAuth state for ttl; TakeState uses it up,
	// reporting whether it was issued and unused.
	PutState(ctx context.Context, state string, ttl time.Duration) error
	TakeState(ctx context.Context, state string) (bool, error)
	// Lock and Unlock guard a token refresh across processes.
	Lock(ctx context.Context, sc bot.Scope, ttl time.Duration) (bool, error)
	Unlock(ctx context.Context, sc bot.Scope) error
}

// OAuth configures OAuth mode: any workspace installs the app through
// /slack/install and is served with its own token.
type OAuth struct {
	ClientID     string // SLACK_CLIENT_ID
	ClientSecret string // SLACK_CLIENT_SECRET
	// PublicURL is where Slack and browsers reach this server
	// (PUBLIC_URL), the base of the redirect URL and the install link.
	PublicURL string
	Installs  Installs
	// Scopes are the bot scopes asked for; nil: BotScopes.
	Scopes []string
}

// Team client lifetimes: a workspace's token is read from the store at
// most once a minute per process, so an uninstall seen by another replica
// reaches this one within teamTTL; tokens that rotate are refreshed when
// less than refreshBefore of their life is left.
const (
	teamTTL       = time.Minute
	refreshBefore = 15 * time.Minute
	refreshLock   = 30 * time.Second
	// refreshTimeout bounds a refresh, which a command may be waiting on.
	refreshTimeout = 2 * time.Second
)

// team is one workspace's client, as cached.
type team struct {
	api *slack.Client
	in  bot.Install
	at  time.Time
	// hold keeps a token that is due for a refresh until then: the
	// refresh just failed for want of Slack, and trying again on every
	// request would hold each one up by a timeout.
	hold time.Time
}

// teams caches a client per workspace.
type teams struct {
	mu sync.Mutex
	m  map[string]team
}

func (c *teams) get(id string, now time.Time) (team, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.m[id]
	switch {
	case !ok || now.Sub(t.at) > teamTTL:
		return team{}, false
	case now.Before(t.hold) && t.in.Expires.After(now):
		return t, true
	case !t.in.Expires.IsZero() && t.in.Expires.Sub(now) < refreshBefore:
		return team{}, false
	}
	return t, true
}

func (c *teams) put(id string, t team) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= peopleMax {
		c.m = map[string]team{}
	}
	c.m[id] = t
}

func (c *teams) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, id)
}

// oauth reports whether the adapter runs in OAuth mode.
func (a *Adapter) oauth() bool { return a.cfg.OAuth != nil }

// client returns the Web API client of workspace id: the one bot token's
// in single-token mode, else the workspace's own, refreshed when it is
// about to expire. A workspace without a working installation gives an
// error wrapping bot.ErrNotInstalled.
func (a *Adapter) client(ctx context.Context, id string) (*slack.Client, error) {
	if !a.oauth() {
		return a.api, nil
	}
	t, err := a.workspace(ctx, id)
	return t.api, err
}

// workspace returns workspace id's cached client and installation, loading
// (and refreshing) them when the cache has none fresh.
func (a *Adapter) workspace(ctx context.Context, id string) (team, error) {
	now := a.now()
	if t, ok := a.teams.get(id, now); ok {
		return t, nil
	}
	sc := scope(id)
	in, err := a.cfg.OAuth.Installs.Load(ctx, sc)
	if err != nil {
		a.teams.drop(id)
		return team{}, err
	}
	var hold time.Time
	if in.Refresh != "" && !in.Expires.IsZero() && in.Expires.Sub(now) < refreshBefore {
		old := in.BotToken
		if in, err = a.refresh(ctx, in); err != nil {
			return team{}, err
		}
		if in.BotToken == old {
			hold = now.Add(teamTTL)
		}
	}
	t := team{api: slack.New(in.BotToken, a.opts...), in: in, at: now, hold: hold}
	a.teams.put(id, t)
	return t, nil
}

// refresh trades a rotating token's refresh token for a new pair
// (oauth.v2.access with grant_type=refresh_token) and stores it. When
// Slack refuses, the workspace is marked as needing reinstall; when Slack
// cannot be reached, the current token serves while it lasts.
func (a *Adapter) refresh(ctx context.Context, in bot.Install) (bot.Install, error) {
	o := a.cfg.OAuth
	log := a.log.With(slog.String("team", in.Scope.Workspace))
	got, err := o.Installs.Lock(ctx, in.Scope, refreshLock)
	if err != nil || !got {
		// Another process is refreshing (or the lock is unreachable): the
		// current token still works unless it has already expired.
		if in.Expires.After(a.now()) {
			return in, nil
		}
		if err == nil {
			err = errors.New("another process is refreshing it")
		}
		return in, fmt.Errorf("token of %s expired: %w", in.Scope.Workspace, err)
	}
	defer func() {
		if err := o.Installs.Unlock(context.WithoutCancel(ctx), in.Scope); err != nil {
			log.Warn("slack token refresh: unlock", slog.String("err", err.Error()))
		}
	}()
	// Another process may have refreshed it just before the lock.
	if cur, err := o.Installs.Load(ctx, in.Scope); err == nil && cur.Expires.Sub(a.now()) >= refreshBefore {
		return cur, nil
	}
	rctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	res, err := slack.RefreshOAuthV2TokenContext(rctx, a.http, o.ClientID, o.ClientSecret, in.Refresh, slack.OAuthOptionAPIURL(a.base))
	if err != nil {
		var se slack.SlackErrorResponse
		if errors.As(err, &se) {
			log.Error("slack token refresh refused; the workspace needs to reinstall the app", slog.String("err", se.Err))
			a.teams.drop(in.Scope.Workspace)
			if berr := o.Installs.Broken(ctx, in.Scope); berr != nil {
				log.Warn("slack token refresh: mark broken", slog.String("err", berr.Error()))
			}
			return in, fmt.Errorf("refresh token of %s: %s: %w", in.Scope.Workspace, se.Err, bot.ErrNotInstalled)
		}
		log.Warn("slack token refresh failed; trying again later", slog.String("err", err.Error()))
		if in.Expires.After(a.now()) {
			return in, nil
		}
		return in, fmt.Errorf("refresh token of %s: %w", in.Scope.Workspace, err)
	}
	in.BotToken = res.AccessToken
	if res.RefreshToken != "" {
		in.Refresh = res.RefreshToken
	}
	in.Expires = time.Time{}
	if res.ExpiresIn > 0 {
		in.Expires = a.now().Add(time.Duration(res.ExpiresIn) * time.Second)
	}
	if err := o.Installs.Save(ctx, in); err != nil {
		// The new token works for this call; the next one tries again
		// with the refresh token Slack just gave, which is lost when it
		// rotates. Say so loudly.
		log.Error("slack token refresh: could not store the new token", slog.String("err", err.Error()))
	} else {
		log.Info("slack token refreshed", slog.Time("expires", in.Expires))
	}
	return in, nil
}

// self returns the bot's user id and bot id in workspace id.
func (a *Adapter) self(ctx context.Context, id string) (user, botID string) {
	if !a.oauth() {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.botUser, a.botID
	}
	t, err := a.workspace(ctx, id)
	if err != nil {
		return "", ""
	}
	return t.in.BotUser, ""
}

// Serves reports whether Slack workspace sc can be served: in OAuth mode,
// whether it has a working installation. The scheduler skips workspaces
// it cannot serve. Storage trouble counts as serving, so that it shows up
// as the failed sends it causes rather than as silence.
func (a *Adapter) Serves(ctx context.Context, sc bot.Scope) bool {
	if !a.oauth() {
		return true
	}
	_, err := a.workspace(ctx, sc.Workspace)
	return !errors.Is(err, bot.ErrNotInstalled)
}

// installLink is where a workspace (re)installs the app.
func (a *Adapter) installLink() string { return a.cfg.OAuth.PublicURL + "/slack/install" }

// notServed returns what a user of workspace id reads when it cannot be
// served, or false when it can.
func (a *Adapter) notServed(ctx context.Context, id string) (bot.Message, bool) {
	if !a.oauth() {
		return bot.Message{}, false
	}
	_, err := a.workspace(ctx, id)
	switch {
	case err == nil:
		return bot.Message{}, false
	case errors.Is(err, bot.ErrNotInstalled):
		return bot.Message{Private: true, Text: "mentorbot needs to be reinstalled in this workspace before it can answer. " +
			"An admin can reinstall it here: " + a.installLink()}, true
	}
	a.log.Warn("slack install lookup", slog.String("team", id), slog.String("err", err.Error()))
	return bot.Reply(err), true
}
