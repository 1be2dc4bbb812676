package discord

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/redistest"
	"github.com/mentorbot/mentorbot/storage"
)

// TestGuildRemovedIsAnUninstall: GUILD_DELETE schedules the deletion of
// the guild's data after the retention and the scheduler stops serving
// it; an outage's GUILD_DELETE (unavailable) changes nothing; the bot
// added back (GUILD_CREATE) cancels the deletion.
func TestGuildRemovedIsAnUninstall(t *testing.T) {
	rdb := redistest.Embedded(t)
	dep := storage.NewInstalls(rdb, nil, 0)
	r := newRig(t, func(c *Config) { c.Departures, c.Retention = dep, 30*24*time.Hour })
	ctx := context.Background()
	g := r.x(guildID)
	sc := bot.Scope{Platform: Platform, Workspace: g}
	st := storage.New(rdb)
	if err := st.Apply(ctx, sc, bot.Write{Members: []*bot.Member{{ID: "1", Stage: "junior", Joined: time.Now()}}}); err != nil {
		t.Fatal(err)
	}
	r.a.onGuildDelete(ctx, &discordgo.GuildDelete{Guild: &discordgo.Guild{ID: g, Unavailable: true}})
	if at, _ := dep.ForgetAt(ctx, sc); !at.IsZero() || !r.a.Serves(ctx, sc) {
		t.Fatalf("an outage scheduled deletion at %v", at)
	}
	before := time.Now()
	r.a.onGuildDelete(ctx, &discordgo.GuildDelete{Guild: &discordgo.Guild{ID: g}})
	at, _ := dep.ForgetAt(ctx, sc)
	if at.Before(before.Add(30*24*time.Hour-time.Second)) || r.a.Serves(ctx, sc) {
		t.Fatalf("after removal: deletion at %v, served %v", at, r.a.Serves(ctx, sc))
	}
	if ms, _ := st.Load(ctx, sc, "1"); ms[0] == nil {
		t.Fatal("data deleted before the retention")
	}
	r.a.onGuildCreate(ctx, &discordgo.GuildCreate{Guild: &discordgo.Guild{ID: g}})
	if at, _ := dep.ForgetAt(ctx, sc); !at.IsZero() || !r.a.Serves(ctx, sc) {
		t.Fatalf("after the bot came back: deletion at %v", at)
	}
	// Retention 0: deleted at once.
	r0 := newRig(t, func(c *Config) { c.Departures, c.Retention = dep, 0 })
	r0.a.onGuildDelete(ctx, &discordgo.GuildDelete{Guild: &discordgo.Guild{ID: g}})
	if ms, _ := st.Load(ctx, sc, "1"); ms[0] != nil {
		t.Fatal("retention 0 kept the data")
	}
}

func TestInviteURL(t *testing.T) {
	link, err := InviteURL("1234567890")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link)
	q := u.Query()
	perms, _ := strconv.ParseInt(q.Get("permissions"), 10, 64)
	if u.Host != "discord.com" || u.Path != "/oauth2/authorize" || q.Get("client_id") != "1234567890" ||
		q.Get("scope") != "bot applications.commands" || perms&discordgo.PermissionSendMessages == 0 || perms&discordgo.PermissionAdministrator != 0 {
		t.Fatalf("invite URL %s", link)
	}
	for _, bad := range []string{"", "abc", "12 34"} {
		if _, err := InviteURL(bad); err == nil {
			t.Errorf("InviteURL(%q) worked", bad)
		}
	}
}
