package console

import (
	"strings"

	"github.com/mentorbot/mentorbot/bot"
)

// Render draws a message as plain text: title, text, fields, progress
// bars, footer, an attached file's content, and buttons as
// "[Label → /mentor command]". It is what the console prints on a pipe,
// in the form design.md's console contract fixes. Mentions are written as
// a console user types them, @name, as on a terminal, so that a name reads
// the same in every line (an attached file is left as it is).
func Render(m bot.Message) string {
	m.Title, m.Text, m.Footer = Mentions(m.Title), Mentions(m.Text), Mentions(m.Footer)
	m.Fields = append([]bot.Field(nil), m.Fields...)
	for i, f := range m.Fields {
		m.Fields[i].Name, m.Fields[i].Value = Mentions(f.Name), Mentions(f.Value)
	}
	var b strings.Builder
	for i, p := range parts(m, plainTitle, Mentions) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// part is one block of a rendered message.
type part struct {
	text     string
	verbatim bool     // an attached file: never restyled or wrapped
	buttons  []string // the buttons, each "[Label → /mentor command]"; text joins them
}

func plainTitle(s string) string { return "== " + s + " ==" }

// parts lays out m's blocks in order. title draws the title; command, when
// not nil, rewrites a button's command for display.
func parts(m bot.Message, title func(string) string, command func(string) string) []part {
	var ps []part
	add := func(s string) { ps = append(ps, part{text: s}) }
	if m.Title != "" {
		add(title(m.Title))
	}
	if m.Text != "" {
		add(m.Text)
	}
	for _, f := range m.Fields {
		if strings.Contains(f.Value, "\n") {
			add(f.Name + ":\n  " + strings.ReplaceAll(f.Value, "\n", "\n  "))
		} else {
			add(f.Name + ": " + f.Value)
		}
	}
	for _, b := range m.Progress {
		add(b.Label + " " + b.String())
	}
	if m.File != nil {
		ps = append(ps, part{text: "--- " + m.File.Name + " ---\n" + strings.TrimRight(string(m.File.Data), "\n") + "\n---", verbatim: true})
	}
	if m.Footer != "" {
		add(m.Footer)
	}
	if len(m.Buttons) > 0 {
		var bs []string
		for _, b := range m.Buttons {
			cmd := b.Command
			if command != nil {
				cmd = command(cmd)
			}
			bs = append(bs, "["+b.Label+" → /mentor "+cmd+"]")
		}
		ps = append(ps, part{text: strings.Join(bs, " "), buttons: bs})
	}
	return ps
}
