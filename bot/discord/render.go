package discord

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

// Discord's limits on messages.
const (
	maxContent    = 2000
	maxTitle      = 256
	maxEmbedDesc  = 4096
	maxFields     = 25
	maxFieldName  = 256
	maxFieldValue = 1024
	maxFooter     = 2048
	maxEmbedTotal = 6000
	maxRows       = 5
	maxPerRow     = 5
	maxLabel      = 80
	maxCustomID   = 100
)

// embedColor is the side stripe of the bot's embeds.
const embedColor = 0x3b82f6

// rendered is a bot.Message in Discord's terms, ready to become an
// interaction response, a webhook edit or a channel message.
type rendered struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	files      []*discordgo.File
	flags      discordgo.MessageFlags
}

// render lays m out as one embed with buttons below it. A file that fits is
// inlined as a code block when inline is set (HTTP replies cannot upload);
// otherwise it becomes an attachment.
func render(m bot.Message, inline bool) rendered {
	var r rendered
	if m.Private {
		r.flags = discordgo.MessageFlagsEphemeral
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: embedColor, Title: truncate(bot.Unmentioned(m.Title), maxTitle)}
	budget := maxEmbedTotal - utf8.RuneCountInString(e.Title)

	var desc strings.Builder
	desc.WriteString(markdown(m.Text))
	if len(m.Progress) > 0 {
		if desc.Len() > 0 {
			desc.WriteString("\n\n")
		}
		for i, b := range m.Progress {
			if i > 0 {
				desc.WriteByte('\n')
			}
			if b.Label != "" {
				desc.WriteString("**" + b.Label + "**  ")
			}
			desc.WriteString("`" + b.String() + "`")
		}
	}
	e.Description = truncate(desc.String(), min(maxEmbedDesc, budget))
	budget -= utf8.RuneCountInString(e.Description)

	if m.Footer != "" && budget > 0 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(plain(m.Footer), min(maxFooter, budget))}
		budget -= utf8.RuneCountInString(e.Footer.Text)
	}
	for _, f := range m.Fields {
		if len(e.Fields) == maxFields {
			break
		}
		// Field names show mentions as typed; values render them.
		name, value := truncate(orDash(bot.Unmentioned(f.Name)), maxFieldName), truncate(orDash(markdown(f.Value)), maxFieldValue)
		cost := utf8.RuneCountInString(name) + utf8.RuneCountInString(value)
		if cost > budget {
			break
		}
		budget -= cost
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value, Inline: f.Inline})
	}
	if e.Title != "" || e.Description != "" || len(e.Fields) > 0 || e.Footer != nil {
		r.embeds = []*discordgo.MessageEmbed{e}
	}
	r.components = buttons(m.Buttons)

	if f := m.File; f != nil {
		if block, ok := codeBlock(f); ok && inline {
			r.content = block
		} else if !inline {
			r.files = []*discordgo.File{{Name: f.Name, ContentType: f.Type, Reader: bytes.NewReader(f.Data)}}
		}
	}
	if r.content == "" && len(r.embeds) == 0 && len(r.files) == 0 {
		r.content = "Done."
	}
	return r
}

// needsUpload reports whether m carries a file too big to inline.
func needsUpload(m bot.Message) bool {
	if m.File == nil {
		return false
	}
	_, ok := codeBlock(m.File)
	return !ok
}

// codeBlock inlines a small text file as a code block in a message's content.
func codeBlock(f *bot.File) (string, bool) {
	if !utf8.Valid(f.Data) || bytes.Contains(f.Data, []byte("```")) {
		return "", false
	}
	lang := ""
	switch {
	case strings.HasSuffix(f.Name, ".csv") || strings.Contains(f.Type, "csv"):
		lang = "csv"
	case strings.HasSuffix(f.Name, ".json") || strings.Contains(f.Type, "json"):
		lang = "json"
	}
	s := "**" + f.Name + "**\n```" + lang + "\n" + strings.TrimRight(string(f.Data), "\n") + "\n```"
	if utf8.RuneCountInString(s) > maxContent {
		return "", false
	}
	return s, true
}

// buttons lays buttons out in rows of five. Their custom ids carry the
// command to run; Discord refuses duplicates, so repeats are dropped.
func buttons(bs []bot.Button) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	var row []discordgo.MessageComponent
	seen := map[string]bool{}
	for _, b := range bs {
		id := customID(b.Command)
		if seen[id] || strings.TrimSpace(b.Label) == "" {
			continue
		}
		if len(rows) == maxRows {
			break
		}
		seen[id] = true
		style := discordgo.SecondaryButton
		switch b.Style {
		case "primary":
			style = discordgo.PrimaryButton
		case "danger":
			style = discordgo.DangerButton
		}
		row = append(row, discordgo.Button{Label: truncate(bot.Unmentioned(b.Label), maxLabel), Style: style, CustomID: id})
		if len(row) == maxPerRow {
			rows = append(rows, discordgo.ActionsRow{Components: row})
			row = nil
		}
	}
	if len(row) > 0 && len(rows) < maxRows {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	return rows
}

// customID is "mentor:" + the command, cut to 100 bytes on a rune boundary.
func customID(cmd string) string {
	id := customIDPrefix + strings.TrimSpace(cmd)
	if len(id) <= maxCustomID {
		return id
	}
	cut := maxCustomID
	for cut > 0 && !utf8.RuneStart(id[cut]) {
		cut--
	}
	return id[:cut]
}

var slackBold = regexp.MustCompile(`(^|[^*\w])\*([^*\s](?:[^*\n]*[^*\s])?)\*($|[^*\w])`)

// markdown turns the core's light markdown into Discord's: *bold* is
// italic on Discord, so single asterisks become double; a mention inside
// a code span is moved out of it, where Discord would show its raw id.
func markdown(s string) string {
	s = bot.MentionsOutOfCode(s)
	// Run twice: adjacent matches share their separating character.
	for range 2 {
		s = slackBold.ReplaceAllString(s, "$1**$2**$3")
	}
	return s
}

// plain strips markdown markers where Discord shows them literally (footers).
func plain(s string) string {
	return strings.NewReplacer("*", "", "`", "").Replace(s)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// noPings keeps replies that name members from notifying them.
func noPings() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

func (r rendered) response() *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:         r.content,
		Embeds:          r.embeds,
		Components:      r.components,
		Files:           r.files,
		Flags:           r.flags,
		AllowedMentions: noPings(),
	}
}

func (r rendered) edit() *discordgo.WebhookEdit {
	// Empty lists, not null, so the edit clears the "thinking…" state.
	if r.embeds == nil {
		r.embeds = []*discordgo.MessageEmbed{}
	}
	if r.components == nil {
		r.components = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{
		Content:         &r.content,
		Embeds:          &r.embeds,
		Components:      &r.components,
		Files:           r.files,
		AllowedMentions: noPings(),
	}
}

func (r rendered) send() *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Content:         r.content,
		Embeds:          r.embeds,
		Components:      r.components,
		Files:           r.files,
		AllowedMentions: noPings(),
	}
}
