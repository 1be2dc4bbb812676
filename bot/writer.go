package bot

import (
	"context"
	"time"

	"github.com/mentorbot/mentorbot/roadmap"
)

// Writer is an optional language model that writes the answer to a
// question in the asker's own terms, from the sections the offline
// answerer found (ASK_LLM_URL; package llm through cmd/mentorbot). It
// returns the section it chose — one of a's section, alternatives and
// overviews, never anything else — and the text. Any error means the
// offline answer is given.
type Writer interface {
	Write(ctx context.Context, question string, a roadmap.Answer, m *Member) (roadmap.Section, string, error)
}

// DefaultWriterTimeout bounds a Writer's call when Config.WriterTimeout is
// zero. Slack and Discord get their answer within their deadlines all the
// same: their adapters defer a slow reply and deliver it as a follow-up.
const DefaultWriterTimeout = 10 * time.Second

// written asks the Writer, when there is one, to answer a confident skill
// or level answer; ok false leaves the offline answer. Off-topic and
// "not sure" answers stay offline: the model may word an answer, never
// find one the roadmap's ranker did not.
func (c *call) written(ctx context.Context, q string, a roadmap.Answer, m *Member) (Message, bool) {
	w := c.b.writer
	if w == nil || !a.Confident || (a.Kind != roadmap.SkillAnswer && a.Kind != roadmap.LevelAnswer) {
		return Message{}, false
	}
	// The model has its own time, not what is left of a command's
	// storage deadline.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.b.writerTimeout)
	defer cancel()
	sec, text, err := w.Write(wctx, q, a, m)
	if err != nil || text == "" {
		if err != nil {
			c.b.log.InfoContext(ctx, "ask: offline answer given", "reason", err)
		}
		return Message{}, false
	}
	msg := Message{Title: c.b.sectionTitle(sec), Text: text, Private: true,
		Footer: "Written by a language model from the roadmap's " + c.b.sectionTitle(sec) + " section."}
	switch {
	case sec.Skill != "":
		msg.Buttons = c.skillButtons(sec.Skill, m)
	default:
		msg.Buttons = []Button{{Label: "All of " + msg.Title, Command: "roadmap " + sec.Stage + sec.Track}}
	}
	return msg, true
}

// sectionTitle is a section's name in the roadmap.
func (b *Bot) sectionTitle(s roadmap.Section) string {
	switch {
	case s.Skill != "":
		if r, ok := b.rm.Skill(s.Skill); ok {
			return r.Skill.Name
		}
		return s.Skill
	case s.Stage != "":
		return b.stageTitle(s.Stage)
	}
	return b.trackTitle(s.Track)
}

// statusOf is the member's status on a skill; none for nobody.
func (m *Member) statusOf(id string) Status {
	if m == nil {
		return ""
	}
	return m.Skills[id].Status
}
