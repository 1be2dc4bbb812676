package discord

import (
	"context"
	"errors"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// The guild member lookup tells a member from a bot and from an id the
// guild doesn't have, through discordgo against the fake REST API, and a
// second look-up is answered from the cache.
func TestPerson(t *testing.T) {
	r := newRig(t, nil)
	r.f.mu.Lock()
	r.f.gone["404404"], r.f.bots["808808"] = true, true
	r.f.mu.Unlock()
	sc := bot.Scope{Platform: Platform, Workspace: "123123"}
	for id, want := range map[string]bot.PersonKind{"505505": bot.PersonReal, "808808": bot.PersonBot, "404404": bot.PersonUnknown} {
		got, err := r.a.Person(context.Background(), sc, id)
		if err != nil || got != want {
			t.Errorf("Person(%s) = %v, %v; want %v", id, got, err, want)
		}
	}
	n := len(r.f.callsTo("GET", "/api/v9/guilds/123123/members/"))
	for _, id := range []string{"505505", "808808", "404404"} {
		r.a.Person(context.Background(), sc, id)
	}
	if m := len(r.f.callsTo("GET", "/api/v9/guilds/123123/members/")); n != 3 || m != n {
		t.Errorf("member look-ups: %d, then %d after cached ones", n, m)
	}
}

// A digest channel is posted in only when it is a channel of the lead's
// own guild.
func TestChannelPost(t *testing.T) {
	r := newRig(t, nil)
	sc := bot.Scope{Platform: Platform, Workspace: "123123"}
	ctx := context.Background()
	if err := r.a.Send(ctx, bot.Recipient{Scope: sc, User: "505505", Channel: "444444"}, bot.Message{Text: "team digest"}); err != nil {
		t.Fatal(err)
	}
	if err := r.a.Send(ctx, bot.Recipient{Scope: sc, User: "505505", Channel: "999999"}, bot.Message{Text: "team digest"}); !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("another guild's channel: %v", err)
	}
	if r.f.delivered("444444") != 1 || r.f.delivered("999999") != 0 || len(r.f.callsTo("POST", "/api/v9/users/@me/channels")) != 0 {
		t.Fatalf("delivered %d, %d; DM channels opened %d", r.f.delivered("444444"), r.f.delivered("999999"), len(r.f.callsTo("POST", "/api/v9/users/@me/channels")))
	}
}

// DisplayName names a guild member from the member lookup, cached, and
// says nothing of an id the guild doesn't have; embed field names and
// button labels, which show mentions as typed, never carry a bare id.
func TestDisplayNameAndPlainMentions(t *testing.T) {
	r := newRig(t, nil)
	r.f.mu.Lock()
	r.f.gone["404404"] = true
	r.f.mu.Unlock()
	sc := bot.Scope{Platform: Platform, Workspace: "123123"}
	ctx := context.Background()
	if got := r.a.DisplayName(ctx, sc, "505505"); got != "u505505" {
		t.Errorf("DisplayName(505505) = %q", got)
	}
	if got := r.a.DisplayName(ctx, sc, "404404"); got != "" {
		t.Errorf("DisplayName of an id the guild lacks = %q", got)
	}
	n := len(r.f.callsTo("GET", "/api/v9/guilds/123123/members/505505"))
	r.a.DisplayName(ctx, sc, "505505")
	if m := len(r.f.callsTo("GET", "/api/v9/guilds/123123/members/505505")); m != n {
		t.Errorf("a second DisplayName asked the guild again (%d, then %d)", n, m)
	}
	out := render(bot.Message{Title: "Team", Fields: []bot.Field{{Name: "<@100000000000000002>", Value: "1 mentee"}},
		Buttons: []bot.Button{{Label: "<@100000000000000002>'s mentees", Command: "mentees <@100000000000000002>"}}}, false)
	f := out.embeds[0].Fields[0]
	b := out.components[0].(discordgo.ActionsRow).Components[0].(discordgo.Button)
	if f.Name != "@someone" || f.Value != "1 mentee" || b.Label != "@someone's mentees" {
		t.Errorf("field %q: %q, button %q", f.Name, f.Value, b.Label)
	}
}
