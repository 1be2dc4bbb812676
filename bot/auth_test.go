package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/discord"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/bot/slack"
	"github.com/mentorbot/mentorbot/roadmap"
)

// A refusal for missing rights, for every lead's and admin's command of
// the table, names who asked and who can grant the rights.
func TestRefusalNamesWhoCanGrant(t *testing.T) {
	say := journeyBot(t)
	for _, c := range bot.Table() {
		if c.Perm != bot.LeadOrAdmin && c.Perm != bot.Admin {
			continue
		}
		for _, ex := range c.AllExamples() {
			got := say("amy", ex, false).Text
			// No server setting is named to someone who can't set it.
			if strings.Contains(got, "ADMIN_USERS") {
				t.Errorf("amy: /mentor %s: %q names ADMIN_USERS", ex, got)
			}
			want := []string{"you (<@amy>) aren't one here; ask an admin (<@boss>)."}
			if c.Perm == bot.LeadOrAdmin {
				want = []string{"you (<@amy>) aren't a lead here", "an admin (<@boss>) can make you one with `/mentor leads add <@amy>`"}
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("amy: /mentor %s: %q, want %q in it", ex, got, w)
				}
			}
		}
	}
	if got := say("lead", "assign @bob @amy", false).Text; !strings.Contains(got, "Only admins can assign a member to someone else, and you (<@lead>) aren't one here") {
		t.Errorf("lead assigns to amy: %q", got)
	}
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	got := b.Handle(context.Background(), bot.Request{Scope: bot.Scope{Platform: "test", Workspace: "noadmins"}, User: "ann", Text: "mentees"}).Text
	if want := "you (<@ann>) aren't a lead here; a workspace admin can make you one with `/mentor leads add <@ann>`."; !strings.Contains(got, want) {
		t.Errorf("no ADMIN_USERS: %q, want %q", got, want)
	}
	// Up to three of ADMIN_USERS are named.
	b, err = bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Admins: []string{"e", "d", "c", "b", "a"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	got = b.Handle(context.Background(), bot.Request{Scope: bot.Scope{Platform: "test", Workspace: "admins"}, User: "ann", Text: "team"}).Text
	if want := "ask an admin (<@a>, <@b>, <@c>, 2 more)."; !strings.HasSuffix(got, want) {
		t.Errorf("five admins: %q, want it to end %q", got, want)
	}
}

// With no ADMIN_USERS, a refusal names the platform's own admins as its
// adapter calls them: a Discord server admin, a Slack workspace admin.
func TestRefusalNamesPlatformAdmins(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	b.SetMessengers(map[string]bot.Messenger{discord.Platform: &discord.Adapter{}, slack.Platform: &slack.Adapter{}})
	for platform, want := range map[string]string{
		discord.Platform: "a server admin can make you one with `/mentor leads add <@ann>`.",
		slack.Platform:   "a workspace admin can make you one with `/mentor leads add <@ann>`.",
	} {
		got := b.Handle(context.Background(), bot.Request{Scope: bot.Scope{Platform: platform, Workspace: "w"}, User: "ann", Text: "mentees"}).Text
		if !strings.Contains(got, want) || strings.Contains(got, "ADMIN_USERS") {
			t.Errorf("%s: %q, want %q in it", platform, got, want)
		}
	}
}
