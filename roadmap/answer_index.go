package roadmap

import (
	"maps"
	"math"
	"slices"
	"strings"
)

// Field weights: a word in a skill's name or aliases says far more about
// what the skill is than the same word in its explanation or tasks.
const (
	wName    = 1.0
	wAlias   = 1.0
	wID      = 0.7
	wTitle   = 1.0 // a stage's or track's title and id
	wWhat    = 1.0
	wSummary = 1.0
	wWhy     = 0.6
	wChanges = 0.8
	wReady   = 0.6
	wTasks   = 0.5
	wNudge   = 0.4
	wContext = 0.4 // the title of the level a skill belongs to
	wRes     = 0.3
	wSkills  = 0.3 // the skill names listed in a level's section

	// nameBoost weighs a match in the name fields (name, aliases, id,
	// title) against one in the body. Each is saturated on its own, so
	// many body words cannot outweigh what the section is called.
	nameBoost    = 2.5
	synonymShare = 0.6 // a synonym's canonical term counts at this share of the word it came from
	bigramShare  = 0.6 // two name words in a row, on top of each word
	k1           = 1.2
)

// field is one weighted piece of a section's text.
type field struct {
	kind  int // fields of one kind share a length average
	w     float64
	b     float64 // how much the field's length lowers a match (BM25 b)
	parts []string
	names bool // index neighbouring words as bigrams too
	// each says every part is a phrase of its own (aliases): one word of a
	// three-word alias ("hit" of "cache hit ratio") says less about the
	// skill than a one-word alias does.
	each bool
}

const (
	fkName = iota
	fkBody
	fkTasks
	fkOther
	nFieldKinds
)

func (ix *Index) skillFields(lv *Level, levelID string, s *Skill) []field {
	var tasks, nudges, res []string
	tasks = append(tasks, s.Tasks...)
	for _, n := range lv.Nudges {
		if n.Skill == s.ID {
			nudges = append(nudges, n.Text, n.Small)
		}
	}
	for _, r := range s.Resources {
		res = append(res, r.Title)
	}
	// Track skill ids carry their track's id as a prefix ("dba-backup");
	// that word names the track, not the skill.
	var id []string
	for _, w := range tokenize(s.ID) {
		if w != levelID {
			id = append(id, w)
		}
	}
	return []field{
		{kind: fkName, w: wName, b: 0.3, parts: []string{s.Name}, names: true},
		{kind: fkName, w: wAlias, b: 0.3, parts: s.Aliases, names: true, each: true},
		{kind: fkName, w: wID, b: 0.3, parts: []string{strings.Join(id, " ")}},
		{kind: fkBody, w: wWhat, b: 0.75, parts: []string{s.What}},
		{kind: fkBody, w: wWhy, b: 0.75, parts: []string{s.Why}},
		{kind: fkTasks, w: wTasks, b: 0.75, parts: tasks},
		{kind: fkTasks, w: wNudge, b: 0.75, parts: nudges},
		{kind: fkOther, w: wContext, b: 0, parts: []string{lv.Title}},
		{kind: fkOther, w: wRes, b: 0.5, parts: res},
	}
}

func (ix *Index) levelFields(lv *Level) []field {
	names := make([]string, len(lv.Skills))
	for i, s := range lv.Skills {
		names[i] = s.Name
	}
	return []field{
		{kind: fkName, w: wTitle, b: 0.3, parts: []string{lv.Title, lv.ID}, names: true},
		{kind: fkBody, w: wSummary, b: 0.75, parts: []string{lv.Summary}},
		{kind: fkBody, w: wChanges, b: 0.75, parts: []string{lv.Changes}},
		{kind: fkBody, w: wReady, b: 0.75, parts: []string{lv.Ready}},
		{kind: fkOther, w: wSkills, b: 0.5, parts: names},
	}
}

// fieldTerms counts the terms of one field: stems, the canonical terms of
// synonyms found in it, and, for name fields, bigrams. It also returns the
// field's length in words.
func (b *builder) fieldTerms(f field) (map[string]float64, int) {
	tf := map[string]float64{}
	// A canonical term counts once per field however many of its synonyms
	// the field uses: a task list full of "queries" is not more about SQL
	// than a skill called "SQL basics".
	syn := map[string]bool{}
	n := 0
	for _, part := range f.parts {
		seq := b.seq[:0]
		for _, t := range b.analyze(part) {
			if f.kind == fkName {
				// Typos are corrected only towards names: people misspell
				// the thing they ask about, and body words would turn
				// ordinary words of an off-topic question into roadmap words.
				b.ix.vocab.add(t.raw)
			}
			b.ix.prose.add(t.raw)
			if t.stem != "" {
				seq = append(seq, t.stem)
			}
		}
		n += len(seq)
		share := 1.0
		if f.each && len(seq) > 1 {
			share = 1 / math.Sqrt(float64(len(seq)))
		}
		for i, s := range seq {
			tf[s] += share
			if f.names && i > 0 {
				tf[seq[i-1]+" "+s] += bigramShare
			}
			b.ix.syn.match(seq, i, func(ph phrase) {
				for _, c := range ph.target {
					syn[c] = true
				}
			})
		}
		b.seq = seq
	}
	for c := range syn {
		tf[c] += synonymShare
	}
	return tf, n
}

// stemOf returns w's stem, from the stems of the roadmap's words when it
// is one of them. It only reads the cache, so answers may run at once.
func (ix *Index) stemOf(w string) string {
	if st, ok := ix.stemCache[w]; ok {
		return st
	}
	return stem(w)
}

// build indexes every section of the roadmap.
func (b *builder) build() {
	ix := b.ix
	type rawDoc struct {
		tf  []map[string]float64
		len []int
		f   []field
	}
	var raws []rawDoc
	var sum [nFieldKinds]float64
	var cnt [nFieldKinds]float64
	addDoc := func(d section, fs []field) {
		rd := rawDoc{f: fs}
		for _, f := range fs {
			tf, n := b.fieldTerms(f)
			rd.tf, rd.len = append(rd.tf, tf), append(rd.len, n)
			sum[f.kind] += float64(n)
			cnt[f.kind]++
		}
		ix.docs = append(ix.docs, d)
		raws = append(raws, rd)
		var covers [][]string
		if d.skill != nil {
			for _, name := range append([]string{d.skill.Name}, d.skill.Aliases...) {
				covers = append(covers, b.stems(name))
			}
		}
		ix.covers = append(ix.covers, covers)
	}
	for li, lv := range ix.levels {
		addDoc(section{Stage: lv.stage, Track: lv.track, Title: lv.l.Title, level: li, isLevel: true}, ix.levelFields(lv.l))
	}
	ix.levelDocs = make([][]int, len(ix.levels))
	for li, lv := range ix.levels {
		for i := range lv.l.Skills {
			s := &lv.l.Skills[i]
			ix.levelDocs[li] = append(ix.levelDocs[li], len(ix.docs))
			addDoc(section{Stage: lv.stage, Track: lv.track, Skill: s.ID, Title: s.Name, level: li, skill: s},
				ix.skillFields(lv.l, lv.l.ID, s))
		}
	}
	// BM25F: length-normalise each field against its kind's average and
	// sum the weighted frequencies of the name fields and of the body,
	// then saturate each sum once per term and section.
	df := map[string]int{}
	type pair struct{ name, body float64 }
	wtf := make([]map[string]pair, len(raws))
	for d, rd := range raws {
		wtf[d] = map[string]pair{}
		for i, f := range rd.f {
			avg := 1.0
			if cnt[f.kind] > 0 && sum[f.kind] > 0 {
				avg = sum[f.kind] / cnt[f.kind]
			}
			norm := 1 - f.b + f.b*float64(rd.len[i])/avg
			for t, n := range rd.tf[i] {
				p := wtf[d][t]
				if f.kind == fkName {
					p.name += f.w * n / norm
					ix.topical[t] = true
				} else {
					p.body += f.w * n / norm
				}
				wtf[d][t] = p
			}
		}
		for t := range wtf[d] {
			df[t]++
		}
	}
	n := float64(len(raws))
	for t, f := range df {
		ix.idf[t] = math.Log(1 + (n-float64(f)+0.5)/(float64(f)+0.5))
	}
	sat := func(x float64) float64 { return x * (k1 + 1) / (k1 + x) }
	for d := range raws {
		for _, t := range slices.Sorted(maps.Keys(wtf[d])) {
			p := wtf[d][t]
			w := ix.idf[t] * (nameBoost*sat(p.name) + sat(p.body))
			ix.postings[t] = append(ix.postings[t], posting{doc: int32(d), w: float32(w), name: p.name > 0})
		}
	}
}
