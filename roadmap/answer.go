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
)

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
	// Prev is the stage before Level when the question asks about getting
	// there ("am I ready for senior?"): its Ready text says when one is.
	Prev *Level
	// Alternatives are up to three next best sections, best first.
	Alternatives []Section
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
	// topical holds the stems of every name, alias and synonym: the
	// roadmap's own vocabulary, as opposed to words of its prose.
	topical map[string]bool
	// covers holds, per section, the stems of each of its skill's name and
	// aliases: a question that contains one of them whole names the skill.
	covers [][][]string
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
		syn: phrases{byFirst: map[string][]phrase{}}, names: phrases{byFirst: map[string][]phrase{}}, vocab: newVocab(), topical: map[string]bool{}}
	for i := range r.Stages {
		ix.levels = append(ix.levels, levelInfo{l: &r.Stages[i].Level, stage: r.Stages[i].ID, order: 2 * i})
	}
	for i := range r.Tracks {
		ix.levels = append(ix.levels, levelInfo{l: &r.Tracks[i].Level, track: r.Tracks[i].ID, order: 2*max(0, r.StageIndex(r.Tracks[i].From)) + 1})
	}
	levelOf := map[string]int{}
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
			if seq := stems(v); len(seq) > 0 {
				ix.syn.add(phrase{stems: seq, target: target, level: -1})
				for _, s := range seq {
					ix.topical[s] = true
				}
				if isLevel {
					// A synonym names the level less surely than its id or
					// title: "rest" names the API track, but a question
					// with it is usually about REST, so it stays a topic.
					// One that contains the id ("tech lead") is sure.
					ix.names.add(phrase{stems: seq, level: li, weak: !slices.Contains(seq, target[len(target)-1])})
				}
			}
		}
	}
	ix.build(r)
	return ix
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

// namedInSkill is the share a word that names a stage or track counts for
// when it appears in a skill.
const namedInSkill = 0.4

// AnswerFor ranks like Answer, but when sections score almost alike it
// prefers those of the asker's stage and track, so a DBA-track member
// asking about indexes gets the DBA track's section.
func (ix *Index) AnswerFor(q, stage, track string) Answer {
	qa := ix.parse(q)
	scores := make([]float64, len(ix.docs))
	for _, t := range qa.terms {
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
	ix.boostCovered(qa, scores)
	if stage != "" || track != "" {
		for d, s := range ix.docs {
			if s.Stage != "" && s.Stage == stage || s.Track != "" && s.Track == track {
				scores[d] *= ownLevelBoost
			}
		}
	}
	order := make([]int, len(ix.docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return scores[order[i]] > scores[order[j]] })

	ans := Answer{Question: q}
	best := -1
	switch lv := ix.levelChoice(qa, scores, order); {
	case lv >= 0:
		best = lv
		ans.Confident = true
	case qa.next && !qa.topic:
		ans.Kind, ans.Confident = NextAnswer, true
		if len(ix.levels) > 0 {
			ans.Level, ans.Stage = ix.levels[0].l, ix.levels[0].stage
		}
		ans.Title = "What to learn next"
		ans.Score = 0
		ans.Alternatives = ix.sections(order, scores, -1, 3)
		return ans
	case len(order) > 0:
		best = order[0]
		ans.Confident = scores[best] >= MinScore && qa.strong(ix, best)
	}
	if best < 0 || !ans.Confident {
		ans.Kind = NoMatch
		ans.Alternatives = ix.sections(order, scores, -1, 3)
		if len(ans.Alternatives) == 0 {
			ans.Alternatives = ix.fallback()
		}
		if best >= 0 {
			ans.Score = round(scores[best])
		}
		return ans
	}
	d := ix.docs[best]
	ans.Section = Section{Stage: d.Stage, Track: d.Track, Skill: d.Skill, Title: d.Title, Score: round(scores[best])}
	ans.Level = ix.levels[d.level].l
	ans.Kind = SkillAnswer
	if d.isLevel {
		ans.Kind = LevelAnswer
		if qa.ready && d.Stage != "" {
			if i := ix.rm.StageIndex(d.Stage); i > 0 {
				ans.Prev = &ix.rm.Stages[i-1].Level
			}
		}
	} else {
		ans.Item = d.skill
	}
	ans.Alternatives = ix.sections(order, scores, best, 3)
	return ans
}

// coverBoost is how much more a section counts when the question contains
// one of its skill's names or aliases whole ("what is dns" and the alias
// "dns"), over sections that only share some of the words.
const coverBoost = 1.3

func (ix *Index) boostCovered(qa parsed, scores []float64) {
	have := make(map[string]bool, len(qa.terms))
	for _, t := range qa.terms {
		have[t.stem] = true
	}
	for d, covers := range ix.covers {
		if scores[d] <= 0 {
			continue
		}
		for _, c := range covers {
			if len(c) > 0 && !slices.ContainsFunc(c, func(s string) bool { return !have[s] }) {
				scores[d] *= coverBoost
				break
			}
		}
	}
}

// levelChoice returns the section of the stage or track a question is
// about, or -1. A question names a level and asks about it as a level
// ("how do I become a DBA?", "what does a lead do that a senior
// doesn't?", "senior?"), unless it also names a topic that a skill
// answers strongly ("how do I get good at Kubernetes for devops?").
func (ix *Index) levelChoice(qa parsed, scores []float64, order []int) int {
	if len(qa.levels) == 0 || (qa.topic && !qa.levelIntent) {
		return -1
	}
	li := qa.levels[0]
	if qa.compare && len(qa.levels) > 1 {
		// "lead vs senior": the later level's Changes says what differs.
		for _, l := range qa.levels[1:] {
			if ix.levels[l].order > ix.levels[li].order {
				li = l
			}
		}
	}
	if qa.topic {
		seen := 0
		for _, d := range order {
			if ix.docs[d].isLevel {
				continue
			}
			if qa.topicScore(ix, d) >= 2*MinScore {
				return -1
			}
			if seen++; seen == 5 {
				break
			}
		}
	}
	return li // level sections come first in docs, in levels order
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
