package roadmap

import "testing"

// TestRoleAndMoveCues checks the cues of round 9, each in other words
// than the questions that showed them: a role asked about as such (what
// it does, whether it lasts), how long a move named at both ends takes,
// and a move between levels as a career context beside an everyday word.
func TestRoleAndMoveCues(t *testing.T) {
	ix := defaultIndex(t)
	for _, c := range []struct{ q, want string }{
		{"is the dba job dying with serverless databases", "dba"},
		{"so thats what a dba does all day?", "dba"},
		{"how long does mid to senior normally take", "senior"},
		{"mid -> senior in two years, realistic?", "senior"},
		{"the journey from junior to mid, how long was it for you", "mid"},
	} {
		if a := ix.Answer(c.q); !a.Confident || label(a.Section) != c.want {
			t.Errorf("%q: %s (confident %v), want %s", c.q, label(a.Section), a.Confident, c.want)
		}
	}
}
