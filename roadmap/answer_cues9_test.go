package roadmap

import "testing"

// TestRoleAndMoveCues checks the cues of round 9, each in other words
// than the questions that showed them: a role asked about as such (what
// it does, whether it lasts), how long a move named at both ends takes,
// a move between levels as a career context beside an everyday word, and
// a talk with someone the asker guides as mentoring them, and someone
// else's liking choosing a track, and a track named as one choosing its
// own section on a topic; online beside courses or lists is the web.
func TestRoleAndMoveCues(t *testing.T) {
	ix := defaultIndex(t)
	for _, c := range []struct{ q, want string }{
		{"is the dba job dying with serverless databases", "dba"},
		{"so thats what a dba does all day?", "dba"},
		{"how long does mid to senior normally take", "senior"},
		{"mid -> senior in two years, realistic?", "senior"},
		{"the journey from junior to mid, how long was it for you", "mid"},
		{"what track suits someone who likes automating servers and pipelines", "devops"},
		{"my friend really likes databases, which track should he go for", "dba"},
		{"for the api track, what auth stuff matters", "api/api-auth"},
		{"as a mid level dev, which online courses are worth it", "mid"},
		{"a junior on my team pushed secrets to git, how do i tell him without making him feel bad", "senior/mentoring-juniors"},
		{"my junior keeps skipping tests before merging, how do i bring it up with him", "senior/mentoring-juniors"},
	} {
		if a := ix.Answer(c.q); !a.Confident || label(a.Section) != c.want {
			t.Errorf("%q: %s (confident %v), want %s", c.q, label(a.Section), a.Confident, c.want)
		}
	}
}
