package console

import (
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/mentorbot/mentorbot/bot"
)

// Terminal says how the console draws on an interactive terminal: the
// core's light markup as terminal text, lines wrapped to the width, a
// prompt and a hint. On anything else (a pipe, a file) the console prints
// the plain text of design.md's console contract instead, unchanged.
type Terminal struct {
	// Width returns the terminal's width in columns; it is asked before
	// every message, so a resized window is followed. Nil, or a result
	// below 20: no wrapping.
	Width func() int
	// ANSI turns on escape sequences: *bold* as bold, _italic_ as italic,
	// `code` in colour. Off (NO_COLOR, TERM=dumb), the markers of bold and
	// italic are dropped and code keeps its backticks.
	ANSI bool
	// Prompt shows a prompt naming the current user while a line is
	// awaited: when the input is a terminal too.
	Prompt bool
}

// DetectTerminal returns how to draw on out when it is a terminal, nil
// otherwise. The prompt is shown when in is a terminal too; NO_COLOR or
// TERM=dumb turn the escape sequences off.
func DetectTerminal(in io.Reader, out io.Writer) *Terminal {
	f, ok := out.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	fd := int(f.Fd())
	t := &Terminal{
		Width: func() int {
			w, _, err := term.GetSize(fd)
			if err != nil {
				return 0
			}
			return w
		},
		ANSI: os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb",
	}
	if inf, ok := in.(*os.File); ok && term.IsTerminal(int(inf.Fd())) {
		t.Prompt = true
	}
	return t
}

// width is the wrapping width, 0 for none.
func (t *Terminal) width() int {
	if t.Width == nil {
		return 0
	}
	if w := t.Width(); w >= 20 {
		return w
	}
	return 0
}

// ANSI escape sequences the terminal renderer uses.
const (
	ansiBold, ansiBoldOff     = "\x1b[1m", "\x1b[22m"
	ansiItalic, ansiItalicOff = "\x1b[3m", "\x1b[23m"
	ansiCode, ansiCodeOff     = "\x1b[36m", "\x1b[39m"
)

// RenderTerminal draws a message for a terminal: as Render, with the
// markup turned into terminal text (Markup), mentions in button commands as
// @name, and every line wrapped to width columns (0: no wrapping). An
// attached file is printed as it is.
func RenderTerminal(m bot.Message, width int, ansi bool) string {
	title := func(s string) string { return "*" + plainTitle(s) + "*" }
	var lines []string
	for _, p := range parts(m, title, Mentions) {
		switch {
		case p.verbatim:
			lines = append(lines, p.text)
		case p.buttons != nil:
			lines = append(lines, wrapButtons(p.buttons, width)...)
		default:
			lines = append(lines, Wrap(Markup(p.text, ansi), width))
		}
	}
	return strings.Join(lines, "\n")
}

// Mentions writes Slack and Discord mentions in s as a person would:
// <@U123> and <@!123> as @U123 and @123, <@U123|dave> as @dave, and
// channel references the same way, <#team> as #team and <#C1|team> as
// #team, since the console has no channels to link to.
func Mentions(s string) string {
	var b strings.Builder
	for {
		i := nextMention(s)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(link(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
}

// nextMention is where the first <@ or <# of s starts, or -1.
func nextMention(s string) int {
	at, hash := strings.Index(s, "<@"), strings.Index(s, "<#")
	switch {
	case at < 0:
		return hash
	case hash < 0:
		return at
	}
	return min(at, hash)
}

// link writes the inside of a Slack-style <...> construct as text, or
// returns it with its brackets when it is none: @ user mentions, # channel
// mentions, ! special mentions, and links (text and URL, or the URL).
func link(in string) string {
	target, label, labelled := strings.Cut(in, "|")
	switch {
	case strings.HasPrefix(target, "@"):
		if labelled && label != "" {
			return "@" + label
		}
		return "@" + strings.TrimPrefix(target[1:], "!")
	case strings.HasPrefix(target, "#"):
		if labelled && label != "" {
			return "#" + label
		}
		return target
	case strings.HasPrefix(target, "!"):
		return "@" + strings.TrimPrefix(target, "!")
	case strings.HasPrefix(target, "http://"), strings.HasPrefix(target, "https://"), strings.HasPrefix(target, "mailto:"):
		if labelled && label != "" && label != target {
			return label + " (" + target + ")"
		}
		return target
	}
	return "<" + in + ">"
}

// Markup turns the core's light markup into terminal text: *bold* and
// _italic_ as ANSI bold and italic (or without their markers when ansi is
// off), `code` in colour without its backticks (kept when ansi is off),
// and Slack-style <@id>, <@id|name>, <#C1|channel> and <url|text> as
// @id, @name, #channel and "text (url)". Markers only count at word
// edges, so snake_case and 2*3 stay as they are; one left open is shown
// as it is.
func Markup(s string, ansi bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j > 0 {
				// A mention in a command is what the user types: @name.
				code := Mentions(s[i+1 : i+1+j])
				if ansi {
					b.WriteString(ansiCode + code + ansiCodeOff)
				} else {
					b.WriteString("`" + code + "`")
				}
				i += j + 2
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 && !strings.ContainsAny(s[i+1:i+j], "<\n") {
				if out := link(s[i+1 : i+j]); out != s[i:i+j+1] {
					b.WriteString(out)
					i += j + 1
					continue
				}
			}
		case (c == '*' || c == '_') && opens(s, i):
			if j := closes(s, i); j > 0 {
				inner := Markup(s[i+1:j], ansi)
				switch {
				case !ansi:
					b.WriteString(inner)
				case c == '*':
					b.WriteString(ansiBold + inner + ansiBoldOff)
				default:
					b.WriteString(ansiItalic + inner + ansiItalicOff)
				}
				i = j + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// opens reports whether the marker at s[i] can open an emphasis: at the
// start or after a non-word character, and before a non-space.
func opens(s string, i int) bool {
	if i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == s[i] {
		return false
	}
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !wordRune(r)
}

// closes returns the index of the marker that closes the one at s[i] on
// the same line: after a non-space, before the end or a non-word
// character; -1 when there is none.
func closes(s string, i int) int {
	for j := i + 2; j < len(s); j++ {
		switch s[j] {
		case '\n':
			return -1
		case s[i]:
			if s[j-1] == ' ' {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(s[j+1:]); j+1 == len(s) || !wordRune(r) {
				return j
			}
		}
	}
	return -1
}

func wordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// Wrap breaks every line of s that is wider than width columns at spaces.
// A continuation keeps the line's indent, and a "• " item's text lines
// up under the item. A word wider than the line (a URL) is not broken.
// width 0 leaves s as it is.
func Wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		body := strings.TrimLeft(line, " ")
		indent := line[:len(line)-len(body)]
		hang := ""
		if strings.HasPrefix(body, "• ") {
			hang = "  "
		}
		for _, w := range wrapWords(strings.Split(body, " "), width-len(indent), hang) {
			out = append(out, indent+w)
		}
	}
	return strings.Join(out, "\n")
}

// wrapWords fills lines of at most width columns with words joined by a
// space; lines after the first start with hang. width 0: one line.
func wrapWords(words []string, width int, hang string) []string {
	if width <= 0 {
		return []string{strings.Join(words, " ")}
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, w := range words {
		ww := displayWidth(w)
		switch {
		case cur.Len() == 0 && len(lines) == 0:
		case cur.Len() == 0:
			cur.WriteString(hang)
			curW = displayWidth(hang)
		case curW+1+ww > width:
			lines = append(lines, cur.String())
			cur.Reset()
			cur.WriteString(hang)
			curW = displayWidth(hang)
		default:
			cur.WriteByte(' ')
			curW++
		}
		cur.WriteString(w)
		curW += ww
	}
	return append(lines, cur.String())
}

// wrapButtons puts as many buttons on a line as fit in width columns; a
// button wider than a line gets lines of its own.
func wrapButtons(buttons []string, width int) []string {
	if width <= 0 {
		return []string{strings.Join(buttons, " ")}
	}
	var lines, row []string
	flush := func() {
		if len(row) > 0 {
			lines = append(lines, wrapWords(row, width, "")...)
			row = nil
		}
	}
	for _, b := range buttons {
		if displayWidth(b) > width {
			flush()
			lines = append(lines, wrapWords(strings.Split(b, " "), width, " ")...)
			continue
		}
		row = append(row, b)
	}
	flush()
	return lines
}

// displayWidth is how many columns s takes on a terminal: escape
// sequences take none, combining marks and variation selectors none, and
// wide characters (CJK, most emoji) two.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == '\x1b' {
			// CSI: ESC [ parameters final-byte.
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
					j++
				}
			}
			i = j + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n += runeWidth(r)
		if r != 0xFE0F && i < len(s) && strings.HasPrefix(s[i:], "\uFE0F") && runeWidth(r) == 1 {
			n++ // a text symbol in emoji presentation, e.g. ⚠️
		}
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r == 0xFE0F || r == 0x200D || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F300 && r <= 0x1FAFF, r >= 0x20000 && r <= 0x3FFFD,
		r == 0x2705, r == 0x274C, r == 0x2B50, r == 0x23E9, r == 0x23EA, r == 0x23F0, r == 0x23F3:
		return 2
	}
	return 1
}
