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
	wName    = 3.0
	wAlias   = 3.0
	wID      = 2.0
	wTitle   = 3.0 // a stage's or track's title and id
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
}

const (
	kindName = iota
	kindBody
	kindTasks
	kindOther
	nKinds
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
		{kind: kindName, w: wName, b: 0.3, parts: []string{s.Name}, names: true},
		{kind: kindName, w: wAlias, b: 0.3, parts: s.Aliases, names: true},
		{kind: kindName, w: wID, b: 0.3, parts: []string{strings.Join(id, " ")}},
		{kind: kindBody, w: wWhat, b: 0.75, parts: []string{s.What}},
		{kind: kindBody, w: wWhy, b: 0.75, parts: []string{s.Why}},
		{kind: kindTasks, w: wTasks, b: 0.75, parts: tasks},
		{kind: kindTasks, w: wNudge, b: 0.75, parts: nudges},
		{kind: kindOther, w: wContext, b: 0, parts: []string{lv.Title}},
		{kind: kindOther, w: wRes, b: 0.5, parts: res},
	}
}

func (ix *Index) levelFields(lv *Level) []field {
	names := make([]string, len(lv.Skills))
	for i, s := range lv.Skills {
		names[i] = s.Name
	}
	return []field{
		{kind: kindName, w: wTitle, b: 0.3, parts: []string{lv.Title, lv.ID}, names: true},
		{kind: kindBody, w: wSummary, b: 0.75, parts: []string{lv.Summary}},
		{kind: kindBody, w: wChanges, b: 0.75, parts: []string{lv.Changes}},
		{kind: kindBody, w: wReady, b: 0.75, parts: []string{lv.Ready}},
		{kind: kindOther, w: wSkills, b: 0.5, parts: names},
	}
}

// fieldTerms counts the terms of one field: stems, the canonical terms of
// synonyms found in it, and, for name fields, bigrams.
func (ix *Index) fieldTerms(f field) (map[string]float64, int) {
	tf := map[string]float64{}
	n := 0
	for _, part := range f.parts {
		for _, t := range analyze(part) {
			ix.vocab.add(t.raw)
		}
		for _, t := range ix.expand(stems(part), 1) {
			tf[t.stem] += t.w
			if t.w == 1 {
				n++
			}
		}
	}
	return tf, n
}

// expand returns the stems of seq with weight w, each synonym's canonical
// stems at a share of it, and the bigrams of neighbouring stems.
func (ix *Index) expand(seq []string, w float64) []term {
	out := make([]term, 0, len(seq)*2)
	for i, s := range seq {
		out = append(out, term{s, w})
		if i > 0 {
			out = append(out, term{seq[i-1] + " " + s, w * bigramShare})
		}
		ix.syn.match(seq, i, func(ph phrase) {
			for _, c := range ph.target {
				if !slices.Contains(seq, c) {
					out = append(out, term{c, w * synonymShare})
				}
			}
		})
	}
	return out
}

// build indexes every section of the roadmap.
func (ix *Index) build(r *Roadmap) {
	type rawDoc struct {
		tf  []map[string]float64
		len []int
		f   []field
	}
	var raws []rawDoc
	var sum [nKinds]float64
	var cnt [nKinds]float64
	addDoc := func(d section, fs []field) {
		rd := rawDoc{f: fs}
		for _, f := range fs {
			tf, n := ix.fieldTerms(f)
			if !f.names {
				// Bigrams only help in names, where word order is meaningful.
				for k := range tf {
					if strings.Contains(k, " ") {
						delete(tf, k)
					}
				}
			}
			rd.tf, rd.len = append(rd.tf, tf), append(rd.len, n)
			sum[f.kind] += float64(n)
			cnt[f.kind]++
		}
		ix.docs = append(ix.docs, d)
		raws = append(raws, rd)
	}
	for li, lv := range ix.levels {
		addDoc(section{Stage: lv.stage, Track: lv.track, Title: lv.l.Title, level: li, isLevel: true}, ix.levelFields(lv.l))
	}
	for li, lv := range ix.levels {
		for i := range lv.l.Skills {
			s := &lv.l.Skills[i]
			addDoc(section{Stage: lv.stage, Track: lv.track, Skill: s.ID, Title: s.Name, level: li, skill: s},
				ix.skillFields(lv.l, lv.l.ID, s))
		}
	}
	// BM25F: length-normalise each field against its kind's average, sum
	// the weighted frequencies, then saturate once per term and section.
	df := map[string]int{}
	wtf := make([]map[string]float64, len(raws))
	for d, rd := range raws {
		wtf[d] = map[string]float64{}
		for i, f := range rd.f {
			avg := 1.0
			if cnt[f.kind] > 0 && sum[f.kind] > 0 {
				avg = sum[f.kind] / cnt[f.kind]
			}
			norm := 1 - f.b + f.b*float64(rd.len[i])/avg
			for t, n := range rd.tf[i] {
				wtf[d][t] += f.w * n / norm
			}
		}
		for t := range wtf[d] {
			df[t]++
		}
	}
	n := float64(len(raws))
	ix.postings = make(map[string][]posting, len(df))
	for _, t := range slices.Sorted(maps.Keys(df)) {
		idf := math.Log(1 + (n-float64(df[t])+0.5)/(float64(df[t])+0.5))
		ix.idf[t] = idf
	}
	for d := range raws {
		for t, x := range wtf[d] {
			ix.postings[t] = append(ix.postings[t], posting{doc: int32(d), w: float32(ix.idf[t] * x * (k1 + 1) / (k1 + x))})
		}
	}
}
