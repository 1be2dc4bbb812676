package roadmap

import (
	"math"
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

// skillFields returns the fields of skill s of level lv, in b's scratch:
// they are valid until the next call.
func (b *builder) skillFields(lv *Level, s *Skill) []field {
	// Track skill ids carry their track's id as a prefix ("dba-backup");
	// that word names the track, not the skill.
	var id []string
	for _, w := range tokenize(s.ID) {
		if w != lv.ID {
			id = append(id, w)
		}
	}
	p := append(b.parts[:0], s.Name, strings.Join(id, " "), s.What, s.Why, lv.Title)
	nudges := len(p)
	for _, n := range lv.Nudges {
		if n.Skill == s.ID {
			p = append(p, n.Text, n.Small)
		}
	}
	res := len(p)
	for _, r := range s.Resources {
		p = append(p, r.Title)
	}
	b.parts = p
	b.fieldBuf = append(b.fieldBuf[:0],
		field{kind: fkName, w: wName, b: 0.3, parts: p[0:1], names: true},
		field{kind: fkName, w: wAlias, b: 0.3, parts: s.Aliases, names: true, each: true},
		field{kind: fkName, w: wID, b: 0.3, parts: p[1:2]},
		field{kind: fkBody, w: wWhat, b: 0.75, parts: p[2:3]},
		field{kind: fkBody, w: wWhy, b: 0.75, parts: p[3:4]},
		field{kind: fkTasks, w: wTasks, b: 0.75, parts: s.Tasks},
		field{kind: fkTasks, w: wNudge, b: 0.75, parts: p[nudges:res]},
		field{kind: fkOther, w: wContext, b: 0, parts: p[4:5]},
		field{kind: fkOther, w: wRes, b: 0.5, parts: p[res:]},
	)
	return b.fieldBuf
}

// levelFields returns the fields of the stage or track lv.
func (b *builder) levelFields(lv *Level) []field {
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

// stemOf returns w's stem, from the stems of the roadmap's words when it
// is one of them. It only reads the cache, so answers may run at once.
func (ix *Index) stemOf(w string) string {
	if n, ok := ix.stemCache[w]; ok {
		return ix.wordStems[n]
	}
	return stem(w)
}

// docTerm is a term's field-weighted, length-normalised frequency in one
// section, summed over the name fields and over the others.
type docTerm struct {
	id         int32
	name, body float64
}

// build indexes every section of the roadmap.
func (b *builder) build() {
	ix := b.ix
	var sum, cnt [nFieldKinds]float64
	var docFields []int // section d's fields are fields[docFields[d]:docFields[d+1]]
	addDoc := func(d section, fs []field) {
		docFields = append(docFields, len(b.fields))
		for _, f := range fs {
			b.fieldTerms(f)
			n := b.fields[len(b.fields)-1].len
			sum[f.kind] += float64(n)
			cnt[f.kind]++
		}
		ix.docs = append(ix.docs, d)
		var covers [][]string
		if d.skill != nil {
			covers = append(covers, b.stems(d.skill.Name))
			for _, name := range d.skill.Aliases {
				covers = append(covers, b.stems(name))
			}
		}
		ix.covers = append(ix.covers, covers)
	}
	for li, lv := range ix.levels {
		addDoc(section{Stage: lv.stage, Track: lv.track, Title: lv.l.Title, level: li, isLevel: true}, b.levelFields(lv.l))
	}
	ix.levelDocs = make([][]int, len(ix.levels))
	for li, lv := range ix.levels {
		for i := range lv.l.Skills {
			s := &lv.l.Skills[i]
			ix.levelDocs[li] = append(ix.levelDocs[li], len(ix.docs))
			addDoc(section{Stage: lv.stage, Track: lv.track, Skill: s.ID, Title: s.Name, level: li, skill: s},
				b.skillFields(lv.l, s))
		}
	}
	docFields = append(docFields, len(b.fields))
	b.weigh(docFields, sum, cnt)
}

// weigh turns the counted fields of every section into the postings, by
// BM25F: each field is length-normalised against its kind's average (sum
// of lengths over cnt fields), the weighted frequencies of the name
// fields and of the body are summed, and each sum saturated once per
// term and section. Section d's fields are b.fields[docFields[d]:docFields[d+1]].
func (b *builder) weigh(docFields []int, sum, cnt [nFieldKinds]float64) {
	ix := b.ix
	nDocs := len(ix.docs)
	df := make([]int32, len(b.terms))
	var terms []docTerm
	docTerms := make([]int, 0, nDocs+1) // section d's terms are terms[docTerms[d]:docTerms[d+1]]
	for d := range nDocs {
		docTerms = append(docTerms, len(terms))
		b.newGroup()
		for _, f := range b.fields[docFields[d]:docFields[d+1]] {
			avg := 1.0
			if cnt[f.kind] > 0 && sum[f.kind] > 0 {
				avg = sum[f.kind] / cnt[f.kind]
			}
			norm := 1 - f.b + f.b*float64(f.len)/avg
			for _, c := range b.counts[f.lo:f.hi] {
				if b.seen[c.id] != b.group {
					b.seen[c.id], b.at[c.id] = b.group, int32(len(terms))
					terms = append(terms, docTerm{id: c.id})
					df[c.id]++
				}
				p := &terms[b.at[c.id]]
				if f.kind == fkName {
					p.name += f.w * c.n / norm
					ix.topical[b.terms[c.id]] = true
				} else {
					p.body += f.w * c.n / norm
				}
			}
		}
	}
	docTerms = append(docTerms, len(terms))
	n := float64(nDocs)
	idf := make([]float64, len(b.terms))
	nTerms := 0
	for _, f := range df {
		if f > 0 {
			nTerms++
		}
	}
	ix.idf = make(map[string]float64, nTerms)
	// Each term's postings are a window of one slice, in section order.
	next := make([]int, len(b.terms))
	off := 0
	for id, f := range df {
		if f == 0 {
			continue // a word of a synonym or a name only
		}
		idf[id] = math.Log(1 + (n-float64(f)+0.5)/(float64(f)+0.5))
		ix.idf[b.terms[id]] = idf[id]
		next[id] = off
		off += int(f)
	}
	all := make([]posting, off)
	sat := func(x float64) float64 { return x * (k1 + 1) / (k1 + x) }
	for d := range nDocs {
		for _, p := range terms[docTerms[d]:docTerms[d+1]] {
			w := idf[p.id] * (nameBoost*sat(p.name) + sat(p.body))
			all[next[p.id]] = posting{doc: int32(d), w: float32(w), name: p.name > 0}
			next[p.id]++
		}
	}
	ix.postings = make(map[string][]posting, nTerms)
	off = 0
	for id, f := range df {
		if f > 0 {
			ix.postings[b.terms[id]] = all[off : off+int(f) : off+int(f)]
			off += int(f)
		}
	}
}
