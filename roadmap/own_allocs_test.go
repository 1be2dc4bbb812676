package roadmap

import (
	"slices"
	"testing"
)

// A skill named by its id (a button, an example, most `done`s) is found
// at the cost of listing the level and normalizing the name, without the
// level being sorted into track and stage first.
func TestFindSkillForIDAllocatesLittle(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	refs := r.LevelSkills("junior", "")
	id := refs[len(refs)-1].Skill.ID
	if ref, _, ok := r.FindSkillFor(id, "junior", ""); !ok || ref.Skill.ID != id {
		t.Fatalf("FindSkillFor(%s) = %v, %v", id, ref.Skill, ok)
	}
	level := testing.AllocsPerRun(100, func() { r.LevelSkills("junior", "") })
	got := testing.AllocsPerRun(100, func() { r.FindSkillFor(id, "junior", "") })
	if got > level+1 {
		t.Errorf("FindSkillFor(%s) makes %v allocations, want at most %v (the level's and the name's)", id, got, level+1)
	}
}

// TestLevelSkillsKept checks that the level lists kept by the index are
// what building them gives, for every stage with no track, each track
// (open at that stage or not) and an unknown one, and that asking for
// one allocates nothing.
func TestLevelSkillsKept(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tracks := []string{"", "no-such-track"}
	for _, tr := range r.Tracks {
		tracks = append(tracks, tr.ID)
	}
	for _, st := range append(r.Stages, Stage{Level: Level{ID: "no-such-stage"}}) {
		for _, tr := range tracks {
			got, want := r.LevelSkills(st.ID, tr), r.levelSkills(st.ID, tr)
			if !slices.Equal(got, want) {
				t.Errorf("LevelSkills(%q, %q) = %d skills, want %d", st.ID, tr, len(got), len(want))
			}
			if cap(got) != len(got) {
				t.Errorf("LevelSkills(%q, %q) has room to append: a caller's append would write into the kept list", st.ID, tr)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { r.LevelSkills("mid", "dba") }); n != 0 {
		t.Errorf("LevelSkills allocates %v times, want 0", n)
	}
}
