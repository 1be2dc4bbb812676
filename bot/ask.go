package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/mentorbot/mentorbot/roadmap"
)

// asker answers free-text questions from the roadmap. The index is built
// once, when the bot starts, and only read afterwards.
type asker struct {
	ix   *roadmap.Index
	lang language
}

func newAsker(rm *roadmap.Roadmap) asker {
	return asker{ix: roadmap.NewIndex(rm), lang: newLanguage()}
}

// askCmd answers a question (`/mentor ask`, a DM or a mention) with the
// section of the roadmap that fits best, personalised when the asker is a
// member; when nothing fits well it says so and offers the closest sections.
func (c *call) askCmd(ctx context.Context) (Message, error) {
	q := c.args["question"].Raw
	if len(plainWords(q)) == 0 {
		return c.b.noWords(ctx, c.req), nil
	}
	if c.b.ask.lang.notEnglish(q) {
		return c.b.englishOnly(), nil
	}
	// The answer comes from the roadmap; the member only personalises it,
	// so a storage outage costs the personal touch, not the answer.
	if err := c.load(ctx); err != nil {
		c.b.log.WarnContext(ctx, "ask without member data", "scope", c.req.Scope.String(), "err", err)
		c.me = nil
	}
	m := c.me
	joined := m.HasJoined()
	var a roadmap.Answer
	if joined {
		a = c.b.ask.ix.AnswerFor(q, m.Stage, m.Track)
	} else {
		a = c.b.ask.ix.Answer(q)
	}
	a = a.Toward() // "am I ready for senior?" shows senior, with the mid stage's ready text
	switch a.Kind {
	case roadmap.NextAnswer:
		if joined {
			return c.next(ctx)
		}
		return c.joinFirst("What to learn next",
			"That depends on where you are. Join the roadmap at your stage and I'll suggest what to learn next from your own progress."), nil
	case roadmap.SkillAnswer, roadmap.LevelAnswer:
		if msg, ok := c.written(ctx, q, a, m); ok {
			return msg, nil
		}
		if a.Kind == roadmap.SkillAnswer {
			return c.skillAnswer(a, m), nil
		}
		return c.levelAnswer(a, m), nil
	case roadmap.UncoveredAnswer:
		return uncovered(a), nil
	}
	return notSure(a), nil
}

// englishOnly answers a question in another language: the roadmap and
// its answerer are English, so it says so and offers an example question
// (a button where the platform has them).
func (b *Bot) englishOnly() Message {
	ex := "how do I get better at SQL performance?"
	if cmd, ok := b.Command("ask"); ok && len(cmd.Examples) > 0 {
		ex = strings.TrimPrefix(cmd.Examples[0], "ask ")
	}
	return Message{Private: true,
		Text:    "I answer in English. Ask me in English, for example: “" + ex + "”",
		Buttons: []Button{{Label: "Ask: " + ex, Command: "ask " + ex}}}
}

// uncovered says plainly what the roadmap doesn't cover (salaries,
// visas) and points to what it does: the stage's expectations and ready text.
func uncovered(a roadmap.Answer) Message {
	msg := Message{Title: a.Title, Text: a.Text(), Private: true}
	for _, s := range a.Alternatives {
		msg.Buttons = append(msg.Buttons, sectionButton(s))
	}
	return msg
}

// noWords answers a question with no words in it ("🚀🚀🚀", "???"):
// searching the roadmap for nothing would offer three arbitrary
// sections, so it says what the bot does and where to start instead.
func (b *Bot) noWords(ctx context.Context, req Request) Message {
	return Message{Private: true,
		Text: "I didn't find any words in that to go on. " + roadmap.WhatIDo +
			" Ask me in words, such as \"how do I get better at SQL performance?\", or see what I can do with `/mentor help`.",
		Buttons: append([]Button{{Label: "Help", Command: "help"}}, b.startButtons(ctx, req)...)}
}

// notSure says plainly that nothing answers the question well and offers
// the closest sections as buttons.
func notSure(a roadmap.Answer) Message {
	msg := Message{Text: roadmap.NotSure + " Try other words, or pick one of the closest sections:", Private: true,
		Footer: "`/mentor roadmap` shows everything the roadmap covers."}
	if a.OffTopic {
		msg.Text = roadmap.NotSure + " " + roadmap.WhatIDo + " Pick a stage to see what it covers:"
	}
	if len(a.Alternatives) == 0 {
		msg.Text = roadmap.NotSure + " `/mentor roadmap` shows everything it covers."
		msg.Footer = ""
	}
	for _, s := range a.Alternatives {
		msg.Buttons = append(msg.Buttons, sectionButton(s))
	}
	return msg
}

// sectionButton opens a section: a stage or track with `roadmap`, a skill
// by asking about it by name.
func sectionButton(s roadmap.Section) Button {
	if s.Skill == "" {
		return Button{Label: s.Title, Command: "roadmap " + s.Stage + s.Track}
	}
	return Button{Label: s.Title, Command: "ask " + s.Title}
}

// skillAnswer explains a skill: what it is, why it matters at its level,
// how to practise it and one next step, with the member's status on it.
func (c *call) skillAnswer(a roadmap.Answer, m *Member) Message {
	s := a.Item
	var b strings.Builder
	if m.HasJoined() {
		switch m.Skills[s.ID].Status {
		case Done:
			b.WriteString("✅ You've marked this done already; here it is for review.\n\n")
		case Learning:
			b.WriteString("📖 You're learning this now.\n\n")
		case Skipped:
			b.WriteString("⏭ You skipped this one.\n\n")
		}
		if !c.b.inLevel(m, s.ID) {
			fmt.Fprintf(&b, "_This belongs to %s, not to your current stage or track._\n\n", a.Level.Title)
		}
	}
	fmt.Fprintf(&b, "*What it is*\n%s\n\n*Why it matters at %s*\n%s", s.What, a.Level.Title, s.Why)
	if len(s.Tasks) > 0 {
		b.WriteString("\n\n*How to practise*\n• " + strings.Join(s.Tasks, "\n• "))
	}
	if step := a.NextStep(); step != "" {
		b.WriteString("\n\n*Next step*\n" + step)
	}
	if len(s.Resources) > 0 {
		r := s.Resources[0]
		b.WriteString("\n\n📚 " + strings.TrimSpace(r.Title+" "+r.URL))
	}
	msg := Message{Title: s.Name, Text: b.String(), Private: true, Footer: seeAlso(a),
		Buttons: c.skillButtons(s.ID, m)}
	return msg
}

// skillButtons are the next step on a skill for the asker: join, start or
// mark it done.
func (c *call) skillButtons(id string, m *Member) []Button {
	switch st := m.statusOf(id); {
	case !m.HasJoined():
		return []Button{{Label: "Join the roadmap", Command: "join", Style: "primary"}}
	case st == Learning:
		return []Button{{Label: "Mark done", Command: "done " + id, Style: "primary"}}
	case st != Done:
		return []Button{{Label: "Start learning it", Command: "start " + id, Style: "primary"},
			{Label: "Already know it", Command: "done " + id}}
	}
	return nil
}

// levelAnswer explains a stage or track: what it is, what changes, when
// one is ready, and a next step; for a member, how far they are.
func (c *call) levelAnswer(a roadmap.Answer, m *Member) Message {
	lv := a.Level
	var b strings.Builder
	b.WriteString(lv.Summary)
	if lv.Changes != "" {
		b.WriteString("\n\n*What changes*\n" + lv.Changes)
	}
	switch {
	case a.Prev != nil && a.Prev.Ready != "":
		b.WriteString("\n\n*You're ready for it when*\n" + a.Prev.Ready)
	case lv.Ready != "":
		b.WriteString("\n\n*Ready for the next step when*\n" + lv.Ready)
	}
	if step := a.NextStep(); step != "" {
		b.WriteString("\n\n*Next step*\n" + step)
	}
	msg := Message{Title: lv.Title, Private: true, Footer: seeAlso(a)}
	id := a.Stage + a.Track
	msg.Buttons = []Button{{Label: "All of " + lv.Title, Command: "roadmap " + id}}
	switch {
	case !m.HasJoined():
		if a.Stage != "" {
			msg.Buttons = append(msg.Buttons, Button{Label: "Join at " + lv.Title, Command: "join " + a.Stage, Style: "primary"})
		}
	case a.Stage != "" && a.Stage == m.Stage || a.Track != "" && a.Track == m.Track || a.Prev != nil && a.Prev.ID == m.Stage:
		// The member's own level, or the one after it: show how far they are.
		fmt.Fprintf(&b, "\n\n*Where you are*\nYou're at %s.", c.b.levelTitle(m))
		msg.Progress = c.b.bars(m)
		if a.Prev != nil && a.Prev.ID == m.Stage {
			msg.Buttons = append(msg.Buttons, Button{Label: "Move to " + lv.Title, Command: "stage " + a.Stage})
		}
	case a.Track != "":
		if tr, ok := c.b.rm.Track(a.Track); ok && c.b.trackOpen(tr, m.Stage) {
			msg.Buttons = append(msg.Buttons, Button{Label: "Choose " + lv.Title, Command: "track " + a.Track})
		} else if ok {
			fmt.Fprintf(&b, "\n\n_This track opens at %s; you're at %s._", c.b.stageTitle(tr.From), c.b.stageTitle(m.Stage))
		}
	}
	msg.Text = b.String()
	return msg
}

// joinFirst invites someone who hasn't joined to pick their stage.
func (c *call) joinFirst(title, text string) Message {
	msg := Message{Title: title, Text: text, Private: true}
	for _, s := range c.b.rm.Stages {
		msg.Buttons = append(msg.Buttons, Button{Label: "Join at " + s.Title, Command: "join " + s.ID})
	}
	return msg
}

// seeAlso names the next best sections, so a near miss is one step away.
func seeAlso(a roadmap.Answer) string {
	var titles []string
	for _, s := range a.Alternatives {
		if len(titles) == 2 {
			break
		}
		titles = append(titles, s.Title)
	}
	if len(titles) == 0 {
		return ""
	}
	return "See also: " + strings.Join(titles, " · ")
}
