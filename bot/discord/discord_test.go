package discord

import (
	"github.com/mentorbot/mentorbot/internal/testkit"

	"context"
	"strings"
	"testing"
	"time"
)

func TestNewChecksConfig(t *testing.T) {
	ok := Config{Token: "t", AppID: "1", Handler: &fakeHandler{}, Cache: testkit.NewCache()}
	tests := []struct {
		name string
		mod  func(*Config)
		want string // part of the error; "" for none
	}{
		{"fine", func(*Config) {}, ""},
		{"no token", func(c *Config) { c.Token = "" }, "DISCORD_BOT_TOKEN"},
		{"no app id", func(c *Config) { c.AppID = "" }, "DISCORD_APP_ID"},
		{"bad public key", func(c *Config) { c.PublicKey = "zz" }, "DISCORD_PUBLIC_KEY"},
		{"short public key", func(c *Config) { c.PublicKey = "abcd" }, "DISCORD_PUBLIC_KEY"},
		{"bad API URL", func(c *Config) { c.APIURL = "discord.example" }, "DISCORD_API_URL"},
		{"no handler", func(c *Config) { c.Handler = nil }, "handler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.mod(&cfg)
			_, err := New(cfg)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("err = %v, want one naming %q", err, tt.want)
			}
		})
	}
	a, err := New(ok)
	if err != nil {
		t.Fatal(err)
	}
	if a.Session().Token != "Bot t" {
		t.Fatal("token not given the Bot prefix")
	}
	if a.Session().ShouldRetryOnRateLimit || a.Session().MaxRestRetries > 1 {
		t.Fatal("discordgo left to retry rate limits on its own")
	}
}

func TestRunAndReady(t *testing.T) {
	r := newRig(t, nil) // HTTP only
	if err := r.a.Ready(); err != nil {
		t.Fatalf("HTTP-only adapter not ready: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- r.a.Run(ctx) }()
	select {
	case err := <-done:
		t.Fatalf("Run returned early: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after cancel")
	}

	g := newRig(t, func(c *Config) { c.Gateway = true })
	if g.a.Ready() == nil {
		t.Fatal("gateway adapter ready before connecting")
	}
}
