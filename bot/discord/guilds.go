package discord

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// onGuildDelete treats a guild that removed the bot like a Slack
// uninstall: its members' data is deleted after the retention unless the
// bot comes back. A guild that only became unavailable (an outage) is
// left alone.
func (a *Adapter) onGuildDelete(ctx context.Context, g *discordgo.GuildDelete) {
	if g == nil || g.Guild == nil || g.ID == "" || g.Unavailable || a.cfg.Departures == nil {
		return
	}
	sc := bot.Scope{Platform: Platform, Workspace: g.ID}
	if err := a.cfg.Departures.ForgetAfter(ctx, sc, a.cfg.Retention); err != nil {
		a.log.Error("discord: the bot was removed from a guild; schedule deleting its data", "guild", g.ID, "err", err)
		return
	}
	a.log.Info("discord: the bot was removed from a guild; its data will be deleted", "guild", g.ID, "after", a.cfg.Retention.String())
}

// onGuildCreate cancels a pending deletion: the bot is in the guild
// (again). Discord sends one for every guild at each connect.
func (a *Adapter) onGuildCreate(ctx context.Context, g *discordgo.GuildCreate) {
	if g == nil || g.Guild == nil || g.ID == "" || g.Unavailable || a.cfg.Departures == nil {
		return
	}
	if err := a.cfg.Departures.Keep(ctx, bot.Scope{Platform: Platform, Workspace: g.ID}); err != nil {
		a.log.Warn("discord: keep a guild's data", "guild", g.ID, "err", err)
	}
}

// Serves reports whether the scheduler should deliver to sc: not to a
// guild that removed the bot (its data awaits deletion). Storage trouble
// counts as serving, so that it shows up as failed sends, not silence.
func (a *Adapter) Serves(ctx context.Context, sc bot.Scope) bool {
	if a.cfg.Departures == nil || sc.Workspace == dmWorkspace {
		return true
	}
	at, err := a.cfg.Departures.ForgetAt(ctx, sc)
	return err != nil || at.IsZero()
}

// Scopes are the OAuth2 scopes the bot is installed with: the bot user,
// and the /mentor slash command.
var Scopes = []string{"bot", "applications.commands"}

// permissions the bot needs in a guild's channels, with their names in
// Discord's settings: see them, answer mentions there (in threads too) with
// embeds, buttons and files, in reply to the question.
var permissions = []struct {
	bit  int64
	name string
}{
	{discordgo.PermissionViewChannel, "View Channels"},
	{discordgo.PermissionSendMessages, "Send Messages"},
	{discordgo.PermissionSendMessagesInThreads, "Send Messages in Threads"},
	{discordgo.PermissionEmbedLinks, "Embed Links"},
	{discordgo.PermissionAttachFiles, "Attach Files"},
	{discordgo.PermissionReadMessageHistory, "Read Message History"},
}

// Permissions returns the permission bits the invite link asks for.
func Permissions() int64 {
	var p int64
	for _, x := range permissions {
		p |= x.bit
	}
	return p
}

// PermissionNames lists Permissions as Discord's settings name them.
func PermissionNames() string {
	names := make([]string, len(permissions))
	for i, x := range permissions {
		names[i] = x.name
	}
	return strings.Join(names, ", ")
}

// InviteURL returns the link that adds the application appID to a guild
// with Scopes and Permissions.
func InviteURL(appID string) (string, error) {
	if appID == "" || strings.Trim(appID, "0123456789") != "" {
		return "", fmt.Errorf("discord: application id %q is not a snowflake (digits)", appID)
	}
	q := url.Values{"client_id": {appID}, "scope": {strings.Join(Scopes, " ")},
		"permissions": {strconv.FormatInt(Permissions(), 10)}}
	return "https://discord.com/oauth2/authorize?" + q.Encode(), nil
}
