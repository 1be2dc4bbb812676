package bot_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// fakeWriter answers as a language model would, or fails.
type fakeWriter struct {
	calls   int
	section func(a roadmap.Answer) roadmap.Section
	err     error
}

func (w *fakeWriter) Write(ctx context.Context, q string, a roadmap.Answer, m *bot.Member) (roadmap.Section, string, error) {
	w.calls++
	if w.err != nil {
		return roadmap.Section{}, "", w.err
	}
	if _, ok := ctx.Deadline(); !ok {
		return roadmap.Section{}, "", errors.New("no deadline")
	}
	return w.section(a), "Here is what I'd do, in your words.", nil
}

func writerBot(t *testing.T, w bot.Writer) func(user, text string) bot.Message {
	t.Helper()
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Logger: slog.New(slog.DiscardHandler), Writer: w})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "writer"}
	return func(user, text string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: text})
	}
}

func TestWriter(t *testing.T) {
	keep := func(a roadmap.Answer) roadmap.Section { return a.Section }
	t.Run("words a confident answer", func(t *testing.T) {
		w := &fakeWriter{section: keep}
		say := writerBot(t, w)
		say("amy", "join")
		msg := say("amy", "ask how do I resolve merge conflicts in git")
		if w.calls != 1 || msg.Text != "Here is what I'd do, in your words." || !strings.Contains(msg.Footer, "language model") {
			t.Fatalf("calls %d, reply %+v", w.calls, msg)
		}
		if msg.Title != "Git and version control" || len(msg.Buttons) == 0 || !strings.HasSuffix(msg.Buttons[0].Command, " git") {
			t.Errorf("title %q buttons %+v, want the skill's", msg.Title, msg.Buttons)
		}
	})
	t.Run("a chosen overview", func(t *testing.T) {
		w := &fakeWriter{section: func(roadmap.Answer) roadmap.Section { return roadmap.Section{Track: "devops"} }}
		msg := writerBot(t, w)("visitor", "ask how do I learn terraform")
		if msg.Title != "DevOps-focused backend" && !strings.Contains(msg.Title, "DevOps") {
			t.Errorf("title %q", msg.Title)
		}
		if len(msg.Buttons) != 1 || msg.Buttons[0].Command != "roadmap devops" {
			t.Errorf("buttons %+v", msg.Buttons)
		}
	})
	t.Run("an error gives the offline answer", func(t *testing.T) {
		w := &fakeWriter{err: errors.New("timeout")}
		msg := writerBot(t, w)("visitor", "ask how do I learn terraform")
		if w.calls != 1 || !strings.Contains(msg.Text, "*What it is*") {
			t.Errorf("calls %d, reply %q", w.calls, msg.Text)
		}
	})
	t.Run("off-topic and not sure stay offline", func(t *testing.T) {
		w := &fakeWriter{section: keep}
		say := writerBot(t, w)
		for _, q := range []string{"ask who is the lead singer of queen", "ask purple elephants dance quietly"} {
			if msg := say("visitor", q); !strings.Contains(msg.Text, roadmap.NotSure) {
				t.Errorf("%s: %q", q, msg.Text)
			}
		}
		if w.calls != 0 {
			t.Errorf("the writer was asked %d times", w.calls)
		}
	})
}
