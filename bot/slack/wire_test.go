package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
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
				// What is sent: written directly, the same JSON.
				wv, isWire := wireOf(m).(wire)
				if !isWire {
					t.Errorf("%s as %s: the reply did not go as a wire", ex, who)
					continue
				}
				fast, ok := appendWire(nil, wv)
				if !ok {
					t.Errorf("%s as %s: appendWire passed the reply to encoding/json", ex, who)
				}
				sameJSON(t, ex+" as "+who, fast, want)
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

// sameJSON fails unless got and want decode to the same value.
func sameJSON(t *testing.T, what string, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Errorf("%s: appendWire wrote invalid JSON: %v\n%s", what, err, got)
		return
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n appendWire: %s\n json:       %s", what, got, want)
	}
}

// TestAppendWireAsJSON holds appendWire to encoding/json on the blocks it
// writes, each field set and unset, and wants it to pass on what it does
// not write.
func TestAppendWireAsJSON(t *testing.T) {
	yes := true
	odd := "tab\t \"q\" back\\ nul\x00 bell\x07 <&> \u2028\u2029 \xff\xfe ü 😀"
	text := &slack.TextBlockObject{Type: "mrkdwn", Text: odd, Verbatim: true}
	header := &slack.TextBlockObject{Type: "plain_text", Text: "Head", Emoji: &yes}
	button := slack.NewButtonBlockElement("a1", "done git", slack.NewTextBlockObject("plain_text", "Done", true, false))
	styled := slack.NewButtonBlockElement("a2", "", slack.NewTextBlockObject("plain_text", "x", false, false)).WithStyle(slack.StyleDanger)
	linked := &slack.ButtonBlockElement{Text: header, URL: "https://example.com/a?b=c&d"}
	written := []wire{
		{},
		{Text: odd, ResponseType: "ephemeral", ReplaceOriginal: true, DeleteOriginal: true},
		{Text: "t", Blocks: []slack.Block{
			slack.NewHeaderBlock(header),
			&slack.HeaderBlock{Type: slack.MBTHeader, BlockID: "h"},
			slack.NewSectionBlock(text, nil, nil),
			slack.NewSectionBlock(nil, []*slack.TextBlockObject{text, header}, nil, slack.SectionBlockOptionBlockID("s1")),
			slack.NewContextBlock("", text),
			slack.NewContextBlock("c1", text, header),
			&slack.ContextBlock{Type: slack.MBTContext},
			slack.NewActionBlock("", button, styled, linked),
			slack.NewActionBlock("a", button),
			slack.NewDividerBlock(),
			&slack.DividerBlock{Type: slack.MBTDivider, BlockID: "d"},
		}},
	}
	for i, w := range written {
		got, ok := appendWire(nil, w)
		if !ok {
			t.Errorf("wire %d: passed to encoding/json", i)
			continue
		}
		want, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, fmt.Sprintf("wire %d", i), got, want)
	}
	passed := []slack.Block{
		slack.NewSectionBlock(text, nil, slack.NewAccessory(button)),
		&slack.HeaderBlock{Type: slack.MBTHeader, Level: 2},
		slack.NewActionBlock("", slack.NewButtonBlockElement("a", "v", header).WithConfirm(slack.NewConfirmationBlockObject(header, header, header, header))),
		slack.NewActionBlock("", slack.NewOverflowBlockElement("o", slack.NewOptionBlockObject("v", header, nil))),
		&slack.ActionBlock{Type: slack.MBTAction},
		slack.NewContextBlock("", slack.NewImageBlockElement("https://example.com/i.png", "alt")),
		slack.NewImageBlock("https://example.com/i.png", "alt", "", nil),
	}
	for i, bl := range passed {
		if _, ok := appendWire(nil, wire{Blocks: []slack.Block{bl}}); ok {
			t.Errorf("block %d (%T) was written, not passed to encoding/json", i, bl)
		}
		b, err := marshalWire(wire{Blocks: []slack.Block{bl}})
		if err != nil || !json.Valid(b) {
			t.Errorf("block %d: marshalWire: %v %s", i, err, b)
		}
	}
}

// FuzzAppendString holds appendString to encoding/json for any string.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\\n\r\t\x00\x1f", "<&>", "\u2028\u2029", "\xff", "a\xc3", "ü😀", "\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("appendString(%q) = %s: %v", s, got, err)
		}
		want, _ := json.Marshal(s)
		var wantBack string
		if err := json.Unmarshal(want, &wantBack); err != nil {
			t.Fatal(err)
		}
		if back != wantBack {
			t.Fatalf("appendString(%q) reads back %q, encoding/json's %q", s, back, wantBack)
		}
	})
}
