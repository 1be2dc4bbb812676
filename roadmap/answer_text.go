package roadmap

import (
	"strings"
)

// NotSure is what the answerer says when no section scores well enough.
const NotSure = "I'm not sure which part of the roadmap answers that."

// WhatIDo follows NotSure for a question that is not about careers or
// software at all: a short pointer to what the bot answers.
const WhatIDo = "I answer questions about growing in your career along the roadmap: its stages, its specializations and the skills in them."

// NotCovered begins the reply to a career question that no section
// covers; the topic follows ("salaries and pay").
const NotCovered = "The roadmap doesn't cover "

// UncoveredText is the reply to an UncoveredAnswer without its pointer:
// what the roadmap doesn't cover and what it offers instead.
func (a Answer) UncoveredText() string {
	topic := a.Uncovered
	if topic == "" {
		topic = "that"
	}
	return NotCovered + topic + ": it is about the skills and the work at each stage. What it can give you, " +
		"also for that conversation with your lead, is what each stage expects and the signs that you are ready for the next one."
}

// NextStep is one concrete thing to do about the answer: the weekly nudge
// written for the skill, else its first task; for a stage or track, its
// first nudge. It is empty when the roadmap has none.
func (a Answer) NextStep() string {
	switch {
	case a.Item != nil && a.Level != nil:
		for _, n := range a.Level.Nudges {
			if n.Skill == a.Item.ID && n.Text != "" {
				return n.Text
			}
		}
		if len(a.Item.Tasks) > 0 {
			return a.Item.Tasks[0]
		}
	case a.Level != nil:
		if len(a.Level.Nudges) > 0 {
			return a.Level.Nudges[0].Text
		}
		if len(a.Level.Skills) > 0 && len(a.Level.Skills[0].Tasks) > 0 {
			return a.Level.Skills[0].Tasks[0]
		}
	}
	return ""
}

// Text renders the answer as plain text for a terminal: what the section
// is, why it matters at its level, how to practise, and one next step.
func (a Answer) Text() string {
	var b strings.Builder
	line := func(label, s string) {
		// Only the end is trimmed: a list starts on the line after its label.
		if s = strings.TrimRight(s, " \n"); strings.TrimSpace(s) != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			switch {
			case label == "":
			case strings.HasPrefix(s, "\n"):
				b.WriteString(label + ":")
			default:
				b.WriteString(label + ": ")
			}
			b.WriteString(s)
		}
	}
	switch a.Kind {
	case NoMatch:
		line("", NotSure)
		if a.OffTopic {
			line("", WhatIDo)
		}
		if len(a.Alternatives) > 0 {
			var alts []string
			for _, s := range a.Alternatives {
				alts = append(alts, "- "+s.Title)
			}
			line("The closest sections are", "\n"+strings.Join(alts, "\n"))
		}
	case NextAnswer:
		line("", "What to learn next depends on where you are on the roadmap. Join it in chat and I'll "+
			"answer from your own progress.")
		if a.Level != nil {
			line("Starting out? Begin with "+a.Level.Title, "\n"+bullets(skillNames(a.Level.Skills)))
		}
	case SkillAnswer:
		line("", a.Item.Name+" ("+a.Level.Title+")")
		line("What it is", a.Item.What)
		line("Why it matters at this level", a.Item.Why)
		if len(a.Item.Tasks) > 0 {
			line("How to practise", "\n"+bullets(a.Item.Tasks))
		}
		line("Next step", a.NextStep())
		if len(a.Item.Resources) > 0 {
			r := a.Item.Resources[0]
			line("Read", strings.TrimSpace(r.Title+" "+r.URL))
		}
	case UncoveredAnswer:
		line("", a.UncoveredText())
		if a.Level != nil {
			line(a.Level.Title+": ready for the next step when", a.Level.Ready)
		}
	case LevelAnswer:
		line("", a.Level.Title)
		line("", a.Level.Summary)
		line("What changes", a.Level.Changes)
		switch {
		case a.Prev != nil && a.Prev.Ready != "":
			line("Ready for it when", a.Prev.Ready)
		case a.Next != nil:
			line("Ready for "+a.Next.Title+" when", a.Level.Ready)
		default:
			line("Ready for the next step when", a.Level.Ready)
		}
		if len(a.Level.Skills) > 0 {
			line("Skills to practise", "\n"+bullets(skillNames(a.Level.Skills)))
		}
		line("Next step", a.NextStep())
	}
	return b.String()
}

func skillNames(ss []Skill) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return out
}

func bullets(lines []string) string {
	return "- " + strings.Join(lines, "\n- ")
}
