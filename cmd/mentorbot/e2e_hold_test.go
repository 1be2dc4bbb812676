package main

// Regression tests for the cases issue 13's adversarial pass found holding,
// on the harness in e2e_test.go: the real adapters and core over signed
// HTTP, against the shared Redis.

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestE2EWorkspaceIsolation: the same user id in two Slack workspaces is
// two members. What one does is not seen by, and does not change, the other.
func TestE2EWorkspaceIsolation(t *testing.T) {
	teamA, teamB := "TISA"+e2eID()[:10], "TISB"+e2eID()[:10]
	rdbA := e2eScope(t, "slack", teamA)
	e2eScope(t, "slack", teamB)
	fake := newE2ESlack(t)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": fake.srv.URL}, false)
	// Identical signed requests are replays; each request here is new.
	start, n := time.Now(), 0
	at := func() time.Time { n++; return start.Add(-time.Duration(n) * time.Second) }
	const user = "U0ISO"
	for _, text := range []string{"join", "done git"} {
		e2eDecode(t, "A: "+text, p.slack(fake, teamA, user, text, e2eSlackSecret, at()))
	}
	one := regexp.MustCompile(`[▓░]{10} 1/\d+`)
	if r := p.slack(fake, teamA, user, "progress", e2eSlackSecret, at()); !one.MatchString(r.body) {
		t.Fatalf("A: progress after done git: want 1/N, got %s", r.body)
	}
	a := rdbA.snapshot()
	for _, c := range []struct {
		text string
		want *regexp.Regexp // in the reply from B; nil: any 200 JSON
	}{
		{"progress", nil},
		{"join", nil},
		{"progress", e2eBar}, // 0/N: A's done git is not B's
		{"start sql-basics", nil},
		{"undo git", nil},
		{"nudges off", nil},
		{"forget confirm", nil},
	} {
		r := p.slack(fake, teamB, user, c.text, e2eSlackSecret, at())
		e2eDecode(t, "B: "+c.text, r)
		if c.want != nil && !c.want.MatchString(r.body) {
			t.Errorf("B: %s: want %s, got %s", c.text, c.want, r.body)
		}
		if one.MatchString(r.body) {
			t.Errorf("B: %s shows A's progress: %s", c.text, r.body)
		}
	}
	if after := rdbA.snapshot(); after != a {
		t.Errorf("commands in workspace B changed workspace A:\nbefore %s\nafter  %s", a, after)
	}
	if r := p.slack(fake, teamA, user, "progress", e2eSlackSecret, at()); !one.MatchString(r.body) {
		t.Errorf("A: progress after B forgot: want 1/N still, got %s", r.body)
	}
	p.shutdown()
}

// e2eSlackPost posts body to path signed with e2eSlackSecret at ts.
func (p *e2eProc) e2eSlackPost(path, contentType, body string, ts time.Time) e2eReply {
	p.t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(e2eSlackSecret))
	mac.Write([]byte("v0:" + stamp + ":" + body))
	return p.post(path, contentType, body, map[string]string{
		"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + hex.EncodeToString(mac.Sum(nil))})
}

// e2eWait polls until ok, or fails the test after 5 s.
func e2eWait(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within 5 s", what)
		}
	}
}

// forgedValues are button values a plain member can forge: another
// member's data, or commands for leads and admins.
func forgedValues(self, other string) []string {
	return []string{"progress <@" + other + ">", "assign <@" + other + ">", "assign <@" + other + "> <@" + self + ">",
		"unassign <@" + other + ">", "leads add <@" + self + ">", "team", "mentees", "mentees csv"}
}

// refused tells the refusals of forgedValues: a wrong member, or a role.
func refused(reply string) bool {
	return strings.Contains(reply, "you can't do that for that member") || strings.Contains(reply, "Only leads and admins") ||
		strings.Contains(reply, "Only admins")
}

// progressBar is any progress bar: none of forgedValues may show one.
var progressBar = regexp.MustCompile(`[▓░]{10}`)

// TestE2EForgedButtons: a Slack button or Discord component is signed by
// the platform, but its value came from whoever built the message. A value
// naming another member or a command the presser may not run is checked
// as if typed: refused, nothing shown, Redis unchanged.
func TestE2EForgedButtons(t *testing.T) {
	t.Run("slack", func(t *testing.T) {
		team := "TFGB" + e2eID()[:10]
		rdb := e2eScope(t, "slack", team)
		fake := newE2ESlack(t)
		p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
			"SLACK_API_URL": fake.srv.URL}, false)
		start := time.Now()
		const self, other = "U0FGSELF", "U0FGOTHR"
		for i, c := range [][2]string{{other, "join"}, {other, "done git"}, {self, "join"}} {
			e2eDecode(t, c[1], p.slack(fake, team, c[0], c[1], e2eSlackSecret, start.Add(-time.Duration(i)*time.Second)))
		}
		before := rdb.data()
		for i, value := range forgedValues(self, other) {
			reply := "/response/btn" + strconv.Itoa(i)
			payload, _ := json.Marshal(map[string]any{
				"type": "block_actions", "team": map[string]any{"id": team}, "user": map[string]any{"id": self, "name": "self"},
				"api_app_id": "A0E2E", "response_url": fake.srv.URL + reply, "trigger_id": "1.2.3",
				"container": map[string]any{"type": "message", "message_ts": "1.2", "channel_id": "C0E2E"},
				"actions": []any{map[string]any{"type": "button", "action_id": "mentor_0", "block_id": "b", "value": value,
					"action_ts": "1.3"}},
			})
			body := url.Values{"payload": {string(payload)}}.Encode()
			if r := p.e2eSlackPost("/slack/interactions", "application/x-www-form-urlencoded", body, start.Add(-time.Duration(10+i)*time.Second)); r.status != http.StatusOK {
				t.Fatalf("%q: ack %d %s", value, r.status, r.body)
			}
			e2eWait(t, "reply to "+value, func() bool { return len(fake.to("POST "+reply)) > 0 })
			if got := fake.to("POST " + reply)[0]; !refused(got) || progressBar.MatchString(got) || strings.Contains(got, "git") {
				t.Errorf("forged button %q showed someone's data: %s", value, got)
			}
		}
		if after := rdb.data(); after != before {
			t.Errorf("forged buttons changed Redis:\nbefore %s\nafter  %s", before, after)
		}
		p.shutdown()
	})
	t.Run("discord", func(t *testing.T) {
		guild, app, self, other := e2eID(), e2eID(), e2eID(), e2eID()
		rdb := e2eScope(t, "discord", guild)
		home := func(u string) string { return "mb:{discord:dm}:c:discord:home:" + u }
		t.Cleanup(func() { rdb.rdb.Del(context.Background(), home(self), home(other)) })
		fake := newE2EDiscord(t)
		pub, priv, _ := ed25519.GenerateKey(nil)
		p := startE2E(t, map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": app,
			"DISCORD_BOT_TOKEN": e2eDiscordTok, "DISCORD_API_URL": fake.srv.URL, "DISCORD_GATEWAY": "off"}, false)
		now := time.Now()
		for _, u := range []string{other, self} {
			join := e2eInteraction(app, guild, u, "join")
			e2eDecode(t, "join", p.discord(priv, now, join, join))
		}
		before := rdb.data()
		for _, value := range forgedValues(self, other) {
			b, _ := json.Marshal(map[string]any{
				"id": e2eID(), "application_id": app, "type": 3, "token": "tok-" + e2eID(), "version": 1,
				"guild_id": guild, "channel_id": e2eID(),
				"member": map[string]any{"user": map[string]any{"id": self, "username": "self", "discriminator": "0"},
					"roles": []string{}, "permissions": "1024", "joined_at": "2024-01-01T00:00:00+00:00"},
				"message": map[string]any{"id": e2eID(), "channel_id": e2eID(), "content": "",
					"author": map[string]any{"id": app, "username": "mentorbot", "bot": true}},
				"data": map[string]any{"custom_id": "mentor:" + value, "component_type": 2},
			})
			r := p.discord(priv, now, string(b), string(b))
			m := e2eDecode(t, value, r)
			if m["type"] != 4.0 || !refused(r.body) || progressBar.MatchString(r.body) {
				t.Errorf("forged component %q: want a type 4 refusal showing nothing, got %s", value, r.body)
			}
		}
		if after := rdb.data(); after != before {
			t.Errorf("forged components changed Redis:\nbefore %s\nafter  %s", before, after)
		}
		p.shutdown()
	})
}

// replayMark matches the keys that record a request was seen (issue 13
// item 7): every signed request writes one, and nothing reads them back.
var replayMark = regexp.MustCompile(`:c:(rp|discord:ix):`)

// data is snapshot without replay marks: the scope's members, progress,
// leads and caches.
func (r *e2eRedis) data() string {
	ctx := context.Background()
	snap := map[string]string{}
	for _, k := range r.rdb.Keys(ctx, r.pattern).Val() {
		// The roster's built mark is written by whichever process's
		// scheduler repairs the scope first (other tests' processes share
		// this Redis), not by a request.
		if !replayMark.MatchString(k) && !strings.HasSuffix(k, "}:rv") {
			snap[k] = r.rdb.Dump(ctx, k).Val()
		}
	}
	return fmt.Sprintf("%q", snap)
}

// TestE2EBadBodies: a correctly signed request whose body is not what
// Slack or Discord sends gets a 4xx, no reply, and changes nothing. An
// Events API body the adapter can't parse is the exception: it gets an
// empty 200, as Slack retries anything else (see serveEvent).
func TestE2EBadBodies(t *testing.T) {
	team, guild, app, user := "TBAD"+e2eID()[:10], e2eID(), e2eID(), e2eID()
	slackRdb, discordRdb := e2eScope(t, "slack", team), e2eScope(t, "discord", guild)
	home := "mb:{discord:dm}:c:discord:home:" + user
	t.Cleanup(func() { discordRdb.rdb.Del(context.Background(), home) })
	slackFake, discordFake := newE2ESlack(t), newE2EDiscord(t)
	pub, priv, _ := ed25519.GenerateKey(nil)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": slackFake.srv.URL, "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": app,
		"DISCORD_BOT_TOKEN": e2eDiscordTok, "DISCORD_API_URL": discordFake.srv.URL, "DISCORD_GATEWAY": "off"}, false)
	start := time.Now()
	e2eDecode(t, "slack join", p.slack(slackFake, team, "U0BAD", "join", e2eSlackSecret, start))
	join := e2eInteraction(app, guild, user, "join")
	e2eDecode(t, "discord join", p.discord(priv, start, join, join))
	slackBefore, discordBefore := slackRdb.data(), discordRdb.data()
	form := "application/x-www-form-urlencoded"
	command := func(drop string) string {
		v := url.Values{"team_id": {team}, "user_id": {"U0BAD"}, "command": {"/mentor"}, "text": {"forget confirm"},
			"response_url": {slackFake.srv.URL + "/response/bad"}}
		v.Del(drop)
		return v.Encode()
	}
	button := func(payload string) string { return url.Values{"payload": {payload}}.Encode() }
	discordCmd := func(edit func(map[string]any)) string {
		var m map[string]any
		_ = json.Unmarshal([]byte(e2eInteraction(app, guild, user, "forget")), &m)
		edit(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	for i, c := range []struct {
		name, path, contentType, body string
		want                          int // 0: any 4xx
	}{
		{"slack command: bad form encoding", "/slack/commands", form, "team_id=%zz&user_id=U0BAD&text=forget+confirm", 0},
		{"slack command: no team", "/slack/commands", form, command("team_id"), 0},
		{"slack command: no user", "/slack/commands", form, command("user_id"), 0},
		{"slack command: JSON", "/slack/commands", "application/json", `{"team_id":"` + team + `","user_id":"U0BAD","text":"forget confirm"}`, 0},
		{"slack interaction: no payload", "/slack/interactions", form, "foo=bar", 0},
		{"slack interaction: payload not JSON", "/slack/interactions", form, button("{not json"), 0},
		{"slack interaction: payload a string", "/slack/interactions", form, button(`"block_actions"`), 0},
		{"slack interaction: bad form encoding", "/slack/interactions", form, "payload=%zz", 0},
		{"slack event: not JSON", "/slack/events", "application/json", `{"type":"event_callback",`, 200},
		{"slack event: array", "/slack/events", "application/json", `[]`, 200},
		{"discord: not JSON", "/discord/interactions", "application/json", `{"type":2,`, 0},
		{"discord: array", "/discord/interactions", "application/json", `[1]`, 0},
		{"discord: type a string", "/discord/interactions", "application/json", discordCmd(func(m map[string]any) { m["type"] = "2" }), 0},
		{"discord: data not an object", "/discord/interactions", "application/json", discordCmd(func(m map[string]any) { m["data"] = 7 }), 0},
	} {
		ts := start.Add(-time.Duration(i+1) * time.Second)
		var r e2eReply
		if strings.HasPrefix(c.path, "/discord/") {
			stamp := strconv.FormatInt(ts.Unix(), 10)
			r = p.post(c.path, c.contentType, c.body, map[string]string{
				"X-Signature-Timestamp": stamp, "X-Signature-Ed25519": hex.EncodeToString(ed25519.Sign(priv, []byte(stamp+c.body)))})
		} else {
			r = p.e2eSlackPost(c.path, c.contentType, c.body, ts)
		}
		bad := r.status < 400 || r.status > 499
		if c.want != 0 {
			bad = r.status != c.want
		}
		if bad || strings.Contains(r.body, "blocks") || strings.Contains(r.body, "embeds") {
			t.Errorf("%s: status %d %q, want %d (0: a 4xx) without a reply", c.name, r.status, r.body, c.want)
		}
	}
	time.Sleep(100 * time.Millisecond) // a reply sent later would be posted by now
	if got := slackFake.to("POST /response/bad"); len(got) > 0 {
		t.Errorf("bad bodies got replies: %s", got)
	}
	if after := slackRdb.data(); after != slackBefore {
		t.Errorf("bad Slack bodies changed Redis:\nbefore %s\nafter  %s", slackBefore, after)
	}
	if after := discordRdb.data(); after != discordBefore {
		t.Errorf("bad Discord bodies changed Redis:\nbefore %s\nafter  %s", discordBefore, after)
	}
	p.shutdown()
}

// TestE2EOddIDs: a signed request whose team, user or guild id is not one
// the platform issues (such as "g:1}", which would end a key's hash tag)
// is answered and never reaches a key: nothing in Redis carries the id.
func TestE2EOddIDs(t *testing.T) {
	team, guild, app := "TODD"+e2eID()[:10], e2eID(), e2eID()
	slackRdb, discordRdb := e2eScope(t, "slack", team), e2eScope(t, "discord", guild)
	slackFake, discordFake := newE2ESlack(t), newE2EDiscord(t)
	pub, priv, _ := ed25519.GenerateKey(nil)
	p := startE2E(t, map[string]string{"SLACK_SIGNING_SECRET": e2eSlackSecret, "SLACK_BOT_TOKEN": e2eSlackToken,
		"SLACK_API_URL": slackFake.srv.URL, "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": app,
		"DISCORD_BOT_TOKEN": e2eDiscordTok, "DISCORD_API_URL": discordFake.srv.URL, "DISCORD_GATEWAY": "off"}, false)
	start, n := time.Now(), 0
	at := func() time.Time { n++; return start.Add(-time.Duration(n) * time.Second) }
	slackBefore, discordBefore := slackRdb.data(), discordRdb.data()
	tag := e2eID()[:12] // in every odd id, to find any key made of one
	for _, c := range []struct{ name, team, user string }{
		{"hash tag in team", "g:" + tag + "}", "U0ODD"},
		{"brace in team", "T" + tag + "{x}", "U0ODD"},
		{"space in team", "T" + tag + " 2", "U0ODD"},
		{"lower case team", "t" + tag, "U0ODD"},
		{"colon in user", team, "U:" + tag},
		{"brace in user", team, "U" + tag + "}"},
		{"long user", team, "U" + tag + strings.Repeat("X", 40)},
	} {
		for _, text := range []string{"join", "done git"} {
			r := p.slack(slackFake, c.team, c.user, text, e2eSlackSecret, at())
			if r.status != http.StatusOK || !strings.Contains(r.body, "couldn") {
				t.Errorf("slack %s: %s: %d %s, want 200 saying the request couldn't be read", c.name, text, r.status, r.body)
			}
		}
	}
	for _, c := range []struct{ name, guild, user string }{
		{"hash tag in guild", "g:" + tag + "}", e2eID()},
		{"letters in guild", "x" + tag, e2eID()},
		{"negative guild", "-" + tag, e2eID()},
		{"brace in user", guild, tag + "}"},
		{"long user", guild, tag + strings.Repeat("9", 30)},
		{"empty user", guild, ""},
	} {
		for _, sub := range []string{"join", "roadmap"} {
			var m map[string]any
			_ = json.Unmarshal([]byte(e2eInteraction(app, guild, "", sub)), &m)
			m["guild_id"] = c.guild
			m["member"].(map[string]any)["user"].(map[string]any)["id"] = c.user
			b, _ := json.Marshal(m)
			stamp := strconv.FormatInt(at().Unix(), 10)
			r := p.post("/discord/interactions", "application/json", string(b), map[string]string{
				"X-Signature-Timestamp": stamp, "X-Signature-Ed25519": hex.EncodeToString(ed25519.Sign(priv, []byte(stamp+string(b))))})
			if r.status != http.StatusOK || !strings.Contains(r.body, "couldn't read") || strings.Contains(r.body, "junior") {
				t.Errorf("discord %s: %s: %d %s, want 200 saying the request couldn't be read", c.name, sub, r.status, r.body)
			}
		}
	}
	ctx := context.Background()
	if keys := slackRdb.rdb.Keys(ctx, "*"+tag+"*").Val(); len(keys) > 0 {
		t.Errorf("odd ids reached keys: %q", keys)
	}
	if after := slackRdb.data(); after != slackBefore {
		t.Errorf("odd Slack ids changed the team's Redis:\nbefore %s\nafter  %s", slackBefore, after)
	}
	if after := discordRdb.data(); after != discordBefore {
		t.Errorf("odd Discord ids changed the guild's Redis:\nbefore %s\nafter  %s", discordBefore, after)
	}
	p.shutdown()
}

// TestE2EDiscordPermissionBits: admin rights come from the Administrator
// bit (8) of the member's permissions and from nothing else, not even every
// other bit; lead rights from holding DISCORD_LEAD_ROLE. A refused command
// changes nothing.
func TestE2EDiscordPermissionBits(t *testing.T) {
	guild, app, leadRole, target := e2eID(), e2eID(), e2eID(), e2eID()
	rdb := e2eScope(t, "discord", guild)
	fake := newE2EDiscord(t)
	pub, priv, _ := ed25519.GenerateKey(nil)
	p := startE2E(t, map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": app,
		"DISCORD_BOT_TOKEN": e2eDiscordTok, "DISCORD_API_URL": fake.srv.URL, "DISCORD_GATEWAY": "off",
		"DISCORD_LEAD_ROLE": leadRole}, false)
	var users []string
	t.Cleanup(func() {
		for _, u := range users {
			rdb.rdb.Del(context.Background(), "mb:{discord:dm}:c:discord:home:"+u)
		}
	})
	send := func(user, perms string, roles []string, sub string, opts ...any) e2eReply {
		users = append(users, user)
		var m map[string]any
		_ = json.Unmarshal([]byte(e2eInteraction(app, guild, user, sub)), &m)
		m["member"].(map[string]any)["permissions"] = perms
		m["member"].(map[string]any)["roles"] = roles
		if len(opts) > 0 {
			m["data"].(map[string]any)["options"].([]any)[0].(map[string]any)["options"] = opts
		}
		b, _ := json.Marshal(m)
		return p.discord(priv, time.Now(), string(b), string(b))
	}
	member := func(name string) map[string]any { return map[string]any{"name": name, "type": 6, "value": target} }
	e2eDecode(t, "target joins", send(target, "0", nil, "join"))
	const all = "2199023255551" // every bit Discord defines up to 1<<40
	for _, c := range []struct {
		name, perms string
		roles       []string
		admin, lead bool
	}{
		{"no permissions", "0", nil, false, false},
		{"manage guild and roles", "268435488", nil, false, false}, // 1<<5 | 1<<28
		{"every bit but administrator", "2199023255543", nil, false, false},
		{"administrator alone", "8", nil, true, true},
		{"every bit", all, nil, true, true},
		{"lead role", "0", []string{leadRole}, false, true},
		{"another role", "0", []string{e2eID()}, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			user := e2eID()
			e2eDecode(t, "join", send(user, c.perms, c.roles, "join"))
			for _, k := range []struct {
				sub  string
				opts []any
				ok   bool
			}{
				{"team", nil, c.admin},
				{"mentees", nil, c.lead},
				{"assign", []any{member("member")}, c.lead},
			} {
				before := rdb.data()
				r := send(user, c.perms, c.roles, k.sub, k.opts...)
				e2eDecode(t, k.sub, r)
				if refused := strings.Contains(r.body, "Only admins") || strings.Contains(r.body, "Only leads and admins"); refused == k.ok {
					t.Errorf("%s with permissions %s, roles %v: refused %v, want %v: %s", k.sub, c.perms, c.roles, refused, !k.ok, r.body)
				}
				after := rdb.data()
				if !k.ok && after != before {
					t.Errorf("refused %s changed Redis:\nbefore %s\nafter  %s", k.sub, before, after)
				}
			}
			if c.lead { // let the next caller assign the target too
				send(user, c.perms, c.roles, "unassign", member("member"))
			}
		})
	}
	p.shutdown()
}
