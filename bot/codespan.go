package bot

import "strings"

// MentionsOutOfCode moves every mention (<@U1>, <@U1|ann>, <@!1>, <#C1>)
// out of the inline code spans of s: Slack and Discord draw a mention
// inside backticks as its raw id, so "`/mentor leads add <@U1>`" would
// show "<@U1>" where the person's name belongs. The span is closed before
// the mention and opened again after it, with the spaces between outside
// the backticks: "`/mentor leads add` <@U1>". Fenced blocks (```) are
// left as they are: they hold files, quoted as typed.
func MentionsOutOfCode(s string) string {
	if !strings.Contains(s, "`") || !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if strings.HasPrefix(s, "```") {
			end := strings.Index(s[3:], "```")
			if end < 0 {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:end+6])
			s = s[end+6:]
			continue
		}
		end := strings.IndexByte(s[1:], '`')
		if end < 0 {
			b.WriteString(s)
			break
		}
		writeSpan(&b, s[1:end+1])
		s = s[end+2:]
	}
	return b.String()
}

// writeSpan writes the inside of one code span with its mentions outside
// it; a span without mentions is written as it was.
func writeSpan(b *strings.Builder, span string) {
	code := func(c string) {
		core := strings.TrimSpace(c)
		if core == "" {
			b.WriteString(c)
			return
		}
		lead := c[:strings.Index(c, core)]
		b.WriteString(lead + "`" + core + "`" + c[len(lead)+len(core):])
	}
	found := false
	for {
		i, j := mentionIn(span)
		if i < 0 {
			break
		}
		if !found && i == 0 && j == len(span) {
			// The whole span is one mention: drop the backticks.
			b.WriteString(span)
			return
		}
		found = true
		code(span[:i])
		b.WriteString(span[i:j])
		span = span[j:]
	}
	if !found {
		b.WriteString("`" + span + "`")
		return
	}
	code(span)
}

// mentionIn returns the bounds of the first mention in s, or -1, -1.
func mentionIn(s string) (int, int) {
	for off := 0; off < len(s); {
		i := strings.IndexByte(s[off:], '<')
		if i < 0 {
			return -1, -1
		}
		i += off
		if rest := s[i+1:]; strings.HasPrefix(rest, "@") || strings.HasPrefix(rest, "#") {
			if j := strings.IndexByte(rest, '>'); j > 1 && !strings.ContainsAny(rest[:j], "<\n") {
				return i, i + 1 + j + 1
			}
		}
		off = i + 1
	}
	return -1, -1
}

// Unmentioned is s for a place where the platform shows mentions as
// typed (button labels, titles, Discord's embed field names): a user
// mention the core could not name (<@U1A>, <@!1000…>) reads "@someone",
// never the bare id; a <@U1|name> mention reads "@name". Channel
// mentions are left as they are.
func Unmentioned(s string) string {
	var b strings.Builder
	for {
		i, j := mentionIn(s)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		m := s[i:j]
		switch _, name, named := strings.Cut(m[2:len(m)-1], "|"); {
		case m[1] != '@':
			b.WriteString(m)
		case named && name != "":
			b.WriteString("@" + name)
		default:
			b.WriteString("@someone")
		}
		s = s[j:]
	}
}
