package console_test

import "testing"

// TestSkillAndStageNames checks the names members type for skills and
// stages: a skill's plain name ("kubernetes" for devops-kubernetes), a
// stage's title words however they are joined ("Mid Level"), and "all",
// which no command takes, refused with how to name one skill.
func TestSkillAndStageNames(t *testing.T) {
	r := newRig(t)
	r.must("/mentor join", "Welcome")
	for _, tt := range []struct{ line, want string }{
		{"/mentor done kubernetes", "Done: *Container orchestration with Kubernetes*"},
		{"/mentor undo kubernetes", "Container orchestration with Kubernetes"},
		{"/mentor skip all", "`/mentor skip` takes one skill at a time, not \"all\": name the skill, as in `/mentor skip internet-and-http`"},
		{"/mentor done everything", "`/mentor done` takes one skill at a time"},
		{"/mentor stage Mid Level", "Mid-level backend developer"},
		{"/mentor stage senior_backend", "Senior backend developer"},
		{"/mentor skip all", "as in `/mentor skip system-design`"},
	} {
		r.must(tt.line, tt.want)
	}
}
