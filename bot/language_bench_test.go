package bot

import (
	"testing"

	"github.com/mentorbot/mentorbot/roadmap"
)

// BenchmarkNotEnglish measures the check every question pays, beside
// BenchmarkAnswerEnglish, the answer it comes before.
func BenchmarkNotEnglish(b *testing.B) {
	l := newLanguage()
	q := "how do I get better at SQL performance when my queries are slow?"
	for b.Loop() {
		l.notEnglish(q)
	}
}

func BenchmarkAnswerEnglish(b *testing.B) {
	rm, err := roadmap.Default()
	if err != nil {
		b.Fatal(err)
	}
	ix := roadmap.NewIndex(rm)
	q := "how do I get better at SQL performance when my queries are slow?"
	for b.Loop() {
		ix.Answer(q)
	}
}
