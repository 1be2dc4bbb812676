package discord

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// Discord's limits on application commands.
const (
	maxOptions     = 25  // subcommands of a command, options of a subcommand, choices
	maxNameLen     = 32  // command, option and choice-free names
	maxDescLen     = 100 // descriptions, choice names and values
	maxStringInput = bot.MaxText
)

// Register installs /mentor, built from the command table, with one bulk
// overwrite: globally, or in GuildID when it is set. Overwriting makes it
// idempotent; it retries a rate limit a few times, never forever.
func (a *Adapter) Register(ctx context.Context) error {
	cmd := a.slashCommand(ctx)
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		_, err = a.s.ApplicationCommandBulkOverwrite(a.cfg.AppID, a.cfg.GuildID,
			[]*discordgo.ApplicationCommand{cmd}, discordgo.WithContext(ctx))
		var rl *discordgo.RateLimitError
		if !errors.As(err, &rl) {
			break
		}
		wait := min(max(rl.RetryAfter, 100*time.Millisecond), 30*time.Second)
		select {
		case <-ctx.Done():
			return fmt.Errorf("discord: register /%s: %w", CommandName, ctx.Err())
		case <-time.After(wait):
		}
	}
	if err != nil {
		return fmt.Errorf("discord: register /%s: %w", CommandName, err)
	}
	where := "globally"
	if a.cfg.GuildID != "" {
		where = "in guild " + a.cfg.GuildID
	}
	a.log.Info("discord: registered /"+CommandName, "where", where, "subcommands", len(cmd.Options))
	return nil
}

// slashCommand builds /mentor from the command table.
func (a *Adapter) slashCommand(ctx context.Context) *discordgo.ApplicationCommand {
	var subs []*discordgo.ApplicationCommandOption
	for _, c := range a.h.Commands() {
		if len(subs) == maxOptions {
			a.log.Warn("discord: too many commands for one slash command; the rest are reachable by buttons only", "first_left_out", c.Name)
			break
		}
		if len(c.Subs) == 0 {
			subs = append(subs, a.subcommand(ctx, c))
			continue
		}
		group := &discordgo.ApplicationCommandOption{
			Type:        discordgo.ApplicationCommandOptionSubCommandGroup,
			Name:        optionName(c.Name),
			Description: description(c.Summary, c.Name),
		}
		for _, sc := range c.Subs {
			if len(group.Options) < maxOptions {
				group.Options = append(group.Options, a.subcommand(ctx, sc))
			}
		}
		subs = append(subs, group)
	}
	return &discordgo.ApplicationCommand{
		Type:        discordgo.ChatApplicationCommand,
		Name:        CommandName,
		Description: "Your backend career mentor: roadmap, skills, progress and nudges",
		Contexts:    &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM},
		Options:     subs,
	}
}

// subcommand registers one command of the table with its arguments as
// typed options.
func (a *Adapter) subcommand(ctx context.Context, c bot.Command) *discordgo.ApplicationCommandOption {
	sub := &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionSubCommand,
		Name:        optionName(c.Name),
		Description: description(c.Summary, c.Name),
	}
	for _, arg := range c.Args {
		if len(sub.Options) == maxOptions {
			break
		}
		sub.Options = append(sub.Options, a.option(ctx, arg))
	}
	// Discord wants required options before optional ones; options are
	// bound by name, so their order changes nothing for the bot.
	sort.SliceStable(sub.Options, func(i, j int) bool { return sub.Options[i].Required && !sub.Options[j].Required })
	return sub
}

// option types one argument: members as user options, stages and tracks
// as fixed choices, skills with autocomplete.
func (a *Adapter) option(ctx context.Context, arg bot.Arg) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionString,
		Name:        optionName(arg.Name),
		Description: description(arg.Help, arg.Name),
		Required:    arg.Required,
	}
	switch arg.Kind {
	case bot.ArgUser:
		o.Type = discordgo.ApplicationCommandOptionUser
	case bot.ArgStage, bot.ArgTrack, bot.ArgLevel:
		o.Choices = choices(a.h.Complete(ctx, arg.Kind, ""))
		if len(o.Choices) == 0 || len(o.Choices) == maxOptions {
			// None known, or possibly more than Discord shows: let the
			// user type with suggestions instead.
			o.Choices, o.Autocomplete = nil, true
		}
	case bot.ArgSkill:
		o.Autocomplete = true
	case bot.ArgChoice:
		for _, c := range arg.Choices {
			if len(o.Choices) < maxOptions {
				o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(c, maxDescLen), Value: truncate(c, maxDescLen)})
			}
		}
	}
	if o.Type == discordgo.ApplicationCommandOptionString && len(o.Choices) == 0 {
		o.MaxLength = maxStringInput
	}
	return o
}

func choices(cs []bot.Choice) []*discordgo.ApplicationCommandOptionChoice {
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, c := range cs {
		if len(out) == maxOptions {
			break
		}
		name := c.Name
		if name == "" {
			name = c.Value
		}
		if c.Value == "" || utf8.RuneCountInString(c.Value) > maxDescLen {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: truncate(name, maxDescLen), Value: c.Value})
	}
	return out
}

// suggestions is an autocomplete result as Discord requires it: its
// "choices" sent even when there are none, which discordgo's omitempty
// would drop (Discord then shows the menu as failed, not empty).
type suggestions struct {
	Type int `json:"type"`
	Data struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	} `json:"data"`
}

func suggestionsOf(resp *discordgo.InteractionResponse) suggestions {
	var s suggestions
	s.Type = int(resp.Type)
	s.Data.Choices = []*discordgo.ApplicationCommandOptionChoice{}
	if resp.Data != nil && resp.Data.Choices != nil {
		s.Data.Choices = resp.Data.Choices
	}
	return s
}

// autocomplete answers a type 4 interaction with suggestions for the
// focused option.
func (a *Adapter) autocomplete(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
	}
	d := i.ApplicationCommandData()
	top := present(d.Options)
	if d.Name != CommandName || len(top) == 0 {
		return resp
	}
	cmd, _, leaf, ok := a.leaf(top[0])
	if !ok {
		return resp
	}
	for _, o := range present(leaf.Options) {
		if !o.Focused {
			continue
		}
		for _, arg := range cmd.Args {
			if optionName(arg.Name) != o.Name {
				continue
			}
			typed, _ := o.Value.(string)
			ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			resp.Data.Choices = append(resp.Data.Choices, choices(a.h.Complete(ctx, arg.Kind, strings.TrimSpace(typed)))...)
			cancel()
			return resp
		}
	}
	return resp
}

// optionName fits a table name to Discord's rule for names: 1-32
// lowercase letters, digits, '-' or '_'.
func optionName(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if n == maxNameLen {
			break
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		default:
			continue
		}
		n++
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// description fits a summary to 1-100 characters.
func description(s, fallback string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		s = fallback
	}
	return truncate(s, maxDescLen)
}

// truncate cuts s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
