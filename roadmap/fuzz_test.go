package roadmap

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that every failure is a
// *ValidationError with at least one problem, and that the lookups work on
// whatever Parse accepts.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rm, err := Parse(data, "fuzz.yaml")
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 || rm != nil {
				t.Fatalf("Parse failed without problems: %v (%T), roadmap %v", err, err, rm)
			}
			return
		}
		for _, s := range rm.Stages {
			rm.NextStage(s.ID)
			for _, tr := range rm.TracksAt(s.ID) {
				rm.LevelSkills(s.ID, tr.ID)
			}
			for _, sk := range s.Skills {
				if ref, _, ok := rm.FindSkill(sk.ID); !ok || ref.Skill.ID != sk.ID {
					t.Fatalf("FindSkill(%q) = %v, %v", sk.ID, ref.Skill, ok)
				}
			}
		}
		rm.FindSkill(string(data))
		rm.Unknown([]string{string(data)})
	})
}

// FuzzAnswer checks that no question makes the answerer panic and that
// every answer is of a known kind, confident only with a section.
func FuzzAnswer(f *testing.F) {
	for _, q := range []string{"how do I become a DBA", "am I ready for senior?", "who is the lead singer of queen",
		"what salary should a mid dev ask for", "I like data more than writing endpoints, which path fits me?",
		"junior -> mid", "my junior's PR", "", "?!", "ñandú ünïcödé 95k"} {
		f.Add(q)
	}
	rm, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	ix := NewIndex(rm)
	f.Fuzz(func(t *testing.T, q string) {
		a := ix.AnswerFor(q, "mid", "api")
		if a.Kind > UncoveredAnswer {
			t.Fatalf("kind %d", a.Kind)
		}
		if a.Confident && a.Kind != NextAnswer && a.Stage+a.Track == "" {
			t.Fatalf("confident %v answer without a section: %+v", a.Kind, a.Section)
		}
		_ = a.Text()
		_ = a.Toward().Text()
	})
}
