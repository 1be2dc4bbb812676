// Package discord is mentorbot's Discord adapter, built on discordgo. It
// registers /mentor with one subcommand per command of the bot's table,
// receives interactions over the gateway or as signed HTTP requests, turns
// them into bot.Requests, renders bot.Messages as embeds and buttons, and
// delivers DMs as a bot.Messenger.
package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/bodylimit"
	"github.com/mentorbot/mentorbot/internal/mask"
)

// Platform is the Scope.Platform of everything this adapter handles.
const Platform = "discord"

// Handler is what the adapter needs from the core; *bot.Bot satisfies it.
type Handler interface {
	Handle(ctx context.Context, req bot.Request) bot.Message
	Commands() []bot.Command
	Complete(ctx context.Context, kind bot.ArgKind, prefix string) []bot.Choice
}

// Config wires an Adapter. Token and AppID are always needed; PublicKey
// enables the HTTP interactions endpoint and Gateway the websocket.
type Config struct {
	Token     string // bot token (DISCORD_BOT_TOKEN), with or without the "Bot " prefix
	AppID     string // application id (DISCORD_APP_ID)
	PublicKey string // hex Ed25519 public key (DISCORD_PUBLIC_KEY); empty: no HTTP endpoint
	GuildID   string // register commands in this guild only (DISCORD_GUILD_ID), for development
	Gateway   bool   // connect to the gateway (DISCORD_GATEWAY)
	// APIURL replaces https://discord.com/api/v9 in REST calls (DISCORD_API_URL).
	// A URL without a path keeps /api/v9, so a bare proxy host works.
	APIURL string
	// LeadRole is a role id or name (DISCORD_LEAD_ROLE) whose holders are leads.
	LeadRole string
	Handler  Handler
	Cache    bot.Cache
	Logger   *slog.Logger     // nil: slog.Default()
	Clock    func() time.Time // nil: time.Now
	// Rate caps REST requests per second outside interaction replies, below
	// Discord's global 50/s; 0 means 45.
	Rate float64
	// Limiter, when set, holds every replica sharing it under Discord's
	// global limit together (a Redis-backed bot.Limiter), at Rate. Nil:
	// each process paces its own REST calls.
	Limiter bot.Limiter
	// Bodies bounds the bytes that interaction bodies hold before their
	// signatures are checked, shared with the other endpoints of the
	// process; nil: a budget of this adapter's own with the default sizes.
	Bodies *bodylimit.Budget
	// Departures, when set, schedules the deletion of a guild's data
	// Retention after the bot is removed from it, and cancels it when the
	// bot is added back.
	Departures Departures
	Retention  time.Duration
}

// Departures keeps the schedule of data to delete for guilds that removed
// the bot; *storage.Installs is one.
type Departures interface {
	// ForgetAfter schedules the deletion of sc's data after d (0: now).
	ForgetAfter(ctx context.Context, sc bot.Scope, d time.Duration) error
	// Keep cancels it.
	Keep(ctx context.Context, sc bot.Scope) error
	// ForgetAt is when sc's data is to be deleted; zero when it is not.
	ForgetAt(ctx context.Context, sc bot.Scope) (time.Time, error)
}

// Adapter connects one Discord application to the bot.
type Adapter struct {
	cfg     Config
	s       *discordgo.Session
	rest    *transport
	key     ed25519.PublicKey
	log     *slog.Logger
	now     func() time.Time
	h       Handler
	cache   bot.Cache
	budget  time.Duration // how long a reply may take before it is deferred
	connect atomic.Bool   // the gateway is connected
	wg      sync.WaitGroup

	mu    sync.Mutex
	homes map[string]string // user id -> guild last seen, to write the cache only on change
}

// Interaction timing: Discord drops an interaction not answered within 3 s
// and accepts follow-ups with its token for 15 minutes.
const (
	replyBudget   = 2500 * time.Millisecond
	followupLimit = 10 * time.Minute
	maxBody       = 1 << 20
	maxSkew       = 5 * time.Minute
)

// New checks cfg and builds an Adapter; it does not touch the network.
func New(cfg Config) (*Adapter, error) {
	if cfg.Token == "" {
		return nil, errors.New("discord: DISCORD_BOT_TOKEN is required")
	}
	if cfg.AppID == "" {
		return nil, errors.New("discord: DISCORD_APP_ID is required")
	}
	if cfg.Handler == nil || cfg.Cache == nil {
		return nil, errors.New("discord: a handler and a cache are required")
	}
	a := &Adapter{
		cfg:    cfg,
		log:    cfg.Logger,
		now:    cfg.Clock,
		h:      cfg.Handler,
		cache:  cfg.Cache,
		budget: replyBudget,
		homes:  map[string]string{},
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}
	if cfg.PublicKey != "" {
		k, err := hex.DecodeString(strings.TrimSpace(cfg.PublicKey))
		if err != nil || len(k) != ed25519.PublicKeySize {
			return nil, errors.New("discord: DISCORD_PUBLIC_KEY must be 64 hex digits")
		}
		a.key = ed25519.PublicKey(k)
	}
	if a.cfg.Bodies == nil {
		a.cfg.Bodies = bodylimit.New(bodylimit.DefaultSmall, bodylimit.DefaultLarge)
	}
	token := strings.TrimSpace(cfg.Token)
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord: session: %w", err)
	}
	tr, err := newTransport(http.DefaultTransport, cfg.APIURL, cfg.Rate)
	if err != nil {
		return nil, err
	}
	if cfg.Limiter != nil {
		tr.shared = sharedGlobal(cfg.Limiter, cfg.AppID, cfg.Rate)
	}
	s.Client = &http.Client{Transport: tr, Timeout: 15 * time.Second}
	a.rest = tr
	// discordgo retries 429s by sleeping without bound; the scheduler
	// retries instead, and 502s are retried once.
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 1
	s.StateEnabled = false
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.LogLevel = discordgo.LogError
	a.s = s
	return a, nil
}

// Session returns the underlying discordgo session, for callers that need
// a REST call the adapter does not wrap.
func (a *Adapter) Session() *discordgo.Session { return a.s }

// Ready returns nil when the adapter can serve: the gateway is connected
// when it is enabled, otherwise the HTTP endpoint is configured.
func (a *Adapter) Ready() error {
	if a.cfg.Gateway && !a.connect.Load() {
		return errors.New("discord: gateway not connected")
	}
	if !a.cfg.Gateway && a.key == nil {
		return errors.New("discord: neither the gateway nor HTTP interactions are enabled")
	}
	return nil
}

// Run connects to the gateway when it is enabled and blocks until ctx is
// done, then waits briefly for replies still in flight.
func (a *Adapter) Run(ctx context.Context) error {
	if a.cfg.Gateway {
		a.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) { a.connect.Store(true) })
		a.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Ready) { a.connect.Store(true) })
		a.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) { a.connect.Store(false) })
		a.s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
			defer a.survive("interaction")
			a.onInteraction(ctx, ic.Interaction)
		})
		a.s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) {
			defer a.survive("message")
			a.onMessage(ctx, m.Message)
		})
		a.s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildDelete) {
			defer a.survive("guild delete")
			a.onGuildDelete(ctx, g)
		})
		a.s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) {
			defer a.survive("guild create")
			a.onGuildCreate(ctx, g)
		})
		if err := a.open(ctx); err != nil {
			return err
		}
		defer func() {
			if err := a.s.Close(); err != nil {
				a.log.Warn("discord: close gateway", "err", err)
			}
			a.connect.Store(false)
		}()
	}
	<-ctx.Done()
	done := make(chan struct{})
	go func() { a.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		a.log.Warn("discord: replies still in flight at shutdown")
	}
	return nil
}

// open connects to the gateway, retrying with backoff until ctx is done:
// a Discord outage at start-up should not stop the HTTP endpoints. A bad
// token or refused intents end it with an error instead, as retrying them
// forever would only hide the misconfiguration behind warnings.
func (a *Adapter) open(ctx context.Context) error {
	wait := time.Second
	for {
		err := a.s.Open()
		if err == nil {
			a.log.Info("discord: gateway connected")
			return nil
		}
		if why := fatalGateway(err); why != "" {
			return fmt.Errorf("discord: gateway: %s: %w", why, err)
		}
		a.log.Warn("discord: gateway connect failed", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(wait*2, time.Minute)
	}
}

// fatalGateway names the setting to fix when err is one that no retry can
// cure: a rejected token, or intents the application may not use.
// Anything else (network, Discord outage) is worth retrying.
func fatalGateway(err error) string {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		switch ce.Code {
		case 4004: // authentication failed
			return "DISCORD_BOT_TOKEN was rejected"
		case 4013, 4014: // invalid or disallowed intents
			return "the application may not use the gateway intents it asks for (check the Bot page of the developer portal)"
		case 4010, 4011, 4012: // invalid shard, sharding required, invalid API version
			return "the gateway refused this session's shard or API version"
		}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return "DISCORD_BOT_TOKEN was rejected"
	}
	return ""
}

// transport points REST calls at APIURL and paces them under Discord's
// global limit. Endpoint URLs are discordgo package variables shared by
// every session, so they are rewritten here rather than changed.
type transport struct {
	base   http.RoundTripper
	host   string   // discordgo's API host, "discord.com"
	prefix string   // discordgo's API path, "/api/v9"
	target *url.URL // nil: leave URLs alone
	limit  *rate.Limiter
	// shared, when set, waits for a turn under the global limit shared
	// by every replica, instead of limit.
	shared func(ctx context.Context) error
}

// GlobalLimitKey is the shared limiter's key for Discord's global limit,
// in the scope globalScope names.
const GlobalLimitKey = "discord.global"

// globalScope is the scope of the global limit: the application's, across
// every guild.
func globalScope(appID string) bot.Scope {
	return bot.Scope{Platform: Platform, Workspace: "app" + appID}
}

// sharedGlobal waits under l for a turn of the global limit of appID, at
// perSec (zero: 50, Discord's global limit).
func sharedGlobal(l bot.Limiter, appID string, perSec float64) func(context.Context) error {
	if perSec <= 0 {
		perSec = 50
	}
	lim := bot.Limit{Key: GlobalLimitKey, Every: time.Duration(float64(time.Second) / perSec), Burst: 1}
	sc := globalScope(appID)
	return func(ctx context.Context) error { return l.Wait(ctx, sc, lim) }
}

// wait waits for one request's turn under the global limit.
func (t *transport) wait(ctx context.Context) error {
	if t.shared != nil {
		return t.shared(ctx)
	}
	return t.limit.Wait(ctx)
}

func newTransport(base http.RoundTripper, apiURL string, perSec float64) (*transport, error) {
	if perSec <= 0 {
		perSec = 45
	}
	api, err := url.Parse(discordgo.EndpointAPI)
	if err != nil {
		return nil, fmt.Errorf("discord: discordgo API endpoint: %w", err)
	}
	t := &transport{
		base:   base,
		host:   api.Host,
		prefix: strings.TrimSuffix(api.Path, "/"),
		limit:  rate.NewLimiter(rate.Limit(perSec), 5),
	}
	if apiURL != "" {
		u, err := url.Parse(apiURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("discord: DISCORD_API_URL %q is not an http(s) URL", mask.URL(apiURL))
		}
		u.Path = strings.TrimSuffix(u.Path, "/")
		if u.Path == "" {
			u.Path = t.prefix
		}
		t.target = u
	}
	return t, nil
}

// pacedKey marks the context of a REST request whose turn under the
// global limit was taken before it was made.
type pacedKey struct{}

// pace waits for one request's turn under the global limit and returns a
// context whose REST request will not wait again.
func (t *transport) pace(ctx context.Context) (context.Context, error) {
	if err := t.wait(ctx); err != nil {
		return ctx, err
	}
	return context.WithValue(ctx, pacedKey{}, true), nil
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	isAPI := req.URL.Host == t.host && strings.HasPrefix(req.URL.Path, t.prefix+"/")
	rest := strings.TrimPrefix(req.URL.Path, t.prefix)
	// Interaction replies are exempt from the global limit, and a request
	// paced before it was made (see paced) waited already.
	if isAPI && !strings.HasPrefix(rest, "/interactions/") && !strings.HasPrefix(rest, "/webhooks/") &&
		req.Context().Value(pacedKey{}) == nil {
		if err := t.wait(req.Context()); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			return nil, err
		}
	}
	if !isAPI || t.target == nil {
		return jsonRateLimit(t.base.RoundTrip(req))
	}
	r := req.Clone(req.Context())
	u := *t.target
	u.Path = t.target.Path + rest
	u.RawPath = t.target.EscapedPath() + strings.TrimPrefix(req.URL.EscapedPath(), t.prefix)
	u.RawQuery = req.URL.RawQuery
	r.URL = &u
	r.Host = u.Host
	return jsonRateLimit(t.base.RoundTrip(r))
}

// jsonRateLimit gives a 429 without a JSON body (Cloudflare's ban page
// after too many invalid requests, a proxy's refusal) the body Discord
// sends, built from Retry-After. discordgo only recognises a JSON 429 as a
// rate limit; anything else reached the scheduler as a plain failure, so
// it kept sending into the ban instead of pausing.
func jsonRateLimit(resp *http.Response, err error) (*http.Response, error) {
	if err != nil || resp.StatusCode != http.StatusTooManyRequests ||
		strings.Contains(resp.Header.Get("Content-Type"), "json") {
		return resp, err
	}
	wait, perr := strconv.ParseFloat(strings.TrimSpace(resp.Header.Get("Retry-After")), 64)
	if perr != nil || wait <= 0 || math.IsNaN(wait) || math.IsInf(wait, 0) {
		wait = 60 // no usable hint: back off for a minute
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	body := fmt.Sprintf(`{"message":"rate limited (a 429 that was not Discord's JSON)","retry_after":%g,"global":true}`, wait)
	resp.Body = io.NopCloser(strings.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header = resp.Header.Clone()
	resp.Header.Set("Content-Type", "application/json")
	resp.Header.Del("Content-Encoding")
	return resp, nil
}

// survive keeps one bad gateway event from ending the process: discordgo
// runs handlers without recovering, unlike net/http.
func (a *Adapter) survive(what string) {
	if r := recover(); r != nil {
		a.log.Error("discord: handler panicked", "event", what, "panic", fmt.Sprint(r))
	}
}
