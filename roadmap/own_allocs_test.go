package roadmap

import "testing"

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
