package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/internal/keyring"
	"github.com/mentorbot/mentorbot/internal/mask"
)

// memoryURL is the REDIS_URL that asks for the embedded in-process Redis on
// purpose: a throwaway store, gone at exit.
const memoryURL = "memory://"

// config is everything mentorbot reads from the environment. Each variable
// is described in .env.example.
type config struct {
	RedisURL    string // "" (unset) or memoryURL: the embedded Redis
	RoadmapFile string
	HTTPAddr    string
	Admins      []string
	DefaultZone string
	// ConsoleWorkspace names the console's workspace (CONSOLE_WORKSPACE,
	// default "console"), so that consoles and tests sharing a Redis keep
	// apart.
	ConsoleWorkspace string

	// The nudge scheduler (NUDGE_LEASE, NUDGE_INTERVAL): how long a claim
	// is held before another replica may take it over, and how often due
	// DMs are looked for; zero: the scheduler's defaults (2m, 10s).
	NudgeLease, NudgeInterval time.Duration
	// The rate limits replicas share (zero: the adapters' defaults):
	// DMs a second per Slack workspace (SLACK_SEND_RATE), conversations.open
	// calls a minute per workspace (SLACK_OPEN_RATE), Discord REST calls a
	// second (DISCORD_RATE).
	SlackSendRate, SlackOpenRate, DiscordRate float64

	SlackBotToken, SlackAppToken, SlackSigningSecret, SlackAPIURL string
	SlackLeadGroup                                                string

	// Slack OAuth mode: app credentials, the key ring sealing stored
	// tokens (SLACK_TOKEN_KEY, SLACK_TOKEN_KEY_OLD), the public base URL.
	SlackClientID, SlackClientSecret string
	TokenRing                        *keyring.Ring
	TokenKeyRotating                 bool // SLACK_TOKEN_KEY_OLD is set
	PublicURL                        string
	// Retention is how long a workspace's data outlives its uninstall
	// (SLACK_UNINSTALL_RETENTION; Discord guilds that remove the bot too).
	Retention time.Duration

	DiscordBotToken, DiscordAppID, DiscordPublicKey, DiscordGuildID string
	DiscordGateway                                                  bool
	DiscordAPIURL, DiscordLeadRole                                  string

	// The optional language model for answers (ASK_LLM_*).
	LLMURL, LLMModel, LLMAPIKey string
	LLMTimeout                  time.Duration

	LogLevel    slog.Level
	LogLevelSet bool // LOG_LEVEL was given; the console is quieter by default
	LogFormat   string
}

// slack reports whether a Slack adapter is configured.
func (c config) slack() bool { return c.SlackBotToken != "" || c.slackOAuth() }

// slackOAuth reports whether Slack runs in OAuth mode, installable by any
// workspace.
func (c config) slackOAuth() bool { return c.SlackClientID != "" || c.SlackClientSecret != "" }

// discord reports whether a Discord adapter is configured.
func (c config) discord() bool { return c.DiscordBotToken != "" || c.DiscordPublicKey != "" }

// embeddedRedis reports whether mentorbot runs on the in-process Redis:
// REDIS_URL unset, or memory://.
func (c config) embeddedRedis() bool { return c.RedisURL == "" || c.RedisURL == memoryURL }

// errNoRedisURL stops a chat bot that would keep a real team's progress in
// a store that is gone at the next restart.
var errNoRedisURL = errors.New("REDIS_URL: not set, and a Slack or Discord token is: every restart would lose everyone's progress; " +
	"set REDIS_URL=redis://host:6379/0, or REDIS_URL=" + memoryURL + " for a throwaway in-process store on purpose")

// checkStore is the safe default: a chat bot (not the console) needs
// REDIS_URL, or memory:// to say that a throwaway store is meant.
func (c config) checkStore(console bool) error {
	if !console && (c.slack() || c.discord()) && c.RedisURL == "" {
		return errNoRedisURL
	}
	return nil
}

// configStep reads or checks one concern of the configuration. Its error
// is one line naming the variable at fault, and never contains a secret.
type configStep func(c *config, env func(string) string) error

// loadConfig reads and checks the environment, one concern at a time.
// Its errors are one line naming the variable at fault, and never contain
// a secret.
func loadConfig(getenv func(string) string) (config, error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := readConfig(env)
	for _, step := range []configStep{
		loggingConfig, discordGatewayConfig, redisConfig, zoneConfig, httpConfig,
		apiURLConfig, retentionConfig, slackOAuthConfig, slackConfig, discordConfig, llmConfig, consoleConfig, nudgeConfig,
	} {
		if err := step(&c, env); err != nil {
			return c, err
		}
	}
	return c, nil
}

// readConfig copies the variables that need no parsing.
func readConfig(env func(string) string) config {
	c := config{
		RedisURL:           env("REDIS_URL"),
		RoadmapFile:        env("ROADMAP_FILE"),
		HTTPAddr:           env("HTTP_ADDR"),
		DefaultZone:        env("DEFAULT_TZ"),
		ConsoleWorkspace:   env("CONSOLE_WORKSPACE"),
		SlackBotToken:      env("SLACK_BOT_TOKEN"),
		SlackAppToken:      env("SLACK_APP_TOKEN"),
		SlackSigningSecret: env("SLACK_SIGNING_SECRET"),
		SlackAPIURL:        env("SLACK_API_URL"),
		SlackClientID:      env("SLACK_CLIENT_ID"),
		SlackClientSecret:  env("SLACK_CLIENT_SECRET"),
		PublicURL:          strings.TrimRight(env("PUBLIC_URL"), "/"),
		SlackLeadGroup:     env("SLACK_LEAD_GROUP"),
		DiscordBotToken:    env("DISCORD_BOT_TOKEN"),
		DiscordAppID:       env("DISCORD_APP_ID"),
		DiscordPublicKey:   env("DISCORD_PUBLIC_KEY"),
		DiscordGuildID:     env("DISCORD_GUILD_ID"),
		DiscordAPIURL:      env("DISCORD_API_URL"),
		DiscordLeadRole:    env("DISCORD_LEAD_ROLE"),
		LLMURL:             env("ASK_LLM_URL"),
		LLMModel:           env("ASK_LLM_MODEL"),
		LLMAPIKey:          env("ASK_LLM_API_KEY"),
	}
	for _, a := range strings.Split(env("ADMIN_USERS"), ",") {
		if a = strings.TrimSpace(a); a != "" {
			c.Admins = append(c.Admins, a)
		}
	}
	return c
}

// loggingConfig reads LOG_LEVEL and LOG_FORMAT.
func loggingConfig(c *config, env func(string) string) error {
	c.LogLevelSet = env("LOG_LEVEL") != ""
	switch lvl := strings.ToLower(env("LOG_LEVEL")); lvl {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		return fmt.Errorf("LOG_LEVEL: %q is not one of debug, info, warn, error", lvl)
	}
	switch c.LogFormat = strings.ToLower(env("LOG_FORMAT")); c.LogFormat {
	case "":
		c.LogFormat = "text"
	case "text", "json":
	default:
		return fmt.Errorf("LOG_FORMAT: %q is not text or json", c.LogFormat)
	}
	return nil
}

// discordGatewayConfig reads DISCORD_GATEWAY: on by default when a bot
// token is set.
func discordGatewayConfig(c *config, env func(string) string) error {
	switch g := strings.ToLower(env("DISCORD_GATEWAY")); g {
	case "", "on", "true", "1", "yes":
		c.DiscordGateway = c.DiscordBotToken != ""
	case "off", "false", "0", "no":
		c.DiscordGateway = false
	default:
		return fmt.Errorf("DISCORD_GATEWAY: %q is not on or off", g)
	}
	return nil
}

// redisConfig checks REDIS_URL's scheme: the ones storage.Open takes, or
// memory:// for the embedded Redis.
func redisConfig(c *config, _ func(string) string) error {
	if c.RedisURL == "" {
		return nil
	}
	if strings.EqualFold(c.RedisURL, memoryURL) {
		c.RedisURL = memoryURL
		return nil
	}
	// The schemes storage.Open takes: plain, TLS, and each with the
	// +sentinel or +cluster form marker.
	var base, form string
	u, err := url.Parse(c.RedisURL)
	if err == nil {
		base, form, _ = strings.Cut(u.Scheme, "+")
	}
	if err != nil || (base != "redis" && base != "rediss") || (form != "" && form != "sentinel" && form != "cluster") {
		return fmt.Errorf("REDIS_URL: not a redis:// or rediss:// URL (or %s for a throwaway in-process store)", memoryURL)
	}
	return nil
}

// zoneConfig checks DEFAULT_TZ.
func zoneConfig(c *config, _ func(string) string) error {
	if c.DefaultZone == "" {
		return nil
	}
	if _, err := time.LoadLocation(c.DefaultZone); err != nil {
		return fmt.Errorf("DEFAULT_TZ: %q is not a known time zone (e.g. Europe/Berlin)", c.DefaultZone)
	}
	return nil
}

// httpConfig checks HTTP_ADDR.
func httpConfig(c *config, _ func(string) string) error {
	if c.HTTPAddr == "" {
		return nil
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return fmt.Errorf("HTTP_ADDR: %q is not host:port (e.g. :8080)", c.HTTPAddr)
	}
	return nil
}

// apiURLConfig checks SLACK_API_URL and DISCORD_API_URL.
func apiURLConfig(c *config, _ func(string) string) error {
	for _, u := range []struct{ name, val string }{{"SLACK_API_URL", c.SlackAPIURL}, {"DISCORD_API_URL", c.DiscordAPIURL}} {
		if u.val == "" {
			continue
		}
		p, err := url.Parse(u.val)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("%s: %q is not an http(s) URL", u.name, mask.URL(u.val))
		}
	}
	return nil
}

// slackConfig checks that the Slack variables come with their partners:
// the bot token with Socket Mode's app token or HTTP mode's signing secret
// (and HTTP_ADDR).
func slackConfig(c *config, _ func(string) string) error {
	switch {
	case (c.SlackAppToken != "" || c.SlackSigningSecret != "") && c.SlackBotToken == "" && !c.slackOAuth():
		return errors.New("SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET")
	case c.SlackBotToken != "" && c.SlackAppToken == "" && c.SlackSigningSecret == "":
		return errors.New("SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required with SLACK_BOT_TOKEN (Socket Mode or HTTP mode)")
	case c.SlackSigningSecret != "" && c.SlackAppToken == "" && c.HTTPAddr == "":
		return errors.New("HTTP_ADDR: required for Slack HTTP mode (SLACK_SIGNING_SECRET)")
	case c.SlackAppToken != "" && !strings.HasPrefix(c.SlackAppToken, "xapp-"):
		return errors.New("SLACK_APP_TOKEN: an app-level token starts with xapp-")
	}
	return nil
}

// defaultRetention is how long an uninstalled workspace's data is kept.
const defaultRetention = 30 * 24 * time.Hour

// retentionConfig reads SLACK_UNINSTALL_RETENTION: a Go duration (720h,
// 90m) or whole days (30d); 0 deletes at once.
func retentionConfig(c *config, env func(string) string) error {
	v := env("SLACK_UNINSTALL_RETENTION")
	c.Retention = defaultRetention
	if v == "" {
		return nil
	}
	d, err := time.ParseDuration(v)
	if days, ok := strings.CutSuffix(v, "d"); ok {
		var n int
		if _, serr := fmt.Sscanf(days, "%d", &n); serr == nil && fmt.Sprint(n) == days {
			d, err = time.Duration(n)*24*time.Hour, nil
		}
	}
	if err != nil || d < 0 {
		return fmt.Errorf("SLACK_UNINSTALL_RETENTION: %q is not a duration such as 30d, 720h or 0", v)
	}
	c.Retention = d
	return nil
}

// slackOAuthConfig checks OAuth mode's variables: the app's credentials
// with the signing secret and no bot token, the key that seals stored
// tokens, and the public URL Slack sends installers back to.
func slackOAuthConfig(c *config, env func(string) string) error {
	if !c.slackOAuth() {
		return nil
	}
	switch {
	case c.SlackClientID == "":
		return errors.New("SLACK_CLIENT_ID: required with SLACK_CLIENT_SECRET (OAuth mode)")
	case c.SlackClientSecret == "":
		return errors.New("SLACK_CLIENT_SECRET: required with SLACK_CLIENT_ID (OAuth mode)")
	case c.SlackBotToken != "":
		return errors.New("SLACK_BOT_TOKEN: must be unset in OAuth mode (SLACK_CLIENT_ID): each workspace's token comes from its installation")
	case c.SlackSigningSecret == "":
		return errors.New("SLACK_SIGNING_SECRET: required in OAuth mode (SLACK_CLIENT_ID)")
	case env("SLACK_TOKEN_KEY") == "":
		return errors.New("SLACK_TOKEN_KEY: required in OAuth mode, to encrypt stored tokens (32 random bytes, base64: openssl rand -base64 32)")
	case c.PublicURL == "":
		return errors.New("PUBLIC_URL: required in OAuth mode, the base of the redirect URL (e.g. https://bot.example.com)")
	case c.HTTPAddr == "":
		return errors.New("HTTP_ADDR: required in OAuth mode (the install and callback pages)")
	}
	if p, err := url.Parse(c.PublicURL); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
		return fmt.Errorf("PUBLIC_URL: %q is not an http(s) base URL (e.g. https://bot.example.com)", c.PublicURL)
	}
	cur, err := keyring.ParseKey(env("SLACK_TOKEN_KEY"))
	if err != nil {
		return fmt.Errorf("SLACK_TOKEN_KEY: %w", err)
	}
	var old []keyring.Key
	if v := env("SLACK_TOKEN_KEY_OLD"); v != "" {
		k, err := keyring.ParseKey(v)
		if err != nil {
			return fmt.Errorf("SLACK_TOKEN_KEY_OLD: %w", err)
		}
		old, c.TokenKeyRotating = append(old, k), true
	}
	if c.TokenRing, err = keyring.New(cur, old...); err != nil {
		return fmt.Errorf("SLACK_TOKEN_KEY: %w", err)
	}
	return nil
}

// discordConfig checks that the Discord variables come with their
// partners, and the public key's form.
func discordConfig(c *config, _ func(string) string) error {
	switch {
	case c.discord() && c.DiscordAppID == "":
		return errors.New("DISCORD_APP_ID: required with DISCORD_BOT_TOKEN or DISCORD_PUBLIC_KEY")
	case c.DiscordPublicKey != "" && c.DiscordBotToken == "":
		return errors.New("DISCORD_BOT_TOKEN: required with DISCORD_PUBLIC_KEY (to register commands and send DMs)")
	case c.DiscordPublicKey != "" && c.HTTPAddr == "":
		return errors.New("HTTP_ADDR: required for Discord HTTP interactions (DISCORD_PUBLIC_KEY)")
	case c.DiscordBotToken != "" && !c.DiscordGateway && c.DiscordPublicKey == "":
		return errors.New("DISCORD_PUBLIC_KEY: required when DISCORD_GATEWAY is off")
	}
	if c.DiscordPublicKey != "" && (len(c.DiscordPublicKey) != 64 || strings.Trim(strings.ToLower(c.DiscordPublicKey), "0123456789abcdef") != "") {
		return errors.New("DISCORD_PUBLIC_KEY: must be the application's 64-character hex public key")
	}
	return nil
}

// llmConfig checks the optional language model's variables: a URL and a
// model go together, and the URL is http(s).
func llmConfig(c *config, env func(string) string) error {
	switch {
	case c.LLMURL == "" && (c.LLMModel != "" || c.LLMAPIKey != ""):
		return fmt.Errorf("ASK_LLM_URL: required with ASK_LLM_MODEL or ASK_LLM_API_KEY")
	case c.LLMURL == "":
		return nil
	case c.LLMModel == "":
		return fmt.Errorf("ASK_LLM_MODEL: required with ASK_LLM_URL (e.g. llama3.2)")
	}
	if p, err := url.Parse(c.LLMURL); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("ASK_LLM_URL: not an http(s) URL")
	}
	if t := env("ASK_LLM_TIMEOUT"); t != "" {
		d, err := time.ParseDuration(t)
		if err != nil || d <= 0 || d > 2*time.Minute {
			return fmt.Errorf("ASK_LLM_TIMEOUT: %q is not a duration from 1ms to 2m (e.g. 8s)", t)
		}
		c.LLMTimeout = d
	}
	return nil
}

// consoleConfig checks CONSOLE_WORKSPACE: it becomes part of every key of
// the console's workspace, so it is held to the characters of platform ids.
func consoleConfig(c *config, _ func(string) string) error {
	w := c.ConsoleWorkspace
	if w == "" {
		return nil
	}
	if len(w) > 64 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != "" {
		return errors.New("CONSOLE_WORKSPACE: use up to 64 letters, digits, - and _")
	}
	return nil
}

// nudgeConfig reads NUDGE_LEASE, NUDGE_INTERVAL and the rate limits.
func nudgeConfig(c *config, env func(string) string) error {
	for _, d := range []struct {
		name     string
		to       *time.Duration
		min, max time.Duration
	}{
		{"NUDGE_LEASE", &c.NudgeLease, time.Second, time.Hour},
		{"NUDGE_INTERVAL", &c.NudgeInterval, 100 * time.Millisecond, time.Hour},
	} {
		v := env(d.name)
		if v == "" {
			continue
		}
		t, err := time.ParseDuration(v)
		if err != nil || t < d.min || t > d.max {
			return fmt.Errorf("%s: %q is not a duration from %s to %s (e.g. 2m)", d.name, v, d.min, d.max)
		}
		*d.to = t
	}
	for _, r := range []struct {
		name, unit string
		to         *float64
	}{
		{"SLACK_SEND_RATE", "DMs a second (e.g. 4)", &c.SlackSendRate},
		{"SLACK_OPEN_RATE", "calls a minute (e.g. 50)", &c.SlackOpenRate},
		{"DISCORD_RATE", "requests a second (e.g. 50)", &c.DiscordRate},
	} {
		v := env(r.name)
		if v == "" {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f > 0 && f <= 10000) {
			return fmt.Errorf("%s: %q is not a number of %s from 0 to 10000", r.name, v, r.unit)
		}
		*r.to = f
	}
	return nil
}
