package bot

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mentorbot/mentorbot/roadmap"
)

// NudgePick is what one weekly nudge is made of, for the scheduler to
// record once it has gone out.
type NudgePick struct {
	// Nudge is the roadmap nudge chosen; its ID is empty when the member's
	// stage and track have no nudges (the message then only lists skills).
	Nudge roadmap.Nudge
	// Small is set when the nudge offers its smaller step, because the
	// member made no progress for IgnoredToStuck nudges in a row.
	Small bool
	// Skill is the skill the message's Done button marks done.
	Skill string
	// Rotation is NudgeState.Sent after this nudge.
	Rotation []string
}

// NextIgnored returns NudgeState.Ignored as the scheduler's completion
// records it once the next nudge goes out: one more when no progress
// followed the last nudge, back to zero when some did. storage's
// completion script keeps the same rule in Lua; a table test runs both.
func NextIgnored(m *Member) int {
	if !m.NudgeState.Last.IsZero() && m.LastProgress.Before(m.NudgeState.Last) {
		return m.NudgeState.Ignored + 1
	}
	return 0
}

// nudgePool returns the nudges of the member's stage and open track.
func (b *Bot) nudgePool(m *Member) []roadmap.Nudge {
	var pool []roadmap.Nudge
	for _, lv := range b.levels(m) {
		pool = append(pool, lv.Nudges...)
	}
	return pool
}

// pickNudge chooses the week's nudge: the first of the pool not yet sent in
// this rotation, preferring those whose skill is still open. When the pool
// is used up a new rotation starts, never with the nudge just sent.
func (b *Bot) pickNudge(m *Member) (roadmap.Nudge, []string) {
	pool := b.nudgePool(m)
	if len(pool) == 0 {
		return roadmap.Nudge{}, nil
	}
	inPool := func(id string) bool {
		return slices.ContainsFunc(pool, func(n roadmap.Nudge) bool { return n.ID == id })
	}
	// Ids of another stage or track, or of a changed roadmap, are dropped
	// so the rotation stays within the current pool.
	sent := slices.DeleteFunc(slices.Clone(m.NudgeState.Sent), func(id string) bool { return !inPool(id) })
	last := ""
	if len(m.NudgeState.Sent) > 0 {
		last = m.NudgeState.Sent[len(m.NudgeState.Sent)-1]
	}
	fresh := func(n roadmap.Nudge) bool { return !slices.Contains(sent, n.ID) }
	if !slices.ContainsFunc(pool, fresh) {
		sent = nil
		fresh = func(n roadmap.Nudge) bool { return n.ID != last || len(pool) == 1 }
	}
	// The week's nudge follows what the member is learning now: one of a
	// skill they started comes first (the latest started first), a fresh
	// one before one sent already, and the same one again only when it is
	// the only skill they are on (NudgeFor words it as a new way in).
	var on []int
	for i, n := range pool {
		if n.Skill != "" && m.Skills[n.Skill].Status == Learning {
			on = append(on, i)
		}
	}
	slices.SortStableFunc(on, func(i, j int) int { return m.Skills[pool[j].Skill].At.Compare(m.Skills[pool[i].Skill].At) })
	for _, ok := range []func(roadmap.Nudge) bool{fresh, func(n roadmap.Nudge) bool { return n.ID != last }, func(roadmap.Nudge) bool { return true }} {
		for _, i := range on {
			if ok(pool[i]) {
				// Last in the rotation: the rotation records which came last.
				return pool[i], append(slices.DeleteFunc(sent, func(id string) bool { return id == pool[i].ID }), pool[i].ID)
			}
		}
	}
	open := func(n roadmap.Nudge) bool {
		st := m.Skills[n.Skill].Status
		return n.Skill == "" || (st != Done && st != Skipped)
	}
	i := slices.IndexFunc(pool, func(n roadmap.Nudge) bool { return fresh(n) && open(n) })
	if i < 0 {
		i = slices.IndexFunc(pool, fresh)
	}
	return pool[i], append(sent, pool[i].ID)
}

// NudgeFor builds the week's nudge DM for m and says what to record once
// it has gone out. It does not change m.
func (b *Bot) NudgeFor(m *Member) (Message, NudgePick) {
	nd, rotation := b.pickNudge(m)
	p := NudgePick{Nudge: nd, Rotation: rotation, Small: NextIgnored(m) >= IgnoredToStuck && nd.Small != ""}
	msg := Message{Title: "Your nudge for this week"}
	switch again := b.stillOn(m, nd); {
	case p.Small:
		msg.Text = "It's been a busy few weeks, so here's a smaller step: " + nd.Small
	case again != "":
		msg.Text = again
	case nd.Text != "":
		msg.Text = nd.Text
	}
	b.nudgeBody(&msg, m, &p)
	if EasedOff(m) {
		msg.Title = "Your nudge for the next 4 weeks"
		msg.Text = easedOffText(m) + "\n\n" + msg.Text
		msg.Footer = "Nudge every 4 weeks · " + b.levelTitle(m)
	}
	return msg, p
}

// stillOn words the nudge of a skill the member is still learning a week
// after the last nudge was already that one: one of the skill's tasks,
// another each week, rather than the same text again. It is "" otherwise.
func (b *Bot) stillOn(m *Member, nd roadmap.Nudge) string {
	s := m.NudgeState.Sent
	if nd.Skill == "" || len(s) == 0 || s[len(s)-1] != nd.ID || m.Skills[nd.Skill].Status != Learning {
		return ""
	}
	ref, ok := b.rm.Skill(nd.Skill)
	if !ok || len(ref.Skill.Tasks) == 0 {
		return ""
	}
	// The week number of the last nudge turns the tasks over week by week.
	_, w, _ := strings.Cut(m.NudgeState.Week, "-W")
	n, _ := strconv.Atoi(w)
	return "Still on *" + ref.Skill.Name + "*? Another way in this week: " + ref.Skill.Tasks[n%len(ref.Skill.Tasks)]
}

// ReminderFor builds the snoozed reminder of the member's last nudge.
func (b *Bot) ReminderFor(m *Member) Message {
	var nd roadmap.Nudge
	if s := m.NudgeState.Sent; len(s) > 0 {
		i := slices.IndexFunc(b.nudgePool(m), func(n roadmap.Nudge) bool { return n.ID == s[len(s)-1] })
		if i >= 0 {
			nd = b.nudgePool(m)[i]
		}
	}
	msg := Message{Title: "Reminder: your nudge for this week", Text: nd.Text}
	p := NudgePick{Nudge: nd}
	b.nudgeBody(&msg, m, &p)
	// A reminder is snoozed once; offering it again would promise a
	// second reminder that never comes.
	msg.Buttons = slices.DeleteFunc(msg.Buttons, func(bt Button) bool { return bt.Command == "nudges snooze" })
	return msg
}

// nudgeBody adds the next skills, the Done button and the nudge controls.
func (b *Bot) nudgeBody(msg *Message, m *Member, p *NudgePick) {
	// A nudge about an open skill is this week's step: the message names
	// that skill and lists the others "After that", so that the task and
	// the list never disagree about what comes first (journey j5 finding
	// 8: a task for the skill being learned over a Next up of others).
	next := b.nextSkills(m, 3)
	heading := "*Next up*"
	if p.Nudge.Skill != "" {
		if st := m.Skills[p.Nudge.Skill].Status; st != Done && st != Skipped {
			p.Skill = p.Nudge.Skill
			next = slices.DeleteFunc(next, func(r roadmap.Ref) bool { return r.Skill.ID == p.Skill })
			heading = "*After that*"
			if ref, ok := b.rm.Skill(p.Skill); ok && msg.Text != "" && !strings.Contains(msg.Text, "*"+ref.Skill.Name+"*") {
				msg.Text = "This week: *" + ref.Skill.Name + "*\n" + msg.Text
			}
		}
	}
	next = next[:min(2, len(next))]
	if p.Skill == "" && len(next) > 0 {
		p.Skill = next[0].Skill.ID
	}
	if len(next) > 0 {
		lines := make([]string, len(next))
		for i, r := range next {
			lines[i] = "• " + r.Skill.Name + " — " + firstSentence(r.Skill.What)
		}
		if msg.Text != "" {
			msg.Text += "\n\n"
		}
		msg.Text += heading + "\n" + strings.Join(lines, "\n")
	}
	if msg.Text == "" {
		msg.Text = "You've covered every skill of " + b.levelTitle(m) + ". `/mentor next` shows where to go from here."
	}
	if p.Skill != "" {
		name := p.Skill
		if ref, ok := b.rm.Skill(p.Skill); ok {
			name = ref.Skill.Name
		}
		msg.Buttons = append(msg.Buttons, Button{Label: "Done: " + name, Command: "done " + p.Skill, Style: "primary"})
	}
	msg.Buttons = append(msg.Buttons,
		Button{Label: "Snooze 1 day", Command: "nudges snooze"},
		Button{Label: "Skip this week", Command: "nudges skip"},
		Button{Label: "Stop nudges", Command: "nudges off", Style: "danger"})
	msg.Footer = "Weekly nudge · " + b.levelTitle(m)
}
