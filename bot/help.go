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
	if name := strings.ToLower(c.first()); name != "" {
		cmd, ok := c.b.Command(name)
		if !ok {
			return Message{}, sorry("There's no command %q. See `/mentor help`.", name)
		}
		text := cmd.Summary + "\n\nUsage: `/mentor " + strings.TrimSpace(cmd.Name+" "+cmd.Usage) + "`"
		if len(cmd.Examples) > 0 {
			text += "\nExamples:"
			for _, e := range cmd.Examples {
				text += "\n• `/mentor " + e + "`"
			}
		}
		return Message{Title: "/mentor " + cmd.Name, Text: text, Private: true}, nil
	}
	var b strings.Builder
	for _, cmd := range c.b.commands {
		fmt.Fprintf(&b, "• `/mentor %s` — %s\n", strings.TrimSpace(cmd.Name+" "+cmd.Usage), cmd.Summary)
	}
	return Message{
		Title:   "mentorbot: your backend career mentor",
		Text:    strings.TrimRight(b.String(), "\n"),
		Footer:  "Ask me anything in a DM, e.g. \"how do I get better at SQL performance?\" · `/mentor help <command>` for examples",
		Private: true,
		Buttons: []Button{{Label: "Join", Command: "join", Style: "primary"}, {Label: "Roadmap", Command: "roadmap"}},
	}, nil
}

// roadmap shows the whole roadmap or one stage or track.
func (c *call) roadmap(ctx context.Context) (Message, error) {
	rm := c.b.rm
	id := strings.ToLower(c.first())
	if id == "" {
		var b strings.Builder
		for i, st := range rm.Stages {
			fmt.Fprintf(&b, "%d. *%s* (`%s`) — %s\n", i+1, st.Title, st.ID, firstSentence(st.Summary))
		}
		if len(rm.Tracks) > 0 {
			b.WriteString("\n*Specializations*\n")
			for _, tr := range rm.Tracks {
				fmt.Fprintf(&b, "• *%s* (`%s`, from %s) — %s\n", tr.Title, tr.ID, c.stageTitle(tr.From), firstSentence(tr.Summary))
			}
		}
		msg := Message{Title: rm.Name + " roadmap", Text: strings.TrimRight(b.String(), "\n"),
			Footer: "`/mentor roadmap <stage or track>` for details"}
		for _, st := range rm.Stages {
			msg.Buttons = append(msg.Buttons, Button{Label: st.Title, Command: "roadmap " + st.ID})
		}
		return msg, nil
	}
	lv, ok := rm.Level(id)
	if !ok {
		var ids []string
		for _, st := range rm.Stages {
			ids = append(ids, st.ID)
		}
		for _, tr := range rm.Tracks {
			ids = append(ids, tr.ID)
		}
		msg := fmt.Sprintf("There's no stage or track %q.", id)
		if s := closest(id, ids, 2); len(s) > 0 {
			msg += " Did you mean " + quoteList(s) + "?"
		}
		return Message{}, sorry("%s Stages and tracks: %s.", msg, quoteList(ids))
	}
	return levelMessage(lv), nil
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
