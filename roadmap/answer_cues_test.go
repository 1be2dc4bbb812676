package roadmap

import "testing"

// TestReadingCues checks cues read from how people ask, each in other
// words than the evaluation sets' questions that showed them: a role's
// duties, someone else's vacation, tools for a topic, one thing before
// another, a liking weighed against other work, a dislike beside a
// track's name, the reviewer's side, where one comes from, a career
// starting out, what is normal for a level.
func TestReadingCues(t *testing.T) {
	ix := defaultIndex(t)
	for _, c := range []struct{ q, want string }{
		{"what are a senior's duties", "senior"},
		{"what should i have down before calling myself a senior engineer", "senior"},
		{"sys design interview prep", "mid/interview-prep"},
		{"my lead is on vacation and prod is down, how do i roll back a deploy", "devops/devops-release-strategies"},
		{"do juniors need to know git", "junior/git"},
		{"monitoring tools for postgres", "dba/dba-monitoring-capacity"},
		{"should i learn git before docker", "junior/git"},
		{"i'm more into debugging than building new features", "junior/debugging"},
		{"i nitpick every pr, am i too harsh", "senior/code-review-reviewer"},
		{"just starting out as a backend developer, where do i begin", "junior"},
		{"is it normal for seniors to still google things", "senior"},
		{"devops to backend generalist, is that a step back", "generalist"},
	} {
		if a := ix.Answer(c.q); !a.Confident || label(a.Section) != c.want {
			t.Errorf("%q: %s (confident %v), want %s", c.q, label(a.Section), a.Confident, c.want)
		}
	}
	for _, q := range []string{"can i get a work permit or blue card as a backend dev"} {
		if a := ix.Answer(q); a.Kind != UncoveredAnswer {
			t.Errorf("%q: %v %s, want the uncovered reply", q, a.Kind, label(a.Section))
		}
	}
	for _, q := range []string{"popsicle stick tower for a school project"} {
		if a := ix.Answer(q); !a.OffTopic {
			t.Errorf("%q: %s, want the off-topic reply", q, label(a.Section))
		}
	}
}
