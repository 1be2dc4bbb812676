package main

import (
	"strings"

	"github.com/mentorbot/mentorbot/internal/mask"
)

// startupLine is the one line a chat bot prints once it listens: which
// adapters run in which mode, where HTTP listens (addr: the address it
// bound, "" without HTTP_ADDR) and which paths it serves, and which Redis
// holds the data (masked: a URL may carry a password). Someone starting
// it for the first time sees at once what they got, among the log lines.
func startupLine(cfg config, addr string) string {
	var adapters, paths []string
	if cfg.slack() {
		var modes []string
		switch {
		case cfg.slackOAuth():
			modes = append(modes, "OAuth, any workspace installs it at "+cfg.PublicURL+"/slack/install")
			paths = append(paths, "/slack/install", "/slack/oauth/callback")
		case cfg.SlackAppToken != "":
			modes = append(modes, "Socket Mode")
		}
		if cfg.SlackSigningSecret != "" {
			modes = append(modes, "HTTP")
			paths = append(paths, "/slack/events", "/slack/commands", "/slack/interactions")
		}
		adapters = append(adapters, "Slack ("+strings.Join(modes, ", ")+")")
	}
	if cfg.discord() {
		var modes []string
		if cfg.DiscordGateway && cfg.DiscordBotToken != "" {
			modes = append(modes, "gateway")
		}
		if cfg.DiscordPublicKey != "" {
			modes = append(modes, "HTTP interactions")
			paths = append(paths, "/discord/interactions")
		}
		adapters = append(adapters, "Discord ("+strings.Join(modes, ", ")+")")
	}
	line := "mentorbot: running " + strings.Join(adapters, " and ")
	if addr != "" {
		paths = append(paths, "/healthz", "/readyz", "/metrics")
		line += "; HTTP on " + addr + " (" + strings.Join(paths, ", ") + ")"
	} else {
		line += "; no HTTP server (HTTP_ADDR is not set)"
	}
	if cfg.embeddedRedis() {
		return line + "; data in an in-process Redis, gone at exit."
	}
	return line + "; data in Redis at " + mask.URL(cfg.RedisURL) + "."
}
