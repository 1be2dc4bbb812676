package slack

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

// Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
const (
	maxHeader        = 150
	maxSectionText   = 3000
	maxFieldText     = 2000
	maxFields        = 10
	maxContextText   = 2000
	maxButtonText    = 75
	maxButtonValue   = 2000
	maxActionsPerRow = 25
	maxButtons       = 50
	maxMessageBlocks = 50
	maxHomeBlocks    = 100
	maxFallback      = 3000
)

// actionPrefix starts the action_id of every button we render; the button's
// value is the /mentor command line it runs.
const actionPrefix = "mentor_"

// render turns a neutral Message into at most limit Block Kit blocks.
func render(m bot.Message, limit int) []slack.Block {
	var content []slack.Block
	if m.Title != "" {
		content = append(content, slack.NewHeaderBlock(plain(cut(bot.Unmentioned(m.Title), maxHeader))))
	}
	for _, chunk := range split(escape(m.Text), maxSectionText) {
		content = append(content, section(chunk))
	}
	for i := 0; i < len(m.Fields); i += maxFields {
		var fs []*slack.TextBlockObject
		for _, f := range m.Fields[i:min(i+maxFields, len(m.Fields))] {
			fs = append(fs, mrkdwn(cut("*"+escape(f.Name)+"*\n"+escape(f.Value), maxFieldText)))
		}
		content = append(content, slack.NewSectionBlock(nil, fs, nil))
	}
	if len(m.Progress) > 0 {
		lines := make([]string, len(m.Progress))
		for i, b := range m.Progress {
			lines[i] = "*" + escape(b.Label) + "*  `" + b.String() + "`"
		}
		for _, chunk := range split(strings.Join(lines, "\n"), maxSectionText) {
			content = append(content, section(chunk))
		}
	}
	if m.File != nil {
		content = append(content, fileBlocks(m.File)...)
	}

	var tail []slack.Block
	buttons := m.Buttons[:min(len(m.Buttons), maxButtons)]
	for i := 0; i < len(buttons); i += maxActionsPerRow {
		var els []slack.BlockElement
		for j, b := range buttons[i:min(i+maxActionsPerRow, len(buttons))] {
			els = append(els, button(i+j, b))
		}
		tail = append(tail, slack.NewActionBlock("", els...))
	}
	if m.Footer != "" {
		tail = append(tail, contextBlock(escape(m.Footer)))
	}

	if len(content)+len(tail) > limit {
		keep := max(limit-len(tail)-1, 0)
		content = append(content[:keep], contextBlock("_This reply was shortened to fit Slack._"))
	}
	out := append(content, tail...)
	return out[:min(len(out), limit)]
}

// button renders one Button; its action id is unique within the message.
func button(n int, b bot.Button) *slack.ButtonBlockElement {
	el := slack.NewButtonBlockElement(actionPrefix+strconv.Itoa(n), cut(b.Command, maxButtonValue),
		plain(cut(bot.Unmentioned(b.Label), maxButtonText)))
	switch b.Style {
	case "primary":
		el.WithStyle(slack.StylePrimary)
	case "danger":
		el.WithStyle(slack.StyleDanger)
	}
	return el
}

// fileBlocks inlines an attachment as a code block, for when it could not
// be uploaded (see deliverFile).
func fileBlocks(f *bot.File) []slack.Block {
	data := strings.ReplaceAll(strings.ToValidUTF8(string(f.Data), "?"), "```", "`\u200b``")
	const room = maxSectionText - 8 // the fences
	body := cut(data, room)
	blocks := []slack.Block{section("```" + body + "```")}
	note := f.Name
	if body != data {
		note += " (shortened; the full file is longer than Slack shows in a message)"
	}
	return append(blocks, contextBlock(escape(note)))
}

// fallback is the plain text Slack shows in notifications and where blocks
// cannot be drawn.
func fallback(m bot.Message) string {
	parts := make([]string, 0, 2)
	if m.Title != "" {
		parts = append(parts, m.Title)
	}
	if m.Text != "" {
		parts = append(parts, m.Text)
	}
	if len(parts) == 0 && len(m.Progress) > 0 {
		parts = append(parts, m.Progress[0].Label+" "+m.Progress[0].String())
	}
	if len(parts) == 0 {
		parts = append(parts, "mentorbot")
	}
	return cut(escape(strings.Join(parts, "\n")), maxFallback)
}

// reply is the JSON of a slash-command or response_url reply.
func reply(m bot.Message) *slack.WebhookMessage {
	typ := slack.ResponseTypeInChannel
	if m.Private {
		typ = slack.ResponseTypeEphemeral
	}
	return &slack.WebhookMessage{
		Text:         fallback(m),
		Blocks:       &slack.Blocks{BlockSet: render(m, maxMessageBlocks)},
		ResponseType: typ,
	}
}

func plain(s string) *slack.TextBlockObject {
	if s == "" {
		s = " "
	}
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func section(s string) *slack.SectionBlock { return slack.NewSectionBlock(mrkdwn(s), nil, nil) }

func contextBlock(s string) *slack.ContextBlock {
	return slack.NewContextBlock("", mrkdwn(cut(s, maxContextText)))
}

// cut shortens s to at most n characters, marking the cut with an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// split breaks s into chunks of at most n characters, at line ends where
// it can.
func split(s string, n int) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []string
	var cur strings.Builder
	curLen := 0
	for _, line := range strings.Split(s, "\n") {
		l := utf8.RuneCountInString(line)
		if curLen > 0 && curLen+1+l > n {
			out = append(out, cur.String())
			cur.Reset()
			curLen = 0
		}
		for l > n { // one line longer than a chunk: hard cut
			r := []rune(line)
			out = append(out, string(r[:n]))
			line, l = string(r[n:]), l-n
		}
		if curLen > 0 {
			cur.WriteByte('\n')
			curLen++
		}
		cur.WriteString(line)
		curLen += l
	}
	if curLen > 0 {
		out = append(out, cur.String())
	}
	return out
}

// escape makes text safe for mrkdwn: &, < and > are escaped, except in
// Slack's own entities (<@U123>, <@U123|name>, <#C1>, <!here>, <https://...>),
// which pass through so mentions stay mentions; a mention inside a code
// span is moved out of it, since Slack shows it there as a raw id.
func escape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	s = bot.MentionsOutOfCode(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '>':
			b.WriteString("&gt;")
		case '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 && entity(s[i+1:i+end]) {
				b.WriteString(s[i : i+end+1])
				i += end
				continue
			}
			b.WriteString("&lt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// entity reports whether the text between < and > is a Slack entity.
func entity(s string) bool {
	id, _, _ := strings.Cut(s, "|")
	if id == "" || strings.ContainsAny(s, "<\n") || strings.ContainsAny(id, " \t") {
		return false
	}
	switch {
	// Special mentions (<!here>, <!channel>, <!subteam^...>) are never
	// passed through: text that reaches a channel must not ping everyone.
	case s[0] == '@' || s[0] == '#':
		return len(s) > 1
	case strings.HasPrefix(s, "http://"), strings.HasPrefix(s, "https://"), strings.HasPrefix(s, "mailto:"):
		return true
	}
	return false
}
