package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// CommandName is the one slash command the adapter registers.
const CommandName = "mentor"

// customIDPrefix marks buttons whose custom id carries a /mentor command line.
const customIDPrefix = "mentor:"

// dmWorkspace is the workspace of DMs from users never seen in a guild, and
// the cache scope that remembers which guild each user was last seen in.
const dmWorkspace = "dm"

// errNotOurs marks interactions for other commands or components.
var errNotOurs = errors.New("discord: not a /mentor interaction")

// request turns a slash command or a button press into a bot.Request. Both
// the gateway and the HTTP endpoint come through here.
func (a *Adapter) request(ctx context.Context, i *discordgo.Interaction) (bot.Request, error) {
	var text string
	var opts map[string]string
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		t, o, err := a.commandOptions(i.ApplicationCommandData())
		if err != nil {
			return bot.Request{}, err
		}
		text, opts = t, o
	case discordgo.InteractionMessageComponent:
		t, ok := strings.CutPrefix(i.MessageComponentData().CustomID, customIDPrefix)
		if !ok {
			return bot.Request{}, errNotOurs
		}
		text = t
	default:
		return bot.Request{}, errNotOurs
	}
	u := interactionUser(i)
	if u == nil {
		return bot.Request{}, errors.New("discord: interaction without a user")
	}
	// Ids become parts of Redis keys and stored values (a member's home
	// guild): only snowflakes are taken.
	if !isSnowflake(u.ID) || (i.GuildID != "" && !isSnowflake(i.GuildID)) {
		return bot.Request{}, fmt.Errorf("discord: interaction with a user id %.24q or guild id %.24q that is not a snowflake", u.ID, i.GuildID)
	}
	return bot.Request{
		Scope:   a.scope(ctx, i.GuildID, u.ID),
		User:    u.ID,
		Name:    displayName(i.Member, u),
		Text:    text,
		Options: opts,
		Role:    a.role(ctx, i.GuildID, i.Member),
	}, nil
}

// interactionUser is the member's user in a guild and the user in a DM.
func interactionUser(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

func displayName(m *discordgo.Member, u *discordgo.User) string {
	switch {
	case m != nil && m.Nick != "":
		return m.Nick
	case u.GlobalName != "":
		return u.GlobalName
	}
	return u.Username
}

// commandOptions reads "/mentor sub [sub2] opt:..." as the command's
// name (and subcommand's) and its typed options by argument name, which
// the bot binds as they are: nothing is flattened into text.
func (a *Adapter) commandOptions(d discordgo.ApplicationCommandInteractionData) (string, map[string]string, error) {
	if d.Name != CommandName {
		return "", nil, errNotOurs
	}
	top := present(d.Options)
	if len(top) == 0 || (top[0].Type != discordgo.ApplicationCommandOptionSubCommand &&
		top[0].Type != discordgo.ApplicationCommandOptionSubCommandGroup) {
		return "help", map[string]string{}, nil
	}
	cmd, path, leaf, ok := a.leaf(top[0])
	if !ok {
		// A stale registration: let the bot explain the unknown command.
		return path, map[string]string{}, nil
	}
	opts := make(map[string]string, len(cmd.Args))
	for _, o := range present(leaf.Options) {
		for _, arg := range cmd.Args {
			if optionName(arg.Name) == o.Name {
				if v := optionValue(o); v != "" {
					opts[arg.Name] = v
				}
			}
		}
	}
	return path, opts, nil
}

// leaf finds the table command an interaction's first option names: a
// subcommand, or a subcommand of a group ("nudges time"). It returns the
// command, its path as the bot reads it, and the option holding its
// arguments.
func (a *Adapter) leaf(o *discordgo.ApplicationCommandInteractionDataOption) (bot.Command, string, *discordgo.ApplicationCommandInteractionDataOption, bool) {
	cmd, ok := a.command(o.Name)
	if !ok {
		return bot.Command{}, o.Name, o, false
	}
	if o.Type != discordgo.ApplicationCommandOptionSubCommandGroup {
		return cmd, cmd.Name, o, len(cmd.Subs) == 0
	}
	inner := present(o.Options)
	if len(inner) == 0 {
		return cmd, cmd.Name, o, false
	}
	for _, sub := range cmd.Subs {
		if optionName(sub.Name) == inner[0].Name {
			return sub, cmd.Name + " " + sub.Name, inner[0], true
		}
	}
	return cmd, cmd.Name + " " + inner[0].Name, inner[0], false
}

// present drops null entries from an options list: Discord never sends
// them, but a signed request could, and discordgo's own lookups would
// dereference them.
func present(os []*discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandInteractionDataOption {
	return slices.DeleteFunc(slices.Clone(os), func(o *discordgo.ApplicationCommandInteractionDataOption) bool { return o == nil })
}

func optionValue(o *discordgo.ApplicationCommandInteractionDataOption) string {
	switch v := o.Value.(type) {
	case string:
		if o.Type == discordgo.ApplicationCommandOptionUser || o.Type == discordgo.ApplicationCommandOptionMentionable {
			return "<@" + v + ">"
		}
		return strings.TrimSpace(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// command finds a command of the table by its subcommand name.
func (a *Adapter) command(sub string) (bot.Command, bool) {
	cmds := a.h.Commands()
	i := slices.IndexFunc(cmds, func(c bot.Command) bool { return optionName(c.Name) == sub })
	if i < 0 {
		return bot.Command{}, false
	}
	return cmds[i], true
}

// scope is the member's guild; in a DM it is the guild the user was last
// seen in, so DMs reach the same profile, or "dm" for strangers.
func (a *Adapter) scope(ctx context.Context, guild, user string) bot.Scope {
	homes := bot.Scope{Platform: Platform, Workspace: dmWorkspace}
	key := "discord:home:" + user
	if guild != "" {
		a.mu.Lock()
		seen := a.homes[user] == guild
		if !seen {
			if len(a.homes) >= 100_000 {
				clear(a.homes)
			}
			a.homes[user] = guild
		}
		a.mu.Unlock()
		if !seen {
			if err := a.cache.Set(ctx, homes, key, guild, 180*24*time.Hour); err != nil {
				a.log.Warn("discord: remember home guild", "err", err)
				a.mu.Lock()
				delete(a.homes, user) // try again next time
				a.mu.Unlock()
			}
		}
		return bot.Scope{Platform: Platform, Workspace: guild}
	}
	g, err := a.cache.Get(ctx, homes, key)
	if err != nil {
		a.log.Warn("discord: look up home guild", "err", err)
	}
	if g == "" {
		g = dmWorkspace
	}
	return bot.Scope{Platform: Platform, Workspace: g}
}

// role maps the Administrator permission to admin rights and the lead role
// to lead rights. DMs carry no guild permissions.
func (a *Adapter) role(ctx context.Context, guild string, m *discordgo.Member) bot.Role {
	if m == nil {
		return bot.RoleMember
	}
	if m.Permissions&discordgo.PermissionAdministrator != 0 {
		return bot.RoleAdmin
	}
	if a.cfg.LeadRole == "" || len(m.Roles) == 0 {
		return bot.RoleMember
	}
	id := a.leadRoleID(ctx, guild)
	if id != "" && slices.Contains(m.Roles, id) {
		return bot.RoleLead
	}
	return bot.RoleMember
}

// leadRoleID resolves DISCORD_LEAD_ROLE: an id as it is, a name through the
// guild's roles, remembered in the cache for an hour.
func (a *Adapter) leadRoleID(ctx context.Context, guild string) string {
	lr := a.cfg.LeadRole
	if isSnowflake(lr) {
		return lr
	}
	if guild == "" {
		return ""
	}
	sc := bot.Scope{Platform: Platform, Workspace: guild}
	key := "discord:role:" + strings.ToLower(lr)
	if id, err := a.cache.Get(ctx, sc, key); err == nil && id != "" {
		return strings.TrimPrefix(id, "-")
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	roles, err := a.s.GuildRoles(guild, discordgo.WithContext(ctx))
	if err != nil {
		a.log.Warn("discord: list roles to find the lead role", "guild", guild, "err", err)
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil &&
			(re.Response.StatusCode == http.StatusForbidden || re.Response.StatusCode == http.StatusNotFound) {
			// No access to the guild (installed without the bot user):
			// asking again on every interaction would only pile up the
			// invalid requests for which Discord bans an IP.
			if err := a.cache.Set(ctx, sc, key, "-", 10*time.Minute); err != nil {
				a.log.Warn("discord: cache lead role", "err", err)
			}
		}
		return ""
	}
	id, ttl := "-", 10*time.Minute // "-": no such role; look again later
	for _, r := range roles {
		if strings.EqualFold(r.Name, lr) {
			id, ttl = r.ID, time.Hour
			break
		}
	}
	if err := a.cache.Set(ctx, sc, key, id, ttl); err != nil {
		a.log.Warn("discord: cache lead role", "err", err)
	}
	return strings.TrimPrefix(id, "-")
}

func isSnowflake(s string) bool {
	if len(s) < 5 || len(s) > 20 {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
