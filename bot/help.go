package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mentorbot/mentorbot/roadmap"
)

// help lists the commands, or explains one, from the command table.
func (c *call) help(ctx context.Context) (Message, error) {
	if v, ok := c.args["command"]; ok {
		cmd, path := v.Command, v.Raw
		text := cmd.Summary + "\n\nUsage: `/mentor " + strings.TrimSpace(path+" "+cmd.Usage()) + "`"
		if len(cmd.Subs) > 0 {
			for _, s := range cmd.Subs {
				text += "\n• `" + strings.TrimSpace(s.Name+" "+s.Usage()) + "` — " + s.Summary
			}
		}
		if ex := cmd.AllExamples(); len(ex) > 0 {
			text += "\nExamples:"
			for _, e := range ex {
				text += "\n• `/mentor " + e + "`"
			}
		}
		return Message{Title: "/mentor " + path, Text: text, Private: true}, nil
	}
	var b strings.Builder
	for _, cmd := range c.b.commands {
		fmt.Fprintf(&b, "• `/mentor %s` — %s\n", strings.TrimSpace(cmd.Name+" "+cmd.Usage()), cmd.Summary)
	}
	msg := Message{
		Title:   "mentorbot: your backend career mentor",
		Text:    strings.TrimRight(b.String(), "\n"),
		Footer:  "Ask me anything in a DM, e.g. \"how do I get better at SQL performance?\" · `/mentor help <command>` for examples",
		Private: true,
		Buttons: c.b.startButtons(ctx, c.req),
	}
	return msg, nil
}

// roadmap shows the whole roadmap or one stage or track.
func (c *call) roadmap(ctx context.Context) (Message, error) {
	rm := c.b.rm
	if v, ok := c.args["level"]; ok {
		return levelMessage(v.Level), nil
	}
	var b strings.Builder
	for i, st := range rm.Stages {
		fmt.Fprintf(&b, "%d. *%s* (`%s`) — %s\n", i+1, st.Title, st.ID, firstSentence(st.Summary))
	}
	if len(rm.Tracks) > 0 {
		b.WriteString("\n*Specializations*\n")
		for _, tr := range rm.Tracks {
			fmt.Fprintf(&b, "• *%s* (`%s`, from %s) — %s\n", tr.Title, tr.ID, c.b.stageTitle(tr.From), firstSentence(tr.Summary))
		}
	}
	msg := Message{Title: rm.Name + " roadmap", Text: strings.TrimRight(b.String(), "\n"),
		Footer: "`/mentor roadmap <stage or track>` for details"}
	for _, st := range rm.Stages {
		msg.Buttons = append(msg.Buttons, Button{Label: st.Title, Command: "roadmap " + st.ID})
	}
	return msg, nil
}

func levelMessage(lv *roadmap.Level) Message {
	var skills []string
	for _, s := range lv.Skills {
		skills = append(skills, "• "+s.Name+" (`"+s.ID+"`)")
	}
	msg := Message{Title: lv.Title, Text: lv.Summary, Fields: []Field{
		{Name: "What changes", Value: lv.Changes},
		{Name: "Skills", Value: strings.Join(skills, "\n")},
		{Name: "Ready for the next step when", Value: lv.Ready},
	}}
	msg.Fields = slices.DeleteFunc(msg.Fields, func(f Field) bool { return f.Value == "" })
	return msg
}

// MarkdownTable is the command table as the README shows it: one row per
// command with its usage, who may run it, and its summary. A test keeps
// the README's copy equal to it.
func MarkdownTable(cmds []Command) string {
	var b strings.Builder
	b.WriteString("| command | who | what |\n|---|---|---|\n")
	for _, c := range cmds {
		line := strings.TrimSpace(c.Name + " " + c.Usage())
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", strings.ReplaceAll(line, "|", `\|`), c.Perm.Who(), c.Summary)
	}
	return b.String()
}

// startButtons are where someone can go from help or a greeting: Join
// for who hasn't joined, their progress and next step for who has. When
// the store can't say, they offer Join (harmless: it answers a member
// with where they are).
func (b *Bot) startButtons(ctx context.Context, req Request) []Button {
	if ms, err := b.store.Load(ctx, req.Scope, req.User); err == nil && ms[0].HasJoined() {
		return []Button{{Label: "My progress", Command: "progress", Style: "primary"}, {Label: "What next", Command: "next"}, {Label: "Roadmap", Command: "roadmap"}}
	}
	return []Button{{Label: "Join", Command: "join", Style: "primary"}, {Label: "Roadmap", Command: "roadmap"}}
}
