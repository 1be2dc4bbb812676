package roadmap

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The typo measure: the questions of the development sets that are
// answered right as written are asked again with realistic slips typed
// into one or two of their content words, and the share still answered
// right is what tolerance of typos is worth to people who type fast. The
// off-topic questions, slipped the same way, must still be declined.
//
// The slips are drawn by a seeded generator, one stream per question, so
// that the figures are the same from run to run and a question added to
// a set leaves the others' slips alone. typoDevSeed is the seed one
// develops on; typoCheckSeed draws slips nobody looked at while tuning,
// and is measured with TYPO_SEED=check, only to report.

const (
	typoDevSeed   = 0x7e57
	typoCheckSeed = 0xc0ffee
	// typoVariants is how many slipped copies of each question are asked.
	typoVariants = 4
)

// typoKind is one kind of slip.
type typoKind int

const (
	typoDrop   typoKind = iota // a letter left out: "databse"
	typoSwap                   // two neighbouring letters swapped: "databsae"
	typoDouble                 // a letter doubled: "dattabase"
	typoKey                    // a neighbouring key hit: "darabase"
	typoJoin                   // two words run together: "mydatabase"
	typoSplit                  // a word split: "data base"
	typoApos                   // an apostrophe left out: "im", "dont"
	nTypoKinds
)

var typoKindNames = [nTypoKinds]string{"drop", "swap", "double", "key", "join", "split", "apostrophe"}

// qwertyNear are each letter's neighbours on a QWERTY keyboard, the
// keys a finger slips to.
var qwertyNear = map[byte]string{
	'q': "wa", 'w': "qeas", 'e': "wrsd", 'r': "etdf", 't': "ryfg", 'y': "tugh", 'u': "yihj", 'i': "uojk",
	'o': "ipkl", 'p': "ol", 'a': "qwsz", 's': "awedxz", 'd': "serfcx", 'f': "drtgvc", 'g': "ftyhbv",
	'h': "gyujnb", 'j': "huikmn", 'k': "jiolm", 'l': "kop", 'z': "asx", 'x': "zsdc", 'c': "xdfv",
	'v': "cfgb", 'b': "vghn", 'n': "bhjm", 'm': "njk",
}

// span is one word of a question, by its byte offsets.
type span struct{ from, to int }

// wordSpans returns the words of q: runs of ASCII letters, with an
// apostrophe inside a word kept in it ("don't").
func wordSpans(q string) []span {
	var out []span
	start := -1
	for i := 0; i <= len(q); i++ {
		letter := i < len(q) && (q[i] >= 'a' && q[i] <= 'z' || q[i] >= 'A' && q[i] <= 'Z' ||
			q[i] == '\'' && start >= 0 && i+1 < len(q) && unicode.IsLetter(rune(q[i+1])))
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	return out
}

// slip types one slip of kind k into word w (lowercased, letters only),
// given the word after it for a join; ok is false when k cannot apply.
func slip(w, next string, k typoKind, r *rand.Rand) (string, bool) {
	n := len(w)
	switch k {
	case typoDrop:
		// Rarely the first letter: people see it.
		i := 1 + r.IntN(n-1)
		return w[:i] + w[i+1:], true
	case typoSwap:
		i := r.IntN(n - 1)
		if w[i] == w[i+1] {
			return "", false
		}
		return w[:i] + string(w[i+1]) + string(w[i]) + w[i+2:], true
	case typoDouble:
		i := r.IntN(n)
		return w[:i+1] + w[i:], true
	case typoKey:
		i := 1 + r.IntN(n-1)
		near := qwertyNear[w[i]]
		if near == "" {
			return "", false
		}
		return w[:i] + string(near[r.IntN(len(near))]) + w[i+1:], true
	case typoJoin:
		if next == "" {
			return "", false
		}
		return w + next, true
	case typoSplit:
		if n < 5 {
			return "", false
		}
		i := 2 + r.IntN(n-3)
		return w[:i] + " " + w[i:], true
	}
	return "", false
}

// typoed returns q with one or two of its content words of four letters
// or more slipped, and the kinds of slip made; "" when q has no such word.
func typoed(q string, r *rand.Rand) (string, []typoKind) {
	spans := wordSpans(q)
	var content []int
	for i, s := range spans {
		w := strings.ToLower(q[s.from:s.to])
		if len(w) >= 4 && !strings.Contains(w, "'") && !isStop(w) {
			content = append(content, i)
		}
	}
	apos := slices.IndexFunc(spans, func(s span) bool { return strings.Contains(q[s.from:s.to], "'") })
	if len(content) == 0 {
		return "", nil
	}
	count := 1 + r.IntN(2)
	r.Shuffle(len(content), func(i, j int) { content[i], content[j] = content[j], content[i] })
	content = content[:min(count, len(content))]
	slices.Sort(content)
	repl := map[int]string{} // span index → its new text
	joined := map[int]bool{} // spans swallowed by a join into the word before
	var kinds []typoKind
	for _, ci := range content {
		if joined[ci] {
			continue
		}
		for range 8 {
			k := typoKind(r.IntN(int(nTypoKinds)))
			if k == typoApos {
				if apos < 0 || repl[apos] != "" {
					continue
				}
				repl[apos] = strings.ReplaceAll(strings.ToLower(q[spans[apos].from:spans[apos].to]), "'", "")
				kinds = append(kinds, k)
				break
			}
			next := ""
			if ci+1 < len(spans) && repl[ci+1] == "" && !slices.Contains(content, ci+1) &&
				strings.TrimSpace(q[spans[ci].to:spans[ci+1].from]) == "" {
				next = strings.ToLower(q[spans[ci+1].from:spans[ci+1].to])
			}
			s, ok := slip(strings.ToLower(q[spans[ci].from:spans[ci].to]), next, k, r)
			if !ok {
				continue
			}
			repl[ci] = s
			if k == typoJoin {
				joined[ci+1] = true
			}
			kinds = append(kinds, k)
			break
		}
	}
	if len(kinds) == 0 {
		return "", nil
	}
	var b strings.Builder
	at := 0
	for i, s := range spans {
		switch {
		case joined[i]:
			at = s.to // the gap before it went with the join
		case repl[i] != "":
			b.WriteString(q[at:s.from])
			b.WriteString(repl[i])
			at = s.to
			if joined[i+1] {
				at = spans[i+1].from
			}
		}
	}
	b.WriteString(q[at:])
	return b.String(), kinds
}

// typoResult counts a set's slipped questions: asked, still answered
// right, and per kind of slip; off-topic ones asked and still declined.
type typoResult struct {
	n, kept           int
	byKind, keptKind  [nTypoKinds]int
	off, offKept      int
	misses, offMisses []string
}

func (r *typoResult) add(o typoResult) {
	r.n += o.n
	r.kept += o.kept
	r.off += o.off
	r.offKept += o.offKept
	for k := range r.byKind {
		r.byKind[k] += o.byKind[k]
		r.keptKind[k] += o.keptKind[k]
	}
	r.misses = append(r.misses, o.misses...)
	r.offMisses = append(r.offMisses, o.offMisses...)
}

func (r typoResult) String() string {
	s := fmt.Sprintf("%d slipped questions: still right %.1f%% (%d); off-topic still declined %.1f%% (%d/%d); by slip:",
		r.n, pct(r.kept, r.n), r.kept, pct(r.offKept, r.off), r.offKept, r.off)
	for k := range r.byKind {
		s += fmt.Sprintf(" %s %.0f%% (%d/%d)", typoKindNames[k], pct(r.keptKind[k], r.byKind[k]), r.keptKind[k], r.byKind[k])
	}
	return s
}

// right reports whether the confident answer to q is the section c expects.
func right(ix *Index, c evalCase, q string) bool {
	a := ix.Answer(q)
	return a.Confident && c.want(a.Section)
}

// typoEval asks set's right-answered questions and its off-topic ones
// again with slips drawn from seed.
func typoEval(ix *Index, set evalSet, name string, seed uint64) typoResult {
	var r typoResult
	for i, c := range set.Questions {
		if !right(ix, c, c.Q) {
			continue
		}
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		for range typoVariants {
			q, kinds := typoed(c.Q, rng)
			if q == "" {
				break
			}
			ok := right(ix, c, q)
			r.n++
			for _, k := range kinds {
				r.byKind[k]++
			}
			if ok {
				r.kept++
				for _, k := range kinds {
					r.keptKind[k]++
				}
			} else {
				a := ix.Answer(q)
				r.misses = append(r.misses, fmt.Sprintf("%s: %q (from %q) → %s (confident %v); want %s", name, q, c.Q, label(a.Section), a.Confident, c))
			}
		}
	}
	off := slices.Clone(set.Unanswerable)
	for _, o := range set.Offtopic {
		off = append(off, o.Q)
	}
	for i, o := range off {
		if ix.Answer(o).Kind != NoMatch {
			continue
		}
		rng := rand.New(rand.NewPCG(seed, uint64(1_000_000+i)))
		for range typoVariants {
			q, _ := typoed(o, rng)
			if q == "" {
				break
			}
			r.off++
			if a := ix.Answer(q); a.Kind == NoMatch {
				r.offKept++
			} else {
				r.offMisses = append(r.offMisses, fmt.Sprintf("%s off-topic: %q (from %q) → %s", name, q, o, label(a.Section)))
			}
		}
	}
	return r
}

// The floors of the typo measure on the development seed: the share of
// slipped questions still answered right, and of slipped off-topic ones
// still declined (first measured at 81.6%, 1414/1732, and 96.3%,
// 393/408; since raised to 91.5%, 1584/1732, and 98.5%, 402/408, by
// mending split and run-together words, short-word and everyday-word
// corrections; round 9: 91.6%, 1597/1744). Raise them as the answerer
// gets more tolerant; never lower them to let a change in.
const typoFloorKept, typoFloorOffKept = 91.5, 98.0

// TestTypoEval measures how well answers survive typing slips, on the
// development sets' questions, and holds the figures to their floors.
func TestTypoEval(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(typoDevSeed)
	switch s := os.Getenv("TYPO_SEED"); s {
	case "":
	case "check":
		seed = typoCheckSeed
	default:
		n, err := strconv.ParseUint(s, 0, 64)
		if err != nil {
			t.Fatalf("TYPO_SEED=%q: %v", s, err)
		}
		seed = n
	}
	var total typoResult
	for _, s := range devSets(t, rm) {
		r := typoEval(s.ix, s.set, s.name, seed)
		t.Logf("%s: %v", s.name, r)
		total.add(r)
	}
	if os.Getenv("TYPO_SHOW") == "1" {
		for _, m := range append(total.misses, total.offMisses...) {
			t.Log(m)
		}
	}
	t.Logf("all (seed %#x): %v", seed, total)
	if seed != typoDevSeed {
		return
	}
	if k, o := pct(total.kept, total.n), pct(total.offKept, total.off); k < typoFloorKept || o < typoFloorOffKept {
		t.Errorf("typo measure: %.1f%% still right, %.1f%% off-topic still declined; want at least %.1f%%, %.1f%%", k, o, typoFloorKept, typoFloorOffKept)
	}
}

// TestTypoed checks the slips the measure types.
func TestTypoed(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		q := "I'm not sure how to design database schemas properly"
		got, kinds := typoed(q, r)
		if got == "" || got == q || len(kinds) == 0 || len(kinds) > 2 {
			t.Fatalf("typoed(%q) = %q, %v", q, got, kinds)
		}
	}
	if got, _ := typoed("how do i do it", r); got != "" {
		t.Errorf("a question without content words got slips: %q", got)
	}
}
