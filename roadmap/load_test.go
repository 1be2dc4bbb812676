package roadmap

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadBroken(t *testing.T) {
	tests := []struct {
		file string
		want []Problem // Msg is a substring the problem's message must hold
	}{
		{"bad-syntax.yaml", []Problem{{4, "invalid YAML: found unexpected end of stream"}}},
		{"unknown-field.yaml", []Problem{
			{6, `unknown field "colour" in stage`},
			{10, `unknown field "level" in skill`},
		}},
		{"dup-skill.yaml", []Problem{{10, `duplicate skill id "git" (first at line 6)`}}},
		{"dup-alias.yaml", []Problem{{12, `alias "vcs" of skill "svn" is already used by skill "git" (line 8)`}}},
		{"unknown-nudge-skill.yaml", []Problem{{11, `nudge "n1" names skill "gti", which is not a skill of stage "junior"`}}},
		{"track-from.yaml", []Problem{{15, `track "dba": from names "senior", which is not a stage`}}},
		{"no-nudges.yaml", []Problem{
			{2, `stage "junior" has no nudges`},
			{14, `stage "mid" has no nudges`},
		}},
		{"empty-stages.yaml", []Problem{{2, "the roadmap has no stages"}}},
		{"bad-id.yaml", []Problem{
			{2, `stage id "Junior Dev" must use only lowercase letters, digits and hyphens`},
			{6, `skill id "git_basics" must use only`},
			{10, `resource url "file:///etc/passwd" is not an http(s) link`},
		}},
		{"many.yaml", []Problem{
			{2, `stage "junior" has no title`},
			{5, `skill 1 of stage "junior" has no id`},
			{6, `skill "sql" has no name`},
			{8, `nudge "n1" has no text`},
			{9, `nudge 2 of stage "junior" has no id`},
			{10, `duplicate stage or track id "junior" (first at line 2)`},
			{13, `field "skills" must be a list, not the text "git"`},
			{13, `stage "junior" has no skills`},
			{15, `duplicate nudge id "n1" (first at line 8)`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			rm, err := Load(path)
			if rm != nil {
				t.Fatalf("Load returned a roadmap for a broken file")
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v (%T) is not a *ValidationError", err, err)
			}
			if len(ve.Problems) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ve.Problems), len(tt.want), err)
			}
			for i, w := range tt.want {
				got := ve.Problems[i]
				if got.Line != w.Line || !strings.Contains(got.Msg, w.Msg) {
					t.Errorf("problem %d = %d: %q, want %d: ...%q...", i, got.Line, got.Msg, w.Line, w.Msg)
				}
			}
			if !strings.HasPrefix(err.Error(), path+":") {
				t.Errorf("error does not start with %q: %v", path+":", err)
			}
		})
	}
}

func TestParseSyntaxLines(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
	}{
		{"first line", "a: b: c\n", 1},
		{"tab indent", "stages:\n\t- id: x\n", 2},
		{"unclosed flow list", "name: x\nstages:\n  - id: a\n    title: [a, b\n", 4},
		{"unknown anchor", "name: x\nstages: *nope\n", 2},
		{"control character", "name: x\nsummary: \"a\x01\"\n", 2},
		{"invalid utf-8", "name: x\n\xff\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "f.yaml")
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			if p := ve.Problems[0]; p.Line != tt.line || !strings.HasPrefix(p.Msg, "invalid YAML: ") {
				t.Errorf("got %d: %s, want line %d", p.Line, p.Msg, tt.line)
			}
		})
	}
}

func TestParseShape(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []Problem
	}{
		{"empty", "", []Problem{{1, "the roadmap is empty"}}},
		{"list at top", "- a\n", []Problem{{1, "the roadmap must be a mapping of fields, not a list"}, {1, "no stages"}}},
		{"misspelt field", "name: x\nsumary: y\nstages: []\n", []Problem{{2, `unknown field "sumary" in roadmap (did you mean "summary"?)`}, {3, "no stages"}}},
		{"repeated field", "stages: []\nstages: []\n", []Problem{{1, "no stages"}, {2, `field "stages" appears twice`}}},
		{"two documents", "stages: []\n---\nname: x\n", []Problem{{1, "no stages"}, {2, "one YAML document"}}},
		{"synonyms not a list", "synonyms:\n  db: database\nstages: []\n", []Problem{{2, `field "synonyms" "db" must be a list`}, {3, "no stages"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "f.yaml")
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want a *ValidationError, got %v", err)
			}
			if len(ve.Problems) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ve.Problems), len(tt.want), err)
			}
			for i, w := range tt.want {
				if got := ve.Problems[i]; got.Line != w.Line || !strings.Contains(got.Msg, w.Msg) {
					t.Errorf("problem %d = %d: %q, want %d: ...%q...", i, got.Line, got.Msg, w.Line, w.Msg)
				}
			}
		})
	}
}

func TestValidationErrorFormat(t *testing.T) {
	e := &ValidationError{File: "r.yaml", Problems: []Problem{{3, "one"}, {0, "two"}, {12, "three"}}}
	want := "r.yaml:3: one\nr.yaml: two\nr.yaml:12: three"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing file: got %v, want fs.ErrNotExist", err)
	}
	if !strings.Contains(err.Error(), "load roadmap") {
		t.Errorf("error lacks context: %v", err)
	}
}

func TestParseAnchorsAndMerge(t *testing.T) {
	yml := `
base: &base
stages:
  - &junior
    id: junior
    title: Junior
    summary: Basics.
    skills: [{id: git, name: Git}]
    nudges: [{id: n1, text: Do it., skill: git}]
  - <<: *junior
    id: mid
    skills: [{id: tests, name: Testing}]
    nudges: [{id: n2, text: Test it.}]
`
	_, err := Parse([]byte(yml), "anchors.yaml")
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Line != 2 {
		t.Fatalf("want only the unknown field \"base\" at line 2, got %v", err)
	}
	rm, err := Parse([]byte(strings.Replace(yml, "base: &base\n", "", 1)), "anchors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if mid, ok := rm.Stage("mid"); !ok || mid.Title != "Junior" || mid.Skills[0].ID != "tests" {
		t.Errorf("merge key not applied: %+v", mid)
	}
}
