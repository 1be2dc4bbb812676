package main

// The Done-when cases of issues 5 and 6, on the harness in e2e_test.go.

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestE2ESlackHTTP(t *testing.T) {
	team := "TE2E" + e2eID()[:10]
	rdb := e2eScope(t, "slack", team)
	fake := newE2ESlack(t)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": fake.srv.URL}, false)
	now := time.Now()
	for _, text := range []string{"join", "progress"} {
		r := p.slack(fake, team, "U0E2E", text, e2eSlackSecret, now)
		m := e2eDecode(t, text, r)
		if blocks, _ := m["blocks"].([]any); len(blocks) == 0 {
			t.Fatalf("%s: reply has no Block Kit blocks: %s", text, r.body)
		}
		if text == "progress" && (m["response_type"] != "ephemeral" || !e2eBar.MatchString(r.body)) {
			t.Errorf("progress: want an ephemeral reply with a 0/N progress bar, got %s", r.body)
		}
	}
	if len(fake.to("POST /api/users.info")) == 0 {
		t.Errorf("users.info never reached the fake Slack at SLACK_API_URL")
	}

	before := rdb.snapshot()
	for _, c := range []struct {
		name, user, text, secret string
		at                       time.Time
	}{
		{"unsigned", "U0REJ", "join", "", now},
		{"stale", "U0REJ", "join", e2eSlackSecret, now.Add(-10 * time.Minute)},
		{"forged", "U0REJ", "join", "not-the-secret", now},
		{"unsigned, by a member", "U0E2E", "done git", "", now},
		{"stale, by a member", "U0E2E", "done git", e2eSlackSecret, now.Add(-10 * time.Minute)},
	} {
		if r := p.slack(fake, team, c.user, c.text, c.secret, c.at); r.status != http.StatusUnauthorized || strings.Contains(r.body, "blocks") {
			t.Errorf("%s: status %d body %q, want 401 without a reply", c.name, r.status, r.body)
		}
	}
	if after := rdb.snapshot(); after != before {
		t.Errorf("rejected requests changed Redis:\nbefore %s\nafter  %s", before, after)
	}
	if strings.Contains(rdb.snapshot(), "U0REJ") || len(fake.to("POST /response/U0REJ")) > 0 {
		t.Errorf("U0REJ only sent rejected requests, yet has keys in Redis or got replies")
	}
	p.shutdown()
}

func TestE2EDiscordHTTP(t *testing.T) {
	guild, app, user, stranger := e2eID(), e2eID(), e2eID(), e2eID()
	rdb := e2eScope(t, "discord", guild)
	// A guild command also remembers the member's home guild, in the DM scope.
	home := func(u string) string { return "mb:{discord:dm}:c:discord:home:" + u }
	t.Cleanup(func() { rdb.rdb.Del(context.Background(), home(user), home(stranger)) })
	fake := newE2EDiscord(t)
	pub, priv, _ := ed25519.GenerateKey(nil)
	_, other, _ := ed25519.GenerateKey(nil)
	p := startE2E(t, map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": app,
		"DISCORD_BOT_TOKEN": e2eDiscordTok, "DISCORD_API_URL": fake.srv.URL, "DISCORD_GATEWAY": "off"}, false)
	now := time.Now()

	// Registration comes before the server listens, so it is done by now.
	regs := fake.to("PUT /api/v9/applications/" + app + "/commands")
	var cmds []struct {
		Name    string
		Options []struct{ Type int }
	}
	if len(regs) == 0 || json.Unmarshal([]byte(regs[0]), &cmds) != nil || len(cmds) != 1 || cmds[0].Name != "mentor" ||
		len(cmds[0].Options) < 10 || cmds[0].Options[0].Type != 1 || !strings.Contains(regs[0], `"name":"roadmap"`) {
		t.Fatalf("registration: want a PUT of /mentor with subcommands (roadmap among them) to the fake Discord; %d PUTs: %s", len(regs), regs)
	}

	ping := e2eInteraction(app, guild, user, "")
	if r := p.discord(priv, now, ping, ping); r.status != http.StatusOK || strings.TrimSpace(r.body) != `{"type":1}` {
		t.Fatalf("PING: %d %s, want 200 {\"type\":1}", r.status, r.body)
	}
	cmd := e2eInteraction(app, guild, user, "roadmap")
	r := p.discord(priv, now, cmd, cmd)
	m := e2eDecode(t, "roadmap", r)
	if embeds, _ := m["data"].(map[string]any)["embeds"].([]any); m["type"] != 4.0 || len(embeds) == 0 || !strings.Contains(r.body, "junior") {
		t.Fatalf("roadmap: want a type 4 response with an embed of the stages, got %s", r.body)
	}

	before := rdb.snapshot()
	join := e2eInteraction(app, guild, stranger, "join")
	for _, c := range []struct {
		name         string
		key          ed25519.PrivateKey
		at           time.Time
		signed, sent string
	}{
		{"wrong key", other, now, join, join},
		{"tampered body", priv, now, ping, join},
		{"stale", priv, now.Add(-10 * time.Minute), join, join},
	} {
		if r := p.discord(c.key, c.at, c.signed, c.sent); r.status != http.StatusUnauthorized {
			t.Errorf("%s: status %d %s, want 401", c.name, r.status, r.body)
		}
	}
	if r := p.post("/discord/interactions", "application/json", join, nil); r.status != http.StatusUnauthorized {
		t.Errorf("unsigned: status %d, want 401", r.status)
	}
	if after := rdb.snapshot(); after != before {
		t.Errorf("rejected requests changed Redis:\nbefore %s\nafter  %s", before, after)
	}
	if strings.Contains(rdb.snapshot(), stranger) || rdb.rdb.Exists(context.Background(), home(stranger)).Val() > 0 {
		t.Errorf("%s only sent rejected requests, yet has keys in Redis", stranger)
	}
	p.shutdown()
}

// TestE2EBinarySIGTERM runs both adapters in the built binary, as in
// production, and stops it as a supervisor does.
func TestE2EBinarySIGTERM(t *testing.T) {
	team, guild, app := "TE2E"+e2eID()[:10], e2eID(), e2eID()
	e2eScope(t, "slack", team)
	e2eScope(t, "discord", guild)
	slackFake, discordFake := newE2ESlack(t), newE2EDiscord(t)
	pub, priv, _ := ed25519.GenerateKey(nil)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": slackFake.srv.URL, "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": app,
		"DISCORD_BOT_TOKEN": e2eDiscordTok, "DISCORD_API_URL": discordFake.srv.URL, "DISCORD_GATEWAY": "off"}, true)
	now := time.Now()
	e2eDecode(t, "slack progress", p.slack(slackFake, team, "U0BIN", "progress", e2eSlackSecret, now))
	ping := e2eInteraction(app, guild, "", "")
	if r := p.discord(priv, now, ping, ping); r.status != http.StatusOK || strings.TrimSpace(r.body) != `{"type":1}` {
		t.Errorf("PING: %d %s", r.status, r.body)
	}
	if took := p.shutdown(); took >= e2eStopLimit {
		t.Fatalf("SIGTERM: still running after %s", took)
	}
}

// TestE2ESlackUsageAnswers (issue 11): over signed Slack HTTP, commands
// missing an argument or naming an unknown one get a usage line or a
// suggestion, and /metrics counts each as rejected.
func TestE2ESlackUsageAnswers(t *testing.T) {
	team := "TUSE" + e2eID()[:10]
	e2eScope(t, "slack", team)
	fake := newE2ESlack(t)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": fake.srv.URL}, false)
	now := time.Now()
	p.slack(fake, team, "U0USE", "join", e2eSlackSecret, now)
	cases := []struct{ text, want, command string }{
		{"done", "`/mentor done` needs `<skill>`, e.g. `/mentor done git`.", "done"},
		{"start", "`/mentor start` needs `<skill>`, e.g. `/mentor start ", "start"},
		{"track devop", "Did you mean `devops`?", "track"},
		{"stage nowhere", `There's no stage "nowhere".`, "stage"},
		{"nudges time someday", "`/mentor nudges time` takes `<day> <time> [zone]`, e.g. `/mentor nudges time fri 16:30 Europe/Berlin`.", "nudges"},
	}
	for _, c := range cases {
		r := p.slack(fake, team, "U0USE", c.text, e2eSlackSecret, now)
		text, _ := e2eDecode(t, c.text, r)["text"].(string)
		if text = html.UnescapeString(text); !strings.Contains(text, c.want) {
			t.Errorf("/mentor %s: %q\nwant it to contain %q", c.text, text, c.want)
		}
	}
	res, err := http.Get(p.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	for _, c := range []struct {
		command string
		n       int
	}{{"done", 1}, {"start", 1}, {"track", 1}, {"stage", 1}, {"nudges", 1}} {
		want := `mentorbot_commands_total{command="` + c.command + `",outcome="rejected"} ` + strconv.Itoa(c.n)
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
		if strings.Contains(string(body), `mentorbot_commands_total{command="`+c.command+`",outcome="ok"}`) {
			t.Errorf("/metrics counts /mentor %s as ok", c.command)
		}
	}
	p.shutdown()
}
