package roadmap

import "testing"

// TestAskStart checks where the sentence that asks is found.
func TestAskStart(t *testing.T) {
	for _, c := range []struct{ q, ask string }{
		{"how do i get better at sql", "how do i get better at sql"},
		{"we use postgres. how do i get better at code review?", "how do i get better at code review?"},
		{"context: we use postgres and k8s. anyway, what should a junior learn", "anyway, what should a junior learn"},
		{"so my question is: what's a dba. asking for a friend", "so my question is: what's a dba. asking for a friend"},
		{"long story short. i hate meetings. tldr can i stay senior", "tldr can i stay senior"},
		{"i like databases. i hate yaml", "i like databases. i hate yaml"},
		{"node.js is fine. should i learn go?", "should i learn go?"},
	} {
		if got := c.q[askStart(c.q):]; got != c.ask {
			t.Errorf("askStart(%q) asks %q, want %q", c.q, got, c.ask)
		}
	}
}
