package roadmap

import "strings"

// Rambling questions: several sentences of context, one of which asks
// ("so context: we're a small team on postgres... anyway, how do I get
// better at code review?"). The sentences before the ask still tell who
// is asking, but their words are mostly not the topic: they rank at a
// fraction of the ask's weight.

// wPreamble is the share of its weight a word of the context before the
// ask keeps. Context often says what the ask is about ("been stuck at mid
// for 4 years. what am I missing?"), so it keeps more than half: enough
// for the ask's own words to win when they name a topic, not so little
// that an ask which points back loses its subject. At 0.4 the rambling
// measure keeps 82% of questions right, at 0.6 76% (64% before), but
// below 0.6 development-set questions whose context carries the topic
// are lost.
const wPreamble = 0.6

// askStart returns the byte offset in q of the sentence that asks, when
// sentences of context come before it, or 0. The ask is the sentence
// that a cue opens ("anyway", "my question is", "long story short"), the
// last such, or else the first that is a question: one that ends with a
// question mark or opens with a question word ("how", "should").
func askStart(q string) int {
	first, cued := -1, -1
	start := 0
	for start < len(q) {
		end := sentenceEnd(q, start)
		s := strings.ToLower(q[start:end])
		switch {
		case askCued(s):
			cued = start
		case first < 0 && isQuestion(s):
			first = start
		}
		start = end
	}
	switch {
	case cued > 0:
		return cued
	case cued == 0:
		return 0
	case first > 0:
		return first
	}
	return 0
}

// sentenceEnd returns the offset just past the sentence of q that starts
// at from: after its . ! or ? and the spaces that follow, or a line
// break, or the end of q.
func sentenceEnd(q string, from int) int {
	for i := from; i < len(q); i++ {
		switch q[i] {
		case '\n':
			return i + 1
		case '.', '!', '?':
			j := i + 1
			for j < len(q) && (q[j] == '.' || q[j] == '!' || q[j] == '?') {
				j++
			}
			if j == len(q) {
				return j
			}
			if q[j] == ' ' || q[j] == '\n' {
				for j < len(q) && (q[j] == ' ' || q[j] == '\n') {
					j++
				}
				return j
			}
		}
	}
	return len(q)
}

// askCues open the sentence that asks.
var askCues = []string{"anyway", "anyways", "my question", "question is", "question:", "long story short", "tldr",
	"tl;dr", "tl dr", "i was wondering", "i'm wondering", "im wondering", "what i want to know"}

// askCued reports whether sentence s, lowercased, holds a cue of the ask.
func askCued(s string) bool {
	for _, c := range askCues {
		if i := strings.Index(s, c); i >= 0 && (i == 0 || !isWordRune(rune(s[i-1]))) {
			return true
		}
	}
	return false
}

// isQuestion reports whether sentence s, lowercased, asks: it ends with a
// question mark or opens, after a word that links it to what came before
// ("so", "but"), with a question word.
func isQuestion(s string) bool {
	t := strings.TrimRight(s, " \n")
	if strings.HasSuffix(t, "?") {
		return true
	}
	for t != "" {
		i := strings.IndexFunc(t, isWordRune)
		if i < 0 {
			return false
		}
		t = t[i:]
		j := strings.IndexFunc(t, func(r rune) bool { return !isWordRune(r) })
		if j < 0 {
			j = len(t)
		}
		if w := t[:j]; !linkWords[w] {
			return interrogatives[w]
		}
		t = t[j:]
	}
	return false
}

// linkWords may come before the question word of a question: "so how do
// I", "but what if".
var linkWords = set("so", "but", "and", "ok", "okay", "also", "then", "now", "basically", "like", "well", "hey", "hi")
