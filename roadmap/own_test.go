package roadmap

import "testing"

func TestFindSkillForOwnWins(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, stage, track, query, want string
	}{
		// The cases: a DBA's close spelling and a word of their
		// track's skill beat mid-level Scalability's aliases.
		{"dba typo", "mid", "dba", "replicaton", "dba-replication-ha"},
		{"dba word", "mid", "dba", "sharding", "dba-partitioning-sharding"},
		{"dba at senior typo", "senior", "dba", "replicaton", "dba-replication-ha"},
		{"dba at senior word", "senior", "dba", "sharding", "dba-partitioning-sharding"},
		// Without the track, the stage's alias holds as before.
		{"mid no track", "mid", "", "sharding", "scalability"},
		{"mid no track typo", "mid", "", "replicaton", "scalability"},
		// An exact name of the member's stage beats words of their track.
		{"stage name", "mid", "dba", "scalability", "scalability"},
		// Another stage's exact id is still found when nothing of theirs matches.
		{"other stage id", "junior", "", "scalability", "scalability"},
		{"exact id elsewhere", "mid", "dba", "git", "git"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ref, sugg, ok := rm.FindSkillFor(tt.query, tt.stage, tt.track)
			if !ok || ref.Skill.ID != tt.want {
				t.Fatalf("FindSkillFor(%q, %s, %s) = %v %v %v, want %s", tt.query, tt.stage, tt.track, ref.Skill, sugg, ok, tt.want)
			}
		})
	}
}

// Whatever FindSkill finds by exact id, FindSkillFor finds too, from
// every stage and track.
func TestFindSkillForKeepsIDs(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range rm.Stages {
		for _, tr := range append([]Track{{}}, rm.Tracks...) {
			for _, ref := range rm.index().refs {
				got, _, ok := rm.FindSkillFor(ref.Skill.ID, st.ID, tr.ID)
				if !ok || got.Skill.ID != ref.Skill.ID {
					t.Fatalf("at %s/%s, FindSkillFor(%s) = %v %v", st.ID, tr.ID, ref.Skill.ID, got.Skill, ok)
				}
			}
		}
	}
}
