package roadmap

// The question answerer ranks the roadmap's sections (every stage, track
// and skill) for a free-text question with a small BM25F ranker written
// here, on top of the snowball English stemmer
// (github.com/kljensen/snowball).
//
// Why not bleve: a roadmap is about a hundred short sections that live in
// memory for the life of the process. bleve is built for large, persistent
// indexes; it brings dozens of dependencies, a storage layer and a query
// language we would not use, and its scoring would still need the parts
// that make answers good here: synonyms and abbreviations from the
// roadmap's own YAML, name fields above body text, typo correction against
// the roadmap's vocabulary, and recognising questions about a stage or
// track ("how do I become a DBA?"). The small ranker does all of that in
// a few hundred lines, builds in about a millisecond and answers in tens
// of microseconds, and the analysis library it needs, a stemmer, is a
// small, well-kept package.

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
)

// Section names one part of the roadmap: a stage, a track, or a skill of
// either. Stage and Track are ids; exactly one is set. Skill is the skill
// id, empty when the section is the stage or track itself.
type Section struct {
	Stage string  `json:"stage"`
	Track string  `json:"track"`
	Skill string  `json:"skill"`
	Title string  `json:"title"`
	Score float64 `json:"-"`
}

// Kind says what sort of answer a question got.
type Kind int

// Answer kinds.
const (
	// NoMatch: nothing scored well enough; Alternatives holds the closest sections.
	NoMatch Kind = iota
	// SkillAnswer: Item is the skill that answers the question.
	SkillAnswer
	// LevelAnswer: Level is the stage or track the question is about.
	LevelAnswer
	// NextAnswer: the question asks what to learn next, which depends on
	// the asker's progress; Level is the first stage as a starting point.
	NextAnswer
	// UncoveredAnswer: a career question no section covers (salaries,
	// visas); Uncovered names the topic, and Level, when set, is the
	// stage or track whose expectations and ready text are what the
	// roadmap can offer instead. It is not Confident: no section answers.
	UncoveredAnswer
)

// String names the kind the way `mentorbot ask --json` prints it.
func (k Kind) String() string {
	switch k {
	case SkillAnswer:
		return "skill"
	case LevelAnswer:
		return "level"
	case NextAnswer:
		return "next"
	case UncoveredAnswer:
		return "uncovered"
	}
	return "not-sure"
}

// Answer is the best section for a question, with the next best ones.
type Answer struct {
	Question string
	Section
	Kind Kind
	// Confident is false when no section scored well enough (MinScore);
	// a weak match must then be offered as an alternative, never as the answer.
	Confident bool
	// Level is the stage or track of the section; Item is the skill, nil
	// for a stage or track.
	Level *Level
	Item  *Skill
	// Prev is the level a question moves from when it asks about getting
	// to Level ("am I ready for senior?", "from junior to mid"): its Ready
	// text says when one is.
	Prev *Level
	// Next is the level a readiness question asks about ("am I ready for
	// senior?") when Level is the one before it, whose Ready text answers.
	// Toward turns such an answer into one about Next.
	Next *Level
	next Section
	// OffTopic is set on a NoMatch answer to a question that is not about
	// careers or software at all ("who is the lead singer of queen"): the
	// reply says what the bot does rather than offer sections.
	OffTopic bool
	// Uncovered names the topic of an UncoveredAnswer ("salaries and pay").
	Uncovered string
	// Alternatives are up to three next best sections, best first.
	Alternatives []Section
}

// Toward returns a readiness answer ("am I ready for senior?", answered
// by the mid stage's ready text) in the shape of an answer about a move:
// the level asked about, with Prev the level whose Ready text says when
// one is ready, for replies that show where the asker is going. Any
// other answer is returned as it is.
func (a Answer) Toward() Answer {
	if a.Kind != LevelAnswer || a.Next == nil {
		return a
	}
	b := a
	b.Section, b.Level, b.Prev, b.Next = a.next, a.Next, a.Level, nil
	b.next = Section{}
	return b
}

// MinScore is the least score an answer needs to be given as one. A
// single distinctive word in a skill's name scores about 5; a common word
// in body text scores under 1. The answer must also match the question in
// its name or in at least two of the question's words: one rare word in
// a paragraph is a coincidence, not an answer.
const MinScore = 2.6

// Index answers questions from one roadmap. Build it once with NewIndex;
// it is read-only afterwards and safe for concurrent use.
type Index struct {
	rm       *Roadmap
	levels   []levelInfo
	docs     []section
	postings map[string][]posting
	idf      map[string]float64
	syn      phrases // synonym variants → canonical stems
	names    phrases // names of stages and tracks
	vocab    *vocab
	// prose holds every word of the roadmap's text and of common
	// questions: a question's word one typo away from one of them is a
	// typo, not a word the roadmap doesn't know.
	prose *vocab
	// topical holds the stems of every name, alias and synonym: the
	// roadmap's own vocabulary, as opposed to words of its prose.
	topical map[string]bool
	// covers holds, per section, the stems of each of its skill's name and
	// aliases: a question that contains one of them whole names the skill.
	covers [][][]string
	// levelDocs holds, per level, the sections of its skills.
	levelDocs [][]int
	// everyday holds the stems of the words with an everyday meaning.
	everyday map[string]bool
	// broadLevel is the track for those who would rather not specialize
	// (broadTrack), or -1.
	broadLevel int
	// promoLevel is the stage whose text says most about getting
	// promoted, or -1: where a promotion question that names no level
	// is answered.
	promoLevel int
	// stemCache remembers stems while the index is built; nil afterwards,
	// so an Index is read-only once NewIndex returns.
	stemCache map[string]string
}

type levelInfo struct {
	l            *Level
	stage, track string
	order        int // stage order; tracks sort after the stage they open at
}

type section struct {
	Stage, Track, Skill, Title string
	level                      int
	isLevel                    bool
	skill                      *Skill
}

type posting struct {
	doc int32
	w   float32 // idf × saturated, field-weighted term frequency
	// name is set when the term is in the section's name, aliases, id or title.
	name bool
}

// genericTitleWords are left out when a stage's or track's title is used
// to recognise it in a question ("Senior backend developer" → "senior").
var genericTitleWords = map[string]bool{
	"backend": true, "developer": true, "engineer": true, "focused": true, "software": true, "level": true,
}

// NewIndex indexes r's stages, tracks and skills with r's synonyms.
func NewIndex(r *Roadmap) *Index {
	ix := &Index{rm: r, postings: map[string][]posting{}, idf: map[string]float64{},
		syn: phrases{byFirst: map[string][]phrase{}}, names: phrases{byFirst: map[string][]phrase{}}, vocab: newVocab(), prose: newVocab(), topical: map[string]bool{}, everyday: map[string]bool{}}
	for w := range everyday {
		ix.everyday[stem(w)] = true
	}
	for _, words := range []map[string]bool{filler, extraStop, questionWords} {
		for _, w := range slices.Sorted(maps.Keys(words)) {
			ix.prose.add(w)
		}
	}
	for i := range r.Stages {
		ix.levels = append(ix.levels, levelInfo{l: &r.Stages[i].Level, stage: r.Stages[i].ID, order: 2 * i})
	}
	for i := range r.Tracks {
		ix.levels = append(ix.levels, levelInfo{l: &r.Tracks[i].Level, track: r.Tracks[i].ID, order: 2*max(0, r.StageIndex(r.Tracks[i].From)) + 1})
	}
	levelOf := map[string]int{}
	var levelSyns []phrase
	for li, lv := range ix.levels {
		levelOf[strings.Join(stems(lv.l.ID), " ")] = li
		ix.addName(li, lv.l.ID)
		title, _, _ := strings.Cut(lv.l.Title, "(") // "Database Administrator (DBA)"
		ix.addName(li, title)
		var short []string
		for _, w := range tokenize(title) {
			if !genericTitleWords[w] {
				short = append(short, w)
			}
		}
		ix.addName(li, strings.Join(short, " "))
	}
	for _, canon := range slices.Sorted(func(yield func(string) bool) {
		for k := range r.Synonyms {
			if !yield(k) {
				return
			}
		}
	}) {
		target := stems(canon)
		li, isLevel := levelOf[strings.Join(target, " ")]
		for _, v := range append([]string{canon}, r.Synonyms[canon]...) {
			for _, t := range analyze(v) {
				ix.vocab.add(t.raw)
			}
			seq := stems(v)
			if len(seq) == 1 && len(tokenize(v)) > 1 {
				// "bit of everything" without its stop words is
				// "everything", which names nothing.
				continue
			}
			if len(seq) > 0 {
				ix.syn.add(phrase{stems: seq, target: target, level: -1})
				for _, s := range seq {
					ix.topical[s] = true
				}
				if isLevel {
					// A phrase of two words or more ("build depth",
					// "start small") names its level surely.
					levelSyns = append(levelSyns, phrase{stems: seq, level: li, weak: len(seq) == 1 && !slices.Contains(seq, target[len(target)-1])})
				}
			}
		}
	}
	ix.stemCache = map[string]string{}
	ix.build(r)
	ix.stemCache = nil
	// A synonym names its level less surely than the level's id or
	// title when a skill is called by it too: "rest" names the API track,
	// but a question with it is usually about REST, so it stays a topic.
	// One that contains the id ("tech lead"), or that no skill is called
	// by ("entry-level", "new grad"), is sure.
	for _, ph := range levelSyns {
		ph.weak = ph.weak && !slices.ContainsFunc(ph.stems, func(s string) bool { return !ix.inSkillName(s) })
		ix.names.add(ph)
	}
	ix.broadLevel = ix.broadTrack()
	ix.promoLevel = ix.promoStage()
	return ix
}

// inSkillName reports whether a skill has stem s in its name or aliases.
func (ix *Index) inSkillName(s string) bool {
	return slices.ContainsFunc(ix.postings[s], func(p posting) bool { return p.name && !ix.docs[p.doc].isLevel })
}

func (ix *Index) addName(li int, name string) {
	if seq := stems(name); len(seq) > 0 {
		ix.names.add(phrase{stems: seq, level: li})
	}
}

// Answer ranks the roadmap's sections for question q.
func (ix *Index) Answer(q string) Answer { return ix.AnswerFor(q, "", "") }

// ownLevelBoost is how much closer a section of the asker's own stage or
// track counts: enough to win a near tie, not to override a clear answer.
const ownLevelBoost = 1.25

// perspBoost is how much closer a stage's skill counts when the asker is
// on its side of an activity: an author or mentee for the earlier stages,
// a reviewer or mentor for the later ones.
const perspBoost = 1.5

// namedInSkill is the share a word that names a stage or track counts for
// when it appears in a skill.
const namedInSkill = 0.4

// AnswerFor ranks like Answer, but when sections score almost alike it
// prefers those of the asker's stage and track, so a DBA-track member
// asking about indexes gets the DBA track's section. A question that
// says where the asker is ("I'm a senior, ...") counts the same way when
// stage and track are empty.
func (ix *Index) AnswerFor(q, stage, track string) Answer {
	qa := ix.parse(q)
	if stage == "" && track == "" {
		stage, track = ix.selfLevel(qa)
	}
	scores := ix.score(qa, qa.terms, stage, track)
	order := rank(scores)
	top := -1
	if len(order) > 0 && scores[order[0]] > 0 {
		top = order[0]
	}
	if !ix.inDomain(qa, top) {
		// Sections that share a word with "lead singer" are no closer
		// than any other: the stages show what the bot does answer.
		return Answer{Question: q, Kind: NoMatch, OffTopic: true, Alternatives: ix.fallback()}
	}
	if qa.uncovered != "" {
		if !qa.careerish() {
			// "what's the deadline for filing taxes" is not a career
			// question the roadmap doesn't cover: it is no career question.
			return Answer{Question: q, Kind: NoMatch, OffTopic: true, Alternatives: ix.fallback()}
		}
		return ix.uncoveredAnswer(q, qa, stage, order, scores)
	}
	c := ix.choose(qa, order, scores)
	if c.best < 0 && qa.next && !qa.topic {
		return ix.nextAnswer(q, qa, order, scores)
	}
	confident := c.best >= 0
	if c.best < 0 && top >= 0 {
		c.best = ix.bestSection(qa, order, scores)
		confident = scores[c.best] >= MinScore && qa.strong(ix, c.best)
	}
	if c.best < 0 || !confident {
		ans := Answer{Question: q, Kind: NoMatch, Alternatives: ix.sections(order, scores, -1, 3)}
		if len(ans.Alternatives) == 0 {
			ans.Alternatives = ix.fallback()
		}
		if c.best >= 0 {
			ans.Score = round(scores[c.best])
		}
		return ans
	}
	return ix.answerWith(q, c, order, scores)
}

// choice is the section chosen for a question, or -1, with the levels
// around a move: prev, where it starts, and next, where a readiness
// question looks.
type choice struct{ best, prev, next int }

// choose picks the level the question is about, or the track it prefers,
// or the section covering both sides of a comparison; best is -1 when the
// ranking alone decides.
func (ix *Index) choose(qa parsed, order []int, scores []float64) choice {
	li, prev := ix.target(qa)
	sure := false // the level is the answer whatever the topic words
	switch {
	case qa.specialize && (li < 0 || ix.levels[li].stage != "") && !qa.prefer && !qa.broad &&
		!slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.dest && !m.neg }):
		// ("devops track -> tech lead, does the specialization still
		// matter" moves to lead.)
		// "when should I specialize?": the stage where the tracks open.
		if st := ix.tracksOpen(); st >= 0 {
			li, prev = st, -1
		}
	case li < 0 && qa.feeling && !slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.person }) && !qa.techTopic() && len(ix.levels) > 0:
		// (Not when it is someone else's feeling: "mentoring an intern
		// who's way behind".)
		// "scared I'm not smart enough": where the asker is, else the start.
		li, sure = ix.selfOr(qa, 0), true
	}
	if ix.choosingTracks(qa) {
		// "data or api track, which one?", "how do I pick between dba
		// and devops": choosing is the subject of the stage where the
		// tracks open.
		if st := ix.tracksOpen(); st >= 0 {
			li, prev = st, -1
			sure = true
		}
	}
	c := choice{best: -1, prev: prev, next: -1}
	if qa.readiness && prev >= 0 && (li < 0 || ix.after(prev) == li) {
		// ("how long from junior to senior" is about senior: junior's
		// ready text says when one is mid.)
		// "am I ready for senior?" is answered by the stage before it,
		// whose ready text says when one is.
		li, c.prev, c.next = prev, -1, li
	}
	switch {
	case sure || ix.levelChosen(qa, li, order, scores):
		c.best = li // level sections come first in docs, in levels order
	case qa.broad && (!qa.prefer || li < 0):
		// "I don't want to specialize": the track for staying broad.
		c.best, c.prev = ix.broadLevel, -1
	case qa.prefer || qa.whichTrack && li < 0:
		// "pushing updates safely, which track handles that?" is
		// answered like a liking: the track that fits best.
		if c.best = ix.preferredTrack(qa, scores); c.best >= 0 {
			c.prev = -1
		}
	case qa.compare && li < 0:
		c.best = ix.bothSides(qa, order, scores)
	}
	return c
}

// choosingTracks reports whether the question weighs two tracks or more
// against each other without saying which it likes.
func (ix *Index) choosingTracks(qa parsed) bool {
	if qa.prefer && !slices.ContainsFunc(qa.toks, func(t qword) bool { return t.raw == "both" || t.raw == "equally" }) {
		return false
	}
	seen := map[int]bool{}
	for _, m := range qa.mentions {
		if ix.levels[m.level].track != "" && !m.neg && !m.origin && !m.dest && !m.person && !m.weak {
			seen[m.level] = true
		}
	}
	return len(seen) >= 2 && slices.ContainsFunc(qa.toks, func(t qword) bool { return choosingWords[t.raw] })
}

// nextAnswer answers "what should I learn next?", which depends on the
// asker's progress, from the stage they say they are at, else the first.
func (ix *Index) nextAnswer(q string, qa parsed, order []int, scores []float64) Answer {
	ans := Answer{Question: q, Kind: NextAnswer, Confident: true}
	if len(ix.levels) > 0 {
		lv := ix.levels[ix.selfOr(qa, 0)]
		ans.Level, ans.Stage, ans.Track = lv.l, lv.stage, lv.track
	}
	ans.Title = "What to learn next"
	ans.Alternatives = ix.sections(order, scores, -1, 3)
	return ans
}

// answerWith gives section c.best as the answer.
func (ix *Index) answerWith(q string, c choice, order []int, scores []float64) Answer {
	d := ix.docs[c.best]
	ans := Answer{Question: q, Confident: true, Kind: SkillAnswer, Level: ix.levels[d.level].l,
		Section: Section{Stage: d.Stage, Track: d.Track, Skill: d.Skill, Title: d.Title, Score: round(scores[c.best])}}
	if d.isLevel {
		ans.Kind = LevelAnswer
		if c.prev >= 0 && c.prev != d.level {
			ans.Prev = ix.levels[c.prev].l
		}
		if c.next >= 0 && c.next != d.level {
			lv := ix.levels[c.next]
			ans.Next = lv.l
			ans.next = Section{Stage: lv.stage, Track: lv.track, Title: lv.l.Title, Score: ans.Score}
		}
	} else {
		ans.Item = d.skill
	}
	ans.Alternatives = ix.sections(order, scores, c.best, 3)
	return ans
}

// score sums the terms' postings per section, with the boosts for whole
// names, the asker's own level and the asker's side of an activity.
func (ix *Index) score(qa parsed, terms []term, stage, track string) []float64 {
	scores := make([]float64, len(ix.docs))
	for _, t := range terms {
		for _, p := range ix.postings[t.stem] {
			w := t.w * float64(p.w)
			if qa.named[t.stem] && !ix.docs[p.doc].isLevel {
				// "junior" in "my first week as a junior" names the
				// stage; in "Mentoring junior developers" it is a coincidence.
				w *= namedInSkill
			}
			scores[p.doc] += w
		}
	}
	ix.boostCovered(terms, scores)
	for d, s := range ix.docs {
		if stage != "" && s.Stage == stage || track != "" && s.Track == track {
			scores[d] *= ownLevelBoost
		}
		if qa.persp != 0 && s.Stage != "" && !s.isLevel {
			if late := 2*ix.rm.StageIndex(s.Stage) >= len(ix.rm.Stages); late == (qa.persp > 0) {
				scores[d] *= perspBoost
			} else {
				scores[d] /= perspBoost
			}
		}
	}
	return scores
}

// bestSection returns the best ranked section, passing over a level that
// the question names only as people ("my junior") or sets aside.
func (ix *Index) bestSection(qa parsed, order []int, scores []float64) int {
	for _, d := range order {
		s := ix.docs[d]
		if !s.isLevel || !slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.level == s.level }) ||
			slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.level == s.level && !m.person && !m.neg && !(m.origin && qa.moves()) }) {
			if s.isLevel && !qa.levelIntent {
				// "how do juniors get better at debugging": a topic of
				// the level's own, nearly as strong, answers better
				// than the level.
				for _, e := range order[:min(4, len(order))] {
					if !ix.docs[e].isLevel && ix.docs[e].level == s.level && scores[e] >= closeSkill*scores[d] {
						return e
					}
				}
			}
			return d
		}
	}
	return order[0]
}

// closeSkill is how near a skill of a level must score to the level's own
// section to answer a topic question instead of it.
const closeSkill = 0.75

// rank orders the sections by score, best first.
func rank(scores []float64) []int {
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return scores[order[i]] > scores[order[j]] })
	return order
}

// selfLevel returns the stage or track a question says the asker is at
// ("I'm a senior", "junior dev here").
func (ix *Index) selfLevel(qa parsed) (stage, track string) {
	for _, m := range qa.mentions {
		if m.self && !m.neg {
			lv := ix.levels[m.level]
			return lv.stage, lv.track
		}
	}
	return "", ""
}

// target returns the level a question asks about, or -1, and the level
// whose ready text answers a move to it, or -1: "from junior to mid"
// asks about mid, ready when junior is done; "how do I move past
// junior" about the stage after junior; "I'm a senior, what makes a
// lead" about lead, from senior. Levels set aside ("never be a lead")
// don't count; the asker's own level counts only when nothing else is
// named.
func (ix *Index) target(qa parsed) (li, prev int) {
	li, prev = -1, -1
	origin, self := -1, -1
	var others []mention
	strong := slices.ContainsFunc(qa.mentions, func(m mention) bool { return !m.weak && !m.neg && !m.person })
	for _, m := range qa.mentions {
		switch {
		case m.neg, m.person, m.weak && strong:
		case m.origin:
			if origin < 0 {
				origin = m.level
			}
		case m.self:
			if self < 0 {
				self = m.level
			}
		default:
			others = append(others, m)
		}
	}
	dest := false
	switch {
	case len(others) > 0:
		li = others[0].level
		for _, m := range others {
			if m.dest {
				li, dest = m.level, true
			}
		}
		if !dest && qa.compare {
			// "lead vs senior": the later level's Changes says what differs.
			for _, m := range others[1:] {
				if ix.levels[m.level].order > ix.levels[li].order {
					li = m.level
				}
			}
		}
		switch {
		case origin >= 0:
			prev = origin
		case dest && others[0].level != li:
			prev = others[0].level // "a mid dev ready for senior", "junior to mid"
		case self >= 0 && ix.levels[self].order < ix.levels[li].order:
			prev = self // "I'm a senior, what makes a lead"
		}
	case origin >= 0:
		li, prev = ix.after(origin), origin
	default:
		li = self
	}
	if li < 0 && qa.promo {
		li = ix.promoLevel // "how do I get promoted faster"
	}
	if li < 0 && qa.entry && len(ix.levels) > 0 {
		li = ix.levelOfStage(0) // "how do I become a backend dev": where everyone starts
	}
	if li >= 0 && ix.levels[li].stage != "" && !dest && origin < 0 {
		// "a senior dba", "as a generalist mid", "the devops track at
		// senior": a track at some stage is about the track, whose
		// text runs from where it opens to senior.
		for _, m := range qa.mentions {
			if ix.levels[m.level].track != "" && !m.neg && !m.person && !m.weak && !m.origin {
				li, prev = m.level, -1
				break
			}
		}
	}
	if li >= 0 && (prev < 0 || prev == li) && (qa.ready || qa.readiness) {
		prev = ix.before(li)
	}
	if prev == li {
		prev = -1
	}
	return li, prev
}

// selfOr returns the level the asker says they are at, else def.
func (ix *Index) selfOr(qa parsed, def int) int {
	for _, m := range qa.mentions {
		if m.self && !m.neg {
			return m.level
		}
	}
	return def
}

// tracksOpen returns the level of the stage at which most tracks open,
// or -1 when the roadmap has no tracks.
func (ix *Index) tracksOpen() int {
	count := map[int]int{}
	best := -1
	for _, t := range ix.rm.Tracks {
		i := max(0, ix.rm.StageIndex(t.From))
		if count[i]++; best < 0 || count[i] > count[best] {
			best = i
		}
	}
	if best < 0 {
		return -1
	}
	return ix.levelOfStage(best)
}

// after returns the stage after level li, or li when it is the last stage
// or a track.
func (ix *Index) after(li int) int {
	if st := ix.levels[li].stage; st != "" {
		if i := ix.rm.StageIndex(st); i >= 0 && i+1 < len(ix.rm.Stages) {
			return ix.levelOfStage(i + 1)
		}
	}
	return li
}

// before returns the stage before stage li, or -1.
func (ix *Index) before(li int) int {
	if st := ix.levels[li].stage; st != "" {
		if i := ix.rm.StageIndex(st); i > 0 {
			return ix.levelOfStage(i - 1)
		}
	}
	return -1
}

// levelOfStage returns the level index of the i-th stage: stages come
// first in levels, in order.
func (ix *Index) levelOfStage(i int) int { return i }

// preferredTrack returns the section of the track that fits what the
// asker likes best, counting what they dislike against it, or -1.
func (ix *Index) preferredTrack(qa parsed, scores []float64) int {
	neg := ix.score(parsed{}, qa.negTerms, "", "")
	best, bestS := -1, MinScore
	// Past the stage where the tracks open, a liking for people or for
	// code chooses between the later stages too ("I enjoy helping others
	// more than coding"), unless the asker asks for a track.
	after := len(ix.rm.Stages)
	// A liking for a technology ("kubernetes is my jam") picks a track;
	// one for a kind of work ("planning", "helping others") may pick a stage.
	if open := ix.tracksOpen(); open >= 0 && !qa.techTopic() && !slices.ContainsFunc(qa.toks, func(t qword) bool { return trackWords[t.raw] }) {
		after = open
	}
	for li, lv := range ix.levels {
		if lv.track == "" && (li <= after || lv.stage == "") {
			continue
		}
		if s := ix.strength(scores, li) - ix.strength(neg, li); s > bestS {
			best, bestS = li, s
		}
	}
	return best
}

// broadTrack returns the section of the track whose text fits staying
// broad rather than specializing best, or -1.
func (ix *Index) broadTrack() int {
	qa := ix.parse("staying broad across the whole stack instead of one specialty")
	scores := ix.score(qa, qa.terms, "", "")
	best, bestS := -1, 0.0
	for li, lv := range ix.levels {
		if lv.track != "" && scores[li] > bestS {
			best, bestS = li, scores[li]
		}
	}
	return best
}

// promoStage returns the level of the stage whose text fits a question
// about getting promoted best, or -1.
func (ix *Index) promoStage() int {
	qa := ix.parse("getting promoted to the next level, stuck without a promotion")
	scores := ix.score(qa, qa.terms, "", "")
	best, bestS := -1, 0.0
	for li, lv := range ix.levels {
		if s := ix.strength(scores, li); lv.stage != "" && s > bestS {
			best, bestS = li, s
		}
	}
	return best
}

// bothSides answers a comparison of two topics ("feature flags vs
// canary", "integration tests vs unit tests") with the section that
// covers both, when one of the best three does and scores at least half
// the best: the other sections only know one side. Else -1.
func (ix *Index) bothSides(qa parsed, order []int, scores []float64) int {
	cut := slices.IndexFunc(qa.toks, func(t qword) bool { return t.raw == "vs" || t.raw == "versus" || t.raw == "or" })
	if cut <= 0 {
		return -1
	}
	side := func(from, to, d int) bool {
		for _, t := range qa.toks[from:to] {
			if (t.class == clTech || t.class == clEveryday) && slices.ContainsFunc(ix.postings[t.stem], func(p posting) bool { return int(p.doc) == d }) {
				return true
			}
		}
		return false
	}
	for _, d := range order[:min(3, len(order))] {
		if scores[d] < scores[order[0]]/2 {
			break
		}
		if !ix.docs[d].isLevel && side(0, cut, d) && side(cut+1, len(qa.toks), d) {
			return d
		}
	}
	return -1
}

// strength is how well a level as a whole matches: its own section and
// its two best skills.
func (ix *Index) strength(scores []float64, li int) float64 {
	var top [2]float64
	for _, d := range ix.levelDocs[li] {
		switch s := scores[d]; {
		case s > top[0]:
			top[0], top[1] = s, top[0]
		case s > top[1]:
			top[1] = s
		}
	}
	return scores[li] + top[0] + top[1]
}

// uncoveredAnswer says plainly that the roadmap doesn't cover the topic
// (salaries, visas...) and points to what it does: what the named stage,
// or the asker's, expects and when one is ready for the next.
func (ix *Index) uncoveredAnswer(q string, qa parsed, stage string, order []int, scores []float64) Answer {
	ans := Answer{Question: q, Kind: UncoveredAnswer, Uncovered: qa.uncovered}
	ans.Title = "Not covered by the roadmap"
	li, _ := ix.target(qa)
	if li < 0 && stage != "" {
		li = ix.rm.StageIndex(stage)
	}
	skip := -1
	if li >= 0 {
		lv := ix.levels[li]
		ans.Level = lv.l
		ans.Alternatives = append(ans.Alternatives, Section{Stage: lv.stage, Track: lv.track, Title: lv.l.Title})
		skip = li
	}
	ans.Alternatives = append(ans.Alternatives, ix.sections(order, scores, skip, 3-len(ans.Alternatives))...)
	return ans
}

// coverBoost is how much more a section counts when the question contains
// one of its skill's names or aliases whole ("what is dns" and the alias
// "dns"), over sections that only share some of the words.
const coverBoost = 1.3

func (ix *Index) boostCovered(terms []term, scores []float64) {
	have := make(map[string]bool, len(terms))
	for _, t := range terms {
		have[t.stem] = true
	}
	for d := range ix.covers {
		if scores[d] > 0 && ix.covered(have, d) {
			scores[d] *= coverBoost
		}
	}
}

// covered reports whether the stems in have contain one of section d's
// skill's name or aliases whole. A one-word alias with an everyday
// meaning ("normal" of "normalization") doesn't count.
func (ix *Index) covered(have map[string]bool, d int) bool {
	for _, c := range ix.covers[d] {
		if len(c) == 1 && ix.everyday[c[0]] {
			continue
		}
		if len(c) > 0 && !slices.ContainsFunc(c, func(s string) bool { return !have[s] }) {
			return true
		}
	}
	return false
}

// levelChosen reports whether the question is about level li as such
// ("how do I become a DBA?", "what does a lead do that a senior
// doesn't?", "senior?") rather than about a topic that a skill answers
// strongly ("how do I get good at Kubernetes for devops?"). A level
// named as one ("the api track") gives way only to a skill the question
// names.
func (ix *Index) levelChosen(qa parsed, li int, order []int, scores []float64) bool {
	if li < 0 {
		return false
	}
	explicit := false
	for _, m := range qa.mentions {
		explicit = explicit || m.level == li && m.explicit
	}
	if qa.need && ix.levels[li].stage != "" {
		// "do juniors need to know system design?": when the topic is
		// another level's, the level named says what it expects.
		for _, d := range order {
			if !ix.docs[d].isLevel {
				if !slices.Contains(qa.levels, ix.docs[d].level) {
					return true
				}
				break
			}
		}
	}
	if qa.topic && !qa.levelIntent && !explicit && !qa.prefer {
		return false
	}
	if !qa.topic || qa.prefer {
		// What the asker likes only says which level they mean.
		return true
	}
	if qa.persp > 0 && slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.person }) {
		// "how do I coach a mid dev toward senior" is about coaching.
		return false
	}
	need := 2 * MinScore
	if qa.moves() {
		// "from the api track up to senior, do I need infra stuff too?"
		// is about the move; a topic must be clearer to take over.
		need = 3 * MinScore
	}
	have := qa.have()
	seen := 0
	for _, d := range order {
		if ix.docs[d].isLevel {
			continue
		}
		// A level named as one ("a senior backend engineer") gives way
		// to a skill the question names whole, or to one of its own that
		// the topic clearly is.
		ts := qa.topicScore(ix, d)
		switch {
		case slices.Contains(qa.levels, ix.docs[d].level) && scores[d] >= ownSkillLead*scores[li] && ts >= MinScore:
			// "stuck at mid level for years, promo never happens": the
			// mid stage's own section on the plateau says far more.
			return false
		case !explicit && ts >= need, ix.covered(have, d) && ts >= need,
			explicit && ix.docs[d].level == li && ts >= need+MinScore:
			return false
		}
		if seen++; seen == 5 {
			break
		}
	}
	return true
}

// ownSkillLead is how far a skill of the level a question names must
// outscore the level's own section to answer instead of it.
const ownSkillLead = 1.75

// sections returns up to n sections in rank order that scored above zero,
// leaving out skip.
func (ix *Index) sections(order []int, scores []float64, skip, n int) []Section {
	var out []Section
	for _, d := range order {
		if len(out) == n || scores[d] <= 0 {
			break
		}
		if d == skip {
			continue
		}
		s := ix.docs[d]
		out = append(out, Section{Stage: s.Stage, Track: s.Track, Skill: s.Skill, Title: s.Title, Score: round(scores[d])})
	}
	return out
}

// fallback offers the stages when a question shares no word with the
// roadmap at all: the overview is the closest thing there is.
func (ix *Index) fallback() []Section {
	var out []Section
	for _, lv := range ix.levels {
		if len(out) == 3 {
			break
		}
		out = append(out, Section{Stage: lv.stage, Track: lv.track, Title: lv.l.Title})
	}
	return out
}

func round(x float64) float64 { return math.Round(x*100) / 100 }
