package bot

import (
	"context"
	"strings"
)

// Choice is one autocomplete suggestion.
type Choice struct {
	Name  string // shown to the person
	Value string // put into the command
}

// MaxChoices is the most suggestions Complete returns (Discord's limit).
const MaxChoices = 25

// Complete suggests values for an argument of the given kind that start
// with or contain prefix, for platforms with autocomplete.
func (b *Bot) Complete(ctx context.Context, kind ArgKind, prefix string) []Choice {
	p := strings.ToLower(strings.TrimSpace(prefix))
	var first, rest []Choice
	add := func(id, name string) {
		c := Choice{Name: name + " (" + id + ")", Value: id}
		lid, lname := strings.ToLower(id), strings.ToLower(name)
		switch {
		case strings.HasPrefix(lid, p) || strings.HasPrefix(lname, p):
			first = append(first, c)
		case strings.Contains(lid, p) || strings.Contains(lname, p):
			rest = append(rest, c)
		}
	}
	rm := b.rm
	if kind == ArgStage || kind == ArgLevel {
		for _, s := range rm.Stages {
			add(s.ID, s.Title)
		}
	}
	if kind == ArgTrack || kind == ArgLevel {
		for _, t := range rm.Tracks {
			add(t.ID, t.Title)
		}
	}
	if kind == ArgSkill {
		for _, s := range rm.Stages {
			for _, sk := range s.Skills {
				add(sk.ID, sk.Name)
			}
		}
		for _, t := range rm.Tracks {
			for _, sk := range t.Skills {
				add(sk.ID, sk.Name)
			}
		}
	}
	out := append(first, rest...)
	return out[:min(len(out), MaxChoices)]
}
