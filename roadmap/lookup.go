package roadmap

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// index finds skills by id, alias and name without scanning the roadmap.
type index struct {
	refs  []Ref            // every skill, stages first then tracks, in file order
	byID  map[string]Ref   // exact id
	byKey map[string]Ref   // lowercased id or alias
	norm  map[string][]Ref // normalized id, alias or name; several when ambiguous
	// tail maps the normalized rest of an id after its level's prefix
	// ("kubernetes" of "devops-kubernetes"): the plain name people type
	// for a skill the roadmap namespaces by its track.
	tail map[string][]Ref
	// levels holds LevelSkills' answer for every stage, alone and with
	// each track open at it: asked several times per command, it need
	// not be built each time.
	levels map[levelKey][]Ref
}

type levelKey struct{ stage, track string }

func buildIndex(r *Roadmap) *index {
	ix := &index{byID: map[string]Ref{}, byKey: map[string]Ref{}, norm: map[string][]Ref{}, tail: map[string][]Ref{}, levels: map[levelKey][]Ref{}}
	add := func(ref Ref) {
		s := ref.Skill
		ix.refs = append(ix.refs, ref)
		if _, ok := ix.byID[s.ID]; !ok {
			ix.byID[s.ID] = ref
		}
		for _, k := range append([]string{s.ID}, s.Aliases...) {
			if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
				if _, ok := ix.byKey[k]; !ok {
					ix.byKey[k] = ref
				}
			}
		}
		for _, k := range skillKeys(s) {
			if !slices.ContainsFunc(ix.norm[k], func(o Ref) bool { return o.Skill == s }) {
				ix.norm[k] = append(ix.norm[k], ref)
			}
		}
		if rest, ok := strings.CutPrefix(s.ID, ref.Stage+ref.Track+"-"); ok {
			if k := normalize(rest); k != "" {
				ix.tail[k] = append(ix.tail[k], ref)
			}
		}
	}
	for i := range r.Stages {
		for j := range r.Stages[i].Skills {
			add(Ref{Stage: r.Stages[i].ID, Skill: &r.Stages[i].Skills[j]})
		}
	}
	for i := range r.Tracks {
		for j := range r.Tracks[i].Skills {
			add(Ref{Track: r.Tracks[i].ID, Skill: &r.Tracks[i].Skills[j]})
		}
	}
	for _, st := range r.Stages {
		ix.levels[levelKey{st.ID, ""}] = slices.Clip(r.levelSkills(st.ID, ""))
		for _, t := range r.Tracks {
			if t.ID != "" {
				ix.levels[levelKey{st.ID, t.ID}] = slices.Clip(r.levelSkills(st.ID, t.ID))
			}
		}
	}
	return ix
}

func (r *Roadmap) index() *index {
	if r.idx != nil {
		return r.idx
	}
	return buildIndex(r)
}

// normalize folds case and drops the spaces, hyphens and underscores people
// use interchangeably ("Load Balancing", "load-balancing", "load_balancing"),
// the marks of chat's bold and strike-through ("*git*", "~git~"), and
// the / and & of "CI/CD" and "ci&cd" for the "ci-cd" skill.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '-', '_', '*', '~', '/', '&':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// skillKeys are the normalized spellings a skill answers to.
func skillKeys(s *Skill) []string {
	var keys []string
	for _, k := range append([]string{s.ID, s.Name}, s.Aliases...) {
		if k = normalize(k); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// skillSpellings are the id, name and aliases of a skill, lowercased,
// with their word breaks kept.
func skillSpellings(s *Skill) []string {
	out := make([]string, 0, 2+len(s.Aliases))
	for _, k := range append([]string{s.ID, s.Name}, s.Aliases...) {
		out = append(out, strings.ToLower(k))
	}
	return out
}

// fromWordStart reports whether the normalized query q appears in the
// spelling k starting at the beginning of one of k's words ("bal" in
// "load balancing", "load bal" too), not straddling two of them ("gt"
// in "consuming third-party" is no match).
func fromWordStart(k, q string) bool {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	words := strings.FieldsFunc(k, func(r rune) bool { return !isWord(r) })
	qw := strings.Map(func(r rune) rune {
		if isWord(r) {
			return r
		}
		return -1
	}, q)
	if qw == "" {
		return strings.Contains(normalize(k), q)
	}
	for i := range words {
		if strings.HasPrefix(strings.Join(words[i:], ""), qw) {
			return true
		}
	}
	return false
}

// Stage returns the stage with the given id.
func (r *Roadmap) Stage(id string) (*Stage, bool) {
	if i := r.StageIndex(id); i >= 0 {
		return &r.Stages[i], true
	}
	return nil, false
}

// Track returns the track with the given id.
func (r *Roadmap) Track(id string) (*Track, bool) {
	for i := range r.Tracks {
		if r.Tracks[i].ID == id {
			return &r.Tracks[i], true
		}
	}
	return nil, false
}

// StageIndex returns the position of the stage in the career order, or -1.
func (r *Roadmap) StageIndex(id string) int {
	for i := range r.Stages {
		if r.Stages[i].ID == id {
			return i
		}
	}
	return -1
}

// NextStage returns the stage after the given one; false for the last stage
// and for unknown ids.
func (r *Roadmap) NextStage(id string) (*Stage, bool) {
	i := r.StageIndex(id)
	if i < 0 || i+1 >= len(r.Stages) {
		return nil, false
	}
	return &r.Stages[i+1], true
}

// Level returns the stage or track with the given id.
func (r *Roadmap) Level(id string) (*Level, bool) {
	if s, ok := r.Stage(id); ok {
		return &s.Level, true
	}
	if t, ok := r.Track(id); ok {
		return &t.Level, true
	}
	return nil, false
}

// Skill returns the skill with exactly this id.
func (r *Roadmap) Skill(id string) (Ref, bool) {
	ref, ok := r.index().byID[id]
	return ref, ok
}

// available reports whether track t may be chosen at stage index si. A
// track without From is open from the first stage.
func (r *Roadmap) available(t *Track, si int) bool {
	return si >= 0 && (t.From == "" || si >= r.StageIndex(t.From))
}

// LevelSkills returns the skills of the stage followed by those of the
// track, when track is non-empty and open at that stage. An unknown stage
// gives nil. The slice may be shared: callers must not modify it.
func (r *Roadmap) LevelSkills(stage, track string) []Ref {
	if r.idx != nil {
		if refs, ok := r.idx.levels[levelKey{stage, track}]; ok {
			return refs
		}
	}
	return r.levelSkills(stage, track)
}

func (r *Roadmap) levelSkills(stage, track string) []Ref {
	si := r.StageIndex(stage)
	if si < 0 {
		return nil
	}
	t, withTrack := r.Track(track)
	withTrack = withTrack && track != "" && r.available(t, si)
	n := len(r.Stages[si].Skills)
	if withTrack {
		n += len(t.Skills)
	}
	// Sized once: this runs a few times per command.
	refs := make([]Ref, 0, n)
	for j := range r.Stages[si].Skills {
		refs = append(refs, Ref{Stage: stage, Skill: &r.Stages[si].Skills[j]})
	}
	if withTrack {
		for j := range t.Skills {
			refs = append(refs, Ref{Track: track, Skill: &t.Skills[j]})
		}
	}
	return refs
}

// TracksAt returns the tracks a member at the given stage may choose.
func (r *Roadmap) TracksAt(stage string) []Track {
	si := r.StageIndex(stage)
	var out []Track
	for i := range r.Tracks {
		if r.available(&r.Tracks[i], si) {
			out = append(out, r.Tracks[i])
		}
	}
	return out
}

// FindSkill finds the skill a member means by name: its id, then an alias,
// then its name, ignoring case, spaces, hyphens and underscores, then a
// unique close spelling. When nothing matches, it returns up to three skill
// ids to suggest instead.
func (r *Roadmap) FindSkill(name string) (Ref, []string, bool) {
	ix := r.index()
	if ref, ok := ix.byKey[strings.ToLower(strings.TrimSpace(name))]; ok {
		return ref, nil, true
	}
	q := normalize(name)
	if q == "" {
		return Ref{}, nil, false
	}
	if refs := ix.norm[q]; len(refs) == 1 {
		return refs[0], nil, true
	}
	if ref, ok := ix.plainName(q); ok {
		return ref, nil, true
	}
	type cand struct {
		ref       Ref
		dist, pre int
		sub       bool
	}
	var cands []cand
	for _, ref := range ix.refs {
		c := cand{ref: ref, dist: -1}
		for _, k := range skillKeys(ref.Skill) {
			d := typoDistance(q, k)
			if c.dist < 0 || d < c.dist {
				c.dist = d
			}
			c.pre = max(c.pre, commonPrefix(q, k))
			c.sub = c.sub || (utf8.RuneCountInString(k) >= 3 && strings.Contains(q, k))
		}
		c.sub = c.sub || slices.ContainsFunc(skillSpellings(ref.Skill), func(k string) bool { return fromWordStart(k, q) })
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	n := utf8.RuneCountInString(q)
	if len(cands) > 0 && n >= 3 && cands[0].dist <= max(1, n/4) &&
		(len(cands) == 1 || cands[1].dist > cands[0].dist) {
		return cands[0].ref, nil, true
	}
	// Suggest what contains the words typed first, then what is spelt
	// alike; but two or three letters are more likely a typo of a short
	// id ("gt" for git) than the start of a word, so there the closest
	// edit comes first.
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if short(q) && a.dist != b.dist && min(a.dist, b.dist) <= 1 {
			return a.dist < b.dist
		}
		if a.sub != b.sub {
			return a.sub
		}
		return a.dist-a.pre < b.dist-b.pre
	})
	ids := r.synonymSuggestions(q)
	for _, c := range cands {
		if len(ids) == 3 {
			break
		}
		close := c.sub || (c.pre >= 3 && 3*c.pre >= 2*n) || c.dist <= max(1, n/3)
		if close && !slices.Contains(ids, c.ref.Skill.ID) {
			ids = append(ids, c.ref.Skill.ID)
		}
	}
	return Ref{}, ids, false
}

// plainName finds the one skill whose id, less its level's prefix, is q
// ("kubernetes" for "devops-kubernetes"), when q is no other skill's id,
// alias or name.
func (ix *index) plainName(q string) (Ref, bool) {
	if refs := ix.tail[q]; len(refs) == 1 && len(ix.norm[q]) == 0 {
		return refs[0], true
	}
	return Ref{}, false
}

// synonymSuggestions offers the skill named by the canonical term of a
// synonym ("postgres" is a synonym of "sql"). It is only a suggestion:
// marking a different-sounding skill done on a guess would surprise people.
func (r *Roadmap) synonymSuggestions(q string) []string {
	ix := r.index()
	var ids []string
	for _, term := range slices.Sorted(maps.Keys(r.Synonyms)) {
		if !slices.ContainsFunc(r.Synonyms[term], func(w string) bool { return normalize(w) == q }) {
			continue
		}
		if refs := ix.norm[normalize(term)]; len(refs) == 1 && !slices.Contains(ids, refs[0].Skill.ID) {
			ids = append(ids, refs[0].Skill.ID)
		}
	}
	return ids
}

// typoDistance is the edit distance counting a swap of two neighbouring
// letters ("gti" for "git") as one edit, the commonest typo of all.
func typoDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// Three rows suffice: the swap looks two rows back.
	prev2, prev, cur := make([]int, len(t)+1), make([]int, len(t)+1), make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Unknown returns the ids, in order and without repeats, that name no
// skill of this roadmap: progress a changed roadmap no longer has a place for.
func (r *Roadmap) Unknown(ids []string) []string {
	ix := r.index()
	var out []string
	for _, id := range ids {
		if _, ok := ix.byID[id]; !ok && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Diff returns the ids of the skills of prev that next no longer has, in
// the order prev lists them.
func Diff(prev, next *Roadmap) (removed []string) {
	var ids []string
	for _, ref := range prev.index().refs {
		ids = append(ids, ref.Skill.ID)
	}
	return next.Unknown(ids)
}
