package bot

import (
	"context"

	"github.com/mentorbot/mentorbot/roadmap"
)

// asker answers free-text questions from the roadmap.
type asker struct{ rm *roadmap.Roadmap }

func newAsker(rm *roadmap.Roadmap) asker { return asker{rm: rm} }

// askCmd answers a question by naming the closest skill.
func (c *call) askCmd(ctx context.Context) (Message, error) {
	if c.rest == "" {
		return Message{}, sorry("Ask me something, e.g. `/mentor ask how do I get better at SQL performance?`")
	}
	ref, sugg, ok := c.b.rm.FindSkill(c.rest)
	if !ok {
		msg := Message{Text: "I'm not sure which part of the roadmap answers that.", Private: true}
		for _, id := range sugg {
			msg.Buttons = append(msg.Buttons, Button{Label: id, Command: "roadmap " + id})
		}
		return msg, nil
	}
	s := ref.Skill
	return Message{Title: s.Name, Text: s.What + "\n\n" + s.Why}, nil
}
