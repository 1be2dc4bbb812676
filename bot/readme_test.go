package bot_test

import (
	"os"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// The README's command table is generated from the command table; this
// fails when the two drift apart, and prints the table to paste.
func TestREADMECommands(t *testing.T) {
	const begin, end = "<!-- commands: generated from bot.Table() -->\n", "<!-- /commands -->"
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q block", begin, end)
	}
	want := bot.MarkdownTable(bot.Table())
	if got := s[i+len(begin) : j]; got != want {
		t.Errorf("README.md's command table differs from bot.Table(); replace it with:\n%s", want)
	}
}
