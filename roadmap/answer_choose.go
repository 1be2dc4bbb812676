package roadmap

import "slices"

// Choosing the answer: the level a question is about, the track a liking
// points to, and when the ranking alone decides.

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
	case qa.specialize && (li < 0 || ix.levels[li].stage != "") && !qa.prefer && !qa.broad && !qa.topicTrack &&
		!slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.dest && !m.neg }):
		// ("devops track -> tech lead, does the specialization still
		// matter" moves to lead.)
		// "when should I specialize?": the stage where the tracks open,
		// whatever common words come with it ("how do I pick a
		// specialization" is not picking a tool).
		if st := ix.tracksOpen(); st >= 0 {
			li, prev = st, -1
			sure = !slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clTech && !t.common() && !t.neg })
		}
	case li < 0 && qa.feeling && !slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.person }) && !qa.techTopic() && len(ix.levels) > 0:
		// (Not when it is someone else's feeling: "mentoring an intern
		// who's way behind".)
		// "scared I'm not smart enough": where the asker is, else the start.
		li, sure = ix.selfOr(qa, 0), true
	case li >= 0 && qa.feeling && ix.levels[li].stage != "" &&
		!slices.ContainsFunc(qa.toks, func(t qword) bool {
			return t.class == clTech && !t.neg && !feelingWords[t.raw] && !feelWords[t.raw] && !feelingNames[t.raw]
		}) &&
		slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.level == li && (m.self || m.dest) && !m.person && !m.neg }):
		// "imposter syndrome as a new senior", "promoted to senior and
		// feel like a fraud": the stage one is at, or has reached, says
		// what is expected there.
		sure = true
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
	if side := qa.workSide(); side != 0 && len(ix.rm.Stages) >= 2 && ix.laterStages(li, qa) {
		// "I enjoy helping others more than coding" → lead; "I just want
		// to code, not manage people" → senior: the last stage's work is
		// people's, the one before it hands-on.
		li, prev, sure = ix.levelOfStage(len(ix.rm.Stages)-1), -1, true
		if side < 0 {
			li--
		}
	}
	if qa.dislike && li >= 0 && len(order) > 0 {
		// "I hate meetings, can I still become senior?": the level
		// answers when what is disliked is another level's work;
		// "I hate office politics, can I still be a good lead?" is the
		// lead's own stakeholder work.
		// A track is chosen, not reached: "I hate being on call, should
		// I avoid devops" weighs the track itself, whatever of its
		// work is disliked.
		if d := ix.docs[order[0]]; d.isLevel || d.level != li || ix.levels[li].track != "" {
			sure = true
		}
	}
	c := choice{best: -1, prev: prev, next: -1}
	if qa.readiness && prev >= 0 && (li < 0 || ix.after(prev) == li) && !(qa.howLong && qa.fromTo()) {
		// "how long does junior to mid take" names both ends of the
		// move: it is about the destination, like "from mid to senior".
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
	case qa.prefer || (qa.whichTrack || qa.roleDesc) && li < 0:
		// "pushing updates safely, which track handles that?" is
		// answered like a liking: the track that fits best.
		if c.best = ix.preferredTrack(qa, scores); c.best >= 0 {
			c.prev = -1
			c.best = ix.likedSkill(qa, c.best, order, scores)
		}
	case qa.compare && li < 0:
		c.best = ix.bothSides(qa, order, scores)
	case li < 0:
		c.best = ix.firstThing(qa, order, scores)
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

// bestSection returns the best ranked section, passing over a level that
// the question names only as people ("my junior") or sets aside.
func (ix *Index) bestSection(qa parsed, order []int, scores []float64) int {
	for _, d := range order {
		s := ix.docs[d]
		if !s.isLevel || !slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.level == s.level }) ||
			slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.level == s.level && !m.person && !m.neg && !(m.origin && qa.moves()) }) {
			if s.isLevel && qa.howMuch {
				// "what security stuff does a dba need": the topic, at
				// the level named, when the level has it.
				for _, e := range order[:min(5, len(order))] {
					if !ix.docs[e].isLevel && ix.docs[e].level == s.level && qa.topicScore(ix, e) >= MinScore {
						return e
					}
				}
			}
			if s.isLevel && !qa.levelIntent {
				// "how do juniors get better at debugging": a topic of
				// the level's own, nearly as strong, answers better
				// than the level.
				// "do mid levels need cloud experience" asks whether
				// the level's own topic is expected: nearer still.
				share := closeSkill
				if qa.need {
					share = closeNeededSkill
				}
				for _, e := range order[:min(4, len(order))] {
					if !ix.docs[e].isLevel && ix.docs[e].level == s.level && scores[e] >= share*scores[d] {
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

// closeNeededSkill is closeSkill for a question that asks whether a topic
// is needed at the level: the topic is what it asks about.
const closeNeededSkill = 0.5

// selfLevel returns the stage or track a question says the asker is at
// ("I'm a senior", "junior dev here").
func (ix *Index) selfLevel(qa parsed) (stage, track string) {
	for _, m := range qa.mentions {
		// "how much linux for a devops role": the level the topic is
		// asked for counts like the asker's own.
		if m.self && !m.neg || qa.howMuch && !m.person && !m.neg && !m.origin {
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
			// "to platform / devops stuff": a weak name of the level
			// says where the move goes for the sure one beside it.
			if m.dest || slices.ContainsFunc(qa.mentions, func(w mention) bool { return w.weak && w.dest && w.level == m.level }) {
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
	case qa.promo && self >= 0 && ix.after(self) != self:
		li, prev = ix.after(self), self // "I'm a mid, how do I get promoted": to senior, from mid
	default:
		li = self
	}
	switch {
	case li >= 0 || !qa.promo:
	case qa.asker >= 0 && ix.after(qa.asker) != qa.asker:
		// A member's "how do I get promoted" is about the stage after
		// theirs, ready when their own stage's ready text says so.
		li, prev = ix.after(qa.asker), qa.asker
	case qa.asker >= 0:
		li = qa.asker // the last stage has no promotion beyond it
	default:
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

// likedSkillLead is how far a stage's skill must outscore every section
// of the track a liking picks to answer instead of it.
const likedSkillLead = 1.25

// likedSkill returns the best ranked section instead of track li when
// the question weighs a liking against other work without asking for a
// path ("I'm more into performance tuning than building new features";
// not "I'm happiest when debugging weird prod issues", a liking that
// says which track) and that section is a
// stage's skill, clearly ahead of everything the track has: the work
// liked is no track's, and its skill says where it is done. Else li.
func (ix *Index) likedSkill(qa parsed, li int, order []int, scores []float64) int {
	if len(order) == 0 || !qa.compare || slices.ContainsFunc(qa.toks, func(t qword) bool { return choiceWords[t.raw] || t.raw == "career" || t.raw == "role" }) {
		return li
	}
	d := order[0]
	if s := ix.docs[d]; s.isLevel || s.Stage == "" {
		return li
	}
	for _, e := range append([]int{li}, ix.levelDocs[li]...) {
		if scores[d] < likedSkillLead*scores[e] {
			return li
		}
	}
	return d
}

// broadTrack returns the section of the track whose text fits staying
// broad rather than specializing best, or -1.
func (ix *Index) broadTrack() int {
	return ix.levelFor("staying broad across the whole stack instead of one specialty",
		func(lv levelInfo) bool { return lv.track != "" }, false)
}

// promoStage returns the level of the stage whose text, with its skills,
// fits a question about getting promoted best, or -1.
func (ix *Index) promoStage() int {
	return ix.levelFor("getting promoted to the next level, stuck without a promotion",
		func(lv levelInfo) bool { return lv.stage != "" }, true)
}

// levelFor returns the level ok accepts whose section fits text best (with
// its two best skills when whole), or -1. It runs while the index is built.
func (ix *Index) levelFor(text string, ok func(levelInfo) bool, whole bool) int {
	qa := ix.parse(text)
	scores := ix.score(qa, qa.terms, "", "")
	best, bestS := -1, 0.0
	for li, lv := range ix.levels {
		s := scores[li]
		if whole {
			s = ix.strength(scores, li)
		}
		if ok(lv) && s > bestS {
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
	cut := slices.IndexFunc(qa.toks, func(t qword) bool { return contrastWords[t.raw] })
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

// firstThing answers a question that puts one thing before another
// ("should I learn docker before kubernetes", "load testing before a big
// launch") with the section named for the first, when the best section
// is named for what comes after and one of the next two, scoring at
// least firstShare as well, is named for the first only. Else -1.
// firstShare is how near the section for the first thing must score.
const firstShare = 0.4

func (ix *Index) firstThing(qa parsed, order []int, scores []float64) int {
	cut := slices.IndexFunc(qa.toks, func(t qword) bool { return t.raw == "before" })
	if cut <= 0 || len(order) < 2 {
		return -1
	}
	named := func(from, to, d int) bool {
		for _, t := range qa.toks[from:to] {
			if (t.class == clTech || t.class == clEveryday) && slices.ContainsFunc(ix.postings[t.stem], func(p posting) bool { return int(p.doc) == d && p.name }) {
				return true
			}
		}
		return false
	}
	best := order[0]
	if ix.docs[best].isLevel || !named(cut+1, len(qa.toks), best) {
		return -1
	}
	for _, d := range order[1:min(3, len(order))] {
		if scores[d] < firstShare*scores[best] || scores[d] < MinScore {
			break
		}
		if !ix.docs[d].isLevel && named(0, cut, d) && !named(cut+1, len(qa.toks), d) {
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
	if qa.role {
		return true // "DBAs are obsolete because of managed cloud databases"
	}
	if qa.howMuch && !qa.moves() {
		// "how much security should a senior know" asks about security
		// ("how much kubernetes does a junior need" asks whether the
		// junior stage needs another level's topic, above).
		return false
	}
	explicit := false
	for _, m := range qa.mentions {
		explicit = explicit || m.level == li && m.explicit
	}
	if qa.compare && len(qa.levels) >= 2 && !slices.ContainsFunc(qa.toks, func(t qword) bool { return t.class == clTech && !t.common() }) {
		// "what separates a senior from a strong mid": two levels
		// compared, with only common words beside them, are the subject.
		return true
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

// sideOf keeps the answer on the asker's side of an activity: when the
// question says which side they are on ("my reviewer left 50 comments on
// my PR") and section d is a skill of the other side's stages, the same
// activity's skill on their own side among the next best, scoring at
// least half as well, answers instead.
func (ix *Index) sideOf(qa parsed, d int, order []int, scores []float64) int {
	late := func(e int) bool { return 2*ix.rm.StageIndex(ix.docs[e].Stage) >= len(ix.rm.Stages) }
	if qa.persp == 0 || ix.docs[d].isLevel || ix.docs[d].Stage == "" || late(d) == (qa.persp > 0) {
		return d
	}
	name := stems(ix.docs[d].Title)
	for _, e := range order[:min(3, len(order))] {
		// Only the same activity's other side ("Code review as the
		// author" for "Code review as reviewer"): a section sharing a
		// word of its name.
		if s := ix.docs[e]; e != d && !s.isLevel && s.Stage != "" && late(e) == (qa.persp > 0) && scores[e] >= scores[d]/2 &&
			slices.ContainsFunc(stems(s.Title), func(w string) bool { return slices.Contains(name, w) }) {
			return e
		}
	}
	return d
}

// menteeSide keeps a mentor's answer at the level of the people mentored:
// mentoring juniors is an earlier stage's activity than growing mid-level
// and senior developers ("how do I coach a mid level dev toward senior",
// "how do I give a junior critical feedback"). When the asker is on the
// giving side and names the people they help, and section d is a skill
// of a stage, the same activity's skill of a later stage (for people past
// the first stage) or an earlier one (for people at it) among the next
// best, scoring at least half as well, answers instead.
// menteeShare is how near the skill at the mentee's level must score to
// answer instead: the people named say more than which words matched.
const menteeShare = 0.4

func (ix *Index) menteeSide(qa parsed, d int, order []int, scores []float64) int {
	if qa.persp <= 0 || ix.docs[d].isLevel || ix.docs[d].Stage == "" {
		return d
	}
	// later: the people helped are past the first stage ("a mid level
	// dev"), so a later stage's skill fits; else they are at the first
	// ("a junior", "an intern"), and an earlier one does.
	// The last people named are the ones helped: "my team lead wants me
	// to mentor an intern".
	later, found := false, false
	for _, m := range qa.mentions {
		if st := ix.levels[m.level].stage; m.person && st != "" {
			later, found = ix.rm.StageIndex(st) > 0, true
		}
	}
	if !found {
		return d
	}
	at := ix.rm.StageIndex(ix.docs[d].Stage)
	name := stems(ix.docs[d].Title)
	for _, e := range order[:min(3, len(order))] {
		s := ix.docs[e]
		if e == d || s.isLevel || s.Stage == "" || scores[e] < menteeShare*scores[d] || (ix.rm.StageIndex(s.Stage) > at) != later ||
			ix.rm.StageIndex(s.Stage) == at {
			continue
		}
		if slices.ContainsFunc(stems(s.Title), func(w string) bool { return slices.Contains(name, w) }) {
			return e
		}
	}
	return d
}

// laterStages reports whether a question that says which kind of work it
// likes may be answered with one of the last two stages: it names no
// level, or only those two ("does that point me toward lead or senior").
func (ix *Index) laterStages(li int, qa parsed) bool {
	if li < 0 {
		return !slices.ContainsFunc(qa.toks, func(t qword) bool { return trackWords[t.raw] })
	}
	n := len(ix.rm.Stages)
	for _, m := range qa.mentions {
		if st := ix.levels[m.level].stage; st == "" || ix.rm.StageIndex(st) < n-2 {
			return false
		}
	}
	return len(qa.levels) >= 2
}

// fromTo reports whether the question names both where a move starts and
// where it goes ("junior to mid", "from mid to senior").
func (qa parsed) fromTo() bool {
	ok := func(f func(m mention) bool) bool {
		return slices.ContainsFunc(qa.mentions, func(m mention) bool { return !m.person && !m.neg && f(m) })
	}
	if !ok(func(m mention) bool { return m.dest }) {
		return false
	}
	// "from junior", or a level named before the destination: "junior to mid"
	return ok(func(m mention) bool { return m.origin }) ||
		ok(func(m mention) bool {
			return !m.dest && !m.self && ok(func(d mention) bool { return d.dest && d.at > m.at && d.level != m.level })
		})
}

// talkSide answers a conversation the asker must have with someone they
// guide ("my junior broke prod, how do I talk to him about it", "one of
// my juniors locked the db, how do I tell them") with the skill of
// mentoring, wherever it ranks: the question is how to guide the person,
// not the incident, whose words outweigh the rest. menteeSide then picks the mentoring skill
// for that person's level.
func (ix *Index) talkSide(qa parsed, d int, order []int, scores []float64) int {
	if qa.persp <= 0 || ix.docs[d].isLevel || !qa.talkTo() ||
		!slices.ContainsFunc(qa.mentions, func(m mention) bool { return m.person }) {
		return d
	}
	mentor := stem("mentoring")
	for _, e := range order {
		if s := ix.docs[e]; !s.isLevel && scores[e] > 0 && slices.Contains(stems(s.Title), mentor) {
			return e
		}
	}
	return d
}

// talkTo reports whether the question asks how to talk to someone: "talk
// to him about it", "tell them", "bring it up with her".
func (qa parsed) talkTo() bool {
	for i, t := range qa.toks {
		if !talkVerbs[t.raw] {
			continue
		}
		for j := i + 1; j <= i+4 && j < len(qa.toks); j++ {
			if talkedTo[qa.raw(j)] {
				return true
			}
		}
	}
	return false
}

var (
	talkVerbs = set("talk", "speak", "tell", "approach", "confront", "bring", "raise", "address")
	talkedTo  = set("him", "her", "them")
)
