package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/testkit"
	"github.com/mentorbot/mentorbot/storage"
)

func randomKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// oauthEnv is a complete OAuth-mode configuration.
func oauthEnv(t *testing.T) map[string]string {
	return map[string]string{"SLACK_CLIENT_ID": "1234.5678", "SLACK_CLIENT_SECRET": "hunter2client",
		"SLACK_SIGNING_SECRET": "s3cr3t", "SLACK_TOKEN_KEY": randomKey(t), "PUBLIC_URL": "https://bot.example.com/",
		"HTTP_ADDR": ":0", "REDIS_URL": "redis://127.0.0.1:6379/0"}
}

func TestConfigOAuth(t *testing.T) {
	good := oauthEnv(t)
	cfg, err := loadConfig(func(k string) string { return good[k] })
	if err != nil || !cfg.slack() || !cfg.slackOAuth() || cfg.TokenRing == nil || cfg.PublicURL != "https://bot.example.com" || cfg.Retention != 30*24*time.Hour {
		t.Fatalf("good OAuth config: %+v, %v", cfg, err)
	}
	with := func(k, v string) map[string]string {
		env := map[string]string{}
		for a, b := range good {
			env[a] = b
		}
		env[k] = v
		return env
	}
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{with("SLACK_CLIENT_ID", ""), "SLACK_CLIENT_ID"},
		{with("SLACK_CLIENT_SECRET", ""), "SLACK_CLIENT_SECRET"},
		{with("SLACK_BOT_TOKEN", "xoxb-secret-1"), "SLACK_BOT_TOKEN"},
		{with("SLACK_SIGNING_SECRET", ""), "SLACK_SIGNING_SECRET"},
		{with("SLACK_TOKEN_KEY", ""), "SLACK_TOKEN_KEY"},
		{with("SLACK_TOKEN_KEY", "aHVudGVyMg=="), "SLACK_TOKEN_KEY"},
		{with("SLACK_TOKEN_KEY_OLD", "hunter2 not base64"), "SLACK_TOKEN_KEY_OLD"},
		{with("PUBLIC_URL", ""), "PUBLIC_URL"},
		{with("PUBLIC_URL", "bot.example.com"), "PUBLIC_URL"},
		{with("HTTP_ADDR", ""), "HTTP_ADDR"},
		{with("SLACK_UNINSTALL_RETENTION", "a month"), "SLACK_UNINSTALL_RETENTION"},
		{with("SLACK_UNINSTALL_RETENTION", "-1h"), "SLACK_UNINSTALL_RETENTION"},
	} {
		_, err := loadConfig(func(k string) string { return c.env[k] })
		if err == nil || !strings.HasPrefix(err.Error(), c.want+":") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err %v, want one line naming %s", c.want, err, c.want)
			continue
		}
		for _, secret := range []string{"hunter2", "s3cr3t", "xoxb-secret-1", c.env["SLACK_TOKEN_KEY"]} {
			if secret != "" && strings.Contains(err.Error(), secret) {
				t.Errorf("error %q shows a secret", err)
			}
		}
	}
	for v, want := range map[string]time.Duration{"0": 0, "7d": 7 * 24 * time.Hour, "36h": 36 * time.Hour, "90m": 90 * time.Minute} {
		cfg, err := loadConfig(func(k string) string { return with("SLACK_UNINSTALL_RETENTION", v)[k] })
		if err != nil || cfg.Retention != want {
			t.Errorf("SLACK_UNINSTALL_RETENTION=%s: %v, %v", v, cfg.Retention, err)
		}
	}
	rot := with("SLACK_TOKEN_KEY_OLD", randomKey(t))
	if cfg, err := loadConfig(func(k string) string { return rot[k] }); err != nil || !cfg.TokenKeyRotating {
		t.Errorf("rotating: %v %v", cfg.TokenKeyRotating, err)
	}
	// Single-token mode is untouched by the new variables' absence.
	single := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "HTTP_ADDR": ":0"}
	if cfg, err := loadConfig(func(k string) string { return single[k] }); err != nil || cfg.slackOAuth() || !cfg.slack() {
		t.Errorf("single-token mode: %v", err)
	}
}

// TestE2ESlackOAuth runs mentorbot in OAuth mode against a fake Slack: the
// install link, a workspace that has not installed it, a forged state, and
// an installation through the callback whose token then serves commands,
// stored sealed.
func TestE2ESlackOAuth(t *testing.T) {
	team := "TOA" + e2eID()[:10]
	rdb := e2eScope(t, "slack", team)
	t.Cleanup(func() { rdb.rdb.SRem(context.Background(), "mb:installs", "slack:"+team) })
	const token = "xoxb-e2e-oauth-SEALME"
	fake := newE2EFake(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		form, _ := url.ParseQuery(string(body))
		switch {
		case strings.HasPrefix(r.URL.Path, "/response/"):
			w.WriteHeader(http.StatusOK)
		case r.URL.Path == "/api/oauth.v2.access" && form.Get("code") == "good-code" && form.Get("client_secret") == "hunter2client":
			e2eJSON(w, 200, map[string]any{"ok": true, "access_token": token, "token_type": "bot", "bot_user_id": "UBOT",
				"team": map[string]any{"id": team, "name": "E2E"}, "authed_user": map[string]any{"id": "UADMIN"}})
		case r.URL.Path == "/api/oauth.v2.access":
			e2eJSON(w, 200, map[string]any{"ok": false, "error": "invalid_code"})
		case r.Header.Get("Authorization") != "Bearer "+token:
			e2eJSON(w, 200, map[string]any{"ok": false, "error": "invalid_auth"})
		case r.URL.Path == "/api/users.info":
			e2eJSON(w, 200, map[string]any{"ok": true, "user": map[string]any{"id": form.Get("user"), "tz": "Europe/Berlin"}})
		default:
			e2eJSON(w, 200, map[string]any{"ok": false, "error": "unknown_method"})
		}
	})
	env := oauthEnv(t)
	env["SLACK_API_URL"] = fake.srv.URL
	env["LOG_LEVEL"] = "debug"
	p := startE2E(t, env, false)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (*http.Response, string) {
		res, err := noFollow.Get(p.base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}

	// Before installing: the command answers with the install link.
	r := p.slack(fake, team, "U0OA", "help", "s3cr3t", time.Now())
	if r.status != 200 || !strings.Contains(r.body, "https://bot.example.com/slack/install") {
		t.Fatalf("command before install: %d %s", r.status, r.body)
	}
	res, _ := get("/slack/install")
	loc, _ := url.Parse(res.Header.Get("Location"))
	q := loc.Query()
	if res.StatusCode != http.StatusFound || loc.Host != "slack.com" || loc.Path != "/oauth/v2/authorize" ||
		q.Get("client_id") != "1234.5678" || !strings.Contains(q.Get("scope"), "chat:write") ||
		q.Get("redirect_uri") != "https://bot.example.com/slack/oauth/callback" || len(q.Get("state")) < 16 {
		t.Fatalf("/slack/install: %d %s", res.StatusCode, loc)
	}
	state := q.Get("state")
	if res, body := get("/slack/oauth/callback?code=good-code&state=forged" + state); res.StatusCode != 400 || !strings.Contains(body, "expired or was already used") {
		t.Fatalf("forged state: %d %s", res.StatusCode, body)
	}
	if res, body := get("/slack/oauth/callback?code=good-code&state=" + state); res.StatusCode != 200 || !strings.Contains(body, "/mentor help") {
		t.Fatalf("callback: %d %s", res.StatusCode, body)
	}
	if res, _ := get("/slack/oauth/callback?code=good-code&state=" + state); res.StatusCode != 400 {
		t.Fatalf("reused state: %d", res.StatusCode)
	}
	r = p.slack(fake, team, "U0OA", "join", "s3cr3t", time.Now())
	if r.status != 200 || !strings.Contains(strings.ToLower(r.body), "junior") {
		t.Fatalf("command after install: %d %s", r.status, r.body)
	}
	if len(fake.to("POST /api/users.info")) == 0 {
		t.Fatal("the installed token never reached the fake Slack")
	}
	if snap := rdb.snapshot(); strings.Contains(snap, "SEALME") || !strings.Contains(snap, "install") {
		t.Fatalf("the token is stored in plain text, or not at all: %s", snap)
	}
	// Slack refusing a code: a page, and a log line without secrets.
	res, _ = get("/slack/install")
	loc, _ = url.Parse(res.Header.Get("Location"))
	if res, body := get("/slack/oauth/callback?code=bad-code&state=" + loc.Query().Get("state")); res.StatusCode != http.StatusBadGateway || !strings.Contains(body, "invalid_code") {
		t.Fatalf("Slack error: %d %s", res.StatusCode, body)
	}
	p.shutdown()
	for name, secret := range map[string]string{"the bot token": token, "the client secret": env["SLACK_CLIENT_SECRET"],
		"the token key": env["SLACK_TOKEN_KEY"], "the signing secret": env["SLACK_SIGNING_SECRET"], "the code": "good-code"} {
		if strings.Contains(p.logs.String(), secret) {
			t.Errorf("the log shows %s:\n%s", name, p.logs.String())
		}
	}
	ctx := context.Background()
	in := storage.NewInstalls(rdb.rdb, nil, 0)
	if at, _ := in.ForgetAt(ctx, bot.Scope{Platform: "slack", Workspace: team}); !at.IsZero() {
		t.Fatalf("deletion scheduled for an installed workspace: %v", at)
	}
}

func TestDiscordInvite(t *testing.T) {
	var out, errb strings.Builder
	env := map[string]string{"DISCORD_APP_ID": "1234567890"}
	code := run(context.Background(), []string{"discord-invite"}, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	if code != 0 || !strings.HasPrefix(out.String(), "https://discord.com/oauth2/authorize?") ||
		!strings.Contains(out.String(), "client_id=1234567890") || !strings.Contains(out.String(), "scope=bot+applications.commands") ||
		!strings.Contains(out.String(), "permissions=") || !strings.Contains(out.String(), "Send Messages") {
		t.Fatalf("exit %d: %s%s", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run(context.Background(), []string{"discord-invite"}, strings.NewReader(""), &out, &errb, func(string) string { return "" }); code != 2 || !strings.Contains(errb.String(), "DISCORD_APP_ID") {
		t.Fatalf("no app id: exit %d: %s", code, errb.String())
	}
}

// TestForgetterRekeys: with SLACK_TOKEN_KEY_OLD set, start-up re-encrypts
// the stored tokens with the new key and logs how many; then it deletes
// the data of workspaces whose retention ran out.
func TestForgetterRekeys(t *testing.T) {
	oldEnv := oauthEnv(t)
	oldCfg, err := loadConfig(func(k string) string { return oldEnv[k] })
	if err != nil {
		t.Fatal(err)
	}
	rdb, stop, err := storage.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ctx := context.Background()
	sc := bot.Scope{Platform: "slack", Workspace: "TREKEY"}
	if err := storage.NewInstalls(rdb, oldCfg.TokenRing, 0).Save(ctx, bot.Install{Scope: sc, BotToken: "xoxb-rekey"}); err != nil {
		t.Fatal(err)
	}
	newEnv := oauthEnv(t)
	newEnv["SLACK_TOKEN_KEY_OLD"] = oldEnv["SLACK_TOKEN_KEY"]
	newCfg, err := loadConfig(func(k string) string { return newEnv[k] })
	if err != nil {
		t.Fatal(err)
	}
	logs := &testkit.Buffer{}
	f := &forgetter{in: newInstalls(rdb, newCfg), log: slog.New(slog.NewTextHandler(logs, nil)), rekey: newCfg.TokenKeyRotating}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.Run(rctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "reencrypted=1") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if !strings.Contains(logs.String(), "reencrypted=1") {
		t.Fatalf("logs: %s", logs.String())
	}
	// The old key retired: the token still opens.
	retired := oauthEnv(t)
	retired["SLACK_TOKEN_KEY"] = newEnv["SLACK_TOKEN_KEY"]
	cfg, _ := loadConfig(func(k string) string { return retired[k] })
	in, err := newInstalls(rdb, cfg).Load(ctx, sc)
	if err != nil || in.BotToken != "xoxb-rekey" {
		t.Fatalf("after rotation, with the old key gone: %+v, %v", in, err)
	}
}
