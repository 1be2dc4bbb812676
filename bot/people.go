package bot

import (
	"cmp"
	"context"
	"fmt"
	"strings"
)

// Only real people of the workspace can be invited, assigned or named as
// leads. The core cannot look people up; adapters that can (Slack's
// users.info, Discord's guild members) are its Directory, set with
// SetDirectories. Without one (the console) every id is taken as given,
// and assign keeps its rule that a lead must be known here.

// PersonKind is what a platform says an id is.
type PersonKind int

// Kinds of ids.
const (
	// PersonUnknown: no such member of the workspace or guild.
	PersonUnknown PersonKind = iota
	// PersonReal: an active, human member.
	PersonReal
	// PersonBot: a bot or an app.
	PersonBot
	// PersonGone: deactivated, or left the workspace.
	PersonGone
)

// Directory is the optional capability of a platform to say who an id is.
type Directory interface {
	// Person says what user is in the scope's workspace or guild; an
	// error means the platform could not be asked (try again later).
	Person(ctx context.Context, sc Scope, user string) (PersonKind, error)
}

// SetDirectories gives the bot the platforms' directories.
func (b *Bot) SetDirectories(ds map[string]Directory) {
	b.out.mu.Lock()
	defer b.out.mu.Unlock()
	b.out.dirs = ds
}

// directory returns the scope's platform directory, or nil.
func (b *Bot) directory(sc Scope) Directory {
	b.out.mu.RLock()
	defer b.out.mu.RUnlock()
	return b.out.dirs[sc.Platform]
}

// messenger is the messenger of sc's platform, nil if none; callers ask
// it for the optional capabilities (Namer, PeopleCache, ...) they use.
func (b *Bot) messenger(sc Scope) Messenger {
	b.out.mu.RLock()
	defer b.out.mu.RUnlock()
	return b.out.msgrs[sc.Platform]
}

// realPeople checks ids with the platform's directory: a short refusal
// for a bot, a deactivated user or an unknown id. It reports whether a
// directory vouched for them.
func (c *call) realPeople(ctx context.Context, ids ...string) (bool, error) {
	d := c.b.directory(c.req.Scope)
	if d == nil {
		return false, nil
	}
	for _, id := range ids {
		k, err := d.Person(ctx, c.req.Scope, id)
		if err != nil {
			return false, fmt.Errorf("look up %s: %w: %w", id, ErrPlatformUnavailable, err)
		}
		switch k {
		case PersonBot:
			return false, invalid("%s is a bot: only people can be mentees or leads.", c.named(id))
		case PersonGone:
			return false, invalid("%s is deactivated or has left this workspace.", c.named(id))
		case PersonUnknown:
			return false, invalid("I can't find %s in this workspace.", c.named(id))
		}
	}
	return true, nil
}

// named writes the member id as the caller named them: a mention when
// they came as the platform's mention (<@U1>), else as typed ("@carl"),
// since a typed name the platform did not turn into a mention is nobody
// it knows, and "<@carl>" would show as a broken link.
func (c *call) named(id string) string {
	for _, a := range c.cmd.Args {
		v, ok := c.args[a.Name]
		if a.Kind != ArgUser || !ok || v.User != id {
			continue
		}
		if typed := strings.TrimRight(v.Raw, ",.;:!?"); !strings.HasPrefix(typed, "<") {
			return typed
		}
	}
	return mention(id)
}

// Namer is the optional capability of a platform's Messenger to say what
// people call someone (Slack's users.info display or real name, a Discord
// member's nickname or user name, the console's name itself), from its
// cache where it keeps one; "" when it can't tell. Places where a mention
// does not render (button labels, Discord's embed field names, an export
// file) show this name, so that nobody reads "U1A's mentees".
type Namer interface {
	DisplayName(ctx context.Context, sc Scope, user string) string
}

// nameOf is what people call id: the name the member has here, else the
// platform's (Namer); "" when none is known.
func (c *call) nameOf(ctx context.Context, id string) string {
	if m := c.users[id]; m != nil && m.Name != "" {
		return m.Name
	}
	n, ok := c.b.messenger(c.req.Scope).(Namer)
	if !ok {
		return ""
	}
	return n.DisplayName(ctx, c.req.Scope, id)
}

// nameOr is nameOf id, else what a mention-less place says instead:
// neutral words such as "a lead".
func (c *call) nameOr(ctx context.Context, id, neutral string) string {
	return cmp.Or(c.nameOf(ctx, id), neutral)
}
