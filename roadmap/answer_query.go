package roadmap

import (
	"slices"
	"strings"
	"unicode"
)

// Query term weights.
const (
	wFiller    = 0.3 // "learn", "better", "tips": rarely the topic
	wCorrected = 0.8 // a word we corrected from a typo may not be what was meant
	// wIntent: a word that says what kind of question it is ("promoted",
	// "roles", "path") ranks like filler, so "how do I get promoted" is
	// not read as promoting builds through environments.
	wIntent = 0.3
)

// class says what a word of a question is to the roadmap, for telling a
// career question from one that only shares some of its words.
type class uint8

const (
	clStop     class = iota // a stop word: it counts for cues, never for ranking
	clFiller                // a common question word ("learn", "tips")
	clIntent                // says what kind of question it is ("vs", "ready", "track", "love")
	clLevel                 // part of a stage's or track's name
	clTech                  // the roadmap's vocabulary, with no common everyday meaning
	clEveryday              // the roadmap's vocabulary that is also an everyday word
	clProse                 // a word only the roadmap's prose uses, a number, or a likely typo
	clUnknown               // not a word of the roadmap
	clLife                  // a word of everyday life far from work ("pizza", "guitar")
)

// qword is one word of a question.
type qword struct {
	raw, stem string
	w         float64
	class     class
	// brk is set when a clause break (. , ; ! ?) comes before the word.
	brk bool
	// neg is set for words in a clause the asker dislikes or sets aside
	// ("more than writing endpoints"), when the question is a preference.
	neg bool
	// fixed is set for a word corrected from a typo.
	fixed bool
}

// mention is a stage or track named in a question.
type mention struct {
	level int
	at    int // token position
	// last is the position of the name's last word ("area" of "chosen
	// area"): at for a name of one word.
	last int
	// self: the asker's own level ("I'm a senior", "junior here").
	// origin: where a move starts ("from junior", "past mid").
	// dest: where it goes ("to mid", "become a lead", "ready for senior").
	// neg: set aside ("never be a lead").
	// explicit: named as a level ("the api track", "a senior engineer").
	self, origin, dest, neg, explicit bool
	// be: the destination is what the asker would be ("can I be a good
	// lead", "become a senior"), a role, not "for beginners".
	be bool
	// person: the name stands for people, not the level the question is
	// about ("my junior", "a junior's PR", "mentor the juniors").
	person bool
	// weak: named by a synonym that is usually a topic ("infra", "rest").
	weak bool
	// thing: the name is also a thing skills are named after ("api").
	thing bool
}

// parsed is a question after analysis.
type parsed struct {
	toks       []qword
	terms      []term // what ranks the sections
	topicTerms []term // terms from words that name a topic, not a level or an intent
	negTerms   []term // terms of dispreferred clauses, for preferences
	mentions   []mention
	levels     []int           // levels named, in order of first mention
	named      map[string]bool // stems of words that name a level by its id or title
	topic      bool
	// levelIntent: the question asks about a level as such.
	levelIntent, compare, ready, next bool
	// readiness: the question asks whether or when one is ready.
	readiness bool
	// role: the question asks what a role named in it does or whether
	// it lasts ("are DBAs obsolete"): the level, whatever topic is beside it.
	role bool
	// howLong: the question asks how long something takes ("how long
	// does junior to mid take").
	howLong bool
	// specialize: the question asks about choosing a specialization.
	specialize bool
	// feeling: the asker says how they feel about their progress.
	feeling bool
	// broad: the asker would rather not specialize.
	broad bool
	// prefer: the question asks which track fits what the asker likes.
	prefer bool
	// howMuch: the question asks how much of a topic a level needs ("how
	// much linux do I need for a devops role"): the topic, at that level.
	howMuch bool
	// dislike: the asker dislikes something and asks about it ("I hate
	// on-call, is it avoidable?"), which is no choice of track.
	dislike bool
	// persp is the asker's side of an activity: -1 receiving (an author,
	// a mentee, a candidate), +1 giving (a reviewer, a mentor, an
	// interviewer), 0 neither.
	persp int
	// uncovered names a topic no roadmap section covers (salaries, visas).
	uncovered string
	// career: a word puts the question in a working, software context.
	career bool
	// entry: the question asks about entering the profession ("become
	// a backend dev", "switch to backend").
	entry bool
	// whichTrack: the question asks which track something belongs to
	// ("which track handles that").
	whichTrack bool
	// topicTrack: a track is named by its topic ("the database
	// specialization"), so it is that track, not when to specialize.
	topicTrack bool
	// roleDesc: the asker describes the role they want by what it does.
	roleDesc bool
	// promo: the question is about a promotion.
	promo bool
	// need: the question asks whether something is needed or expected
	// ("do juniors need to know system design").
	need bool
	// votes are the nearest labelled examples' votes per section, and
	// nearest the best example's similarity.
	votes   map[int32]float64
	nearest float64
	// asker is the stage the caller knows the asker is at (a member's
	// stage), or -1: a promotion question that names no level is about
	// the stage after it.
	asker int
}

// parse analyses a question: its words and their classes, the levels it
// names and how, what kind of question it is, and the terms that rank.
func (ix *Index) parse(q string) parsed {
	qa := parsed{toks: ix.words(q), asker: -1}
	ix.findLevels(&qa)
	qa.judgedLevels()
	qa.readIntents()
	qa.readPreference()
	qa.readMentions()
	qa.speakingFor()
	qa.persp = perspective(qa.toks)
	qa.uncovered = uncoveredTopic(qa.toks)
	qa.howMuch = qa.howMuchOf()
	qa.background()
	ix.weigh(&qa)
	return qa
}

// speakingFor reads a relative the asker names as theirs ("my son is
// studying cs and wants to do backend", "my wife is a senior and got
// passed over for lead") as someone whose career the question asks
// about, not as a word of everyday life, when the question has a career
// in it: a level named, a word of careers or of learning. "my kids'
// screen time" has none, and stays everyday life.
func (qa *parsed) speakingFor() {
	if len(qa.mentions) == 0 && !qa.career && !qa.levelIntent &&
		!slices.ContainsFunc(qa.toks, func(t qword) bool { return learnWords[t.raw] || t.raw == "become" || t.raw == "becoming" }) {
		return
	}
	for i := 1; i < len(qa.toks); i++ {
		if t := &qa.toks[i]; relatives[t.raw] && t.class == clLife && possessives[qa.raw(i-1)] {
			t.w, t.class = wFiller, clFiller
		}
	}
}

// originShare is how much a topic the asker comes from counts.
const originShare = 0.3

// background weighs less the topic words of where the asker comes from
// ("mongo schema design tips for someone coming from relational dbs"),
// up to a clause break or where they go, when the question names a
// topic elsewhere: that is what it asks about.
func (qa *parsed) background() {
	for i, t := range qa.toks {
		if t.raw != "from" || !cameFrom[qa.raw(i-1)] {
			continue
		}
		end := i + 1
		for end < len(qa.toks) && !qa.toks[end].brk && !destCues[qa.toks[end].raw] {
			end++
		}
		topical := func(t qword) bool { return t.class == clTech || t.class == clEveryday }
		if !slices.ContainsFunc(qa.toks[:i], topical) && !slices.ContainsFunc(qa.toks[end:], topical) {
			return
		}
		for k := i + 1; k < end; k++ {
			if topical(qa.toks[k]) {
				qa.toks[k].w *= originShare
			}
		}
	}
}

// words analyses q into words with their weights and classes, correcting
// typos towards the roadmap's vocabulary.
func (ix *Index) words(q string) []qword {
	q = ix.mend(q)
	// Words before the sentence that asks are context (answer_ask.go).
	var raw []string
	var brk []bool
	nctx := 0
	if at := askStart(q); at == 0 {
		raw, brk = splitWords(q)
	} else {
		raw, brk = splitWords(q[:at])
		nctx = len(raw)
		ask, askBrk := splitWords(q[at:])
		if nctx > 0 && len(askBrk) > 0 {
			askBrk[0] = true
		}
		raw, brk = append(raw, ask...), append(brk, askBrk...)
	}
	for i := 0; i+1 < len(raw); i++ {
		// "back up a database", "rolled back", "log in": the verb is
		// the roadmap's noun.
		if n, ok := phrasal[raw[i]+" "+raw[i+1]]; ok {
			raw[i] = n
		}
		// "gain hands-on experience with databases": practice with the
		// thing named, not a lead's balance of coding and leading.
		if raw[i] == "hands" && raw[i+1] == "on" && i+2 < len(raw) && practiceWords[raw[i+2]] {
			raw[i] = "practical"
		}
		// "code in go", "learn go": the language, which "go" as a stop
		// word would lose.
		// ("learn go for backend": one doesn't learn the verb.)
		learn := raw[i] == "learn" || raw[i] == "learning"
		if raw[i+1] == "go" && goBefore[raw[i]] && (i+2 >= len(raw) || !goAfter[raw[i+2]] || learn && raw[i+2] == "for") {
			raw[i+1] = "golang"
		}
		// "pulled into every discussion": drawn in, not a pull request.
		if (raw[i] == "pulled" || raw[i] == "pulling" || raw[i] == "pull") && (raw[i+1] == "into" || raw[i+1] == "in" || raw[i+1] == "away") {
			raw[i] = "drawn"
		}
		// "teach me rust": the asker learns it (learnerTeach).
		if learnerTeach(raw, i) {
			raw[i] = "learn"
		}
		// "my lead never gives me feedback": the asker receives it, a
		// question about taking feedback, not about giving it.
		if giveForms[raw[i]] && (raw[i+1] == "me" || raw[i+1] == "us") &&
			slices.ContainsFunc(raw[i+2:min(i+5, len(raw))], func(w string) bool { return givenThings[w] }) {
			raw[i] = "receiving"
		}
	}
	out := make([]qword, len(raw))
	for i, r := range raw {
		w := qword{raw: r, stem: ix.stemOf(r), brk: brk[i]}
		switch {
		case w.stem == "":
		case i+1 < len(raw) && everydayCompounds[r+" "+raw[i+1]]:
			// "a rest day", "bank holiday opening hours": everyday life,
			// not REST or a database's holiday; the pair counts as one
			// such word, so "rest api design for shops' opening hours"
			// stays an API question.
			w.w, w.class = 1, clLife
		case i > 0 && everydayCompounds[raw[i-1]+" "+r]:
			w.w, w.class = wFiller, clProse
		case i > 0 && careerCompounds[raw[i-1]+" "+r],
			i > 0 && (raw[i-1] == "my" || raw[i-1] == "our") && contextPeople[r] && !(i+1 < len(raw) && raw[i+1] == "s"):
			// "job security", "my manager says": career words, not the
			// topic they share a word with.
			w.w, w.class = wIntent, clIntent
		case r == "online" && (i > 0 && onlineThings[raw[i-1]] || i+1 < len(raw) && onlineThings[raw[i+1]]):
			// "all the lists online", "online courses": on the web, not
			// a migration run while the database stays up.
			w.w, w.class = wFiller, clFiller
		case (r == "think" || r == "guess") && i > 0 && (raw[i-1] == "i" || raw[i-1] == "we"):
			// "I think I'm ready": a hedge, not product thinking.
			w.w, w.class = wIntent, clIntent
		case (r == "ask" || r == "asking") && slices.ContainsFunc(raw[i+1:min(i+6, len(raw))], func(s string) bool { return askedFor[s] }):
			// "ask for a promotion" is about the promotion, not about
			// asking for help.
			w.w, w.class = wIntent, clIntent
		case prepWords[r] && !slices.ContainsFunc(raw, func(s string) bool { return interviewWords[s] }):
			// "prepare for promotion to senior": getting ready, which the
			// level answers; only an interview is prepared for as a skill.
			w.w, w.class = wIntent, clIntent
		case (r == "bad" || r == "worse") && (i > 0 && judgeBefore[raw[i-1]] || i+1 < len(raw) && judgeAfter[raw[i+1]]):
			// "is it bad that I google everything", "bad for my career":
			// a judgement asked for, not bad data.
			w.w, w.class = wIntent, clIntent
		case (r == "choice" || r == "choices") && i > 0 && judgedChoice[raw[i-1]]:
			// "is the generalist path a good choice": a judgement of what
			// is named, not picking a technology.
			w.w, w.class = wIntent, clIntent
		case r == "own" && i > 0 && possessives[raw[i-1]]:
			// "carve my own niche", "build our own auth": "own" says
			// whose, not ownership of work ("own a feature").
			w.stem, w.class = "", clStop
		case trackVerb(raw, i):
			// "track my calories", "keep track of my kids' screen time",
			// "how to track a parcel": following something, not a
			// roadmap's track, which is a noun.
			w.stem, w.class = "", clStop
		case (r == "normal" || r == "normally") && !(i+1 < len(raw) && (raw[i+1] == "form" || raw[i+1] == "forms")):
			// "is that normal" asks whether something is usual; only
			// "normal forms" is the database's normalization.
			w.stem, w.class = "", clStop
		default:
			ix.weighWord(&w)
		}
		out[i] = w
	}
	for i := range nctx {
		out[i].w *= wPreamble
	}
	number := func(i int) bool {
		return i >= 0 && i < len(out) && out[i].raw != "" && strings.IndexFunc(out[i].raw, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	}
	for i := 1; i < len(out); i++ {
		if arithmetic[out[i].raw] && number(i-1) && (number(i+1) || number(i+2)) {
			out[i].class = clLife // "17 times 23" is sums, not response times
		}
		if kindWords[out[i].raw] {
			ix.fixLevelTypo(&out[i-1]) // "leed dev"
		}
		if toolWords[out[i].raw] && (out[i-1].class == clTech || out[i-1].class == clEveryday) && !toolChoosing[out[i-1].raw] {
			// "observability tools", "load testing tools": tools for
			// the topic named, not picking the right tool.
			out[i].w, out[i].class = wFiller, clFiller
		}
		if out[i].class == clEveryday && out[i-1].class == clLife {
			// "food delivery", "pizza delivery": the everyday sense,
			// not a project's delivery.
			out[i].w, out[i].class = wFiller, clProse
		}
	}
	return out
}

func (ix *Index) weighWord(w *qword) {
	w.w = 1
	fill := filler[w.raw]
	if fill {
		w.w = wFiller
	}
	_, known := ix.idf[w.stem]
	known = known || ix.vocab.known[w.raw]
	intent := compareWords[w.raw] || readyWords[w.raw] || roleWords[w.raw] || likeWords[w.raw] || originCues[w.raw]
	if lifeWords[w.raw] {
		w.class = clLife
		return
	}
	if !known && !fill && !intent && !listed(w.raw) {
		fix := ix.bestCorrection(w.raw, ix.vocab)
		if fix == "" {
			// "gti": too short for the general correction, but two
			// letters swapped in a word no one else spells so.
			fix = ix.vocab.swapped(w.raw)
		}
		if fix == "" && slices.ContainsFunc(ix.life.correct(w.raw), func(c string) bool { return !strings.HasPrefix(c, w.raw) }) {
			// "gadren", "cofefe": a word of everyday life mistyped is
			// still one, and says the question is about life, not work;
			// one that only lacks the last letter may be another word
			// ("fluff" is not "fluffy").
			w.class = clLife
			return
		}
		if fix == "" {
			// "trck", "lwad": a short word one slip from a single
			// word of the roadmap's names.
			fix = ix.vocab.correctShort(w.raw)
		}
		if fix == "" {
			// "profle": no name is one typo away, a word of the prose is.
			fix = ix.bestCorrection(w.raw, ix.prose)
		}
		if fix != "" {
			w.raw, w.stem, known, w.fixed = fix, ix.stemOf(fix), true, true
			w.w *= wCorrected
			// "promted" is "promoted", a word of intent like the one meant.
			intent = compareWords[fix] || readyWords[fix] || roleWords[fix] || likeWords[fix] || originCues[fix]
		}
	}
	switch {
	case intent:
		w.class = clIntent
		w.w = min(w.w, wIntent)
	case fill:
		w.class = clFiller
	case ix.topical[w.stem] && (everyday[w.raw] || everyday[w.stem]):
		w.class = clEveryday
	case ix.topical[w.stem]:
		w.class = clTech
	case known || len(w.raw) <= 2 || strings.IndexFunc(w.raw, unicode.IsDigit) >= 0 || ix.prose.known[w.raw] || listed(w.raw) ||
		ix.prose.near(w.raw):
		w.class = clProse
	default:
		w.class = clUnknown
	}
}

// fixLevelTypo corrects a word too short for the general correction
// that is one letter from the one-word name of a stage or track, when a
// kind word follows it ("leed dev", "senor engineer"): there it can
// only be the level's name.
func (ix *Index) fixLevelTypo(w *qword) {
	if w.fixed || len(w.raw) < 3 || len(w.raw) >= minTypoLen || w.class != clUnknown && (w.class != clProse || ix.vocab.known[w.raw]) {
		return
	}
	fix := ""
	for n, list := range ix.names.byFirst {
		if n[0] == w.raw[0] && len(n) >= 3 && withinOneEdit(w.raw, n) && slices.ContainsFunc(list, func(ph phrase) bool { return len(ph.stems) == 1 && !ph.weak }) &&
			(fix == "" || n < fix) {
			fix = n
		}
	}
	if fix != "" {
		w.raw, w.stem, w.fixed, w.w, w.class = fix, fix, true, wCorrected, clLevel
	}
}

// howMuchOf reports whether "how much" asks about a topic of the
// roadmap's ("how much security", "how much sql"), not a level or money.
func (qa *parsed) howMuchOf() bool {
	for i := 1; i+1 < len(qa.toks); i++ {
		if qa.toks[i-1].raw == "how" && qa.toks[i].raw == "much" {
			c := qa.toks[i+1].class
			return (c == clTech || c == clEveryday) && !qa.toks[i+1].common()
		}
	}
	// "what does a generalist need to know about frontend"
	for i := 0; i+2 < len(qa.toks); i++ {
		if knowWords[qa.toks[i].raw] && qa.toks[i+1].raw == "about" {
			if t := qa.toks[i+2]; (t.class == clTech || t.class == clEveryday) && !t.common() {
				return true
			}
		}
	}
	// "what cloud stuff should a mid know", "which sql does a junior
	// need": a topic asked about for what someone should know.
	for i := 0; i+1 < len(qa.toks); i++ {
		if r := qa.toks[i].raw; r != "what" && r != "which" {
			continue
		}
		t := qa.toks[i+1]
		if (t.class == clTech || t.class == clEveryday) && !t.common() &&
			slices.ContainsFunc(qa.toks[i+2:], func(u qword) bool { return knowWords[u.raw] }) {
			return true
		}
		break
	}
	return false
}

// knowWords ask what someone should know of a topic.
var knowWords = set("know", "learn", "understand", "need")

// listed reports whether w is a word of the lists this file reads, known
// English that is never taken for a typo ("scared" is not "shared").
func listed(w string) bool {
	for _, l := range []map[string]bool{feelingWords, careerWords, questionWords, everyday, receiverWords, giverWords,
		uncoveredWords, specializeWords, kindWords} {
		if l[w] {
			return true
		}
	}
	return false
}

// content returns the positions of the words that are not stop words.
func (qa *parsed) content() []int {
	var pos []int
	for i, t := range qa.toks {
		if t.stem != "" {
			pos = append(pos, i)
		}
	}
	return pos
}

// findLevels finds the names of stages and tracks, longest first, each
// word in one name.
func (ix *Index) findLevels(qa *parsed) {
	pos := qa.content()
	seq := make([]string, len(pos))
	for i, p := range pos {
		seq[i] = qa.toks[p].stem
	}
	taken := make([]bool, len(seq))
	for i := range seq {
		// "junior high", "senior citizen": a word of everyday life
		// (everydayCompounds) names no level.
		if taken[i] || qa.toks[pos[i]].class == clLife {
			continue
		}
		ix.names.match(seq, i, func(ph phrase) {
			if taken[i] {
				return
			}
			if !ph.weak {
				for j := range ph.stems {
					taken[i+j] = true
					t := &qa.toks[pos[i+j]]
					t.class = clLevel
					if qa.named == nil {
						qa.named = map[string]bool{}
					}
					qa.named[t.stem] = true
				}
			}
			if !slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.at == pos[i] && m.level == ph.level }) {
				qa.mentions = append(qa.mentions, mention{level: ph.level, at: pos[i], last: pos[min(i+len(ph.stems), len(pos))-1], weak: ph.weak, thing: ix.inSkillName(seq[i])})
			}
			if !slices.Contains(qa.levels, ph.level) {
				qa.levels = append(qa.levels, ph.level)
			}
		})
	}
}

// judgedLevels reads a word that judges the level named right after it
// ("a strong senior", "an average lead", "what makes a great dba") as
// part of a question about the level, not as a topic it shares a word
// with ("strong consistency").
func (qa *parsed) judgedLevels() {
	for _, m := range qa.mentions {
		if m.weak || m.at == 0 {
			continue
		}
		if t := &qa.toks[m.at-1]; levelJudgements[t.raw] {
			t.w, t.class = wIntent, clIntent
		}
	}
}

// weigh turns the words into ranking terms: stems, bigrams and the
// canonical terms of synonyms.
func (ix *Index) weigh(qa *parsed) {
	pos := qa.content()
	seq := make([]string, len(pos))
	for i, p := range pos {
		seq[i] = qa.toks[p].stem
	}
	best := map[string]float64{}
	topic := map[string]float64{}
	neg := map[string]float64{}
	add := func(m map[string]float64, s string, x float64) {
		if x > m[s] {
			m[s] = x
		}
	}
	phraseAt, inPhrase := -1, 0 // start and end of the synonym phrase that reaches furthest
	for i, s := range seq {
		t := qa.toks[pos[i]]
		// Only the roadmap's vocabulary names a topic: "what am I missing"
		// or "a total beginner" asks about the level it names.
		isTopic := (t.class == clTech || t.class == clEveryday) && !t.neg
		qa.topic = qa.topic || isTopic
		emit := func(s string, x float64) {
			switch {
			case t.neg:
				add(neg, s, x)
				return
			case isTopic && t.class == clEveryday:
				add(topic, s, x/2)
			case isTopic:
				add(topic, s, x)
			}
			add(best, s, x)
		}
		emit(s, t.w)
		if i > 0 {
			emit(seq[i-1]+" "+s, min(qa.toks[pos[i-1]].w, t.w)*bigramShare)
		}
		ix.syn.match(seq, i, func(ph phrase) {
			if i > phraseAt && i+len(ph.stems) <= inPhrase {
				return // "manager" inside "product managers" is the product manager
			}
			if i+len(ph.stems) > inPhrase {
				phraseAt, inPhrase = i, i+len(ph.stems)
			}
			for _, c := range ph.target {
				emit(c, t.w*synonymShare)
			}
		})
	}
	qa.terms, qa.topicTerms, qa.negTerms = terms(best), terms(topic), terms(neg)
}

// topicScore is how well section d matches the question's topic words,
// those with an everyday meaning at half weight.
func (qa parsed) topicScore(ix *Index, d int) float64 {
	s := 0.0
	for _, t := range qa.topicTerms {
		for _, p := range ix.postings[t.stem] {
			if int(p.doc) == d {
				s += t.w * float64(p.w)
			}
		}
	}
	return s
}

// techTopic reports whether a word without an everyday meaning names the
// question's topic.
func (qa parsed) techTopic() bool {
	// "feel lost" is a feeling, whatever "lost updates" makes of "lost".
	return slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clTech && !t.neg && !feelingWords[t.raw] && !feelWords[t.raw] })
}

// have returns the set of the question's term stems.
func (qa parsed) have() map[string]bool {
	have := make(map[string]bool, len(qa.terms))
	for _, t := range qa.terms {
		have[t.stem] = true
	}
	return have
}

// moves reports whether the question asks about a move between levels
// or about being ready for one.
func (qa parsed) moves() bool {
	if qa.readiness {
		return true
	}
	for _, m := range qa.mentions {
		if m.origin || m.dest && len(qa.levels) > 1 {
			return true
		}
	}
	return false
}

// strong reports whether section d is more than a coincidence: it matches
// the question in its name, or in two or more of the question's words of
// which one at least belongs to the roadmap's vocabulary of names and
// synonyms. Off-topic questions share prose words with the roadmap
// ("night", "last"), rarely its names.
func (qa parsed) strong(ix *Index, d int) bool {
	if qa.votes[int32(d)] >= strongVote {
		// People asked this in these words before.
		return true
	}
	matched, topical := 0, false
	for _, t := range qa.terms {
		if t.w < 0.5 || strings.Contains(t.stem, " ") {
			continue
		}
		for _, p := range ix.postings[t.stem] {
			if int(p.doc) != d {
				continue
			}
			if p.name {
				return true
			}
			matched++
			topical = topical || ix.topical[t.stem]
		}
	}
	return matched >= 2 && topical
}

// strongVote is the examples' vote that makes a section more than a
// coincidence by itself: one example at a similarity of 0.6, or several
// less alike.
const strongVote = 0.36

func terms(m map[string]float64) []term {
	out := make([]term, 0, len(m))
	for s, x := range m {
		out = append(out, term{s, x})
	}
	// Map order is random; a fixed order keeps float sums, and so ties,
	// the same from run to run.
	slices.SortFunc(out, func(a, b term) int { return strings.Compare(a.stem, b.stem) })
	return out
}

// bestCorrection returns the word of v one edit away from w that the most
// sections use, or "".
func (ix *Index) bestCorrection(w string, v *vocab) string {
	best, bestN := "", 0
	for _, c := range v.correct(w) {
		if n := len(ix.postings[ix.stemOf(c)]); n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

// trackVerb reports whether word i of raw is "track" as a verb or in
// "keep track of": after "to" or a subject ("how to track", "i track"),
// or before what is followed ("track my calories", "track a parcel").
// The roadmap's track is a noun: "the api track", "which track".
func trackVerb(raw []string, i int) bool {
	r := raw[i]
	if r != "track" && r != "tracking" && r != "tracked" {
		return false
	}
	prev, next := "", ""
	if i > 0 {
		prev = raw[i-1]
	}
	if i+1 < len(raw) {
		next = raw[i+1]
	}
	if r == "tracking" || r == "tracked" {
		// "parcel tracking", "my car tracking": never a career track;
		// "tracking my progress" is the asker's own doing.
		return true
	}
	return trackSubjects[prev] || trackObjects[next]
}
