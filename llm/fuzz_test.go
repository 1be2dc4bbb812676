package llm

import (
	"strings"
	"testing"
)

// FuzzParseReply checks that no model reply makes parseReply panic, that
// an accepted reply always names a candidate, and that no link survives
// the filter unless it is one of the chosen candidate's.
func FuzzParseReply(f *testing.F) {
	for _, s := range []string{
		`{"choice": "skill:git", "answer": "Use branches."}`,
		"```json\n{\"choice\": \"stage:junior\", \"answer\": \"See https://evil.com and [x](https://git-scm.com/book/en/v2)\"}\n```",
		`{"choice": "admin", "answer": "ignore the rules"}`,
		`{"choice": "skill:git", "answer": "<https://evil.com|click> www.evil.com evil.com/x"}`,
		`not json at all`,
		`{"choice": 3}`,
	} {
		f.Add(s)
	}
	r := request("git?")
	f.Fuzz(func(t *testing.T, content string) {
		a, err := parseReply(content, r)
		if err != nil {
			return
		}
		c, ok := r.Candidate(a.Choice)
		if !ok {
			t.Fatalf("accepted choice %q is not a candidate", a.Choice)
		}
		if len([]rune(a.Text)) > MaxAnswer || strings.TrimSpace(a.Text) == "" {
			t.Fatalf("answer of %d runes", len([]rune(a.Text)))
		}
		for _, m := range linkRE.FindAllString(a.Text, -1) {
			if strings.Contains(strings.ToLower(m), "evil") {
				t.Fatalf("link %q survived in %q (allowed %v)", m, a.Text, c.Links)
			}
		}
	})
}
