package slack

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/keyring"
	"github.com/mentorbot/mentorbot/storage"
)

const testPublicURL = "https://bot.example.com"

// oauthEnv is an env whose adapter runs in OAuth mode, on a fake Slack
// that only takes the tokens its OAuth flow issued.
type oauthEnv struct {
	*env
	fake     *fakeOAuth
	installs *storage.Installs
}

func newOAuthEnv(t *testing.T, retention time.Duration) *oauthEnv {
	t.Helper()
	e := newEnv(t, nil)
	fo := e.slack.oauthSlack()
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	key, err := keyring.ParseKey(base64.StdEncoding.EncodeToString(b))
	if err != nil {
		t.Fatal(err)
	}
	ring, _ := keyring.New(key)
	in := storage.NewInstalls(e.rdb, ring, retention)
	cfg := e.cfg
	cfg.BotToken = ""
	cfg.OAuth = &OAuth{ClientID: fo.clientID, ClientSecret: fo.secret, PublicURL: testPublicURL + "/", Installs: in}
	if e.a, err = New(cfg); err != nil {
		t.Fatalf("New in OAuth mode: %v", err)
	}
	return &oauthEnv{env: e, fake: fo, installs: in}
}

// get serves a GET through the adapter's routes.
func (e *oauthEnv) get(target string) *httptest.ResponseRecorder {
	return e.serve(httptest.NewRequest(http.MethodGet, strings.TrimPrefix(target, testPublicURL), nil))
}

// startInstall follows /slack/install to Slack's consent page and
// approves it for g, returning the callback URL.
func (e *oauthEnv) startInstall(g grant) string {
	e.t.Helper()
	w := e.get("/slack/install")
	if w.Code != http.StatusFound {
		e.t.Fatalf("/slack/install: %d %s", w.Code, w.Body.String())
	}
	cb := e.slack.consent(e.t, w.Header().Get("Location"), g)
	if !strings.HasPrefix(cb, testPublicURL+"/slack/oauth/callback?") {
		e.t.Fatalf("redirect_uri of %q is not PUBLIC_URL/slack/oauth/callback", cb)
	}
	return cb
}

// install runs the whole flow for team and checks the page.
func (e *oauthEnv) install(team string) {
	e.t.Helper()
	w := e.get(e.startInstall(grant{team: team, name: "Team " + team, installer: "UADMIN" + team}))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "/mentor help") || !strings.Contains(w.Body.String(), "Team "+team) {
		e.t.Fatalf("callback: %d %s", w.Code, w.Body.String())
	}
}

// command sends a signed /mentor command from user in team.
func (e *oauthEnv) command(team, user, text string) string {
	e.t.Helper()
	saved := e.team
	e.team = team
	defer func() { e.team = saved }()
	w := e.serve(signedRequest("/slack/events", e.commandForm(user, text), e.now))
	if w.Code != http.StatusOK {
		e.t.Fatalf("command %q from %s: %d %s", text, team, w.Code, w.Body.String())
	}
	return w.Body.String()
}

// event sends a signed Events API callback of team.
func (e *oauthEnv) event(team, id string, inner map[string]any) {
	e.t.Helper()
	body := fmtJSON(map[string]any{"token": "x", "team_id": team, "api_app_id": "A0MENTOR", "type": "event_callback",
		"event_id": id, "event_time": e.now.Unix(), "event": inner})
	if w := e.serve(signedRequest("/slack/events", body, e.now)); w.Code != http.StatusOK {
		e.t.Fatalf("event %s: %d", id, w.Code)
	}
}

// plainTokens fails the test when any token the fake issued is readable
// in any key or value of the test's own Redis.
func (e *oauthEnv) plainTokens() {
	e.t.Helper()
	ctx := context.Background()
	keys, err := e.rdb.Keys(ctx, "*").Result()
	if err != nil {
		e.t.Fatal(err)
	}
	var all strings.Builder
	for _, k := range keys {
		all.WriteString(k + "\n")
		switch e.rdb.Type(ctx, k).Val() {
		case "string":
			all.WriteString(e.rdb.Get(ctx, k).Val())
		case "hash":
			for f, v := range e.rdb.HGetAll(ctx, k).Val() {
				all.WriteString(f + "=" + v + "\n")
			}
		case "list":
			all.WriteString(strings.Join(e.rdb.LRange(ctx, k, 0, -1).Val(), "\n"))
		case "set":
			all.WriteString(strings.Join(e.rdb.SMembers(ctx, k).Val(), "\n"))
		case "zset":
			all.WriteString(strings.Join(e.rdb.ZRange(ctx, k, 0, -1).Val(), "\n"))
		default:
			e.t.Fatalf("key %s of a type the scan does not read", k)
		}
		all.WriteString("\n")
	}
	e.slack.mu.Lock()
	issued := append([]string(nil), e.fake.issued...)
	e.slack.mu.Unlock()
	if len(issued) == 0 || len(keys) == 0 {
		e.t.Fatalf("nothing to scan: %d tokens, %d keys", len(issued), len(keys))
	}
	for _, tok := range append(issued, "secretbot", "secretrefresh") {
		if strings.Contains(all.String(), tok) {
			e.e().Fatalf("token %q readable in Redis", tok)
		}
	}
}

func (e *oauthEnv) e() *testing.T { return e.t }

// sameTeam fails when a Web API call naming one of team's users (their ids
// start with "U"+team) was made with another workspace's token.
func (e *oauthEnv) sameTeam(teams ...string) {
	e.t.Helper()
	seen := map[string]int{}
	for _, c := range e.slack.callsOf() {
		for _, team := range teams {
			if strings.Contains(c.Who, "U"+team) {
				seen[team]++
				if c.Team != team {
					e.t.Errorf("%s for %s made with %s's token", c.Method, c.Who, c.Team)
				}
			}
		}
	}
	for _, team := range teams {
		if seen[team] == 0 {
			e.t.Errorf("no Web API call for %s's users", team)
		}
	}
}

func TestOAuthTwoWorkspacesEachWithItsOwnToken(t *testing.T) {
	e := newOAuthEnv(t, time.Hour)
	a, b := "TA"+e.team[1:], "TB"+e.team[1:]
	e.install(a)
	e.install(b)
	ctx := context.Background()
	for _, team := range []string{a, b} {
		// A command (users.info), a DM (conversations.open and
		// chat.postMessage), the App Home (views.publish).
		if reply := e.command(team, "U"+team+"1", "join junior"); !strings.Contains(strings.ToLower(reply), "junior") {
			t.Fatalf("join in %s: %s", team, reply)
		}
		to := bot.Recipient{Scope: scope(team), User: "U" + team + "1"}
		if err := e.a.Send(ctx, to, bot.Message{Text: "your weekly nudge"}); err != nil {
			t.Fatalf("send in %s: %v", team, err)
		}
		e.event(team, "Ev"+team, map[string]any{"type": "app_home_opened", "user": "U" + team + "1", "tab": "home"})
		if !e.a.Serves(ctx, scope(team)) {
			t.Fatalf("Serves(%s) = false", team)
		}
	}
	e.slack.waitFor("two home tabs", func() bool { return e.slack.count("views.publish") == 2 })
	e.a.work.Wait()
	e.sameTeam(a, b)
	for _, m := range []string{"users.info", "conversations.open", "chat.postMessage", "views.publish"} {
		if n := e.slack.count(m); n != 2 {
			t.Errorf("%s called %d times, want once per workspace", m, n)
		}
	}
	e.plainTokens()
	// A workspace that never installed gets the install link.
	if reply := e.command("TNEVER"+e.team[1:], "U1", "help"); !strings.Contains(reply, testPublicURL+"/slack/install") {
		t.Fatalf("command from a workspace never installed: %s", reply)
	}
}

func TestOAuthUninstall(t *testing.T) {
	e := newOAuthEnv(t, 30*24*time.Hour)
	a, b := "TA"+e.team[1:], "TB"+e.team[1:]
	e.install(a)
	e.install(b)
	ctx := context.Background()
	e.command(a, "U"+a+"1", "join mid")
	e.event(a, "EvUninstall", map[string]any{"type": "app_uninstalled"})
	e.event(a, "EvRevoked", map[string]any{"type": "tokens_revoked", "tokens": map[string]any{"bot": []string{"UBOT" + a}}})

	reply := e.command(a, "U"+a+"1", "progress")
	if !strings.Contains(reply, "reinstalled") || !strings.Contains(reply, testPublicURL+"/slack/install") {
		t.Fatalf("command after uninstall: %s", reply)
	}
	if e.a.Serves(ctx, scope(a)) || !e.a.Serves(ctx, scope(b)) {
		t.Fatalf("Serves: %s %v, %s %v", a, e.a.Serves(ctx, scope(a)), b, e.a.Serves(ctx, scope(b)))
	}
	if err := e.a.Send(ctx, bot.Recipient{Scope: scope(a), User: "U" + a + "1"}, bot.Message{Text: "nudge"}); err == nil {
		t.Fatal("a DM went out to an uninstalled workspace")
	}
	// The other workspace is unaffected.
	if reply := e.command(b, "U"+b+"1", "join senior"); !strings.Contains(strings.ToLower(reply), "senior") {
		t.Fatalf("the other workspace after the uninstall: %s", reply)
	}
	// The tokens are gone at once, the data stays for the retention.
	if _, err := e.installs.Load(ctx, scope(a)); err == nil {
		t.Fatal("installation still loads")
	}
	if ms, _ := e.store.Load(ctx, scope(a), "U"+a+"1"); ms[0] == nil || ms[0].Stage != "mid" {
		t.Fatalf("member data gone before the retention: %+v", ms[0])
	}
	if at, _ := e.installs.ForgetAt(ctx, scope(a)); at.IsZero() {
		t.Fatal("no deletion scheduled")
	}
	e.plainTokens()
	// Reinstalling cancels the deletion and serves again.
	e.install(a)
	if at, _ := e.installs.ForgetAt(ctx, scope(a)); !at.IsZero() {
		t.Fatalf("deletion still scheduled after reinstall: %v", at)
	}
	if reply := e.command(a, "U"+a+"1", "progress"); strings.Contains(reply, "reinstalled") {
		t.Fatalf("command after reinstall: %s", reply)
	}
}

func TestOAuthCallbackRefusals(t *testing.T) {
	e := newOAuthEnv(t, time.Hour)
	team := "TS" + e.team[1:]
	ctx := context.Background()
	nothingStored := func(what string) {
		t.Helper()
		if _, err := e.installs.Load(ctx, scope(team)); err == nil {
			t.Fatalf("%s: an installation was stored", what)
		}
	}
	cb := e.startInstall(grant{team: team, installer: "U1"})
	forged := strings.Replace(cb, "state=", "state=0", 1)
	for name, target := range map[string]string{
		"forged state":  forged,
		"missing state": strings.Split(cb, "&state=")[0],
		"no code":       testPublicURL + "/slack/oauth/callback?state=" + strings.Split(cb, "state=")[1] + "x",
	} {
		w := e.get(target)
		if w.Code < 400 || w.Code > 499 || !strings.Contains(w.Body.String(), "/slack/install") {
			t.Errorf("%s: %d %s", name, w.Code, w.Body.String())
		}
		nothingStored(name)
	}
	if w := e.get(cb); w.Code != http.StatusOK {
		t.Fatalf("the genuine callback after the forged ones: %d %s", w.Code, w.Body.String())
	}
	// Used once: the same state again is refused, and no second exchange.
	before := e.slack.count("oauth.v2.access")
	if w := e.get(cb); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "already used") {
		t.Fatalf("reused state: %d %s", w.Code, w.Body.String())
	}
	if e.slack.count("oauth.v2.access") != before {
		t.Fatal("a reused state reached oauth.v2.access")
	}

	// An error from Slack: a clear page, nothing stored.
	other := "TX" + e.team[1:]
	cb = e.startInstall(grant{team: other})
	w := e.get(strings.Replace(cb, "code=", "code=stale", 1))
	if w.Code != http.StatusBadGateway || !strings.Contains(w.Body.String(), "invalid_code") || strings.Contains(w.Body.String(), "Something went wrong") {
		t.Fatalf("Slack error: %d %s", w.Code, w.Body.String())
	}
	if _, err := e.installs.Load(ctx, scope(other)); err == nil {
		t.Fatal("stored after a Slack error")
	}
	// The user cancelled on Slack's page.
	cb = e.startInstall(grant{team: other})
	if w := e.get(strings.Replace(cb, "code=", "error=access_denied&code=", 1)); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "cancelled") {
		t.Fatalf("cancelled: %d %s", w.Code, w.Body.String())
	}

	// Org-wide installs are refused with a page, and their token revoked.
	org := "TO" + e.team[1:]
	w = e.get(e.startInstall(grant{team: org, org: true}))
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "Org-wide installs are not supported") {
		t.Fatalf("org install: %d %s", w.Code, w.Body.String())
	}
	if e.slack.count("auth.revoke") != 1 {
		t.Fatalf("org token revoked %d times", e.slack.count("auth.revoke"))
	}
	if _, err := e.installs.Load(ctx, scope(org)); err == nil {
		t.Fatal("org install stored")
	}
}

func TestOAuthConfig(t *testing.T) {
	e := newEnv(t, nil)
	in := storage.NewInstalls(e.rdb, nil, 0)
	base := e.cfg
	base.BotToken = ""
	for name, o := range map[string]*OAuth{
		"no client id": {ClientSecret: "s", PublicURL: testPublicURL, Installs: in},
		"no secret":    {ClientID: "c", PublicURL: testPublicURL, Installs: in},
		"no url":       {ClientID: "c", ClientSecret: "s", Installs: in},
		"no store":     {ClientID: "c", ClientSecret: "s", PublicURL: testPublicURL},
	} {
		cfg := base
		cfg.OAuth = o
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New took it", name)
		}
	}
	cfg := base
	cfg.BotToken = "xoxb-1"
	cfg.OAuth = &OAuth{ClientID: "c", ClientSecret: "s", PublicURL: testPublicURL, Installs: in}
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "SLACK_BOT_TOKEN") {
		t.Errorf("bot token and OAuth: %v", err)
	}
	// Single-token mode has no install routes.
	if w := e.serve(httptest.NewRequest(http.MethodGet, "/slack/install", nil)); w.Code != http.StatusNotFound {
		t.Errorf("/slack/install in single-token mode: %d", w.Code)
	}
}

func TestOAuthTokensRevoked(t *testing.T) {
	e := newOAuthEnv(t, 0)
	team := "TV" + e.team[1:]
	e.install(team)
	ctx := context.Background()
	e.command(team, "U"+team+"1", "join mid")
	// Only user tokens revoked: mentorbot keeps none, nothing changes.
	e.event(team, "EvUser", map[string]any{"type": "tokens_revoked", "tokens": map[string]any{"oauth": []string{"U" + team + "1"}}})
	if !e.a.Serves(ctx, scope(team)) {
		t.Fatal("a user token's revocation uninstalled the workspace")
	}
	e.event(team, "EvBot", map[string]any{"type": "tokens_revoked", "tokens": map[string]any{"bot": []string{"UBOT" + team}}})
	if reply := e.command(team, "U"+team+"1", "progress"); !strings.Contains(reply, "reinstalled") {
		t.Fatalf("command after the bot token was revoked: %s", reply)
	}
	// Retention 0: the members' data went at once.
	if ms, _ := e.store.Load(ctx, scope(team), "U"+team+"1"); ms[0] != nil {
		t.Fatalf("data kept with SLACK_UNINSTALL_RETENTION=0: %+v", ms[0])
	}
	e.plainTokens()
}
