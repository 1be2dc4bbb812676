package discord

import (
	"encoding/json"
	"errors"
	mrand "math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/roadmap"
	"github.com/mentorbot/mentorbot/storage"
)

// newRealRig wires the adapter to a real *bot.Bot on the default roadmap,
// with its members and cache in the test Redis.
func newRealRig(t *testing.T) (*rig, *bot.Bot) {
	t.Helper()
	var b *bot.Bot
	r := newRig(t, func(c *Config) {
		rm, err := roadmap.Default()
		if err != nil {
			t.Fatal(err)
		}
		st, ok := c.Cache.(*storage.Store)
		if !ok {
			t.Fatal("the test cache is not a storage.Store")
		}
		b, err = bot.New(bot.Config{Roadmap: rm, Store: st, Logger: c.Logger})
		if err != nil {
			t.Fatal(err)
		}
		c.Handler = b
	})
	return r, b
}

// The "done when": registration reaches the fake, a signed PING
// gets {"type":1}, a signed /mentor roadmap gets an embed, a bad signature 401.
func TestRealBotDoneWhen(t *testing.T) {
	r, _ := newRealRig(t)
	if err := r.a.Register(t.Context()); err != nil {
		t.Fatal(err)
	}
	calls := r.f.callsTo("PUT", "/api/v9/applications/111/commands")
	if len(calls) != 1 || !strings.Contains(string(calls[0].Body), `"name":"progress"`) {
		t.Fatalf("registration: %+v", calls)
	}
	if got := r.signed(t, pingPayload); compact(got) != `{"type":1}` {
		t.Fatalf("PING: %s", compact(got))
	}
	roadmapCmd := strings.Replace(guildCommandPayload,
		`{"name": "progress", "type": 1, "options": [{"name": "member", "type": 6, "value": "80351110224678912"}]}`,
		`{"name": "roadmap", "type": 1}`, 1)
	got := r.signed(t, roadmapCmd)
	if dig(got, "type") != float64(4) || dig(got, "data", "embeds", 0) == nil {
		t.Fatalf("/mentor roadmap: %s", compact(got))
	}
	t.Logf("roadmap: %s", compact(got))
	if status, _ := r.post(t, roadmapCmd, r.now, nil); status != 401 {
		t.Fatalf("unsigned: status %d", status)
	}
}

// A member joins, marks a skill done through autocomplete, and sees it in
// their progress; then a nudge DM goes out through the real cache.
func TestRealBotFlow(t *testing.T) {
	r, b := newRealRig(t)
	sub := func(name, opts string) string {
		return strings.Replace(guildCommandPayload,
			`{"name": "progress", "type": 1, "options": [{"name": "member", "type": 6, "value": "80351110224678912"}]}`,
			`{"name": "`+name+`", "type": 1, "options": [`+opts+`]}`, 1)
	}
	if got := r.signed(t, sub("join", "")); dig(got, "type") != float64(4) {
		t.Fatalf("join: %s", compact(got))
	}
	skills := b.Complete(t.Context(), bot.ArgSkill, "")
	if len(skills) == 0 {
		t.Fatal("no skills to complete")
	}
	ac := r.signed(t, strings.Replace(autocompletePayload, `"value": "gi"`, `"value": "`+skills[0].Value[:2]+`"`, 1))
	if v, _ := dig(ac, "data", "choices", 0, "value").(string); v == "" {
		t.Fatalf("autocomplete: %s", compact(ac))
	}
	done := r.signed(t, sub("done", `{"name": "skill", "type": 3, "value": "`+skills[0].Value+`"}`))
	if dig(done, "type") != float64(4) {
		t.Fatalf("done: %s", compact(done))
	}
	prog := r.signed(t, sub("progress", ""))
	t.Logf("progress: %s", compact(prog))
	if dig(prog, "data", "flags") != float64(64) || !strings.Contains(compact(prog), "/") {
		t.Fatalf("progress: %s", compact(prog))
	}
	raw, _ := json.Marshal(dig(prog, "data", "components"))
	t.Logf("progress buttons: %s", raw)

	to := bot.Recipient{Scope: bot.Scope{Platform: "discord", Workspace: r.x(guildID)}, User: r.x(masonID)}
	if err := r.a.Send(t.Context(), to, bot.Message{Title: "Weekly nudge", Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	if ch, err := r.c.Get(t.Context(), to.Scope, "discord:dm:"+to.User); err != nil || ch != "dm-"+to.User {
		t.Fatalf("cached DM channel = %q, %v", ch, err)
	}
	r.f.mu.Lock()
	r.f.closed[r.x(bobID)] = true
	r.f.mu.Unlock()
	err := r.a.Send(t.Context(), bot.Recipient{Scope: to.Scope, User: r.x(bobID)}, bot.Message{Text: "hi"})
	if !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("closed DMs: %v", err)
	}
}

// The real table registers with nudges as a subcommand group whose
// subcommands carry typed options, and a /mentor nudges time sent with
// them reaches the bot's binder as typed values.
func TestRealBotSubcommandGroup(t *testing.T) {
	r, _ := newRealRig(t)
	if err := r.a.Register(t.Context()); err != nil {
		t.Fatal(err)
	}
	calls := r.f.callsTo("PUT", "/api/v9/applications/111/commands")
	var cmds []map[string]any
	if err := json.Unmarshal(calls[0].Body, &cmds); err != nil {
		t.Fatal(err)
	}
	var nudges any
	for _, s := range dig(cmds[0], "options").([]any) {
		if dig(s, "name") == "nudges" {
			nudges = s
		}
	}
	if dig(nudges, "type") != float64(2) {
		t.Fatalf("nudges is not a subcommand group: %s", compact(nudges))
	}
	var timeSub any
	for _, s := range dig(nudges, "options").([]any) {
		if dig(s, "name") == "time" {
			timeSub = s
		}
	}
	if dig(timeSub, "type") != float64(1) || dig(timeSub, "options", 0, "name") != "day" ||
		dig(timeSub, "options", 1, "name") != "time" || dig(timeSub, "options", 2, "name") != "zone" ||
		dig(timeSub, "options", 2, "required") == true {
		t.Fatalf("nudges time: %s", compact(timeSub))
	}
	sub := func(inner string) string {
		return strings.Replace(guildCommandPayload,
			`{"name": "progress", "type": 1, "options": [{"name": "member", "type": 6, "value": "80351110224678912"}]}`, inner, 1)
	}
	r.signed(t, sub(`{"name": "join", "type": 1}`))
	got := r.signed(t, sub(`{"name": "nudges", "type": 2, "options": [{"name": "time", "type": 1, "options": [
		{"name": "day", "type": 3, "value": "fri"}, {"name": "time", "type": 3, "value": "16:30"},
		{"name": "zone", "type": 3, "value": "Europe/Berlin"}]}]}`))
	if !strings.Contains(compact(got), "Fridays at 16:30 (Europe/Berlin)") {
		t.Fatalf("nudges time: %s", compact(got))
	}
	bad := r.signed(t, sub(`{"name": "nudges", "type": 2, "options": [{"name": "time", "type": 1, "options": [
		{"name": "day", "type": 3, "value": "someday"}, {"name": "time", "type": 3, "value": "16:30"}]}]}`))
	if !strings.Contains(compact(bad), "isn't a day") {
		t.Fatalf("nudges time someday: %s", compact(bad))
	}
}

// TestRealBotReplay posts one signed interaction twice, as a replay
// within the signature's 5 minutes would: the second acts not and says so.
func TestRealBotReplay(t *testing.T) {
	r, _ := newRealRig(t)
	join := strings.Replace(guildCommandPayload,
		`{"name": "progress", "type": 1, "options": [{"name": "member", "type": 6, "value": "80351110224678912"}]}`,
		`{"name": "join", "type": 1, "options": []}`, 1)
	join = strings.Replace(join, `"786008729715212339"`, `"`+strconv.FormatUint(1e17+mrand.Uint64N(8e17), 10)+`"`, 1)
	for i, want := range []string{"Welcome", "already handled"} {
		status, out := r.post(t, join, r.now, r.priv)
		if status != 200 || !strings.Contains(string(out), want) {
			t.Fatalf("post %d: %d %s, want %q", i+1, status, out, want)
		}
	}
}

// The channel a lead names for their digest is checked before it is
// stored: a name typed as text (not picked, so no <#id>) is refused with
// how to pick it and without a REST call, and so are a channel Discord
// doesn't know, one of another server, one the bot can't see, a voice
// channel and one whose overwrites keep the bot from sending; a text
// channel of the guild where the bot may post (by its roles or by an
// overwrite of its own) is stored.
func TestDigestChannelChecked(t *testing.T) {
	r, b := newRealRig(t)
	b.SetMessengers(map[string]bot.Messenger{Platform: r.a})
	r.f.mu.Lock()
	r.f.guild = r.x(guildID)
	r.f.chans["100000000000000404"], r.f.chans["100000000000000403"], r.f.chans["100000000000000002"] = "missing", "forbidden", "voice"
	r.f.chans["100000000000000005"], r.f.chans["100000000000000006"] = "muted", "team"
	r.f.mu.Unlock()
	digest := func(channel string) string {
		t.Helper()
		opts, _ := json.Marshal(channel)
		got := r.signed(t, strings.Replace(guildCommandPayload,
			`{"name": "progress", "type": 1, "options": [{"name": "member", "type": 6, "value": "80351110224678912"}]}`,
			`{"name": "digest", "type": 2, "options": [{"name": "channel", "type": 1, "options": [{"name": "channel", "type": 3, "value": `+string(opts)+`}]}]}`, 1))
		content, _ := dig(got, "data", "content").(string)
		desc, _ := dig(got, "data", "embeds", 0, "description").(string)
		return content + desc
	}
	for _, c := range []struct{ channel, want string }{
		{"#leads", "#leads isn't linked, so I can't tell which channel it is: type # and pick the channel from the list"},
		{"<#100000000000000404>", "I can't find the channel <#100000000000000404>"},
		{"<#999999999999999999>", "I can't find the channel <#999999999999999999>"},
		{"<#100000000000000403>", "I can't post in <#100000000000000403>: name a text channel where I may see the channel and send messages"},
		{"<#100000000000000002>", "I can't post in <#100000000000000002>"},
		{"<#100000000000000005>", "I can't post in <#100000000000000005>"},
	} {
		if got := digest(c.channel); !strings.Contains(got, c.want) {
			t.Errorf("digest channel %s: %s\nwant %q", c.channel, got, c.want)
		}
	}
	if n := len(r.f.callsTo("GET", "/api/v9/channels/")); n != 5 {
		t.Errorf("channel look-ups: %d, want 5 (none for a typed name)", n)
	}
	for _, ch := range []string{"<#100000000000000001>", "<#100000000000000006>"} {
		if got := digest(ch); !strings.Contains(got, "will be posted in "+ch) || strings.Contains(got, "couldn't check") {
			t.Errorf("a text channel of the guild the bot may post in, %s: %s", ch, got)
		}
	}
}
