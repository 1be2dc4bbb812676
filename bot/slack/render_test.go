package slack

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
)

func TestRenderShapes(t *testing.T) {
	m := bot.Message{
		Title:    "Your progress",
		Text:     "*Next up*\n• SQL & indexes <@U123|ann> <not a tag>",
		Fields:   []bot.Field{{Name: "Stage", Value: "Junior"}, {Name: "Track", Value: "—"}},
		Progress: []bot.Bar{{Label: "Junior", Done: 3, Total: 8}},
		Buttons: []bot.Button{{Label: "Done: SQL", Command: "done sql", Style: "primary"},
			{Label: "Forget me", Command: "forget", Style: "danger"}, {Label: "Next", Command: "next"}},
		Footer:  "✅ done",
		Private: true,
	}
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(reply(m)); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{
		`"response_type":"ephemeral"`,
		`{"type":"header","text":{"type":"plain_text","text":"Your progress"`,
		`• SQL &amp; indexes <@U123|ann> &lt;not a tag&gt;`,
		`"fields":[{"type":"mrkdwn","text":"*Stage*\nJunior"}`,
		"*Junior*  `▓▓▓░░░░░░░ 3/8`",
		`"action_id":"mentor_0","value":"done sql","style":"primary"`,
		`"action_id":"mentor_1","value":"forget","style":"danger"`,
		`"action_id":"mentor_2","value":"next"}`,
		`{"type":"context","elements":[{"type":"mrkdwn","text":"✅ done"}]}`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("reply lacks %s\n%s", want, s)
		}
	}
	if r := reply(bot.Message{Text: "hi"}); r.ResponseType != slack.ResponseTypeInChannel {
		t.Errorf("public reply type %q", r.ResponseType)
	}
}

func TestRenderLimits(t *testing.T) {
	long := strings.Repeat("word ", 2000) // 10000 chars on one line
	var fields []bot.Field
	for i := range 23 {
		fields = append(fields, bot.Field{Name: fmt.Sprint("F", i), Value: strings.Repeat("v", 2500)})
	}
	var buttons []bot.Button
	for i := range 60 {
		buttons = append(buttons, bot.Button{Label: strings.Repeat("L", 100), Command: fmt.Sprint("done s", i)})
	}
	var bars []bot.Bar
	for i := range 400 {
		bars = append(bars, bot.Bar{Label: fmt.Sprint("Skill ", i), Done: 1, Total: 3})
	}
	m := bot.Message{Title: strings.Repeat("T", 200), Text: long + "\n" + long, Fields: fields,
		Progress: bars, Buttons: buttons, Footer: strings.Repeat("f", 5000),
		File: &bot.File{Name: "export.json", Data: []byte(strings.Repeat("{}\n", 3000))}}

	for _, limit := range []int{maxMessageBlocks, maxHomeBlocks} {
		blocks := render(m, limit)
		if len(blocks) > limit {
			t.Fatalf("%d blocks, limit %d", len(blocks), limit)
		}
		actions := 0
		for _, b := range blocks {
			switch b := b.(type) {
			case *slack.HeaderBlock:
				checkLen(t, "header", b.Text.Text, maxHeader)
			case *slack.SectionBlock:
				if b.Text != nil {
					checkLen(t, "section", b.Text.Text, maxSectionText)
				}
				if len(b.Fields) > maxFields {
					t.Errorf("%d fields in a section", len(b.Fields))
				}
				for _, f := range b.Fields {
					checkLen(t, "field", f.Text, maxFieldText)
				}
			case *slack.ActionBlock:
				if len(b.Elements.ElementSet) > maxActionsPerRow {
					t.Errorf("%d elements in an actions block", len(b.Elements.ElementSet))
				}
				for _, el := range b.Elements.ElementSet {
					checkLen(t, "button", el.(*slack.ButtonBlockElement).Text.Text, maxButtonText)
				}
				actions++
			case *slack.ContextBlock:
				for _, el := range b.ContextElements.Elements {
					checkLen(t, "context", el.(*slack.TextBlockObject).Text, maxContextText)
				}
			}
		}
		if actions != 2 {
			t.Errorf("limit %d: %d actions blocks, want 2 (buttons kept when text is cut)", limit, actions)
		}
	}
}

func checkLen(t *testing.T, what, s string, n int) {
	t.Helper()
	if c := utf8.RuneCountInString(s); c > n || c == 0 {
		t.Errorf("%s text has %d characters, limit %d", what, c, n)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a < b > c & d":            "a &lt; b &gt; c &amp; d",
		"<@U123> and <@U1|Jane D>": "<@U123> and <@U1|Jane D>",
		"<#C1|general> <!here>":    "<#C1|general> &lt;!here&gt;",
		"<!subteam^S1> <!channel>": "&lt;!subteam^S1&gt; &lt;!channel&gt;",
		"<https://x.dev|docs>":     "<https://x.dev|docs>",
		"<script>":                 "&lt;script&gt;",
		"<@ U1>":                   "&lt;@ U1&gt;",
		"plain":                    "plain",
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripMention(t *testing.T) {
	for _, tt := range []struct{ in, bot, want string }{
		{"<@UBOT> what is SQL?", "UBOT", "what is SQL?"},
		{"hey <@UBOT|mentorbot>, what is SQL?", "UBOT", "hey , what is SQL?"},
		{"<@UBOT> how does <@U2> do?", "UBOT", "how does <@U2> do?"},
		{"<@UBOTX> hi", "UBOT", "<@UBOTX> hi"},
		{"<@UBOT> hi", "", "hi"},
	} {
		if got := stripMention(tt.in, tt.bot); got != tt.want {
			t.Errorf("stripMention(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	got := split("aaa\nbbb\ncccccccc", 7)
	if strings.Join(got, "|") != "aaa\nbbb|ccccccc|c" {
		t.Fatalf("split = %q", got)
	}
}

// TestTypedTextEscapedOnce sends what Slack sends for typed text (&, < and
// > already escaped): an echo of it is escaped once, not twice ("tom&jerry"
// shown as "tom&jerry", not "tom&amp;jerry"), and a typed <!channel> stays
// text.
func TestTypedTextEscapedOnce(t *testing.T) {
	e := newEnv(t, nil)
	e.now = time.Now()
	e.serve(signedRequest("/slack/commands", e.commandForm("UESC", "join"), e.now))
	for _, c := range []struct{ sent, want, never string }{
		{"done tom&amp;jerry", `called \"tom&amp;jerry\"`, "&amp;amp;"},
		{"done &lt;!channel&gt;", `called \"&lt;!channel&gt;\"`, "<!channel>"},
		{"done &lt;script&gt;", `called \"&lt;script&gt;\"`, "&amp;lt;"},
	} {
		body := e.serve(signedRequest("/slack/commands", e.commandForm("UESC", c.sent), e.now)).Body.String()
		if !strings.Contains(body, c.want) || strings.Contains(body, c.never) {
			t.Errorf("%q: %s; want %s and never %s", c.sent, body, c.want, c.never)
		}
	}
}
