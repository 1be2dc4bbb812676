package main

import (
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"
)

// config is everything mentorbot reads from the environment. Each variable
// is described in .env.example.
type config struct {
	RedisURL    string
	RoadmapFile string
	HTTPAddr    string
	Admins      []string
	DefaultZone string

	SlackBotToken, SlackAppToken, SlackSigningSecret, SlackAPIURL string

	DiscordBotToken, DiscordAppID, DiscordPublicKey, DiscordGuildID string
	DiscordGateway                                                  bool
	DiscordAPIURL, DiscordLeadRole                                  string

	LogLevel    slog.Level
	LogLevelSet bool // LOG_LEVEL was given; the console is quieter by default
	LogFormat   string
}

// slack reports whether a Slack adapter is configured.
func (c config) slack() bool { return c.SlackBotToken != "" }

// discord reports whether a Discord adapter is configured.
func (c config) discord() bool { return c.DiscordBotToken != "" || c.DiscordPublicKey != "" }

// loadConfig reads and checks the environment. Its errors are one line
// naming the variable at fault, and never contain a secret.
func loadConfig(getenv func(string) string) (config, error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := config{
		RedisURL:           env("REDIS_URL"),
		RoadmapFile:        env("ROADMAP_FILE"),
		HTTPAddr:           env("HTTP_ADDR"),
		DefaultZone:        env("DEFAULT_TZ"),
		SlackBotToken:      env("SLACK_BOT_TOKEN"),
		SlackAppToken:      env("SLACK_APP_TOKEN"),
		SlackSigningSecret: env("SLACK_SIGNING_SECRET"),
		SlackAPIURL:        env("SLACK_API_URL"),
		DiscordBotToken:    env("DISCORD_BOT_TOKEN"),
		DiscordAppID:       env("DISCORD_APP_ID"),
		DiscordPublicKey:   env("DISCORD_PUBLIC_KEY"),
		DiscordGuildID:     env("DISCORD_GUILD_ID"),
		DiscordAPIURL:      env("DISCORD_API_URL"),
		DiscordLeadRole:    env("DISCORD_LEAD_ROLE"),
		LogFormat:          strings.ToLower(env("LOG_FORMAT")),
	}
	for _, a := range strings.Split(env("ADMIN_USERS"), ",") {
		if a = strings.TrimSpace(a); a != "" {
			c.Admins = append(c.Admins, a)
		}
	}
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
		return c, fmt.Errorf("LOG_LEVEL: %q is not one of debug, info, warn, error", lvl)
	}
	switch c.LogFormat {
	case "":
		c.LogFormat = "text"
	case "text", "json":
	default:
		return c, fmt.Errorf("LOG_FORMAT: %q is not text or json", c.LogFormat)
	}
	switch g := strings.ToLower(env("DISCORD_GATEWAY")); g {
	case "", "on", "true", "1", "yes":
		c.DiscordGateway = c.DiscordBotToken != ""
	case "off", "false", "0", "no":
		c.DiscordGateway = false
	default:
		return c, fmt.Errorf("DISCORD_GATEWAY: %q is not on or off", g)
	}
	if c.RedisURL != "" {
		// The schemes storage.Open takes: plain, TLS, and each with the
		// +sentinel or +cluster form marker.
		var base, form string
		u, err := url.Parse(c.RedisURL)
		if err == nil {
			base, form, _ = strings.Cut(u.Scheme, "+")
		}
		if err != nil || (base != "redis" && base != "rediss") || (form != "" && form != "sentinel" && form != "cluster") {
			return c, fmt.Errorf("REDIS_URL: not a redis:// or rediss:// URL")
		}
	}
	if c.DefaultZone != "" {
		if _, err := time.LoadLocation(c.DefaultZone); err != nil {
			return c, fmt.Errorf("DEFAULT_TZ: %q is not a known time zone (e.g. Europe/Berlin)", c.DefaultZone)
		}
	}
	if c.HTTPAddr != "" {
		if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
			return c, fmt.Errorf("HTTP_ADDR: %q is not host:port (e.g. :8080)", c.HTTPAddr)
		}
	}
	for _, u := range []struct{ name, val string }{{"SLACK_API_URL", c.SlackAPIURL}, {"DISCORD_API_URL", c.DiscordAPIURL}} {
		if u.val == "" {
			continue
		}
		p, err := url.Parse(u.val)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return c, fmt.Errorf("%s: %q is not an http(s) URL", u.name, u.val)
		}
	}
	switch {
	case (c.SlackAppToken != "" || c.SlackSigningSecret != "") && c.SlackBotToken == "":
		return c, fmt.Errorf("SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET")
	case c.SlackBotToken != "" && c.SlackAppToken == "" && c.SlackSigningSecret == "":
		return c, fmt.Errorf("SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required with SLACK_BOT_TOKEN (Socket Mode or HTTP mode)")
	case c.SlackSigningSecret != "" && c.SlackAppToken == "" && c.HTTPAddr == "":
		return c, fmt.Errorf("HTTP_ADDR: required for Slack HTTP mode (SLACK_SIGNING_SECRET)")
	case c.SlackAppToken != "" && !strings.HasPrefix(c.SlackAppToken, "xapp-"):
		return c, fmt.Errorf("SLACK_APP_TOKEN: an app-level token starts with xapp-")
	case c.discord() && c.DiscordAppID == "":
		return c, fmt.Errorf("DISCORD_APP_ID: required with DISCORD_BOT_TOKEN or DISCORD_PUBLIC_KEY")
	case c.DiscordPublicKey != "" && c.DiscordBotToken == "":
		return c, fmt.Errorf("DISCORD_BOT_TOKEN: required with DISCORD_PUBLIC_KEY (to register commands and send DMs)")
	case c.DiscordPublicKey != "" && c.HTTPAddr == "":
		return c, fmt.Errorf("HTTP_ADDR: required for Discord HTTP interactions (DISCORD_PUBLIC_KEY)")
	case c.DiscordBotToken != "" && !c.DiscordGateway && c.DiscordPublicKey == "":
		return c, fmt.Errorf("DISCORD_PUBLIC_KEY: required when DISCORD_GATEWAY is off")
	}
	if c.DiscordPublicKey != "" && (len(c.DiscordPublicKey) != 64 || strings.Trim(strings.ToLower(c.DiscordPublicKey), "0123456789abcdef") != "") {
		return c, fmt.Errorf("DISCORD_PUBLIC_KEY: must be the application's 64-character hex public key")
	}
	return c, nil
}
