package discord

import (
	"context"
	"errors"
	"testing"

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
