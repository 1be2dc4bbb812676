package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/internal/redisproc"
)

// TestHungRedisAnswersInTime runs mentorbot with Slack HTTP and Discord
// HTTP interactions on a test-owned redis-server, freezes the server with
// SIGSTOP, and sends commands from members already seen (whose Slack
// details the process has cached) and from new ones: each must be
// answered "try again shortly" within 2 s of arriving, in the HTTP
// response itself, however many Redis calls the command would make.
// (Socket Mode: TestHungRedisSocketMode in bot/slack.)
func TestHungRedisAnswersInTime(t *testing.T) {
	const limit = 2 * time.Second
	srv := redisproc.Start(t)
	team, guild, app := "THANG"+e2eID()[:8], e2eID(), e2eID()
	fake, dfake := newE2ESlack(t), newE2EDiscord(t)
	pub, priv, _ := ed25519.GenerateKey(nil)
	p := startE2E(t, map[string]string{"REDIS_URL": srv.URL(0),
		"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken, "SLACK_API_URL": fake.srv.URL,
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": app, "DISCORD_BOT_TOKEN": e2eDiscordTok,
		"DISCORD_API_URL": dfake.srv.URL, "DISCORD_GATEWAY": "off"}, false)
	seenSlack, seenDiscord := "USEEN", e2eID()
	if r := p.slack(fake, team, seenSlack, "join", e2eSlackSecret, time.Now()); r.status != http.StatusOK {
		t.Fatalf("join: %d %s", r.status, r.body)
	}
	join := e2eInteraction(app, guild, seenDiscord, "join")
	if r := p.discord(priv, time.Now(), join, join); r.status != http.StatusOK {
		t.Fatalf("discord join: %d %s", r.status, r.body)
	}

	srv.Stop()
	defer srv.Cont()
	for _, c := range []struct {
		name string
		send func() e2eReply
	}{
		{"slack, seen member, done", func() e2eReply { return p.slack(fake, team, seenSlack, "done git", e2eSlackSecret, time.Now()) }},
		{"slack, seen member, progress", func() e2eReply { return p.slack(fake, team, seenSlack, "progress", e2eSlackSecret, time.Now()) }},
		{"slack, new member, join", func() e2eReply { return p.slack(fake, team, "UNEW", "join", e2eSlackSecret, time.Now()) }},
		{"discord, seen member, next", func() e2eReply {
			i := e2eInteraction(app, guild, seenDiscord, "next")
			return p.discord(priv, time.Now(), i, i)
		}},
		{"discord, new member, join", func() e2eReply {
			i := e2eInteraction(app, guild, e2eID(), "join")
			return p.discord(priv, time.Now(), i, i)
		}},
	} {
		start := time.Now()
		r := c.send()
		took := time.Since(start)
		t.Logf("%s: %d in %s", c.name, r.status, took.Round(time.Millisecond))
		if r.status != http.StatusOK || !strings.Contains(r.body, "try again shortly") {
			t.Errorf("%s: %d %s, want the \"try again shortly\" answer", c.name, r.status, r.body)
		}
		if took > limit {
			t.Errorf("%s: answered after %s, want within %s", c.name, took, limit)
		}
	}
}
