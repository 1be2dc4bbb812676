package bot

import (
	"strings"
	"unicode"
)

// StripControls drops what keys that are not text leave in a line, on
// every platform: whole escape sequences (an arrow key is ESC [ A, and a
// pasted terminal line can hold colour codes), other control characters,
// DEL and the C1 controls. White space controls (tab, newline) become
// spaces. It reports whether anything was dropped, so that the console
// can answer a line of only such keys; the core's clean reads every
// command through it, so that "done \x07git\x1b[A" is "done git", not a
// skill called "git[A".
func StripControls(s string) (string, bool) {
	var b strings.Builder
	dropped := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\x1b':
			dropped = true
			i += escapeLen(s[i+1:])
		case c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f:
			dropped = true
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	// C1 controls (U+0080–U+009F, the 8-bit CSI among them) as runes.
	if strings.IndexFunc(out, isC1) >= 0 {
		dropped = true
		out = strings.Map(func(r rune) rune {
			if isC1(r) {
				return -1
			}
			return r
		}, out)
	}
	return out, dropped
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f && unicode.IsControl(r) }

// escapeLen is how many bytes of s, which follows an ESC, belong to its
// escape sequence: a CSI (ESC [ parameters, final byte @ to ~), an SS3
// (ESC O and one byte, as some terminals send arrow keys), an OSC (ESC ]
// up to BEL or ESC \), or ESC and one byte (Alt plus a key).
func escapeLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '[':
		for j := 1; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
			if s[j] < 0x20 || s[j] > 0x7e { // not a CSI after all
				return j
			}
		}
		return len(s)
	case 'O':
		return min(2, len(s))
	case ']':
		for j := 1; j < len(s); j++ {
			switch {
			case s[j] == '\a':
				return j + 1
			case s[j] == '\x1b' && j+1 < len(s) && s[j+1] == '\\':
				return j + 2
			}
		}
		return len(s)
	}
	return 1
}
