package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// namingDMs is a platform's messenger that names the people it knows, as
// Slack's cached users.info and Discord's member lookup do.
type namingDMs struct {
	dms
	names map[string]string
}

func (n *namingDMs) DisplayName(_ context.Context, _ bot.Scope, user string) string {
	return n.names[user]
}

// Where mentions don't render (button labels, an export file), people are
// named: by the platform's name when it has one, else in neutral words,
// never by a bare id: a lead who never joined is "Lena's mentees" or "A
// lead's mentees" on the team button, and an export reads "Lena made you
// Lena's mentee.", not "UL9 made you UL9's mentee.".
func TestNoBareIDsWhereMentionsDontRender(t *testing.T) {
	for _, tc := range []struct {
		names       map[string]string
		label, made string
	}{
		{map[string]string{"UL9": "Lena"}, "Lena's mentees", "Lena made you Lena's mentee."},
		{nil, "A lead's mentees", "Someone made you a lead's mentee."},
	} {
		b, sc := clockBot(t, "names", bot.Config{Admins: []string{"UBOSS"}})
		b.SetMessengers(map[string]bot.Messenger{"test": &namingDMs{dms: dms{got: map[string][]string{}}, names: tc.names}})
		say := func(user, line string) bot.Message {
			return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
		}
		say("UBOSS", "leads add <@UL9>")
		say("UANN", "join")
		say("UL9", "assign <@UANN>")
		team := say("UBOSS", "team")
		var labels []string
		for _, bt := range team.Buttons {
			if strings.HasPrefix(bt.Command, "mentees ") {
				labels = append(labels, bt.Label)
			}
		}
		if len(labels) != 1 || labels[0] != tc.label {
			t.Errorf("names %v: team's drill-down buttons %q, want %q", tc.names, labels, tc.label)
		}
		var doc struct {
			Events []struct{ Summary string } `json:"events"`
		}
		if err := json.Unmarshal(say("UANN", "export").File.Data, &doc); err != nil {
			t.Fatal(err)
		}
		var summaries []string
		for _, e := range doc.Events {
			summaries = append(summaries, e.Summary)
			if strings.Contains(e.Summary, "UL9") {
				t.Errorf("names %v: export summary %q shows a bare id", tc.names, e.Summary)
			}
		}
		if !strings.Contains(strings.Join(summaries, "\n"), tc.made) {
			t.Errorf("names %v: export summaries %q, want %q", tc.names, summaries, tc.made)
		}
	}
}

// Unmentioned shows a mention that can't render as the name it carries,
// else "@someone"; channel mentions and other text stay.
func TestUnmentioned(t *testing.T) {
	for in, want := range map[string]string{
		"<@U1A>'s mentees":                "@someone's mentees",
		"✉️ <@!100000000000000001>":       "✉️ @someone",
		"<@U1|ann> and <#C1>":             "@ann and <#C1>",
		"a < b, ann@example.com":          "a < b, ann@example.com",
		"Remove <@U2B> as a lead? <@U3C>": "Remove @someone as a lead? @someone",
	} {
		if got := bot.Unmentioned(in); got != want {
			t.Errorf("Unmentioned(%q) = %q, want %q", in, got, want)
		}
	}
}
