package discord

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

var (
	fence   = regexp.MustCompile("(?s)```.*?```")
	mention = regexp.MustCompile(`<[@#][^<>\n]+>`)
)

// mentionInCode returns the first inline code span of s that holds a
// mention, or "".
func mentionInCode(s string) string {
	pieces := strings.Split(fence.ReplaceAllString(s, ""), "`")
	for i := 1; i < len(pieces)-1; i += 2 {
		if mention.MatchString(pieces[i]) {
			return "`" + pieces[i] + "`"
		}
	}
	return ""
}

// TestNoMentionInCodeSpan replies to every example of every command of
// bot.Table(), in order, as an admin and as members, and wants no code
// span of a rendered embed to hold a mention: Discord shows it there as a
// raw id. Some replies must have had one in the core's text, or the walk
// proved nothing.
func TestNoMentionInCodeSpan(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Admins: []string{"1"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: Platform, Workspace: "TCODE"}
	say := func(user, text string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: text})
	}
	say("alice", "join")
	say("carol", "join")
	raw, n := 0, 0
	for _, who := range []string{"1", "alice", "bob", "carol"} {
		for _, c := range bot.Table() {
			for _, ex := range c.AllExamples() {
				m := say(who, ex)
				var core []string
				core = append(core, m.Text)
				for _, f := range m.Fields {
					core = append(core, f.Value)
				}
				for _, s := range core {
					if mentionInCode(s) != "" {
						raw++
					}
				}
				var texts []string
				for _, e := range render(m, true).embeds {
					texts = append(texts, e.Description)
					for _, f := range e.Fields {
						texts = append(texts, f.Value)
					}
				}
				for _, s := range texts {
					if span := mentionInCode(s); span != "" {
						t.Errorf("%s as %s: the code span %s holds a mention:\n%s", ex, who, span, s)
					}
				}
				n++
			}
		}
	}
	if raw == 0 {
		t.Fatalf("none of %d replies had a mention in a code span to move", n)
	}
	t.Logf("%d replies, %d texts with a mention in a code span before rendering", n, raw)
}
