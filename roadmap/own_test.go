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

// A close spelling of a skill outside the member's level is only offered:
// "done gti" by a mid-level member must not mark junior Git done unasked.
func TestFindSkillForSuggestsOtherLevels(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, stage, track, query, suggest string
	}{
		{"mid typo of junior git", "mid", "", "gti", "git"},
		{"dba typo of junior git", "mid", "dba", "gti", "git"},
		{"senior typo of junior git", "senior", "", "gti", "git"},
		// Without the track, a close spelling of senior Scalability's alias.
		{"mid no track typo", "mid", "", "replicaton", "scalability"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ref, sugg, ok := rm.FindSkillFor(tt.query, tt.stage, tt.track)
			if ok {
				t.Fatalf("FindSkillFor(%q, %s, %s) found %s; want only a suggestion", tt.query, tt.stage, tt.track, ref.Skill.ID)
			}
			if len(sugg) == 0 || sugg[0] != tt.suggest {
				t.Fatalf("FindSkillFor(%q, %s, %s) suggests %v, want %s first", tt.query, tt.stage, tt.track, sugg, tt.suggest)
			}
		})
	}
	// The member's own stage still takes a typo at once.
	if ref, _, ok := rm.FindSkillFor("gti", "junior", ""); !ok || ref.Skill.ID != "git" {
		t.Fatalf("junior's own gti = %v %v, want git", ref.Skill, ok)
	}
}

// A short name that is only close to a skill's ("tes": one letter from
// "tls") is offered, not taken, so `done tes` marks nothing; swapped
// neighbours keep every letter ("gti") and are taken (j3's finding).
func TestShortCloseNameIsOffered(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, want string
		found      bool
	}{
		{"tes", "", false},
		{"gti", "git", true},
		{"git", "git", true},
		{"sql", "sql-basics", true},
	} {
		ref, sugg, found := rm.FindSkillFor(tc.name, "junior", "")
		if found != tc.found || found && ref.Skill.ID != tc.want {
			t.Errorf("%q: %v %v %v, want found %v %s", tc.name, ref.Skill, sugg, found, tc.found, tc.want)
		}
		if !found && len(sugg) == 0 {
			t.Errorf("%q: no suggestion", tc.name)
		}
	}
}
