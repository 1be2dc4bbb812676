package discord

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// Payloads in the shape Discord documents for interactions
// (discord.com/developers/docs/interactions/receiving-and-responding).
const (
	pingPayload = `{"id":"786008729715212338","application_id":"111","type":1,"token":"tok","version":1}`

	// /mentor progress member:@Alice, by an admin in a guild.
	guildCommandPayload = `{
  "id": "786008729715212339", "application_id": "111", "type": 2, "token": "tok-guild",
  "guild_id": "290926798626357999", "channel_id": "645027906669510667",
  "app_permissions": "442368", "guild_locale": "en-US", "locale": "en-US", "version": 1,
  "member": {
    "user": {"id": "53908232506183680", "username": "mason", "global_name": "Mason", "discriminator": "0", "public_flags": 131141},
    "roles": ["539082325061836999"], "premium_since": null, "permissions": "2147483647",
    "pending": false, "nick": "Mase", "mute": false, "deaf": false,
    "joined_at": "2017-03-13T19:19:14.040000+00:00"
  },
  "data": {
    "id": "771825006014889984", "name": "mentor", "type": 1,
    "options": [{"name": "progress", "type": 1, "options": [{"name": "member", "type": 6, "value": "80351110224678912"}]}],
    "resolved": {"users": {"80351110224678912": {"id": "80351110224678912", "username": "alice", "discriminator": "0"}}}
  }
}`

	// /mentor done skill:git, in a DM with the bot: user instead of member.
	dmCommandPayload = `{
  "id": "786008729715212340", "application_id": "111", "type": 2, "token": "tok-dm",
  "channel_id": "900000000000000001", "locale": "en-US", "version": 1, "context": 1,
  "user": {"id": "53908232506183680", "username": "mason", "global_name": "Mason", "discriminator": "0"},
  "data": {"id": "771825006014889984", "name": "mentor", "type": 1,
    "options": [{"name": "done", "type": 1, "options": [{"name": "skill", "type": 3, "value": "git"}]}]}
}`

	// Typing "gi" into /mentor done skill: in a guild.
	autocompletePayload = `{
  "id": "786008729715212341", "application_id": "111", "type": 4, "token": "tok-ac",
  "guild_id": "290926798626357999", "channel_id": "645027906669510667", "version": 1,
  "member": {"user": {"id": "53908232506183680", "username": "mason"}, "roles": [], "permissions": "0"},
  "data": {"id": "771825006014889984", "name": "mentor", "type": 1,
    "options": [{"name": "done", "type": 1, "options": [{"name": "skill", "type": 3, "value": "gi", "focused": true}]}]}
}`

	// Pressing a nudge's "Done" button in a guild, as a holder of the Leads role.
	buttonPayload = `{
  "id": "786008729715212342", "application_id": "111", "type": 3, "token": "tok-btn",
  "guild_id": "290926798626357999", "channel_id": "645027906669510667", "version": 1,
  "member": {"user": {"id": "53908232506183681", "username": "bob"}, "roles": ["777"], "permissions": "1024"},
  "message": {"id": "930000000000000000", "channel_id": "645027906669510667", "content": "", "author": {"id": "111", "username": "mentorbot", "bot": true}},
  "data": {"custom_id": "mentor:done git", "component_type": 2}
}`
)

func TestPing(t *testing.T) {
	r := newRig(t, nil)
	got := r.signed(t, pingPayload)
	if compact(got) != `{"type":1}` {
		t.Fatalf("PING reply = %s, want {\"type\":1}", compact(got))
	}
}

func TestRejectsBadSignatures(t *testing.T) {
	r := newRig(t, nil)
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	tests := []struct {
		name string
		body string
		ts   time.Time
		key  ed25519.PrivateKey
		edit func(string) string // changes the body after signing
	}{
		{name: "unsigned", body: guildCommandPayload, ts: r.now},
		{name: "forged key", body: guildCommandPayload, ts: r.now, key: other},
		{name: "tampered body", body: guildCommandPayload, ts: r.now, key: r.priv,
			edit: func(s string) string { return strings.Replace(s, "progress", "forget", 1) }},
		{name: "stale", body: guildCommandPayload, ts: r.now.Add(-6 * time.Minute), key: r.priv},
		{name: "from the future", body: guildCommandPayload, ts: r.now.Add(6 * time.Minute), key: r.priv},
		{name: "stale ping", body: pingPayload, ts: r.now.Add(-time.Hour), key: r.priv},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.body
			if tt.edit != nil {
				// Sign the original, send the edited one.
				req := body
				body = tt.edit(body)
				status, _ := r.postSignedAs(t, req, body, tt.ts, tt.key)
				if status != 401 {
					t.Fatalf("status %d, want 401", status)
				}
				return
			}
			if status, out := r.post(t, body, tt.ts, tt.key); status != 401 {
				t.Fatalf("status %d (%s), want 401", status, out)
			}
		})
	}
	if n := len(r.h.requests()); n != 0 {
		t.Fatalf("handler called %d times for rejected requests", n)
	}
	if n := r.f.callCount(); n != 0 {
		t.Fatalf("%d calls reached Discord for rejected requests", n)
	}
}

func TestGuildSlashCommand(t *testing.T) {
	r := newRig(t, nil)
	r.h.reply = func(bot.Request) bot.Message {
		return bot.Message{
			Title: "Alice's progress", Text: "*Stage:* mid", Private: true,
			Progress: []bot.Bar{{Label: "Mid-level", Done: 3, Total: 8}},
			Fields:   []bot.Field{{Name: "Next", Value: "`sql-basics`", Inline: true}},
			Buttons:  []bot.Button{{Label: "Next", Command: "next", Style: "primary"}},
			Footer:   "Keep going",
		}
	}
	got := r.signed(t, guildCommandPayload)

	reqs := r.h.requests()
	if len(reqs) != 1 {
		t.Fatalf("handler got %d requests", len(reqs))
	}
	want := bot.Request{
		Scope: bot.Scope{Platform: "discord", Workspace: r.x(guildID)},
		User:  r.x(masonID), Name: "Mase", Text: "progress", Role: bot.RoleAdmin,
		Options: map[string]string{"member": r.x("<@" + aliceID + ">")},
	}
	if !reflect.DeepEqual(reqs[0], want) {
		t.Fatalf("request = %+v\nwant %+v", reqs[0], want)
	}
	if dig(got, "type") != float64(4) {
		t.Fatalf("reply type = %v, want 4: %s", dig(got, "type"), compact(got))
	}
	if dig(got, "data", "flags") != float64(64) {
		t.Errorf("private reply not ephemeral: %s", compact(got))
	}
	embed := dig(got, "data", "embeds", 0)
	if dig(embed, "title") != "Alice's progress" {
		t.Errorf("embed title = %v", dig(embed, "title"))
	}
	desc, _ := dig(embed, "description").(string)
	if !strings.Contains(desc, "**Stage:** mid") || !strings.Contains(desc, "`▓▓▓░░░░░░░ 3/8`") {
		t.Errorf("embed description = %q", desc)
	}
	if dig(embed, "fields", 0, "name") != "Next" || dig(embed, "footer", "text") != "Keep going" {
		t.Errorf("embed fields/footer: %s", compact(embed))
	}
	btn := dig(got, "data", "components", 0, "components", 0)
	if dig(btn, "custom_id") != "mentor:next" || dig(btn, "style") != float64(1) || dig(btn, "type") != float64(2) {
		t.Errorf("button = %s", compact(btn))
	}
}

func TestDMSlashCommand(t *testing.T) {
	r := newRig(t, nil)
	r.signed(t, dmCommandPayload) // a stranger: no guild known yet
	r.signed(t, guildCommandPayload)
	r.signed(t, dmCommandPayload) // now known from the guild
	reqs := r.h.requests()
	if len(reqs) != 3 {
		t.Fatalf("handler got %d requests", len(reqs))
	}
	for i, ws := range map[int]string{0: "dm", 2: r.x(guildID)} {
		want := bot.Request{Scope: bot.Scope{Platform: "discord", Workspace: ws},
			User: r.x(masonID), Name: "Mason", Text: "done", Options: map[string]string{"skill": "git"}, Role: bot.RoleMember}
		if !reflect.DeepEqual(reqs[i], want) {
			t.Errorf("request %d = %+v\nwant %+v", i, reqs[i], want)
		}
	}
}

func TestAutocomplete(t *testing.T) {
	r := newRig(t, nil)
	got := r.signed(t, autocompletePayload)
	if dig(got, "type") != float64(8) {
		t.Fatalf("reply = %s, want type 8", compact(got))
	}
	want := `[{"name":"Git","value":"git"},{"name":"GitHub Actions","value":"github-actions"}]`
	if c := compact(dig(got, "data", "choices")); c != want {
		t.Fatalf("choices = %s, want %s", c, want)
	}
	if len(r.h.requests()) != 0 {
		t.Fatal("autocomplete ran a command")
	}
	// Nothing matches: "choices" is still there, empty, as Discord
	// requires (journey 10: discordgo's omitempty dropped it).
	none := r.signed(t, strings.Replace(autocompletePayload, `"value": "gi"`, `"value": "zzqx"`, 1))
	if c := compact(dig(none, "data", "choices")); c != "[]" {
		t.Fatalf("choices with no match = %s, want []", c)
	}
}

func TestButtonPress(t *testing.T) {
	r := newRig(t, nil)
	got := r.signed(t, buttonPayload)
	reqs := r.h.requests()
	if len(reqs) != 1 {
		t.Fatalf("handler got %d requests", len(reqs))
	}
	want := bot.Request{Scope: bot.Scope{Platform: "discord", Workspace: r.x(guildID)},
		User: r.x(bobID), Name: "bob", Text: "done git", Role: bot.RoleLead}
	if !reflect.DeepEqual(reqs[0], want) {
		t.Fatalf("request = %+v\nwant %+v", reqs[0], want)
	}
	if dig(got, "type") != float64(4) {
		t.Fatalf("reply = %s", compact(got))
	}
	// The lead role was named, so it was looked up once and then cached.
	r.signed(t, strings.Replace(buttonPayload, "786008729715212342", "786008729715212343", 1))
	if n := len(r.f.callsTo("GET", r.x("/api/v9/guilds/"+guildID+"/roles"))); n != 1 {
		t.Fatalf("roles listed %d times, want 1", n)
	}
}

func TestLeadRoleByID(t *testing.T) {
	r := newRig(t, func(c *Config) { c.LeadRole = "539082325061836999" })
	r.signed(t, strings.Replace(guildCommandPayload, `"permissions": "2147483647"`, `"permissions": "0"`, 1))
	if got := r.h.requests()[0].Role; got != bot.RoleLead {
		t.Fatalf("role = %v, want lead", got)
	}
	if n := r.f.callCount(); n != 0 {
		t.Fatalf("a role id needed %d REST calls", n)
	}
}

func TestForeignButton(t *testing.T) {
	r := newRig(t, nil)
	got := r.signed(t, strings.Replace(buttonPayload, "mentor:done git", "other:thing", 1))
	if dig(got, "type") != float64(4) || dig(got, "data", "flags") != float64(64) {
		t.Fatalf("reply = %s", compact(got))
	}
	if len(r.h.requests()) != 0 {
		t.Fatal("a foreign button ran a command")
	}
}

func TestSlowReplyIsDeferred(t *testing.T) {
	r := newRig(t, nil)
	r.a.budget = 100 * time.Millisecond
	r.h.delay = 400 * time.Millisecond
	got := r.signed(t, guildCommandPayload)
	if dig(got, "type") != float64(5) || dig(got, "data", "flags") != float64(64) {
		t.Fatalf("reply = %s, want a deferred ephemeral reply", compact(got))
	}
	path := "/api/v9/webhooks/111/tok-guild/messages/@original"
	waitFor(t, "the follow-up edit", func() bool { return len(r.f.callsTo("PATCH", path)) == 1 })
	var edit map[string]any
	if err := json.Unmarshal(r.f.callsTo("PATCH", path)[0].Body, &edit); err != nil {
		t.Fatal(err)
	}
	if dig(edit, "embeds", 0, "title") != "Reply" {
		t.Fatalf("edit = %s", compact(edit))
	}
}

func TestFileReply(t *testing.T) {
	small := &bot.File{Name: "mentees.csv", Type: "text/csv", Data: []byte("id,stage\nU1,mid\n")}
	big := &bot.File{Name: "export.json", Type: "application/json", Data: []byte(strings.Repeat(`{"a":1}`, 400))}

	r := newRig(t, nil)
	r.h.reply = func(bot.Request) bot.Message { return bot.Message{Text: "Your mentees", File: small, Private: true} }
	got := r.signed(t, guildCommandPayload)
	if c, _ := dig(got, "data", "content").(string); !strings.Contains(c, "```csv\nid,stage\nU1,mid\n```") {
		t.Fatalf("small file not inlined: %s", compact(got))
	}

	r.h.reply = func(bot.Request) bot.Message { return bot.Message{Text: "Your data", File: big, Private: true} }
	got = r.signed(t, guildCommandPayload)
	if dig(got, "type") != float64(5) {
		t.Fatalf("big file: reply %s, want deferred", compact(got))
	}
	path := "/api/v9/webhooks/111/tok-guild/messages/@original"
	waitFor(t, "the upload", func() bool { return len(r.f.callsTo("PATCH", path)) == 1 })
	c := r.f.callsTo("PATCH", path)[0]
	if !strings.HasPrefix(c.ContentType, "multipart/form-data") || !strings.Contains(string(c.Body), `filename="export.json"`) {
		t.Fatalf("upload: %s %.200s", c.ContentType, c.Body)
	}
}

func TestGatewayInteraction(t *testing.T) {
	r := newRig(t, nil)
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(r.x(guildCommandPayload)), &i); err != nil {
		t.Fatal(err)
	}
	r.a.onInteraction(t.Context(), &i)
	r.a.onInteraction(t.Context(), &i) // redelivered after a resume
	calls := r.f.callsTo("POST", "/api/v9/interactions/786008729715212339/tok-guild/callback")
	if len(calls) != 1 {
		t.Fatalf("%d callbacks, want 1", len(calls))
	}
	var resp map[string]any
	if err := json.Unmarshal(calls[0].Body, &resp); err != nil {
		t.Fatal(err)
	}
	if dig(resp, "type") != float64(4) || dig(resp, "data", "embeds", 0, "title") != "Reply" {
		t.Fatalf("callback = %s", compact(resp))
	}
	if reqs := r.h.requests(); len(reqs) != 1 || reqs[0].Text != "progress" || reqs[0].Options["member"] != r.x("<@"+aliceID+">") {
		t.Fatalf("requests = %+v", reqs)
	}
}

func TestGatewayDM(t *testing.T) {
	r := newRig(t, nil)
	r.h.reply = func(req bot.Request) bot.Message { return bot.Message{Text: "answer to " + req.Text} }
	m := &discordgo.Message{ID: r.x(dmMsgID), ChannelID: "dm-5", Content: "how do I learn SQL?",
		Author: &discordgo.User{ID: r.x(masonID), Username: "eve"}}
	r.a.onMessage(t.Context(), m)
	r.a.onMessage(t.Context(), &discordgo.Message{ID: r.x(dmMsgID) + "2", ChannelID: "dm-5", Content: "echo", Author: &discordgo.User{ID: "111", Bot: true}})
	reqs := r.h.requests()
	if len(reqs) != 1 || !reqs[0].Free || reqs[0].Text != "how do I learn SQL?" || reqs[0].Scope.Workspace != "dm" {
		t.Fatalf("requests = %+v", reqs)
	}
	if n := len(r.f.callsTo("POST", "/api/v9/channels/dm-5/messages")); n != 1 {
		t.Fatalf("%d answers posted, want 1", n)
	}
}

func TestGatewayGuildMention(t *testing.T) {
	r := newRig(t, nil)
	r.a.s.State.User = &discordgo.User{ID: "9001", Username: "mentorbot"}
	r.h.reply = func(req bot.Request) bot.Message {
		return bot.Message{Text: "answer to " + req.Text, Private: strings.Contains(req.Text, "my progress")}
	}
	guild := r.x(guildID)
	author := &discordgo.User{ID: r.x(masonID), Username: "eve"}
	mention := []*discordgo.User{{ID: "9001"}}
	msgs := []*discordgo.Message{
		{ID: r.x(dmMsgID) + "1", GuildID: guild, ChannelID: "c-1", Content: "<@9001> how do I learn SQL?", Author: author, Mentions: mention},
		{ID: r.x(dmMsgID) + "1", GuildID: guild, ChannelID: "c-1", Content: "<@9001> how do I learn SQL?", Author: author, Mentions: mention}, // redelivered
		{ID: r.x(dmMsgID) + "2", GuildID: guild, ChannelID: "c-1", Content: "talking among ourselves", Author: author},
		{ID: r.x(dmMsgID) + "3", GuildID: guild, ChannelID: "c-1", Content: "<@!9001> what is my progress", Author: author, Mentions: mention},
	}
	for _, m := range msgs {
		r.a.onMessage(t.Context(), m)
	}
	reqs := r.h.requests()
	if len(reqs) != 2 || reqs[0].Text != "how do I learn SQL?" || !reqs[0].Free || reqs[0].Scope.Workspace != guild {
		t.Fatalf("requests = %+v", reqs)
	}
	posts := r.f.callsTo("POST", "/api/v9/channels/c-1/messages")
	if len(posts) != 2 {
		t.Fatalf("%d channel replies, want 2", len(posts))
	}
	if !strings.Contains(string(posts[0].Body), "answer to how do I learn SQL?") || !strings.Contains(string(posts[0].Body), `"message_reference"`) {
		t.Errorf("public answer = %s", posts[0].Body)
	}
	// The personal answer went by DM; the channel only got a pointer.
	if strings.Contains(string(posts[1].Body), "answer to") || !strings.Contains(string(posts[1].Body), "DM") {
		t.Errorf("channel reply to a personal question = %s", posts[1].Body)
	}
	if n := len(r.f.callsTo("POST", "/api/v9/users/@me/channels")); n != 1 {
		t.Errorf("DM channel opened %d times, want 1", n)
	}
}
