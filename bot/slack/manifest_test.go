package slack

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/mentorbot/mentorbot/bot"
)

// The checked-in manifest is the one generated from the command table, so
// a new command cannot be forgotten in Slack's usage hint.
func TestManifestIsGenerated(t *testing.T) {
	want, err := Manifest(bot.Table(), "https://mentorbot.example.com", true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../deploy/slack-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("deploy/slack-manifest.yaml is stale: regenerate it with `go run ./cmd/mentorbot slack-manifest > deploy/slack-manifest.yaml`")
	}
	var m struct {
		Features struct {
			SlashCommands []struct {
				Command, URL string
				UsageHint    string `yaml:"usage_hint"`
			} `yaml:"slash_commands"`
		}
		Settings struct {
			SocketMode bool `yaml:"socket_mode_enabled"`
		}
	}
	if err := yaml.Unmarshal(want, &m); err != nil {
		t.Fatalf("the manifest is not YAML: %v", err)
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/mentor" || !m.Settings.SocketMode {
		t.Fatalf("manifest = %+v", m)
	}
	for _, c := range bot.Table() {
		if !strings.Contains(m.Features.SlashCommands[0].UsageHint, c.Name) {
			t.Errorf("usage hint lacks %q", c.Name)
		}
	}
	http, err := Manifest(bot.Table(), "https://bot.example.org/", false)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(http, []byte("socket_mode_enabled: false")) {
		t.Errorf("HTTP-mode manifest:\n%s", http)
	}
	// One Request URL for commands, interactions and events; the OAuth
	// redirect URL; the scopes the install link asks for.
	var h struct {
		Features struct {
			SlashCommands []struct{ URL string } `yaml:"slash_commands"`
		}
		OAuth struct {
			Redirects []string `yaml:"redirect_urls"`
			Scopes    struct{ Bot []string }
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				URL    string   `yaml:"request_url"`
				Events []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				URL string `yaml:"request_url"`
			}
		}
	}
	if err := yaml.Unmarshal(http, &h); err != nil {
		t.Fatalf("the HTTP-mode manifest is not YAML: %v", err)
	}
	const one = "https://bot.example.org/slack/events"
	if h.Features.SlashCommands[0].URL != one || h.Settings.Events.URL != one || h.Settings.Interactivity.URL != one {
		t.Errorf("request URLs: %+v", h)
	}
	if len(h.OAuth.Redirects) != 1 || h.OAuth.Redirects[0] != "https://bot.example.org/slack/oauth/callback" {
		t.Errorf("redirect URLs: %v", h.OAuth.Redirects)
	}
	if strings.Join(h.OAuth.Scopes.Bot, ",") != strings.Join(BotScopes(), ",") {
		t.Errorf("scopes %v, want %v", h.OAuth.Scopes.Bot, BotScopes())
	}
	for _, ev := range []string{"app_uninstalled", "tokens_revoked", "app_mention", "message.im", "app_home_opened"} {
		if !strings.Contains(strings.Join(h.Settings.Events.Events, " "), ev) {
			t.Errorf("bot events lack %s: %v", ev, h.Settings.Events.Events)
		}
	}
}
