package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// exportDoc is what `export` hands a member: everything kept about them.
type exportDoc struct {
	Scope    string                `json:"scope"`
	ID       string                `json:"id"`
	Name     string                `json:"name,omitempty"`
	Stage    string                `json:"stage"`
	Track    string                `json:"track,omitempty"`
	Lead     string                `json:"lead,omitempty"`
	Joined   time.Time             `json:"joined"`
	Active   time.Time             `json:"last_active"`
	Progress time.Time             `json:"last_progress,omitzero"`
	Nudges   NudgeSettings         `json:"nudges"`
	Delivery NudgeState            `json:"nudge_state"`
	Skills   map[string]SkillState `json:"skills"`
	Events   []Event               `json:"events"`
}

// export gives the caller all their data as JSON.
func (c *call) export(ctx context.Context) (Message, error) {
	m := c.me
	evs, err := c.b.store.Events(ctx, c.req.Scope, m.ID, 1000)
	if err != nil {
		return Message{}, err
	}
	doc := exportDoc{Scope: c.req.Scope.String(), ID: m.ID, Name: m.Name, Stage: m.Stage, Track: m.Track,
		Lead: m.Lead, Joined: m.Joined, Active: m.LastActive, Progress: m.LastProgress,
		Nudges: m.Nudges, Delivery: m.NudgeState, Skills: m.Skills, Events: evs}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return Message{}, fmt.Errorf("export %s: %w", m.ID, err)
	}
	return Message{Title: "Your data", Private: true,
		Text: fmt.Sprintf("Everything I keep about you: your profile, %s and %s.",
			plural(len(m.Skills), "skill status", "skill statuses"), plural(len(evs), "event", "events")),
		File: &File{Name: "mentorbot-export.json", Type: "application/json", Data: data}}, nil
}

// forget deletes the caller's data once they confirm.
func (c *call) forget(ctx context.Context) (Message, error) {
	if c.args["confirm"].Choice != "confirm" {
		return Message{Title: "Delete your data?", Private: true,
			Text: "This deletes your profile, progress, nudge settings and history for good, and removes you from your lead's list. It can't be undone.",
			Buttons: []Button{
				{Label: "Yes, forget me", Command: "forget confirm", Style: "danger"},
				{Label: "Export first", Command: "export"},
			}}, nil
	}
	if err := c.load(ctx); err != nil {
		return Message{}, err
	}
	if c.me == nil {
		return Message{Text: "I have no data about you.", Private: true}, nil
	}
	w := Write{Forget: []string{c.me.ID}}
	if c.me.Lead != "" {
		// The lead keeps a note that their mentee left; nothing else remains.
		w.Events = []Event{{At: c.now, Member: c.me.Lead, Actor: c.me.ID, Kind: EventForget}}
	}
	if err := c.b.store.Apply(ctx, c.req.Scope, w); err != nil {
		return Message{}, err
	}
	c.b.log.InfoContext(ctx, "member forgotten", "scope", c.req.Scope.String(), "member", c.me.ID)
	return Message{Text: "Done: I've deleted everything I had about you. `/mentor join` starts afresh.", Private: true}, nil
}
