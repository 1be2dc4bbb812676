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
