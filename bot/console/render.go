package console

import (
	"strings"

	"github.com/mentorbot/mentorbot/bot"
)

// Render draws a message as plain text: title, text, fields, progress
// bars, footer, an attached file's content, and buttons as
// "[Label → /mentor command]".
func Render(m bot.Message) string {
	var parts []string
	if m.Title != "" {
		parts = append(parts, "== "+m.Title+" ==")
	}
	if m.Text != "" {
		parts = append(parts, m.Text)
	}
	for _, f := range m.Fields {
		if strings.Contains(f.Value, "\n") {
			parts = append(parts, f.Name+":\n  "+strings.ReplaceAll(f.Value, "\n", "\n  "))
		} else {
			parts = append(parts, f.Name+": "+f.Value)
		}
	}
	for _, b := range m.Progress {
		parts = append(parts, b.Label+" "+b.String())
	}
	if m.File != nil {
		parts = append(parts, "--- "+m.File.Name+" ---\n"+strings.TrimRight(string(m.File.Data), "\n")+"\n---")
	}
	if m.Footer != "" {
		parts = append(parts, m.Footer)
	}
	if len(m.Buttons) > 0 {
		var bs []string
		for _, b := range m.Buttons {
			bs = append(bs, "["+b.Label+" → /mentor "+b.Command+"]")
		}
		parts = append(parts, strings.Join(bs, " "))
	}
	return strings.Join(parts, "\n")
}
