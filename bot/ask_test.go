package bot_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// askBot returns a bot on the default roadmap backed by an in-memory
// store, and a scope.
func askBot(t *testing.T) (*bot.Bot, bot.Scope) {
	t.Helper()
	sc := bot.Scope{Platform: "test", Workspace: "ask"}
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return b, sc
}

func ask(t *testing.T, b *bot.Bot, sc bot.Scope, user, text string) bot.Message {
	t.Helper()
	return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: text})
}

func hasCommand(m bot.Message, cmd string) bool {
	for _, b := range m.Buttons {
		if b.Command == cmd {
			return true
		}
	}
	return false
}

func TestAskVisitor(t *testing.T) {
	t.Parallel()
	b, sc := askBot(t)
	tests := []struct {
		q, title string
		texts    []string
		button   string
	}{
		{"ask how do I become a DBA", "Database Administrator (DBA)", []string{"*What changes*", "*Next step*"}, "roadmap dba"},
		{"ask am I ready for senior?", "Senior backend developer", []string{"*You're ready for it when*\nYou are ready for senior"}, "join senior"},
		{"ask how do i learn terraform", "Infrastructure as code", []string{"*What it is*", "*Why it matters at DevOps", "*How to practise*\n• ", "*Next step*"}, "join"},
		{"ask what should I learn next?", "What to learn next", []string{"Join the roadmap"}, "join junior"},
	}
	for _, tt := range tests {
		m := ask(t, b, sc, "visitor", tt.q)
		if m.Title != tt.title || !hasCommand(m, tt.button) {
			t.Errorf("%q: title %q, buttons %v; want %q with %q", tt.q, m.Title, m.Buttons, tt.title, tt.button)
		}
		for _, want := range tt.texts {
			if !strings.Contains(m.Text, want) {
				t.Errorf("%q: text lacks %q:\n%s", tt.q, want, m.Text)
			}
		}
	}
}

func TestAskNotSure(t *testing.T) {
	t.Parallel()
	b, sc := askBot(t)
	m := ask(t, b, sc, "visitor", "ask purple elephants dance quietly")
	if !strings.Contains(m.Text, roadmap.NotSure) || m.Title != "" || len(m.Buttons) != 3 {
		t.Fatalf("want a not-sure reply with three buttons, got %+v", m)
	}
	// Each offered section opens with its button.
	for _, btn := range m.Buttons {
		if !strings.HasPrefix(btn.Command, "roadmap ") && !strings.HasPrefix(btn.Command, "ask ") {
			t.Errorf("button %+v runs neither roadmap nor ask", btn)
			continue
		}
		got := ask(t, b, sc, "visitor", btn.Command)
		if got.Title != btn.Label {
			t.Errorf("pressing %q gave %q, want %q", btn.Command, got.Title, btn.Label)
		}
	}
	if m := ask(t, b, sc, "visitor", "ask"); !strings.Contains(m.Text, "`/mentor ask` needs `<question>`, e.g. `/mentor ask ") {
		t.Errorf("empty question: %q", m.Text)
	}
}

func TestAskFreeText(t *testing.T) {
	t.Parallel()
	b, sc := askBot(t)
	m := b.Handle(context.Background(), bot.Request{Scope: sc, User: "visitor", Text: "k8s for beginners?", Free: true})
	if m.Title != "Container orchestration with Kubernetes" {
		t.Errorf("free text: got %q", m.Title)
	}
}

func TestAskMember(t *testing.T) {
	t.Parallel()
	b, sc := askBot(t)
	for _, cmd := range []string{"join mid", "done relational-design", "start caching"} {
		if m := ask(t, b, sc, "ana", cmd); strings.Contains(m.Text, "wrong") || strings.Contains(m.Text, "unavailable") {
			t.Fatalf("%s: %q", cmd, m.Text)
		}
	}
	m := ask(t, b, sc, "ana", "ask whats normalisation in databases")
	if m.Title != "Relational design and normalization" || !strings.Contains(m.Text, "marked this done") || len(m.Buttons) != 0 {
		t.Errorf("done skill: %q %v\n%s", m.Title, m.Buttons, m.Text)
	}
	m = ask(t, b, sc, "ana", "ask cache invalidation strategies")
	if !strings.Contains(m.Text, "learning this now") || !hasCommand(m, "done caching") {
		t.Errorf("learning skill: %v\n%s", m.Buttons, m.Text)
	}
	m = ask(t, b, sc, "ana", "ask how do i get good at git rebase")
	if !strings.Contains(m.Text, "belongs to Junior backend developer") || !hasCommand(m, "start git") {
		t.Errorf("skill of another stage: %v\n%s", m.Buttons, m.Text)
	}
	m = ask(t, b, sc, "ana", "ask what should I learn next?")
	if m.Title != "What to learn next" || !strings.Contains(m.Text, "Caching") || strings.Contains(m.Text, "Relational design") {
		t.Errorf("next from progress: %q\n%s", m.Title, m.Text)
	}
	m = ask(t, b, sc, "ana", "ask am I ready for senior")
	if len(m.Progress) == 0 || !hasCommand(m, "stage senior") || !strings.Contains(m.Text, "You're at") {
		t.Errorf("readiness: %v %v\n%s", m.Progress, m.Buttons, m.Text)
	}
	m = ask(t, b, sc, "ana", "ask what does a database administrator do")
	if m.Title != "Database Administrator (DBA)" || !hasCommand(m, "track dba") {
		t.Errorf("track open at mid: %q %v", m.Title, m.Buttons)
	}
}

// downStore is a store whose server is unreachable.
type downStore struct{ bot.Store }

func (downStore) Load(context.Context, bot.Scope, ...string) ([]*bot.Member, error) {
	return nil, bot.ErrUnavailable
}

func TestAskStorageDown(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: downStore{}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	m := ask(t, b, bot.Scope{Platform: "test", Workspace: "down"}, "ana", "ask how do I learn terraform")
	if m.Title != "Infrastructure as code" {
		t.Errorf("the roadmap answers without storage; got %+v", m)
	}
}
