package roadmap

import "testing"

// TestMend checks that split words are joined and run-together ones
// split, and that real words, numbers and punctuation are left alone.
func TestMend(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(rm)
	for _, c := range []struct{ q, want string }{
		{"what does a jun ior do", "what does a junior do"},
		{"terrafo rm where to start", "terraform where to start"},
		{"techlead responsibilities", "tech lead responsibilities"},
		{"am i readyto be a senior", "am i ready to be a senior"},
		{"my PR got comments, half nitpicks", "my PR got comments, half nitpicks"},
		// Real words the roadmap doesn't know are no run-together words.
		{"how to balance a checkbook", "how to balance a checkbook"},
		{"who will lead the league this season", "who will lead the league this season"},
		{"it seems approved", "it seems approved"},
		// A typo of a long word is a typo, not two words.
		{"CAP theorm in plain words", "CAP theorm in plain words"},
		// Names with digits, contractions and punctuation stay as typed.
		{"k8s vs ci/cd, doesn't matter", "k8s vs ci/cd, doesn't matter"},
		{"jun, ior", "jun, ior"},
		// Chat's short forms are spelled out, but not inside a name.
		{"5 yrs in, abt to ask my mgr", "5 years in, about to ask my manager"},
		{"py or node.js, env vars", "python or node.js, environment vars"},
		{"see config.env", "see config.env"},
	} {
		if got := ix.mend(c.q); got != c.want {
			t.Errorf("mend(%q) = %q, want %q", c.q, got, c.want)
		}
	}
}

// TestShortAndLifeTypos checks the corrections of short words and the
// typos of everyday words.
func TestShortAndLifeTypos(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(rm)
	for w, want := range map[string]string{"trck": "track", "lwad": "lead", "bot": "", "lead": "", "seed": "", "life": ""} {
		if got := ix.vocab.correctShort(w); got != want {
			t.Errorf("correctShort(%q) = %q, want %q", w, got, want)
		}
	}
	for w, life := range map[string]bool{"gadren": true, "cofefe": true, "fluff": false} {
		q := qword{raw: w, stem: ix.stemOf(w)}
		ix.weighWord(&q)
		if got := q.class == clLife; got != life {
			t.Errorf("%q: class %d, want life %v", w, q.class, life)
		}
	}
}
