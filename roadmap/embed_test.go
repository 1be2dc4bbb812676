package roadmap

import (
	"bytes"
	"testing"
)

func TestDefault(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatalf("default roadmap: %v", err)
	}
	levels := []struct {
		ids   []string
		level func(string) (*Level, bool)
	}{
		{[]string{"junior", "mid", "senior", "lead"}, func(id string) (*Level, bool) {
			s, ok := rm.Stage(id)
			if !ok {
				return nil, false
			}
			return &s.Level, true
		}},
		{[]string{"dba", "api", "devops", "generalist"}, func(id string) (*Level, bool) {
			tr, ok := rm.Track(id)
			if !ok {
				return nil, false
			}
			return &tr.Level, true
		}},
	}
	for _, group := range levels {
		for _, id := range group.ids {
			l, ok := group.level(id)
			if !ok {
				t.Errorf("default roadmap has no %q", id)
				continue
			}
			if len(l.Skills) < 8 || len(l.Nudges) < 8 {
				t.Errorf("%q has %d skills and %d nudges, want at least 8 of each", id, len(l.Skills), len(l.Nudges))
			}
		}
	}
	var stages []string
	for _, s := range rm.Stages {
		stages = append(stages, s.ID)
	}
	if got := len(stages); got != 4 || stages[0] != "junior" || stages[3] != "lead" {
		t.Errorf("default stages in order = %v, want junior mid senior lead", stages)
	}
}

func TestDefaultYAMLIsACopy(t *testing.T) {
	a := DefaultYAML()
	if len(a) == 0 {
		t.Fatal("DefaultYAML is empty")
	}
	a[0] ^= 0xff
	if bytes.Equal(a, DefaultYAML()) {
		t.Error("DefaultYAML shares its bytes with the caller")
	}
}
