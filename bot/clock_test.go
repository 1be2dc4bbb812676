package bot_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// clockBot returns a bot on the default roadmap and an in-memory store
// whose clock stands at 3 Dec 2026 10:00 UTC, so that two of them answer
// the same lines with the same messages; cfg gives the rest (Admins,
// Observe). The scope is the test platform's workspace ws.
func clockBot(t *testing.T, ws string, cfg bot.Config) (*bot.Bot, bot.Scope) {
	t.Helper()
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Roadmap, cfg.Store, cfg.Logger = rm, memstore.New(), slog.New(slog.DiscardHandler)
	cfg.Clock = fixedClock{time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}
	b, err := bot.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return b, bot.Scope{Platform: "test", Workspace: ws}
}

// downDirectory is a platform whose API does not answer.
type downDirectory struct{}

func (downDirectory) Person(context.Context, bot.Scope, string) (bot.PersonKind, error) {
	return 0, errors.New("users.info: connection refused")
}

// When the platform's API is down and storage is fine, the answer says
// the platform failed, not storage (journey finding).
func TestPlatformDownIsNotStorageDown(t *testing.T) {
	b, sc := clockBot(t, "platform-down", bot.Config{Admins: []string{"boss"}})
	b.SetDirectories(map[string]bot.Directory{"test": downDirectory{}})
	m := b.Handle(context.Background(), bot.Request{Scope: sc, User: "boss", Text: "assign <@U1> <@U2>"})
	if !strings.Contains(m.Text, "couldn't reach the chat platform") || strings.Contains(m.Text, "Storage") {
		t.Errorf("assign with the platform down: %q", m.Text)
	}
}

// A misspelt word of a track's or stage's title gets "did you mean" with
// the id, as skills and commands do (journey finding).
func TestMisspeltLevelTitle(t *testing.T) {
	b, sc := clockBot(t, "level-typo", bot.Config{})
	b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: "join mid"})
	for line, want := range map[string]string{
		"track databse":   "There's no track \"databse\". Did you mean `dba`?",
		"roadmap databse": "Did you mean `dba`?",
	} {
		if got := b.Handle(context.Background(), bot.Request{Scope: sc, User: "ann", Text: line}).Text; !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q in it", line, got, want)
		}
	}
}
