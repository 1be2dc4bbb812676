package slack

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// A reply to a slash command or a button is written on every command, and
// encoding/json spent more time on its Block Kit than the rest of the reply
// did: slack-go's element lists marshal themselves, so each was encoded,
// then parsed and compacted again. appendWire writes the blocks render
// makes (header, section, context, actions of buttons, divider) directly;
// any other block, or a field render never sets, goes to encoding/json,
// and TestAppendWireAsJSON holds the two to the same JSON.

// marshalWire encodes w as encoding/json would.
func marshalWire(w wire) ([]byte, error) {
	if b, ok := appendWire(make([]byte, 0, 1024), w); ok {
		return b, nil
	}
	return json.Marshal(w)
}

// appendWire appends w's JSON to b; ok is false, and b is to be dropped,
// when w holds what it does not write.
func appendWire(b []byte, w wire) (_ []byte, ok bool) {
	b = append(b, '{')
	if w.Text != "" {
		b = append(b, `"text":`...)
		b = appendString(b, w.Text)
		b = append(b, ',')
	}
	if len(w.Blocks) > 0 {
		b = append(b, `"blocks":`...)
		if b, ok = appendList(b, w.Blocks, appendBlock); !ok {
			return b, false
		}
		b = append(b, ',')
	}
	if w.ResponseType != "" {
		b = append(b, `"response_type":`...)
		b = appendString(b, w.ResponseType)
		b = append(b, ',')
	}
	b = append(b, `"replace_original":`...)
	b = strconv.AppendBool(b, w.ReplaceOriginal)
	b = append(b, `,"delete_original":`...)
	b = strconv.AppendBool(b, w.DeleteOriginal)
	return append(b, '}'), true
}

// appendList appends xs as a JSON array, each by each; ok is false as
// soon as one is not written.
func appendList[T any](b []byte, xs []T, each func([]byte, T) ([]byte, bool)) (_ []byte, ok bool) {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		if b, ok = each(b, x); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

func appendBlock(b []byte, bl slack.Block) (_ []byte, ok bool) {
	switch bl := bl.(type) {
	case *slack.HeaderBlock:
		if bl.Level != 0 {
			return b, false
		}
		b = appendType(b, string(bl.Type))
		b = appendOptText(b, bl.Text)
		b = appendBlockID(b, bl.BlockID)
	case *slack.SectionBlock:
		if bl.Accessory != nil || bl.Expand {
			return b, false
		}
		b = appendType(b, string(bl.Type))
		b = appendOptText(b, bl.Text)
		b = appendBlockID(b, bl.BlockID)
		if len(bl.Fields) > 0 {
			b = append(b, `,"fields":`...)
			b, _ = appendList(b, bl.Fields, func(b []byte, t *slack.TextBlockObject) ([]byte, bool) { return appendText(b, t), true })
		}
	case *slack.ContextBlock:
		b = appendType(b, string(bl.Type))
		b = appendBlockID(b, bl.BlockID)
		b = append(b, `,"elements":`...)
		if bl.ContextElements.Elements == nil {
			b = append(b, "null"...)
			break
		}
		if b, ok = appendList(b, bl.ContextElements.Elements, func(b []byte, el slack.MixedElement) ([]byte, bool) {
			t, isText := el.(*slack.TextBlockObject)
			if !isText {
				return b, false
			}
			return appendText(b, t), true
		}); !ok {
			return b, false
		}
	case *slack.ActionBlock:
		if bl.Elements == nil || bl.Elements.ElementSet == nil {
			return b, false
		}
		b = appendType(b, string(bl.Type))
		b = appendBlockID(b, bl.BlockID)
		b = append(b, `,"elements":`...)
		if b, ok = appendList(b, bl.Elements.ElementSet, func(b []byte, el slack.BlockElement) ([]byte, bool) {
			btn, isButton := el.(*slack.ButtonBlockElement)
			if !isButton {
				return b, false
			}
			return appendButton(b, btn)
		}); !ok {
			return b, false
		}
	case *slack.DividerBlock:
		b = appendType(b, string(bl.Type))
		b = appendBlockID(b, bl.BlockID)
	default:
		return b, false
	}
	return append(b, '}'), true
}

func appendButton(b []byte, e *slack.ButtonBlockElement) (_ []byte, ok bool) {
	if e.Confirm != nil || e.AccessibilityLabel != "" || e.AgentPrompt != "" || e.AgentPromptDisplay != "" || e.VisibleToUserIDs != nil {
		return b, false
	}
	b = append(b, '{')
	if e.Type != "" {
		b = append(b, `"type":`...)
		b = appendString(b, string(e.Type))
		b = append(b, ',')
	}
	b = append(b, `"text":`...)
	if e.Text == nil {
		b = append(b, "null"...)
	} else {
		b = appendText(b, e.Text)
	}
	for _, f := range [...]struct{ name, v string }{{"action_id", e.ActionID}, {"url", e.URL}, {"value", e.Value}, {"style", string(e.Style)}} {
		if f.v != "" {
			b = append(b, `,"`...)
			b = append(b, f.name...)
			b = append(b, `":`...)
			b = appendString(b, f.v)
		}
	}
	return append(b, '}'), true
}

// appendType opens a block's object with its type.
func appendType(b []byte, t string) []byte {
	b = append(b, `{"type":`...)
	return appendString(b, t)
}

func appendBlockID(b []byte, id string) []byte {
	if id == "" {
		return b
	}
	b = append(b, `,"block_id":`...)
	return appendString(b, id)
}

// appendOptText appends a block's "text" field, left out when nil.
func appendOptText(b []byte, t *slack.TextBlockObject) []byte {
	if t == nil {
		return b
	}
	b = append(b, `,"text":`...)
	return appendText(b, t)
}

func appendText(b []byte, t *slack.TextBlockObject) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, t.Type)
	b = append(b, `,"text":`...)
	b = appendString(b, t.Text)
	if t.Emoji != nil {
		b = append(b, `,"emoji":`...)
		b = strconv.AppendBool(b, *t.Emoji)
	}
	if t.Verbatim {
		b = append(b, `,"verbatim":true`...)
	}
	return append(b, '}')
}

// appendString appends s as a JSON string: what encoding/json escapes
// (quotes, backslashes, control characters, invalid UTF-8 as U+FFFD,
// U+2028 and U+2029), less its HTML escaping, which Slack does not need.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
