package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/mentorbot/mentorbot/roadmap"
)

// join puts the caller on the roadmap.
func (c *call) join(ctx context.Context) (Message, error) {
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	rm := c.b.rm
	stage := rm.Stages[0].ID
	if v, ok := c.args["stage"]; ok {
		stage = v.Stage.ID
	}
	if c.me.HasJoined() {
		at := fmt.Sprintf("You're already on the roadmap at %s.", c.b.stageTitle(c.me.Stage))
		v, named := c.args["stage"]
		switch {
		case !named:
			return Message{}, invalid("%s Move with `/mentor stage <stage>`.", at)
		case v.Stage.ID == c.me.Stage:
			return Message{}, invalid("%s `/mentor skills` shows what it covers.", at)
		}
		// They named where they want to be: the move is one press away.
		to := c.b.stageTitle(v.Stage.ID)
		return Message{}, &Error{Code: CodeInvalid, Message: fmt.Sprintf("%s Move to %s with `/mentor stage %s`.", at, to, v.Stage.ID),
			Buttons: []Button{{Label: "Move to " + to, Command: "stage " + v.Stage.ID}}}
	}
	iv, invited := c.invitationOf(c.me)
	m := c.me
	tied := false // the nudge takes the digest time the lead set, if any
	if m == nil || m.Joined.IsZero() {
		// Never joined: a lead, or someone invited, keeps only their id,
		// and the digest time a lead chose becomes their nudge time.
		nudges := DefaultNudges(c.req.Zone)
		if m != nil && m.Nudges.Zone != "" {
			nudges = m.Nudges
			tied = true
		}
		m = &Member{ID: c.req.User, Joined: c.now, Nudges: nudges}
	}
	if c.req.Name != "" {
		m.Name = c.req.Name
	}
	m.Stage, m.LastActive = stage, c.now
	due := c.b.due(m, c.now)
	w := Write{Members: []*Member{m}, Schedule: []Due{due},
		Events: []Event{{At: c.now, Member: m.ID, Actor: m.ID, Kind: EventJoin, Detail: stage}}}
	note := ""
	switch {
	case invited && iv.Expired(c.now):
		l := lapse(iv, c.now)
		w.Links, w.Invites = l.Links, l.Invites
		w.Events = append(w.Events, l.Events...)
		w.Schedule = append(w.Schedule, l.Schedule...)
		note = fmt.Sprintf("\n\n%s's invitation lapsed on %s, so you have no lead; they can assign you again.",
			mention(iv.Lead), c.b.date(iv.At.Add(InviteFor), m))
	case invited:
		// Joining keeps the link: the record goes, the lead's log notes it.
		w.Invites = []Invite{{Mentee: m.ID, Lead: iv.Lead}}
		w.Events = append(w.Events, Event{At: c.now, Member: iv.Lead, Actor: m.ID, Kind: EventJoin, Detail: stage})
		note = fmt.Sprintf("\n\nYou're in %s's mentees, as they invited you: they see your progress. `/mentor lead leave` leaves them.", mention(iv.Lead))
	}
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	st, _ := rm.Stage(stage)
	when := c.b.nudgeWhen(m, due)
	if m.Nudges.Zone == "" && !m.Nudges.Off {
		// The platform said no zone (Discord never does; Slack when
		// users.info did not answer): the nudge comes at the default
		// zone's hour.
		note += fmt.Sprintf("\n\nI don't know your time zone, so that is %s, the default: `/mentor nudges time mon 09:00 Europe/Berlin` sets your day, time and zone.", c.b.Location("").String())
	}
	if when != "" && (tied || leads(c.me)) {
		// From now on the digest follows the nudge (DigestSettings).
		when += " (your lead digest comes at this time too: `/mentor nudges time` moves both)"
	}
	msg := Message{
		Title: "Welcome to the " + rm.Name + " roadmap",
		Text: fmt.Sprintf("You're starting at *%s*. %s\n\nI'll send you one small thing to do each week%s. "+
			"Try `/mentor skills` to see what this stage covers.%s", st.Title, st.Summary, when, note),
		Private: true,
	}
	c.suggest(&msg, m, 2)
	return msg, nil
}

// stage moves the caller to another stage.
func (c *call) stage(ctx context.Context) (Message, error) {
	st := c.args["stage"].Stage
	m := c.me
	if m.Stage == st.ID {
		return Message{}, invalid("You're already at %s.", st.Title)
	}
	m.Stage, m.LastActive = st.ID, c.now
	note := ""
	if tr, ok := c.b.rm.Track(m.Track); ok && !c.b.trackOpen(tr, st.ID) {
		note = fmt.Sprintf(" Your %s track opens again from %s.", tr.Title, c.b.stageTitle(tr.From))
		m.Track = ""
	}
	w := Write{Members: []*Member{m},
		Events: []Event{{At: c.now, Member: m.ID, Actor: m.ID, Kind: EventStage, Detail: st.ID}}}
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	msg := Message{Title: "Now at " + st.Title, Text: st.Summary + note, Private: true}
	if len(c.b.rm.TracksAt(st.ID)) > 0 && m.Track == "" {
		msg.Footer = "You can choose a specialization now: " + c.b.trackList(st.ID) + " (`/mentor track <track>`)."
	}
	msg.Progress = c.b.bars(m)
	c.suggest(&msg, m, 2)
	return msg, nil
}

// track sets the caller's specialization.
func (c *call) track(ctx context.Context) (Message, error) {
	tr := c.args["track"].Track
	m := c.me
	if !c.b.trackOpen(tr, m.Stage) {
		return Message{}, invalid("The %s track opens at %s. Move there first with `/mentor stage %s`.",
			tr.Title, c.b.stageTitle(tr.From), tr.From)
	}
	if m.Track == tr.ID {
		return Message{}, invalid("You're already on the %s track.", tr.Title)
	}
	m.Track, m.LastActive = tr.ID, c.now
	w := Write{Members: []*Member{m},
		Events: []Event{{At: c.now, Member: m.ID, Actor: m.ID, Kind: EventTrack, Detail: tr.ID}}}
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	msg := Message{Title: "Track: " + tr.Title, Text: tr.Summary, Private: true, Progress: c.b.bars(m)}
	c.suggest(&msg, m, 2)
	return msg, nil
}

// skills lists the caller's level with a status mark on each skill.
func (c *call) skills(ctx context.Context) (Message, error) {
	m := c.me
	var b strings.Builder
	for _, lv := range c.b.levels(m) {
		fmt.Fprintf(&b, "*%s*\n", lv.Title)
		for _, s := range lv.Skills {
			fmt.Fprintf(&b, "%s %s (`%s`)\n", mark(m.Skills[s.ID].Status), s.Name, s.ID)
		}
	}
	return Message{Title: "Your skills", Text: strings.TrimRight(b.String(), "\n"),
		Progress: c.b.bars(m), Footer: "✅ done · 📖 learning · ⏭ skipped · ▫️ not started", Private: true}, nil
}

func mark(s Status) string {
	switch s {
	case Done:
		return "✅"
	case Learning:
		return "📖"
	case Skipped:
		return "⏭"
	}
	return "▫️"
}

// setSkill returns a handler that sets the named skill's status.
func setSkill(st Status) func(*call, context.Context) (Message, error) {
	return func(c *call, ctx context.Context) (Message, error) {
		ref := c.args["skill"].Skill
		m := c.me
		if m.Skills[ref.Skill.ID].Status == st {
			return Message{Text: fmt.Sprintf("%s is already marked %s.", ref.Skill.Name, st), Private: true}, nil
		}
		if m.Skills == nil {
			m.Skills = map[string]SkillState{}
		}
		m.Skills[ref.Skill.ID] = SkillState{Status: st, At: c.now}
		m.LastActive = c.now
		if st != Skipped {
			// The scheduler's next completion resets NudgeState.Ignored from this.
			m.LastProgress = c.now
		}
		w := Write{Members: []*Member{m},
			Skills: []SkillWrite{{Member: m.ID, Skill: ref.Skill.ID, State: m.Skills[ref.Skill.ID]}},
			Events: []Event{{At: c.now, Member: m.ID, Actor: m.ID, Kind: EventKind(st), Skill: ref.Skill.ID}}}
		if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
			return Message{}, err
		}
		verb := map[Status]string{Learning: "📖 Started", Done: "✅ Done:", Skipped: "⏭ Skipped"}[st]
		out := Message{Text: fmt.Sprintf("%s *%s*.", verb, ref.Skill.Name), Progress: c.b.bars(m), Private: true}
		if !c.b.inLevel(m, ref.Skill.ID) {
			out.Text += " (It isn't part of your current stage or track, so it doesn't count towards it.)"
		}
		if st == Learning && len(ref.Skill.Tasks) > 0 {
			out.Text += "\nTo practise: " + ref.Skill.Tasks[0]
			out.Buttons = []Button{{Label: "Mark done", Command: "done " + ref.Skill.ID, Style: "primary"}}
			return out, nil
		}
		c.suggest(&out, m, 1)
		return out, nil
	}
}

// undo clears the caller's status on a skill.
func (c *call) undo(ctx context.Context) (Message, error) {
	ref := c.args["skill"].Skill
	m := c.me
	if _, had := m.Skills[ref.Skill.ID]; !had {
		return Message{}, invalid("You have no status on %s to undo.", ref.Skill.Name)
	}
	delete(m.Skills, ref.Skill.ID)
	m.LastActive = c.now
	w := Write{Members: []*Member{m}, Skills: []SkillWrite{{Member: m.ID, Skill: ref.Skill.ID}},
		Events: []Event{{At: c.now, Member: m.ID, Actor: m.ID, Kind: EventUndo, Skill: ref.Skill.ID}}}
	if err := c.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	return Message{Text: fmt.Sprintf("↩️ Cleared your status on *%s*.", ref.Skill.Name), Progress: c.b.bars(m), Private: true}, nil
}

// next suggests what to learn next.
func (c *call) next(ctx context.Context) (Message, error) {
	m := c.me
	msg := Message{Title: "What to learn next", Private: true}
	if !c.suggest(&msg, m, 3) {
		msg.Text = fmt.Sprintf("You've covered every skill of %s. ", c.b.levelTitle(m))
		if nx, ok := c.b.rm.NextStage(m.Stage); ok {
			msg.Text += "When you feel ready, move on: " + nx.Title + "."
			msg.Buttons = []Button{{Label: "Move to " + nx.Title, Command: "stage " + nx.ID, Style: "primary"}}
		} else {
			msg.Text += "That's the whole roadmap — time to help others along it."
		}
	}
	return msg, nil
}

// progress shows a member's full progress to them, their lead or an admin.
func (c *call) progress(ctx context.Context) (Message, error) {
	return c.progressOf(c.target, c.targetID != c.req.User), nil
}

func (c *call) progressOf(m *Member, other bool) Message {
	title := "Your progress"
	if other {
		title = "Progress of " + display(m)
	}
	msg := Message{Title: title, Private: true, Progress: c.b.bars(m)}
	msg.Fields = []Field{
		{Name: "Stage", Value: c.b.stageTitle(m.Stage), Inline: true},
		{Name: "Track", Value: c.b.trackTitle(m.Track), Inline: true},
		{Name: "Joined", Value: m.Joined.Format("2 Jan 2006"), Inline: true},
		{Name: "Last active", Value: ago(c.now, m.LastActive), Inline: true},
	}
	lead := "none"
	if m.Lead != "" {
		lead = mention(m.Lead)
		if !other {
			lead += " (`/mentor lead leave` to leave)"
		}
	}
	msg.Fields = append(msg.Fields, Field{Name: "Lead", Value: lead, Inline: true})
	var learning, done []string
	for _, r := range c.b.rm.LevelSkills(m.Stage, m.Track) {
		switch m.Skills[r.Skill.ID].Status {
		case Learning:
			learning = append(learning, r.Skill.Name)
		case Done:
			done = append(done, r.Skill.Name)
		}
	}
	if len(learning) > 0 {
		msg.Fields = append(msg.Fields, Field{Name: "Learning", Value: strings.Join(learning, ", ")})
	}
	if len(done) > 0 {
		msg.Fields = append(msg.Fields, Field{Name: "Done", Value: strings.Join(done, ", ")})
	}
	if gone := c.b.rm.Unknown(skillIDs(m)); len(gone) > 0 {
		msg.Footer = fmt.Sprintf("Not counted: %s no longer in the roadmap (%s).",
			plural(len(gone), "skill is", "skills are"), strings.Join(gone, ", "))
	}
	if !other {
		// The skills being learned are listed once, under Learning, with
		// a Done button each; Next up is what is not started yet.
		for _, r := range c.b.nextSkills(m, 2) {
			if m.Skills[r.Skill.ID].Status == Learning {
				msg.Buttons = append(msg.Buttons, Button{Label: "Done: " + r.Skill.Name, Command: "done " + r.Skill.ID, Style: "primary"})
			}
		}
		var next Message
		if fresh := c.b.freshSkills(m, 2); len(fresh) > 0 {
			c.suggestRefs(&next, m, fresh)
			msg.Fields = append(msg.Fields, Field{Name: "Next up", Value: strings.TrimPrefix(next.Text, "*Next up*\n")})
			msg.Buttons = append(msg.Buttons, next.Buttons...)
		}
	}
	return msg
}

// Home is a member's overview for a platform's home screen: progress, next
// skills and nudge settings, or a welcome with join buttons.
func (b *Bot) Home(ctx context.Context, req Request) Message {
	c := &call{b: b, req: req, now: b.clock.Now()}
	c.store = counted{c}
	if err := c.load(ctx); err != nil {
		return Message{Title: "mentorbot", Text: unavailableText}
	}
	if !c.me.HasJoined() {
		msg := Message{Title: "Welcome to mentorbot",
			Text: "I mentor you along the " + b.rm.Name + " roadmap: " + b.rm.Summary + "\n\nPick the stage you're at to start."}
		for _, s := range b.rm.Stages {
			msg.Buttons = append(msg.Buttons, Button{Label: "Join at " + s.Title, Command: "join " + s.ID})
		}
		return msg
	}
	msg := c.progressOf(c.me, false)
	msg.Title = "Your mentorbot"
	msg.Fields = append(msg.Fields, Field{Name: "Weekly nudge", Value: b.nudgeState(c.me, c.now)})
	return msg
}

// suggest appends up to n next skills with Start/Done buttons; it reports
// whether there was anything left to suggest.
func (c *call) suggest(msg *Message, m *Member, n int) bool {
	next := c.b.nextSkills(m, n)
	if len(next) == 0 {
		return false
	}
	c.suggestRefs(msg, m, next)
	return true
}

// suggestRefs appends the skills next as Next up, with Start/Done buttons.
func (c *call) suggestRefs(msg *Message, m *Member, next []roadmap.Ref) {
	var lines []string
	for _, r := range next {
		line := "• " + r.Skill.Name
		if what := firstSentence(r.Skill.What); what != "" {
			line += " — " + what
		}
		lines = append(lines, line)
		if m.Skills[r.Skill.ID].Status == Learning {
			msg.Buttons = append(msg.Buttons, Button{Label: "Done: " + r.Skill.Name, Command: "done " + r.Skill.ID, Style: "primary"})
		} else {
			msg.Buttons = append(msg.Buttons, Button{Label: "Start " + r.Skill.Name, Command: "start " + r.Skill.ID})
		}
	}
	if msg.Text != "" {
		msg.Text += "\n\n"
	}
	msg.Text += "*Next up*\n" + strings.Join(lines, "\n")
}
