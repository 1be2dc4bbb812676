package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/roadmap"
)

func (c *call) first() string {
	if len(c.args) == 0 {
		return ""
	}
	return c.args[0]
}

// stageArg resolves a stage by id or title.
func (c *call) stageArg(s string) (*roadmap.Stage, error) {
	s = strings.ToLower(s)
	if st, ok := c.b.rm.Stage(s); ok {
		return st, nil
	}
	var ids []string
	for i := range c.b.rm.Stages {
		st := &c.b.rm.Stages[i]
		if strings.EqualFold(st.Title, s) || strings.HasPrefix(strings.ToLower(st.Title), s) && s != "" {
			return st, nil
		}
		ids = append(ids, st.ID)
	}
	if s == "" {
		return nil, sorry("Name a stage: %s.", quoteList(ids))
	}
	return nil, sorry("There's no stage %q. Stages: %s.", s, quoteList(ids))
}

// skillArg resolves the skill named by the arguments. When it can't, it
// returns a reply with "did you mean" buttons instead.
func (c *call) skillArg() (roadmap.Ref, Message, bool) {
	name := c.rest
	if name == "" {
		return roadmap.Ref{}, Message{Text: fmt.Sprintf("Which skill? Try `/mentor %s git`, or `/mentor skills` to see them.", c.cmd.Name), Private: true}, false
	}
	ref, sugg, ok := c.b.rm.FindSkill(name)
	if ok {
		return ref, Message{}, true
	}
	msg := Message{Text: fmt.Sprintf("I don't know a skill called %q.", name), Private: true}
	if len(sugg) > 0 {
		msg.Text += " Did you mean " + quoteList(sugg) + "?"
		for _, id := range sugg {
			label := id
			if r, ok := c.b.rm.Skill(id); ok {
				label = r.Skill.Name
			}
			msg.Buttons = append(msg.Buttons, Button{Label: label, Command: c.cmd.Name + " " + id})
		}
	} else {
		msg.Text += " See `/mentor skills` for yours."
	}
	return roadmap.Ref{}, msg, false
}

func (c *call) stageTitle(id string) string {
	if st, ok := c.b.rm.Stage(id); ok {
		return st.Title
	}
	if id == "" {
		return "—"
	}
	return id
}

func (c *call) trackTitle(id string) string {
	if tr, ok := c.b.rm.Track(id); ok {
		return tr.Title
	}
	if id == "" {
		return "—"
	}
	return id
}

func (c *call) levelTitle(m *Member) string {
	if m.Track != "" {
		return c.stageTitle(m.Stage) + " and the " + c.trackTitle(m.Track) + " track"
	}
	return c.stageTitle(m.Stage)
}

// trackOpen reports whether tr may be followed at stage.
func (c *call) trackOpen(tr *roadmap.Track, stage string) bool {
	return c.b.rm.StageIndex(stage) >= c.b.rm.StageIndex(tr.From)
}

// trackList names the tracks open at stage, or all when stage is empty.
func (c *call) trackList(stage string) string {
	var ids []string
	for _, tr := range c.b.rm.Tracks {
		if stage == "" || c.trackOpen(&tr, stage) {
			ids = append(ids, tr.ID)
		}
	}
	return quoteList(ids)
}

func display(m *Member) string {
	if m.Name != "" {
		return m.Name
	}
	return m.ID
}

// ago says how long ago t was, in words.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return "just now"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour", "hours") + " ago"
	case d < 48*time.Hour:
		return "yesterday"
	}
	return plural(int(d/(24*time.Hour)), "day", "days") + " ago"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// firstSentence keeps summaries short in lists.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
