package roadmap

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// exampleSets are the labelled sets the examples file is built from:
// those one may tune on. The held-out sets (fresh, dev3 to dev7) are
// never in it.
var exampleSets = []struct{ name, path string }{
	{"tuned", "testdata/eval.yaml"},
	{"dev", "testdata/eval_dev.yaml"},
	{"dev2", "testdata/eval_dev2.yaml"},
	{"own", "testdata/eval_own.yaml"},
}

const examplesHeader = `# Labelled questions as people asked them, the answerer's second kind of
# evidence (answer_examples.go). Generated from the evaluation sets one may
# tune on by UPDATE_EXAMPLES=1 go test -run TestExamplesFile ./roadmap; do
# not edit by hand. The held-out sets are never in it.
`

// buildExamples collects the labelled questions of the example sets.
func buildExamples(t testing.TB) []Example {
	t.Helper()
	var exs []Example
	for _, s := range exampleSets {
		set, ok := loadEvalSet(t, s.path)
		if !ok {
			t.Fatalf("%s is missing", s.path)
		}
		for _, c := range set.Questions {
			x := Example{Q: c.Q, From: s.name, Skill: c.Skill}
			if c.Skill == "" {
				x.Stage, x.Track = c.Stage, c.Track
			}
			exs = append(exs, x)
		}
		for _, q := range set.Unanswerable {
			exs = append(exs, Example{Q: q, From: s.name, Off: true})
		}
		for _, o := range set.Offtopic {
			exs = append(exs, Example{Q: o.Q, From: s.name, Off: true})
		}
	}
	return exs
}

// TestExamplesFile checks that the embedded examples file is the one the
// labelled sets give, and writes it with UPDATE_EXAMPLES=1.
func TestExamplesFile(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(examplesHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(struct {
		Examples []Example `yaml:"examples"`
	}{buildExamples(t)}); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("UPDATE_EXAMPLES") == "1" {
		if err := os.WriteFile("examples.yaml", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(b.Bytes(), defaultExamples) {
		t.Fatal("examples.yaml is not what the labelled sets give: run UPDATE_EXAMPLES=1 go test -run TestExamplesFile ./roadmap")
	}
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(rm)
	if ix.ex == nil || len(ix.ex.doc) != len(rm.examples) {
		t.Errorf("indexed %d of %d examples: every example must name a section of the default roadmap", len(ix.ex.doc), len(rm.examples))
	}
	for _, x := range rm.examples {
		if strings.Contains(x.From, "fresh") || strings.Contains(x.From, "dev3") || strings.Contains(x.From, "dev4") || strings.Contains(x.From, "dev5") || strings.Contains(x.From, "dev6") || strings.Contains(x.From, "dev7") {
			t.Errorf("example %q comes from a held-out set", x.Q)
		}
	}
}
