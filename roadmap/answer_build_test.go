package roadmap

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The ASCII shortcut must agree with the unicode tables on every rune.
func TestIsWordRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isWordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// Phrases sharing a first stem stay longest first, and in the order
// added among those of one length, as a stable sort would leave them.
func TestPhrasesAddOrder(t *testing.T) {
	p := phrases{byFirst: map[string][]phrase{}}
	var want []phrase
	for i, n := range []int{1, 3, 2, 3, 1, 2, 4, 1} {
		stems := []string{"a"}
		for range n - 1 {
			stems = append(stems, "b")
		}
		ph := phrase{stems: stems, level: i}
		p.add(ph)
		want = append(want, ph)
	}
	slices.SortStableFunc(want, func(a, b phrase) int { return len(b.stems) - len(a.stems) })
	if got := p.byFirst["a"]; !reflect.DeepEqual(got, want) {
		t.Errorf("phrases %v, want %v", got, want)
	}
}

// Two builds of one roadmap give the same index, down to the order of
// every posting and of the typo vocabularies, and every stem the build
// remembers is the word's stem.
func TestNewIndexDeterministic(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatalf("default roadmap: %v", err)
	}
	a, b := NewIndex(rm), NewIndex(rm)
	for _, c := range []struct {
		name string
		x, y any
	}{
		{"postings", a.postings, b.postings},
		{"idf", a.idf, b.idf},
		{"examples", a.ex, b.ex},
		{"vocab", a.vocab, b.vocab},
		{"prose", a.prose, b.prose},
		{"topical", a.topical, b.topical},
		{"covers", a.covers, b.covers},
		{"syn", a.syn, b.syn},
		{"names", a.names, b.names},
	} {
		if !reflect.DeepEqual(c.x, c.y) {
			t.Errorf("%s differ between two builds", c.name)
		}
	}
	if len(a.postings) == 0 || a.ex == nil || len(a.ex.postings) == 0 {
		t.Fatalf("index has %d terms and examples %v", len(a.postings), a.ex)
	}
	for w, n := range a.stemCache {
		if st := a.wordStems[n]; st != stem(w) {
			t.Errorf("stem cache has %q → %q, want %q", w, st, stem(w))
		}
	}
	// Each term's postings are in section order.
	for term, ps := range a.postings {
		if !slices.IsSortedFunc(ps, func(x, y posting) int { return int(x.doc - y.doc) }) {
			t.Errorf("postings of %q out of order", term)
		}
	}
}

// The builder's lower is strings.ToLower, whether or not it has met the
// word before.
func TestBuilderLower(t *testing.T) {
	ix := &Index{stemCache: map[string]int32{}}
	b := &builder{ix: ix, ids: map[string]int32{}}
	words := []string{"SQL", "sql", "Kubernetes", "CI", "ÉCOLE", "Straße", "k8s", "K8S", "ΑΘΗΝΑ", "plain", ""}
	for range 2 {
		for _, w := range words {
			if got, want := b.lower(w), strings.ToLower(w); got != want {
				t.Errorf("lower(%q) = %q, want %q", w, got, want)
			}
			b.word(strings.ToLower(w))
		}
	}
}
