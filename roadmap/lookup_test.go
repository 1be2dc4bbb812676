package roadmap

import (
	"reflect"
	"testing"
)

func loadMini(t *testing.T) *Roadmap {
	t.Helper()
	rm, err := Load("testdata/mini.yaml")
	if err != nil {
		t.Fatalf("load mini roadmap: %v", err)
	}
	return rm
}

func refIDs(refs []Ref) []string {
	var ids []string
	for _, r := range refs {
		ids = append(ids, r.Stage+r.Track+"/"+r.Skill.ID)
	}
	return ids
}

func TestMiniDecoded(t *testing.T) {
	rm := loadMini(t)
	git, ok := rm.Skill("git")
	if !ok || git.Stage != "junior" || git.Track != "" {
		t.Fatalf("Skill(git) = %+v, %v", git, ok)
	}
	s := git.Skill
	if s.Name != "Version control with Git" || s.Why == "" || len(s.Tasks) != 1 ||
		len(s.Resources) != 1 || s.Resources[0].URL != "https://git-scm.com/book" {
		t.Errorf("git skill decoded wrongly: %+v", s)
	}
	if got := rm.Synonyms["sql"]; !reflect.DeepEqual(got, []string{"postgres", "mysql"}) {
		t.Errorf("synonyms = %v", got)
	}
	if st, _ := rm.Stage("junior"); st.Nudges[0].Small != "Create a branch." {
		t.Errorf("nudge small = %q", st.Nudges[0].Small)
	}
}

func TestFindSkill(t *testing.T) {
	rm := loadMini(t)
	tests := []struct {
		query   string
		want    string   // matched skill id, "" for none
		suggest []string // suggestions when nothing matched
	}{
		{"git", "git", nil},
		{"GIT", "git", nil},
		{"  sql-basics ", "sql-basics", nil},
		{"vcs", "git", nil},                      // alias
		{"Unit-Tests", "testing", nil},           // alias, any case
		{"unit tests", "testing", nil},           // alias, spaces for hyphens
		{"caching_strategies", "caching", nil},   // name, underscores
		{"Version Control With Git", "git", nil}, // name
		{"replicaton", "replication", nil},       // typo
		{"obsrvability", "observability", nil},   // typo
		{"cachng", "caching", nil},               // typo
		{"sqlbasic", "sql-basics", nil},          // typo
		{"gti", "git", nil},                      // swapped letters
		{"*git*", "git", nil},                    // chat's bold
		{"~unit tests~", "testing", nil},         // chat's strike-through
		{"unit/tests", "testing", nil},           // a slash for a hyphen
		{"postgres", "", []string{"sql-basics"}}, // synonym of the alias "sql"
		{"database", "", []string{"replication"}},
		{"index", "", []string{"indexing"}},
		{"tes", "", []string{"testing"}},
		{"kubernetes", "", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			ref, sugg, ok := rm.FindSkill(tt.query)
			if tt.want != "" {
				if !ok || ref.Skill.ID != tt.want || sugg != nil {
					t.Fatalf("FindSkill(%q) = %v %v %v, want %s", tt.query, ref.Skill, sugg, ok, tt.want)
				}
				return
			}
			if ok {
				t.Fatalf("FindSkill(%q) matched %s, want no match", tt.query, ref.Skill.ID)
			}
			if !reflect.DeepEqual(sugg, tt.suggest) {
				t.Errorf("suggestions for %q = %v, want %v", tt.query, sugg, tt.suggest)
			}
		})
	}
}

func TestFindSkillSuggestsAtMostThree(t *testing.T) {
	rm := loadMini(t)
	_, sugg, ok := rm.FindSkill("i")
	if ok || len(sugg) > 3 {
		t.Fatalf("FindSkill(i) = %v %v", sugg, ok)
	}
	// "testing" and "tests" differ from "testx" by one edit each, but both
	// belong to one skill, so the match is still unique.
	if ref, _, ok := rm.FindSkill("testx"); !ok || ref.Skill.ID != "testing" {
		t.Errorf("FindSkill(testx) = %v %v", ref.Skill, ok)
	}
}

func TestLevels(t *testing.T) {
	rm := loadMini(t)
	if i := rm.StageIndex("mid"); i != 1 {
		t.Errorf("StageIndex(mid) = %d", i)
	}
	if i := rm.StageIndex("dba"); i != -1 {
		t.Errorf("StageIndex(dba) = %d", i)
	}
	if s, ok := rm.NextStage("junior"); !ok || s.ID != "mid" {
		t.Errorf("NextStage(junior) = %v %v", s, ok)
	}
	for _, id := range []string{"mid", "nope", ""} {
		if s, ok := rm.NextStage(id); ok {
			t.Errorf("NextStage(%q) = %v, want none", id, s.ID)
		}
	}
	if l, ok := rm.Level("dba"); !ok || l.Title != "Database specialist" {
		t.Errorf("Level(dba) = %v %v", l, ok)
	}
	if l, ok := rm.Level("junior"); !ok || l.ID != "junior" {
		t.Errorf("Level(junior) = %v %v", l, ok)
	}
	if _, ok := rm.Level("nope"); ok {
		t.Errorf("Level(nope) found")
	}
	if tr, ok := rm.Track("dba"); !ok || tr.From != "mid" {
		t.Errorf("Track(dba) = %v %v", tr, ok)
	}
	if _, ok := rm.Stage("dba"); ok {
		t.Errorf("Stage(dba) found a track")
	}
	if got := len(rm.TracksAt("junior")); got != 0 {
		t.Errorf("TracksAt(junior) has %d tracks", got)
	}
	if got := rm.TracksAt("mid"); len(got) != 1 || got[0].ID != "dba" {
		t.Errorf("TracksAt(mid) = %v", got)
	}
}

func TestLevelSkills(t *testing.T) {
	rm := loadMini(t)
	tests := []struct {
		stage, track string
		want         []string
	}{
		{"junior", "", []string{"junior/git", "junior/sql-basics", "junior/http"}},
		{"junior", "dba", []string{"junior/git", "junior/sql-basics", "junior/http"}}, // not open yet
		{"mid", "dba", []string{"mid/testing", "mid/caching", "mid/observability", "dba/indexing", "dba/replication"}},
		{"mid", "nope", []string{"mid/testing", "mid/caching", "mid/observability"}},
		{"nope", "dba", nil},
	}
	for _, tt := range tests {
		if got := refIDs(rm.LevelSkills(tt.stage, tt.track)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("LevelSkills(%q, %q) = %v, want %v", tt.stage, tt.track, got, tt.want)
		}
	}
	// Refs point into the roadmap, not at copies.
	refs := rm.LevelSkills("junior", "")
	if want, _ := rm.Skill("git"); refs[0].Skill != want.Skill {
		t.Errorf("LevelSkills returned a copy of the skill")
	}
}

func TestUnknownAndDiff(t *testing.T) {
	rm := loadMini(t)
	got := rm.Unknown([]string{"git", "k8s", "indexing", "k8s", "rust"})
	if want := []string{"k8s", "rust"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Unknown = %v, want %v", got, want)
	}
	smaller := *rm
	smaller.idx = nil
	smaller.Tracks = nil
	smaller.Stages = rm.Stages[:1]
	if got, want := Diff(rm, &smaller), []string{"testing", "caching", "observability", "indexing", "replication"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Diff = %v, want %v", got, want)
	}
	if got := Diff(rm, rm); got != nil {
		t.Errorf("Diff of a roadmap with itself = %v", got)
	}
}

func TestLookupsOnHandBuiltRoadmap(t *testing.T) {
	rm := &Roadmap{Stages: []Stage{{Level: Level{ID: "junior", Skills: []Skill{{ID: "git", Name: "Git", Aliases: []string{"vcs"}}}}}}}
	if ref, _, ok := rm.FindSkill("VCS"); !ok || ref.Skill.ID != "git" || ref.Stage != "junior" {
		t.Errorf("FindSkill on a hand-built roadmap = %v %v", ref, ok)
	}
	if _, ok := rm.Skill("git"); !ok {
		t.Errorf("Skill(git) not found")
	}
}

func TestTypoDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"git", "git", 0}, {"gti", "git", 1}, {"ab", "ba", 1},
		{"kitten", "sitting", 3}, {"héllo", "hello", 1}, {"", "abc", 3}, {"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := typoDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("typoDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestFindSkillPlainName checks that a skill's plain name, its id less
// its level's prefix, finds it on the default roadmap as its alias does,
// for a member of any stage, unless another skill has that id or the
// plain name is shared.
func TestFindSkillPlainName(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, stage, want string // want "" for no match
	}{
		{"kubernetes", "", "devops-kubernetes"},
		{"kubernetes", "junior", "devops-kubernetes"},
		{"Kubernetes", "senior", "devops-kubernetes"},
		{"k8s", "junior", "devops-kubernetes"},
		{"openapi", "mid", "api-openapi"},
		{"auth", "mid", "auth"}, // mid's own id, not api-auth
		{"n1", "", ""},          // junior-n1, mid-n1, ...: shared
	}
	for _, tt := range tests {
		t.Run(tt.stage+"/"+tt.query, func(t *testing.T) {
			ref, sugg, ok := rm.FindSkillFor(tt.query, tt.stage, "")
			if tt.want == "" {
				if ok {
					t.Errorf("FindSkillFor(%q, %q) matched %s, want none", tt.query, tt.stage, ref.Skill.ID)
				}
				return
			}
			if !ok || ref.Skill.ID != tt.want {
				t.Errorf("FindSkillFor(%q, %q) = %v %v %v, want %s", tt.query, tt.stage, ref.Skill, sugg, ok, tt.want)
			}
		})
	}
}

// TestShortTypoSuggestsCloseEdit: two letters one edit from a skill's id
// ("gt" for git) suggest that skill, not skills whose names merely run the
// letters together across two words ("consuminG Third-party").
func TestShortTypoSuggestsCloseEdit(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"", "junior", "mid"} {
		_, sugg, ok := rm.FindSkillFor("gt", stage, "")
		if ok || len(sugg) == 0 || sugg[0] != "git" {
			t.Errorf("FindSkillFor(gt, %q) = %v %v, want git first", stage, sugg, ok)
		}
		for _, id := range sugg {
			if id == "api-third-party" || id == "technical-debt" {
				t.Errorf("FindSkillFor(gt, %q) suggests %s, whose words only straddle g|t", stage, id)
			}
		}
	}
	// A start of a word still suggests its skill.
	if _, sugg, _ := rm.FindSkill("debt"); len(sugg) == 0 || sugg[0] != "technical-debt" {
		t.Errorf("FindSkill(debt) = %v, want technical-debt first", sugg)
	}
}
