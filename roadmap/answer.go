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
	// life holds the words of everyday life far from work (lifeWords),
	// for telling their typos.
	life *vocab
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
	// stemCache numbers every word of the roadmap's text, and wordStems
	// holds each one's stem: filled while the index is built and only
	// read afterwards, as most words of a question are the roadmap's and
	// stemming is much of an answer's time. The builder numbers its words
	// with the same map.
	stemCache map[string]int32
	wordStems []string
	// ex holds the labelled example questions, nil without any.
	ex *examples
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

// NewIndex indexes r's stages, tracks and skills with r's synonyms, and
// the default roadmap's labelled example questions when r is it.
func NewIndex(r *Roadmap) *Index { return newIndex(r, r.examples) }

// newIndex indexes r with the given example questions.
func newIndex(r *Roadmap, exs []Example) *Index {
	words := expectedWords(r, exs)
	ix := &Index{rm: r, postings: map[string][]posting{}, idf: map[string]float64{},
		syn: phrases{byFirst: map[string][]phrase{}}, names: phrases{byFirst: map[string][]phrase{}},
		vocab: newVocab(words / 3), prose: newVocab(words), topical: make(map[string]bool, words/2), everyday: map[string]bool{},
		stemCache: make(map[string]int32, words), wordStems: make([]string, 0, words)}
	b := newBuilder(ix, words)
	for w := range everyday {
		ix.everyday[b.stem(w)] = true
	}
	ix.life = newVocab(len(lifeWords))
	for _, w := range slices.Sorted(maps.Keys(lifeWords)) {
		ix.life.add(w)
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
		levelOf[strings.Join(b.stems(lv.l.ID), " ")] = li
		ix.addName(li, b.stems(lv.l.ID))
		title, _, _ := strings.Cut(lv.l.Title, "(") // "Database Administrator (DBA)"
		ix.addName(li, b.stems(title))
		var short []string
		for _, w := range tokenize(title) {
			if !genericTitleWords[w] {
				short = append(short, w)
			}
		}
		ix.addName(li, b.stems(strings.Join(short, " ")))
	}
	for _, canon := range slices.Sorted(func(yield func(string) bool) {
		for k := range r.Synonyms {
			if !yield(k) {
				return
			}
		}
	}) {
		target := b.stems(canon)
		li, isLevel := levelOf[strings.Join(target, " ")]
		for _, v := range append([]string{canon}, r.Synonyms[canon]...) {
			toks := b.analyze(v)
			for _, t := range toks {
				ix.vocab.add(t.raw)
			}
			seq := b.stemsOf(toks)
			if len(seq) == 1 && len(toks) > 1 {
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
	b.build()
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
	b.addExamples(exs)
	return ix
}

// inSkillName reports whether a skill has stem s in its name or aliases.
func (ix *Index) inSkillName(s string) bool {
	return slices.ContainsFunc(ix.postings[s], func(p posting) bool { return p.name && !ix.docs[p.doc].isLevel })
}

// addName adds the stems of a name of level li.
func (ix *Index) addName(li int, seq []string) {
	if len(seq) > 0 {
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
	qa.votes, qa.nearest = ix.vote(qa.terms)
	if i := ix.rm.StageIndex(stage); stage != "" && i >= 0 {
		qa.asker = ix.levelOfStage(i)
	}
	if stage == "" && track == "" {
		stage, track = ix.selfLevel(qa)
	}
	scores := ix.score(qa, qa.terms, stage, track)
	order := rank(scores)
	top := -1
	if len(order) > 0 && scores[order[0]] > 0 {
		top = order[0]
	}
	// An uncovered topic of employment by nature ("can I be fired for")
	// is a career question whatever words surround it.
	if (!ix.inDomain(qa, top) || qa.offVoted()) && !(qa.uncovered != "" && employment(qa.toks)) {
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
	if qa.guideAsk() {
		// "my junior wants to learn k8s, how do I help her": the asker's
		// people skill, whatever the person's topic.
		if e := ix.guideSection(qa); e >= 0 {
			c = choice{best: e, prev: -1, next: -1}
		}
	}
	if c.best < 0 && qa.next && !qa.topic {
		return ix.nextAnswer(q, qa, order, scores)
	}
	confident := c.best >= 0
	if c.best < 0 && top >= 0 {
		c.best = ix.sideOf(qa, ix.bestSection(qa, order, scores), order, scores)
		c.best = ix.menteeSide(qa, ix.talkSide(qa, c.best, order, scores), order, scores)
		c.best = ix.byDepth(qa, c.best, order, scores)
		c.best = ix.namedLevel(qa, c.best, order, scores)
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
	for d, v := range qa.votes {
		if d != offDoc {
			scores[d] += knnWeight * v
		}
	}
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

// rank orders the sections by score, best first.
func rank(scores []float64) []int {
	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return scores[order[i]] > scores[order[j]] })
	return order
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

// namedLevelShare is how near the section of a level the asker names as
// theirs or as where they go must score to a skill of another level to
// answer instead of it.
const namedLevelShare = 0.6

// namedLevel returns the section of the level the question names as the
// asker's own or as where they go, when it is among the best ranked and
// the best section d is a skill of another level: "going from backend dev
// to dba, will I miss coding" is about the DBA track, not the lead's
// balance of coding and leading. Else d.
func (ix *Index) namedLevel(qa parsed, d int, order []int, scores []float64) int {
	if ix.docs[d].isLevel {
		return d
	}
	for _, m := range qa.mentions {
		if m.neg || m.person || m.level == ix.docs[d].level {
			continue
		}
		if m.explicit && !m.origin && ix.levels[m.level].track != "" {
			// "api track: how much do I need to know about auth" asks
			// about the track's own section on it.
			for _, e := range order[:min(3, len(order))] {
				if !ix.docs[e].isLevel && ix.docs[e].level == m.level && scores[e] >= namedLevelShare*scores[d] {
					return e
				}
			}
		}
		if !m.self && !m.dest {
			continue
		}
		for _, e := range order[:min(3, len(order))] {
			if ix.docs[e].isLevel && ix.docs[e].level == m.level && scores[e] >= namedLevelShare*scores[d] {
				return e
			}
		}
	}
	return d
}
