// Package slack is mentorbot's Slack adapter. It serves the /mentor slash
// command, button presses, mentions, DMs and the App Home tab, over Socket
// Mode (when an app-level token is configured) or signed HTTP requests, and
// delivers the bot's own DMs (nudges, digests) as a bot.Messenger.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/bodylimit"
	"github.com/mentorbot/mentorbot/internal/mask"
	"github.com/mentorbot/mentorbot/internal/workers"
)

// Platform is the Scope.Platform of everything this adapter handles.
const Platform = "slack"

// Handler is what the adapter needs from the core; *bot.Bot satisfies it.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Message
	Home(ctx context.Context, req bot.Request) bot.Message
}

// Config wires an Adapter. Handler and Cache are required; BotToken
// (single-token mode) or OAuth (OAuth mode), not both; and at least one of
// AppToken (Socket Mode) and SigningSecret (HTTP mode).
type Config struct {
	BotToken string // SLACK_BOT_TOKEN, xoxb-...; single-token mode
	// OAuth, when set, makes the adapter installable by any workspace
	// (OAuth mode): each is served with the token its installation left.
	OAuth         *OAuth
	AppToken      string // SLACK_APP_TOKEN, xapp-...; set: Socket Mode
	SigningSecret string // SLACK_SIGNING_SECRET; verifies HTTP requests
	// APIURL is the base of Slack's Web API (SLACK_API_URL); empty means
	// https://slack.com. "/api/" is appended unless it already ends in /api.
	APIURL  string
	Handler Handler
	Cache   bot.Cache
	Logger  *slog.Logger // nil: slog.Default()
	// Clock tells the time for the signature replay window; nil: time.Now.
	Clock func() time.Time
	// HTTPClient makes the Web API and response_url calls; nil: a client
	// with a 15 s timeout.
	HTTPClient *http.Client
	// AckBudget is how long a command may run before it is acknowledged
	// empty and its reply goes to response_url; zero: 2.5 s (Slack gives 3 s).
	AckBudget time.Duration
	// SendRate caps the DMs Send delivers per second in one workspace;
	// zero: 4. SendBurst is how many may go at once; zero: 4.
	SendRate  float64
	SendBurst int
	// Limiter, when set, paces DMs across every replica sharing it (a
	// Redis-backed bot.Limiter): chat.postMessage at SendRate per
	// workspace and one a second per channel, conversations.open at
	// OpenRate a minute. Nil: each process paces its own DMs.
	Limiter bot.Limiter
	// OpenRate is conversations.open calls a minute per workspace under a
	// shared Limiter (Slack's Tier 3: 50+); zero: 50.
	OpenRate float64
	// OpenBurst is how many conversations.open calls may go at once
	// before OpenRate spaces them (Tier 3 tolerates bursts: a lead's
	// batch of invitations goes out together); zero: 10.
	OpenBurst int
	// Bodies bounds the bytes that request bodies hold before their
	// signatures are checked, shared with the other endpoints of the
	// process; nil: a budget of this adapter's own with the default sizes.
	Bodies *bodylimit.Budget
	// LeadGroup is SLACK_LEAD_GROUP: a user group, by handle or id, whose
	// members are leads; empty: none.
	LeadGroup string
}

// Adapter connects Slack to the core: one workspace installation in
// single-token mode, any number in OAuth mode.
type Adapter struct {
	cfg    Config
	api    *slack.Client // single-token mode's client; in OAuth mode, only Socket Mode's
	opts   []slack.Option
	base   string // Web API base, for OAuth calls too
	http   *http.Client
	log    *slog.Logger
	now    func() time.Time
	budget time.Duration

	pace   *pacer
	limits limits // under a shared Limiter

	// self is who the bot is, learned from auth.test.
	mu       sync.Mutex
	botUser  string
	botID    string
	team     string
	authed   bool
	socketUp atomic.Bool
	webAPI   apiState // the Web API as auth.test last found it

	work sync.WaitGroup // replies still running after their acknowledgement
	// handoff holds a slot per DM waiting in the background (handOff);
	// bg ends those sends when Run returns.
	handoff chan struct{}
	bg      context.Context
	stopBG  context.CancelFunc
	// pool runs each command's work on a reused goroutine (workers).
	pool *workers.Pool

	people people     // recent users.info answers, so a command costs no extra round trip
	teams  teams      // OAuth mode: a client per workspace
	groups leadGroups // recent SLACK_LEAD_GROUP members
}

// New checks cfg and returns an Adapter. It does no I/O.
func New(cfg Config) (*Adapter, error) {
	switch {
	case cfg.BotToken == "" && cfg.OAuth == nil:
		return nil, errors.New("slack: SLACK_BOT_TOKEN is required")
	case cfg.BotToken != "" && cfg.OAuth != nil:
		return nil, errors.New("slack: SLACK_BOT_TOKEN must be unset in OAuth mode (SLACK_CLIENT_ID)")
	case cfg.OAuth != nil && (cfg.OAuth.ClientID == "" || cfg.OAuth.ClientSecret == "" || cfg.OAuth.Installs == nil || cfg.SigningSecret == ""):
		return nil, errors.New("slack: OAuth mode needs a client id, a client secret, a signing secret and an installation store")
	case cfg.OAuth != nil && !strings.HasPrefix(cfg.OAuth.PublicURL, "http"):
		return nil, errors.New("slack: OAuth mode needs PUBLIC_URL")
	case cfg.AppToken == "" && cfg.SigningSecret == "":
		return nil, errors.New("slack: SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) is required")
	case cfg.AppToken != "" && !strings.HasPrefix(cfg.AppToken, "xapp-"):
		return nil, errors.New("slack: SLACK_APP_TOKEN must be an app-level token (xapp-...)")
	case cfg.Handler == nil || cfg.Cache == nil:
		return nil, errors.New("slack: a handler and a cache are required")
	}
	base, err := apiBase(cfg.APIURL)
	if err != nil {
		return nil, err
	}
	a := &Adapter{cfg: cfg, http: cfg.HTTPClient, log: cfg.Logger, now: cfg.Clock, budget: cfg.AckBudget,
		pool: workers.New(time.Minute), handoff: make(chan struct{}, handoffMax)}
	a.bg, a.stopBG = context.WithCancel(context.Background())
	if a.http == nil {
		a.http = &http.Client{Timeout: 15 * time.Second}
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	a.log = a.log.With(slog.String("adapter", Platform))
	if a.now == nil {
		a.now = time.Now
	}
	if a.budget <= 0 {
		a.budget = 2500 * time.Millisecond
	}
	if a.cfg.Bodies == nil {
		a.cfg.Bodies = bodylimit.New(bodylimit.DefaultSmall, bodylimit.DefaultLarge)
	}
	rate, burst := cfg.SendRate, cfg.SendBurst
	if rate <= 0 {
		rate = 4
	}
	if burst <= 0 {
		burst = 4
	}
	a.pace = newPacer(rate, burst, time.Second)
	open, openBurst := cfg.OpenRate, cfg.OpenBurst
	if open <= 0 {
		open = 50
	}
	if openBurst <= 0 {
		openBurst = 10
	}
	a.limits = limits{
		post: bot.Limit{Key: "slack.post", Every: time.Duration(float64(time.Second) / rate), Burst: burst},
		open: bot.Limit{Key: "slack.open", Every: time.Duration(float64(time.Minute) / open), Burst: openBurst},
	}
	if cfg.OAuth != nil {
		o := *cfg.OAuth
		o.PublicURL = strings.TrimRight(o.PublicURL, "/")
		if o.Scopes == nil {
			o.Scopes = BotScopes()
		}
		a.cfg.OAuth = &o
	}
	a.base = base
	a.opts = []slack.Option{slack.OptionAPIURL(base), slack.OptionHTTPClient(a.http)}
	opts := a.opts
	if cfg.AppToken != "" {
		opts = append(opts[:len(opts):len(opts)], slack.OptionAppLevelToken(cfg.AppToken))
	}
	a.api = slack.New(cfg.BotToken, opts...)
	return a, nil
}

// apiBase turns SLACK_API_URL into the Web API base that slack-go expects.
func apiBase(raw string) (string, error) {
	if raw == "" {
		return slack.APIURL, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("slack: SLACK_API_URL %q is not an http(s) URL", mask.URL(raw))
	}
	base := strings.TrimRight(raw, "/")
	if !strings.HasSuffix(base, "/api") {
		base += "/api"
	}
	return base + "/", nil
}

// Run connects to Slack and blocks until ctx is done. With an app token
// it runs Socket Mode; otherwise it only learns who the bot is and waits,
// as HTTP requests arrive through Routes.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.work.Wait()
	defer a.stopBG() // DMs still waiting for their turn are given up, and logged
	if a.oauth() {
		// Each workspace's token is read when it is first needed.
		a.mu.Lock()
		a.authed = true
		a.mu.Unlock()
	} else if err := a.whoAmI(ctx); err != nil {
		return err
	} else {
		go a.probeAPI(ctx)
	}
	if a.cfg.AppToken != "" {
		return a.runSocket(ctx)
	}
	<-ctx.Done()
	return nil
}

// probeAPI calls auth.test every APIProbeEvery until ctx ends, so that
// APIState follows the Web API going away and coming back.
func (a *Adapter) probeAPI(ctx context.Context) {
	t := time.NewTicker(APIProbeEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		_, err := a.api.AuthTestContext(cctx)
		cancel()
		if ctx.Err() == nil {
			a.webAPI.record(err, a.now())
		}
	}
}

// Ready reports nil when the adapter can serve. In HTTP mode that is at
// once: signed requests are answered whether or not Slack's Web API
// answers (APIState reports that). In Socket Mode the bot token must have
// worked and the websocket be connected; in OAuth mode Run must have
// started.
func (a *Adapter) Ready() error {
	a.mu.Lock()
	authed := a.authed
	a.mu.Unlock()
	switch {
	case a.cfg.AppToken == "" && !a.oauth():
		return nil
	case !authed:
		return errors.New("slack: not authenticated yet")
	case a.cfg.AppToken != "" && !a.socketUp.Load():
		return errors.New("slack: socket mode not connected")
	}
	return nil
}

// whoAmI calls auth.test until it succeeds, so that the bot can recognise
// its own messages. A rejected token ends Run; network trouble is retried.
func (a *Adapter) whoAmI(ctx context.Context) error {
	wait := time.Second
	for {
		res, err := a.api.AuthTestContext(ctx)
		if ctx.Err() == nil {
			a.webAPI.record(err, a.now())
		}
		if err == nil {
			a.mu.Lock()
			a.botUser, a.botID, a.team, a.authed = res.UserID, res.BotID, res.TeamID, true
			a.mu.Unlock()
			a.log.Info("slack authenticated", slog.String("team", res.TeamID), slog.String("bot_user", res.UserID))
			return nil
		}
		var se slack.SlackErrorResponse
		if errors.As(err, &se) {
			switch se.Err {
			case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired":
				return fmt.Errorf("slack: SLACK_BOT_TOKEN rejected: %s", se.Err)
			}
		}
		a.log.Warn("slack auth.test failed; retrying", slog.String("err", err.Error()), slog.Duration("in", wait))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}

// answer runs the handler for req within the ack budget. When it finishes
// in time, answer returns its message and true. Otherwise it returns false
// at once and calls late with the message when the handler is done, so the
// caller can acknowledge Slack now and reply later.
func (a *Adapter) answer(ctx context.Context, req bot.Request, late func(context.Context, bot.Message)) (bot.Message, bool) {
	// The work outlives the request that started it; only the handler's
	// own limits stop it.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	done := make(chan bot.Message, 1)
	a.work.Add(1)
	a.pool.Go(func() {
		done <- a.deliverFile(wctx, req, a.handle(wctx, req))
	})
	timer := time.NewTimer(a.budget)
	defer timer.Stop()
	select {
	case m := <-done:
		cancel()
		a.work.Done()
		return m, true
	case <-timer.C:
		go func() {
			defer a.work.Done()
			defer cancel()
			late(wctx, <-done)
		}()
		return bot.Message{}, false
	}
}

// later runs fn in the background, tracked so Run can wait for it.
func (a *Adapter) later(ctx context.Context, fn func(context.Context)) {
	a.work.Add(1)
	go func() {
		defer a.work.Done()
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		fn(wctx)
	}()
}

// scope returns the Scope of a Slack team.
func scope(team string) bot.Scope { return bot.Scope{Platform: Platform, Workspace: team} }
