package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runAskT(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runAskEnv(t, nil, args...)
}

// runAskEnv is runAskT with an environment.
func runAskEnv(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runAsk(args, &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func TestAskJSON(t *testing.T) {
	code, out, errs := runAskT(t, "--json", "how do I become a DBA")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"question", "stage", "track", "skill", "title", "answer", "score", "alternatives"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, out)
		}
	}
	if got["track"] != "dba" || got["stage"] != "" || got["skill"] != "" || got["question"] != "how do I become a DBA" {
		t.Errorf("want track dba only, got %s", out)
	}
	alts, _ := got["alternatives"].([]any)
	if len(alts) == 0 {
		t.Fatalf("no alternatives: %s", out)
	}
	alt, _ := alts[0].(map[string]any)
	for _, k := range []string{"stage", "track", "skill", "title"} {
		if _, ok := alt[k]; !ok {
			t.Errorf("alternative lacks %q: %v", k, alt)
		}
	}
}

func TestAskWordsJoined(t *testing.T) {
	code, out, _ := runAskT(t, "--json", "how", "do", "I", "learn", "terraform")
	var got struct{ Question, Skill string }
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("exit %d: %s", code, out)
	}
	if got.Question != "how do I learn terraform" || got.Skill != "devops-terraform" {
		t.Errorf("got %+v", got)
	}
}

// askJSON is the --json output as tests read it.
type askJSON struct {
	Stage, Track, Skill, Title, Answer, Kind string
	OffTopic                                 bool `json:"off_topic"`
	Alternatives                             []struct{ Stage, Track, Skill, Title string }
}

func askJSONT(t *testing.T, q string) askJSON {
	t.Helper()
	code, out, _ := runAskT(t, "--json", q)
	var got askJSON
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("exit %d: %s", code, out)
	}
	return got
}

func TestAskNotSure(t *testing.T) {
	got := askJSONT(t, "how do I get better at it")
	if got.Stage+got.Track+got.Skill+got.Title != "" || !strings.Contains(got.Answer, "not sure") || len(got.Alternatives) != 3 ||
		got.Kind != "not-sure" || got.OffTopic {
		t.Errorf("want a not-sure answer with 3 alternatives, got %+v", got)
	}
}

// TestAskOffTopic: a question that only shares words with the roadmap
// gets the not-sure reply with what the bot does, offering the stages
// rather than sections that share a word with it.
func TestAskOffTopic(t *testing.T) {
	for _, q := range []string{"purple elephants dance quietly", "who is the lead singer of queen", "best pizza delivery app in my city"} {
		got := askJSONT(t, q)
		if got.Stage+got.Track+got.Skill+got.Title != "" || !strings.Contains(got.Answer, "not sure") ||
			len(got.Alternatives) == 0 || got.Alternatives[0].Stage != "junior" || got.Kind != "not-sure" || !got.OffTopic {
			t.Errorf("%q: want an off-topic not-sure reply offering the stages, got %+v", q, got)
		}
	}
}

// TestAskUncovered: a career question the roadmap doesn't cover says so
// and points to the stage's expectations, without posing as an answer.
func TestAskUncovered(t *testing.T) {
	got := askJSONT(t, "what salary should a mid dev ask for")
	if got.Stage+got.Track+got.Skill != "" || got.Kind != "uncovered" || !strings.Contains(got.Answer, "doesn't cover salaries") ||
		len(got.Alternatives) == 0 || got.Alternatives[0].Stage != "mid" {
		t.Errorf("want an uncovered answer pointing to the mid stage, got %+v", got)
	}
}

func TestAskText(t *testing.T) {
	code, out, _ := runAskT(t, "what", "does", "a", "lead", "do", "that", "a", "senior", "doesn't?")
	if code != 0 || !strings.Contains(out, "What changes:") || strings.HasPrefix(out, "{") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestAskCustomRoadmap(t *testing.T) {
	path := filepath.Join("..", "..", "roadmap", "testdata", "answer-custom.yaml")
	code, out, errs := runAskT(t, "--json", "--roadmap", path, "what is a tf plan")
	var got struct{ Stage, Skill string }
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	if got.Stage != "apprentice" || got.Skill != "terraform-basics" {
		t.Errorf("custom synonym tf: got %s", out)
	}
}

func TestAskErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("stages: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no question", nil, 2, "a question is required"},
		{"only flags", []string{"--json"}, 2, "a question is required"},
		{"blank question", []string{"  "}, 2, "a question is required"},
		{"unknown flag", []string{"--frob", "hi"}, 2, "frob"},
		{"missing roadmap", []string{"--roadmap", filepath.Join(t.TempDir(), "nope.yaml"), "hi"}, 1, "nope.yaml"},
		{"broken roadmap", []string{"--roadmap", bad, "hi"}, 1, "bad.yaml"},
	}
	for _, tt := range tests {
		code, out, errs := runAskT(t, tt.args...)
		if code != tt.code || out != "" || !strings.Contains(errs, tt.msg) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d mentioning %q", tt.name, code, out, errs, tt.code, tt.msg)
		}
	}
}

// TestAskUsesRoadmapFile: without --roadmap, ask answers from ROADMAP_FILE
// as the bot does (a team's own roadmap), and --roadmap still wins.
func TestAskUsesRoadmapFile(t *testing.T) {
	custom := filepath.Join("..", "..", "roadmap", "testdata", "answer-custom.yaml")
	env := map[string]string{"ROADMAP_FILE": custom}
	var got struct{ Stage, Skill string }
	code, out, errs := runAskEnv(t, env, "--json", "what is a tf plan")
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	if got.Stage != "apprentice" || got.Skill != "terraform-basics" {
		t.Errorf("ROADMAP_FILE ignored: got %s", out)
	}

	code, out, errs = runAskEnv(t, env, "--json", "--roadmap", filepath.Join("..", "..", "roadmap", "testdata", "nope.yaml"), "hi")
	if code != 1 || out != "" || !strings.Contains(errs, "nope.yaml") {
		t.Errorf("--roadmap did not win over ROADMAP_FILE: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	missing := filepath.Join(t.TempDir(), "gone.yaml")
	code, out, errs = runAskEnv(t, map[string]string{"ROADMAP_FILE": missing}, "hi")
	if code != 1 || out != "" || !strings.Contains(errs, "ROADMAP_FILE") {
		t.Errorf("unreadable ROADMAP_FILE: exit %d, stdout %q, stderr %q; want exit 1 naming ROADMAP_FILE", code, out, errs)
	}
}
