package roadmap

import (
	"strings"
	"testing"
)

// TestDefaultContent holds the default roadmap to the shape the product
// promises: every level explained, every skill with what, why, two or
// three tasks and at least two resources, every nudge with a smaller step,
// and the ground backend roadmaps cover.
func TestDefaultContent(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	check := func(lv *Level) {
		for name, v := range map[string]string{"title": lv.Title, "summary": lv.Summary, "changes": lv.Changes, "ready": lv.Ready} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s has no %s", lv.ID, name)
			}
		}
		all.WriteString(lv.Title + " " + lv.Summary + " " + lv.Changes + " " + lv.Ready + " ")
		for _, s := range lv.Skills {
			if s.Name == "" || s.What == "" || s.Why == "" || len(s.Aliases) == 0 {
				t.Errorf("%s/%s lacks a name, aliases, what or why", lv.ID, s.ID)
			}
			if n := len(s.Tasks); n < 2 || n > 3 {
				t.Errorf("%s/%s has %d tasks, want 2 or 3", lv.ID, s.ID, n)
			}
			if len(s.Resources) < 2 {
				t.Errorf("%s/%s has %d resources, want at least 2", lv.ID, s.ID, len(s.Resources))
			}
			for _, r := range s.Resources {
				if r.Title == "" || !strings.HasPrefix(r.URL, "https://") {
					t.Errorf("%s/%s: resource %q %q", lv.ID, s.ID, r.Title, r.URL)
				}
			}
			all.WriteString(s.Name + " " + strings.Join(s.Aliases, " ") + " " + s.What + " ")
		}
		for _, n := range lv.Nudges {
			if n.Text == "" || n.Skill == "" || n.Small == "" {
				t.Errorf("%s/%s lacks text, skill or a smaller step", lv.ID, n.ID)
			}
		}
	}
	for i := range rm.Stages {
		check(&rm.Stages[i].Level)
	}
	for i := range rm.Tracks {
		check(&rm.Tracks[i].Level)
		if rm.Tracks[i].From != "mid" {
			t.Errorf("track %s opens at %q, want mid", rm.Tracks[i].ID, rm.Tracks[i].From)
		}
	}
	text := strings.ToLower(all.String())
	for _, topic := range []string{"http", "dns", "operating system", "git", "sql", "nosql", "index", "transaction",
		"rest", "graphql", "grpc", "auth", "cach", "security", "test", "ci/cd", "container", "cloud",
		"observability", "system design", "messag", "scal", "code review", "mentor", "communicat",
		"estimat", "project management", "decision", "python", "java", "node.js", "database administrator",
		"api", "devops", "generalist"} {
		if !strings.Contains(text, topic) {
			t.Errorf("the default roadmap never mentions %q", topic)
		}
	}
}
