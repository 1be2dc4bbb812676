package slack

import (
	"context"
	"encoding/json"
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

// mrkdwnTexts collects every mrkdwn text of rendered blocks.
func mrkdwnTexts(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		if v["type"] == "mrkdwn" {
			if s, ok := v["text"].(string); ok {
				*out = append(*out, s)
			}
		}
		for _, x := range v {
			mrkdwnTexts(x, out)
		}
	case []any:
		for _, x := range v {
			mrkdwnTexts(x, out)
		}
	}
}

// TestNoMentionInCodeSpan replies to every example of every command of
// bot.Table(), in order, as an admin and as members, and wants no code
// span of a rendered reply to hold a mention: Slack shows it there as a
// raw id ("`/mentor leads add <@U1>`"). Some replies must have had one in
// the core's text, or the walk proved nothing.
func TestNoMentionInCodeSpan(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Admins: []string{"admin"}, Logger: slog.New(slog.DiscardHandler)})
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
	for _, who := range []string{"admin", "alice", "bob", "carol"} {
		for _, c := range bot.Table() {
			for _, ex := range c.AllExamples() {
				m := say(who, ex)
				core := append([]string{m.Text, m.Footer}, fieldValues(m)...)
				for _, s := range core {
					if mentionInCode(s) != "" {
						raw++
					}
				}
				js, err := json.Marshal(reply(m))
				if err != nil {
					t.Fatal(err)
				}
				var v any
				if err := json.Unmarshal(js, &v); err != nil {
					t.Fatal(err)
				}
				texts := []string{reply(m).Text}
				mrkdwnTexts(v, &texts)
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

func fieldValues(m bot.Message) []string {
	var out []string
	for _, f := range m.Fields {
		out = append(out, f.Name, f.Value)
	}
	return out
}
