package bot_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// FuzzCommand feeds arbitrary command text through the whole core (on the
// in-memory store): it must never panic, always answer, and answer briefly
// and in valid UTF-8. The seed corpus is in testdata/fuzz/FuzzCommand.
func FuzzCommand(f *testing.F) {
	rm, err := roadmap.Default()
	if err != nil {
		f.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Admins: []string{"admin"},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	sc := bot.Scope{Platform: "console", Workspace: "fuzz"}
	ctx := context.Background()
	b.Handle(ctx, bot.Request{Scope: sc, User: "you", Text: "join"})
	b.Handle(ctx, bot.Request{Scope: sc, User: "admin", Text: "join"})
	f.Fuzz(func(t *testing.T, text string, free bool) {
		for _, user := range []string{"you", "admin"} {
			msg := b.Handle(ctx, bot.Request{Scope: sc, User: user, Text: text, Free: free})
			if msg.Text == "" && msg.Title == "" && len(msg.Fields) == 0 {
				t.Fatalf("no answer to %q", text)
			}
			if !utf8.ValidString(msg.Text) {
				t.Fatalf("invalid UTF-8 in the answer to %q", text)
			}
			if strings.HasPrefix(strings.TrimSpace(text), "forget") {
				b.Handle(ctx, bot.Request{Scope: sc, User: user, Text: "join"})
			}
		}
	})
}
