package bot

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// MaxText is the longest command text the bot reads.
const MaxText = 500

// clean strips escape sequences whole and control and invisible format
// characters (StripControls), folds runs of white space, and refuses
// overlong or non-UTF-8 text.
func clean(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", invalid("I couldn't read that text; please send plain text.")
	}
	if utf8.RuneCountInString(s) > MaxText {
		return "", invalid("That's too long: please keep it to %d characters or fewer.", MaxText)
	}
	s, _ = StripControls(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String(), nil
}

func fields(s string) []string { return strings.Fields(s) }

// plainWords are the words of s in lower case, without the punctuation
// and emoji around and between them ("Stop sending me nudges!!",
// "hi 👋"), for matching what people say against a list of phrases.
func plainWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r != '\'' && !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// ParseMention returns the user id in a mention: "<@U123>", "<@U123|name>"
// (Slack), "<@!123>" or "<@123>" (Discord), or "@name" (console). People
// write "@ann, @bob" and "ask @Ann.": punctuation after a mention is not
// part of it, and a console name is case-folded, since "@Ann" and "@ann"
// are one person (platform ids come in the bracketed forms, untouched).
func ParseMention(s string) (string, bool) {
	s = strings.TrimRight(s, ",.;:!?")
	if strings.HasPrefix(s, "<@") && strings.HasSuffix(s, ">") {
		id := strings.TrimPrefix(s[2:len(s)-1], "!")
		id, _, _ = strings.Cut(id, "|")
		return id, validID(id)
	}
	if id, ok := strings.CutPrefix(s, "@"); ok {
		id = strings.ToLower(id)
		return id, validID(id)
	}
	return "", false
}

// validID accepts the ids platforms use and console names.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r == '.' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// closest returns up to n candidates that are close spellings of s.
func closest(s string, candidates []string, n int) []string {
	type scored struct {
		c string
		d int
	}
	var out []scored
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(strings.ToLower(s), c)
		// A short word is "close" to anything short: "foo" is two edits
		// from "on". A suggestion must keep more than it changes.
		near := d <= max(2, len(s)/3) && d < min(len(s), len(c))
		if near || s != "" && strings.HasPrefix(c, strings.ToLower(s)) {
			out = append(out, scored{c, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].d < out[j].d })
	var names []string
	for i := 0; i < len(out) && i < n; i++ {
		names = append(names, out[i].c)
	}
	return names
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = "`" + x + "`"
	}
	return orList(q)
}

func orList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
