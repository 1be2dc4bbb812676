package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// TestWireIsTheWebhookMessage renders the reply to every example of
// every command of bot.Table(), as a member and as a lead, and wants the
// bytes of the wire form to be those of the WebhookMessage.
func TestWireIsTheWebhookMessage(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Admins: []string{"lead"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: Platform, Workspace: "TWIRE"}
	say := func(user, text string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: text})
	}
	for _, line := range []string{"join", "start git", "done sql-basics"} {
		say("member", line)
	}
	say("lead", "join senior")
	say("lead", "assign @member")
	n := 0
	for _, c := range bot.Table() {
		for _, ex := range c.AllExamples() {
			for _, who := range []string{"member", "lead"} {
				m := reply(say(who, ex))
				want, err := json.Marshal(m)
				if err != nil {
					t.Fatal(err)
				}
				got, err := json.Marshal(wireOf(m))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s as %s:\n wire: %s\n want: %s", ex, who, got, want)
				}
				n++
			}
		}
	}
	// What a reply never sets goes the slow way, whole.
	odd := &slack.WebhookMessage{Text: "x", Username: "someone", Blocks: &slack.Blocks{}}
	if _, ok := wireOf(odd).(*slack.WebhookMessage); !ok {
		t.Errorf("a message with a username went as a wire")
	}
	if n < 40 {
		t.Fatalf("only %d replies compared", n)
	}
}
