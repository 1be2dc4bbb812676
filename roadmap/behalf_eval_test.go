package roadmap

import (
	"hash/fnv"
	"os"
	"slices"
	"strings"
	"testing"
)

// The on-behalf measure: questions asked for someone else, or about
// guiding someone. It is built mechanically from the tunable sets'
// right-answered questions that ask about the asker's own growth ("how
// do I become a dba", "what should I learn as a junior"), in two kinds:
//
//   - behalf: the question put in someone else's voice by a parent, a
//     partner or a friend ("how does my son become a dba"), which asks
//     about that person's growth and so expects the same section;
//   - guide: the same growth put as a mentee's, with the asker, their
//     senior or lead, asking how to help ("my junior wants to learn sql,
//     how do I help her with that?"), which asks about the asker's
//     people skills: mentoring juniors or growing people, not the topic.
//
// The questions are split in two halves by a hash of their text: one is
// developed on, the other (BEHALF_HALF=check) reported once at the end.

// behalfSubject is someone a question is asked about: how they are
// first named, and the pronouns after.
type behalfSubject struct {
	name, subj, obj, poss, refl string
	plural                      bool // "they" takes "want", not "wants"
}

var behalfSubjects = []behalfSubject{
	{"my son", "he", "him", "his", "himself", false},
	{"my wife", "she", "her", "her", "herself", false},
	{"a friend of mine", "they", "them", "their", "themselves", true},
	{"my husband", "he", "him", "his", "himself", false},
	{"my daughter", "she", "her", "her", "herself", false},
	{"my brother", "he", "him", "his", "himself", false},
}

// guideFrames put a mentee's growth to the asker who guides them; want is
// the people skill expected and also the other one accepted.
var guideFrames = []struct {
	subject    behalfSubject
	lead, tail string
	want, also string
}{
	{behalfSubject{"my junior", "she", "her", "her", "herself", false}, "", "how do i help her with that?", "mentoring-juniors", "growing-people"},
	{behalfSubject{"one of my mentees", "he", "him", "his", "himself", false}, "i'm a senior.", "how should i support him?", "mentoring-juniors", "growing-people"},
	{behalfSubject{"a dev on my team", "they", "them", "their", "themselves", true}, "i lead a team of six.", "how can i support them in that?", "growing-people", "mentoring-juniors"},
	{behalfSubject{"one of my reports", "he", "him", "his", "himself", false}, "", "as their lead how do i help him grow there?", "growing-people", "mentoring-juniors"},
}

// growthWords mark a question about the asker's own growth.
var growthWords = set("become", "becoming", "learn", "learning", "focus", "grow", "growing", "study", "studying",
	"switch", "move", "moving", "path", "career", "ready", "skills", "next", "promoted", "get", "transition", "start", "improve", "better")

// firstPerson reports whether q speaks of the asker as "I" and asks about
// their growth.
func firstPerson(q string) bool {
	ws := strings.Fields(strings.ToLower(q))
	self, grow := false, false
	for _, w := range ws {
		w = strings.Trim(w, ",.?!:;\"()")
		self = self || w == "i" || w == "i'm" || w == "im" || w == "i've" || w == "i'd" || w == "i'll"
		grow = grow || growthWords[w]
	}
	return self && grow
}

// thirdPerson rewrites q, a question in the asker's voice, into one about
// p: the first "I" becomes p's name, later ones p's pronoun, and verbs
// agree. It is mechanical, and reads as people type, not as an editor
// would write.
func thirdPerson(q string, p behalfSubject) string {
	ws := strings.Fields(strings.ToLower(q))
	out := make([]string, 0, len(ws)+2)
	named := false
	who := func() string {
		if named {
			return p.subj
		}
		named = true
		return p.name
	}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		core := strings.Trim(w, ",.?!:;\"()")
		tail := w[strings.Index(w, core)+len(core):]
		next := ""
		if i+1 < len(ws) {
			next = strings.Trim(ws[i+1], ",.?!:;\"()")
		}
		switch {
		case (core == "do" || core == "am" || core == "have") && next == "i" && !strings.ContainsAny(w, ",.?!"):
			s := who()
			aux := map[string][2]string{"do": {"does", "do"}, "am": {"is", "are"}, "have": {"has", "have"}}[core]
			if p.plural && named && s == p.subj {
				out = append(out, aux[1], s)
			} else {
				out = append(out, aux[0], s)
			}
			i++
			w = ws[i]
			core = "i"
			out[len(out)-1] += w[strings.Index(w, core)+1:]
			continue
		case core == "i'm" || core == "im":
			s := who()
			out = append(out, s, agree("is", "are", p.plural && s == p.subj)+tail)
		case core == "i've":
			s := who()
			out = append(out, s, agree("has", "have", p.plural && s == p.subj)+tail)
		case core == "i'd":
			out = append(out, who(), "would"+tail)
		case core == "i'll":
			out = append(out, who(), "will"+tail)
		case core == "i":
			plural := p.plural && named
			prev := ""
			if i > 0 {
				prev = strings.Trim(ws[i-1], ",.?!:;\"()")
			}
			out = append(out, who()+tail)
			if noAgree[prev] {
				continue // "should I learn": the modal carries the tense
			}
			if tail != "" || i+1 >= len(ws) {
				continue
			}
			v := strings.Trim(ws[i+1], ",.?!:;\"()")
			vt := ws[i+1][len(v):]
			if strings.HasPrefix(ws[i+1], v) && !plural {
				if s, ok := thirdSing(v); ok {
					out = append(out, s+vt)
					i++
				}
			} else if v == "am" {
				out = append(out, "are"+vt)
				i++
			}
		case core == "my":
			out = append(out, p.poss+tail)
		case core == "me":
			out = append(out, p.obj+tail)
		case core == "myself":
			out = append(out, p.refl+tail)
		case core == "mine":
			out = append(out, p.poss+"s"+tail)
		default:
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// noAgree are words after which a subject's verb stays as it is.
var noAgree = set("can", "could", "should", "would", "will", "must", "might", "may", "do", "does", "did", "shall", "to")

func agree(sing, plural string, isPlural bool) string {
	if isPlural {
		return plural
	}
	return sing
}

// thirdSing returns a verb's form after he or she, and false for a word
// that takes none (a modal, a past tense, an adverb).
func thirdSing(v string) (string, bool) {
	switch v {
	case "am":
		return "is", true
	case "have":
		return "has", true
	case "do":
		return "does", true
	case "go":
		return "goes", true
	case "don't", "dont":
		return "doesn't", true
	case "can", "could", "should", "would", "will", "must", "might", "may", "was", "did", "had", "didn't", "can't", "cant",
		"got", "went", "came", "took", "made", "said", "thought", "felt", "knew", "kept", "left", "became", "began", "ran", "saw", "heard", "lost", "won",
		"really", "just", "still", "also", "always", "never", "kinda", "actually", "honestly", "only", "already", "mostly", "feel":
		if v == "feel" {
			return "feels", true
		}
		return "", false
	}
	if strings.HasSuffix(v, "ed") || strings.HasSuffix(v, "s") || strings.HasSuffix(v, "ly") {
		return "", false
	}
	if strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x") {
		return v + "es", true
	}
	if strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])) {
		return v[:len(v)-1] + "ies", true
	}
	return v + "s", true
}

// behalfCases builds the measure's cases from the tunable sets, those of
// the half asked for ("dev" or "check").
func behalfCases(t *testing.T, rm *Roadmap, half string) (behalf, guide []evalCase) {
	t.Helper()
	ix := NewIndex(rm)
	for _, path := range []string{"testdata/eval.yaml", "testdata/eval_dev.yaml", "testdata/eval_dev2.yaml",
		"testdata/eval_own.yaml", "testdata/eval_dev3.yaml", "testdata/eval_dev5.yaml", "testdata/eval_dev6.yaml"} {
		set, ok := loadEvalSet(t, path)
		if !ok {
			t.Fatalf("%s is missing", path)
		}
		for _, c := range set.Questions {
			if !firstPerson(c.Q) || !right(ix, c, c.Q) {
				continue
			}
			h := fnv.New32a()
			h.Write([]byte(c.Q))
			sum := h.Sum32()
			if (sum%2 == 0) != (half == "dev") {
				continue
			}
			b := c
			b.Q = thirdPerson(c.Q, behalfSubjects[sum/2%uint32(len(behalfSubjects))])
			behalf = append(behalf, b)
			// Guiding someone to a people skill is itself no topic to
			// guide them to: "how do I mentor" is left out of the guide kind.
			if s, ok := rm.Skill(c.Skill); ok && (s.Stage == "senior" || s.Stage == "lead") && c.Skill != "" {
				continue
			}
			f := guideFrames[sum/16%uint32(len(guideFrames))]
			q := strings.TrimSpace(f.lead + " " + strings.TrimRight(thirdPerson(c.Q, f.subject), "?.! ") + ". " + f.tail)
			guide = append(guide, evalCase{Q: q, Skill: f.want, Also: f.also})
		}
	}
	return behalf, guide
}

// TestBehalfEval reports the on-behalf measure; BEHALF_SHOW=1 prints its
// misses on the development half.
func TestBehalfEval(t *testing.T) {
	rm, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(rm)
	half := "dev"
	if os.Getenv("BEHALF_HALF") == "check" {
		half = "check"
	}
	behalf, guide := behalfCases(t, rm, half)
	for _, k := range []struct {
		name  string
		cases []evalCase
		floor float64
	}{{"behalf", behalf, behalfFloor}, {"guide", guide, guideFloor}} {
		n, ok := 0, 0
		for _, c := range k.cases {
			n++
			if right(ix, c, c.Q) {
				ok++
				continue
			}
			if os.Getenv("BEHALF_SHOW") == "1" && half == "dev" {
				a := ix.Answer(c.Q)
				t.Logf("%s miss: %q → %s (confident %v); want %s", k.name, c.Q, label(a.Section), a.Confident, c)
			}
		}
		t.Logf("%s %s: %d questions: right %.1f%% (%d)", half, k.name, n, pct(ok, n), ok)
		if half == "dev" && pct(ok, n) < k.floor {
			t.Errorf("%s: %.1f%% right; want at least %.1f%%", k.name, pct(ok, n), k.floor)
		}
		if n == 0 || slices.ContainsFunc(k.cases, func(c evalCase) bool { return c.Q == "" }) {
			t.Errorf("%s: no questions", k.name)
		}
	}
}

// The on-behalf measure's floors on the development half: first
// measured at 71.7% (66/92) behalf and 39.2% (31/79) guide, before
// relatives were read as people spoken for and guide questions as the
// asker's people skills; 81.7% (76/93) and 100% (79/79) after. The
// guide kind's frames are few, so its figure says more about those
// frames than about how people ask; raise the floors as answers get
// better, never lower them to let a change in.
const behalfFloor, guideFloor = 81.7, 98.7
