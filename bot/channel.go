package bot

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// A lead's weekly digest can also go to a channel of the workspace (a
// team report, as Geekbot users expect), or go there instead of their
// DM. The channel version shows names, stages and progress counts only:
// no stuck reasons, talking points or skills, which stay in the DM.

// parseChannel reads a channel as platforms write it: Slack's <#C123|name>,
// Discord's <#123>, or #name (the console). It returns the id to post to.
func parseChannel(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<#") && strings.HasSuffix(s, ">") {
		id, _, _ := strings.Cut(s[2:len(s)-1], "|")
		return id, validChannel(id)
	}
	if id, ok := strings.CutPrefix(s, "#"); ok {
		return id, validChannel(id)
	}
	return "", false
}

func validChannel(id string) bool {
	if id == "" || len(id) > 80 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// ChannelKind is what a platform says about a channel a lead names.
type ChannelKind int

// Kinds of channels.
const (
	// ChannelMissing: no such channel, or none the bot may see.
	ChannelMissing ChannelKind = iota
	// ChannelReady: the channel exists and the bot can post in it.
	ChannelReady
	// ChannelOutside: the channel exists but the bot is not in it.
	ChannelOutside
	// ChannelUnchecked: the platform may not be asked (an installation
	// without the permission to read channels).
	ChannelUnchecked
	// ChannelNotLinked: a name typed as plain text ("#leads") where the
	// platform writes a picked channel as a link holding its id; the name
	// is no id, so nothing can be asked or posted with it.
	ChannelNotLinked
	// ChannelNoAccess: the channel exists but is not one the bot may post
	// in (no access to it, or not a text channel).
	ChannelNoAccess
)

// ChannelChecker is the optional capability of a platform's Messenger to
// say whether a channel exists and takes the bot's posts (Slack's
// conversations.info). Without it a digest channel is stored unchecked,
// and the answer says so.
type ChannelChecker interface {
	Channel(ctx context.Context, sc Scope, id string) (ChannelKind, error)
}

// checkChannel asks the platform about channel id. It returns a refusal
// for a channel that can't take the digest, and a note for the answer
// when the platform could not say.
func (c *call) checkChannel(ctx context.Context, id string) (note string, err error) {
	cc, ok := c.b.messenger(c.req.Scope).(ChannelChecker)
	const unchecked = " (I couldn't check that the channel exists.)"
	if !ok {
		return unchecked, nil
	}
	kind, err := cc.Channel(ctx, c.req.Scope, id)
	switch {
	case err == nil && kind == ChannelUnchecked:
		return unchecked, nil
	case err != nil:
		c.b.log.WarnContext(ctx, "digest channel check", "channel", id, "err", err.Error())
		return " (I couldn't check the channel just now.)", nil
	case kind == ChannelNotLinked:
		return "", invalid("%s isn't linked, so I can't tell which channel it is: type # and pick the channel from the list, "+
			"so that it shows as a link, then send.", c.channelAsTyped(id))
	case kind == ChannelNoAccess:
		return "", invalid("I can't post in %s: name a text channel where I may see the channel and send messages "+
			"(channel settings → Permissions), then try again.", channelName(id))
	case kind == ChannelMissing:
		return "", invalid("I can't find the channel %s: name one with #, as the channel picker writes it.", c.channelAsTyped(id))
	case kind == ChannelOutside:
		return "", invalid("I'm not in %s, so I can't post there: add me to it (`/invite @mentorbot`), then try again.", channelName(id))
	}
	return "", nil
}

// channelAsTyped writes the channel as the caller named it: a channel
// link when it came as one, else as typed ("#leads"), which would show as
// a broken link if written back as <#leads>.
func (c *call) channelAsTyped(id string) string {
	if raw := strings.TrimSpace(c.args["channel"].Raw); !strings.HasPrefix(raw, "<") {
		return raw
	}
	return channelName(id)
}

// channelName is how a channel id is written back: a mention.
func channelName(id string) string { return "<#" + id + ">" }

// digestChannel sets, or with "off" removes, where the caller's digest is
// posted.
func (c *call) digestChannel(ctx context.Context) (Message, error) {
	raw := strings.TrimSpace(c.args["channel"].Raw)
	if strings.EqualFold(raw, "off") {
		if c.me == nil || c.me.DigestChannel.Channel == "" {
			return Message{Text: "Your digest isn't posted to a channel; it comes by DM.", Private: true}, nil
		}
		if err := c.store.Apply(ctx, c.req.Scope, Write{DigestChannels: []DigestChannel{{Lead: c.req.User}}}); err != nil {
			return Message{}, err
		}
		return Message{Text: "Your weekly digest comes by DM only again.", Private: true}, nil
	}
	id, ok := parseChannel(raw)
	if !ok {
		return Message{}, invalid("%q isn't a channel: name one with #, e.g. `/mentor digest channel #team-backend`, or say `off`.", raw)
	}
	note, err := c.checkChannel(ctx, id)
	if err != nil {
		return Message{}, err
	}
	only := c.args["mode"].Choice == "only"
	dc := DigestChannel{Lead: c.req.User, Channel: id, Only: only}
	if err := c.store.Apply(ctx, c.req.Scope, Write{DigestChannels: []DigestChannel{dc}}); err != nil {
		return Message{}, err
	}
	return Message{Private: true, Text: fmt.Sprintf("Your weekly digest will be posted in %s %s. If I can't post there, I'll tell you by DM "+
		"once and send it by DM. `/mentor digest channel off` stops it.%s", channelName(id), channelHow(only), note)}, nil
}

// channelHow says where a channel digest goes and what of it is private,
// as true for only (no DM at all) as for also.
func channelHow(only bool) string {
	if only {
		return "instead of by DM: names, stages and progress counts only, so no stuck reasons or talking points " +
			"reach you each week (`/mentor mentees` shows who is stuck and why; `/mentor digest channel <channel> also` keeps the DM too)"
	}
	return "as well as by DM: names, stages and progress counts only there (stuck reasons and talking points stay in your DM)"
}

// ChannelDigestFor is the channel version of a lead's digest: for each
// mentee of the page their name, stage and progress counts; the counts of
// the whole list; nothing private. With the lead's log (newest first) and
// invitations it carries the DM's news too (who left or declined, open and
// lapsed invitations): members are told the lead sees those in their next
// digest, which may go to the channel only.
func (b *Bot) ChannelDigestFor(lead *Member, p MenteePage, log []Event, invites []Invite, now time.Time) Message {
	name := lead.Name
	if name == "" {
		name = mention(lead.ID)
	}
	msg := Message{Title: "Team digest: " + name + "'s mentees",
		Text: standing(p.Total, p.MovedCount, p.Stuck)}
	var lines []string
	for _, m := range p.Members {
		line := "• *" + display(m) + "* — " + b.stageTitle(m.Stage)
		if bars := b.bars(m); len(bars) > 0 {
			line += " · " + itoa(bars[0].Done) + "/" + itoa(bars[0].Total) + " done"
		}
		lines = append(lines, line)
	}
	if len(lines) > 0 {
		msg.Text += "\n\n" + strings.Join(lines, "\n")
		if p.Total > len(lines) {
			msg.Text += "\n…and " + itoa(p.Total-len(lines)) + " more."
		}
	}
	loc := b.Location(DigestSettings(lead).Zone)
	for _, line := range newsOf(lead.ID, p.Members, log, invites, now).lines(loc, true) {
		msg.Text += "\n\n" + line
	}
	msg.Footer = "Weekly team digest · week of " + WeekEnd(now, loc).AddDate(0, 0, -7).Format("Mon 2 Jan 2006")
	return msg
}

// ChannelBlockedNote is the one DM a lead gets when their digest channel
// can't be posted in; their digest comes by DM meanwhile.
func ChannelBlockedNote(channel string) string {
	return fmt.Sprintf("I couldn't post your weekly digest in %s (am I invited there?), so here it is by DM. "+
		"Invite me to the channel, or `/mentor digest channel off`.", channelName(channel))
}
