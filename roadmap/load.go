package roadmap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a roadmap file.
type Problem struct {
	Line int // 1-based; 0 when the problem has no single place in the file
	Msg  string
}

// ValidationError lists every problem found in a roadmap file, so a team
// fixing its roadmap sees them all at once rather than one per attempt.
type ValidationError struct {
	File     string
	Problems []Problem
}

// Error lists the problems one per line as "FILE:LINE: message".
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.File)
		if p.Line > 0 {
			b.WriteString(":" + strconv.Itoa(p.Line))
		}
		b.WriteString(": " + p.Msg)
	}
	return b.String()
}

// Load reads and validates the roadmap YAML file at path.
func Load(path string) (*Roadmap, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load roadmap %s: %w", path, err)
	}
	// A *ValidationError already names the file on every line.
	return Parse(data, path)
}

// Parse decodes and validates a roadmap from YAML. name is used in error
// messages (usually the file name). On failure the error is a
// *ValidationError holding every problem found.
func Parse(data []byte, name string) (*Roadmap, error) {
	c := &checker{}
	root := c.syntax(data)
	if root == nil {
		return nil, c.err(name)
	}
	if root.Kind == 0 || isNull(root) {
		c.add(1, "the roadmap is empty: it needs at least one stage")
		return nil, c.err(name)
	}
	c.shape(root, reflect.TypeFor[Roadmap](), "the roadmap", map[*yaml.Node]bool{})
	shapeOK := len(c.probs) == 0

	var rm Roadmap
	if err := decode(root, &rm); err != nil {
		// Shape problems already describe what the decoder trips over, in
		// friendlier words; its own messages are only needed otherwise.
		if shapeOK {
			c.yamlErr(err)
		}
	}
	c.validate(&rm, root)
	if len(c.probs) > 0 {
		return nil, c.err(name)
	}
	rm.idx = buildIndex(&rm)
	return &rm, nil
}

// checker collects problems while a roadmap is checked.
type checker struct {
	probs []Problem
}

func (c *checker) add(line int, format string, args ...any) {
	c.probs = append(c.probs, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) err(name string) error {
	sort.SliceStable(c.probs, func(i, j int) bool { return c.probs[i].Line < c.probs[j].Line })
	return &ValidationError{File: name, Problems: c.probs}
}

// syntax parses data into a node tree; nil means a syntax error was recorded.
func (c *checker) syntax(data []byte) (root *yaml.Node) {
	// The YAML parser has panicked on some malformed input in the past; a
	// bad roadmap file must never take the bot down.
	defer func() {
		if v := recover(); v != nil {
			c.add(0, "cannot parse YAML: %v", v)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &yaml.Node{}
		}
		c.syntaxErr(err, data)
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		c.add(extra.Line, "a roadmap file holds one YAML document; remove the extra \"---\" document")
	case !errors.Is(err, io.EOF):
		c.syntaxErr(err, data)
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return &doc
}

func decode(n *yaml.Node, rm *Roadmap) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("cannot decode YAML: %v", v)
		}
	}()
	return n.Decode(rm)
}

// yamlErr turns a yaml decoding error into problems, keeping the line
// yaml reports.
func (c *checker) yamlErr(err error) {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line, m := splitLine(m)
		c.add(line, "%s", m)
	}
}

// syntaxErr records a YAML syntax error. yaml leaves the line out when the
// problem is on the first line and counts from 0 for parser (as opposed to
// scanner) errors, so the line is corrected here rather than shown off by one.
func (c *checker) syntaxErr(err error, data []byte) {
	line, m := splitLine(err.Error())
	parserErr := strings.HasPrefix(m, "did not find expected") || strings.HasPrefix(m, "found duplicate %") ||
		m == "found incompatible YAML document" || m == "found undefined tag handle"
	switch {
	case line > 0 && parserErr:
		line++
		if strings.HasPrefix(m, "did not find expected") {
			m += " in the list or mapping that starts on this line"
		}
	case line > 0:
	case strings.HasPrefix(m, "unknown anchor '"):
		name := strings.TrimSuffix(strings.TrimPrefix(m, "unknown anchor '"), "' referenced")
		line = lineOf(data, bytes.Index(data, []byte("*"+name)))
	default:
		line = lineOf(data, badChar(data))
	}
	c.add(line, "invalid YAML: %s", m)
}

// splitLine splits "yaml: line N: msg" into N and msg.
func splitLine(m string) (int, string) {
	m = strings.TrimPrefix(m, "yaml: ")
	if rest, ok := strings.CutPrefix(m, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				return n, after
			}
		}
	}
	return 0, m
}

// badChar returns the offset of the first character YAML does not allow
// (yaml reports those without a line), or 0 when there is none: the other
// errors yaml reports without a line are on the first line.
func badChar(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		ok := r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0x7e) || r == 0x85 ||
			(r >= 0xa0 && r <= 0xd7ff) || (r >= 0xe000 && r <= 0xfffd) || r >= 0x10000
		if !ok || (r == utf8.RuneError && size == 1) {
			return i
		}
		i += size
	}
	return 0
}

// lineOf returns the 1-based line of a byte offset; 0 for a negative one.
func lineOf(data []byte, off int) int {
	if off < 0 {
		return 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// shape checks n against the Go type t the way the decoder will read it:
// every key must be a field of the schema (struct yaml tags are the schema)
// and every value of the right kind. what names the value in messages.
// seen keeps an anchored node from being walked again for each alias of
// it: one report per problem, and no blow-up on alias bombs.
func (c *checker) shape(n *yaml.Node, t reflect.Type, what string, seen map[*yaml.Node]bool) {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return
		}
		n = n.Alias
	}
	if n.Anchor != "" {
		if seen[n] {
			return
		}
		seen[n] = true
	}
	if isNull(n) {
		return
	}
	switch t.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			c.add(n.Line, "%s must be text, not %s", what, kindName(n))
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			c.add(n.Line, "%s must be a list, not %s", what, kindName(n))
			return
		}
		for _, e := range n.Content {
			c.shape(e, t.Elem(), "each entry of "+what, seen)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			c.add(n.Line, "%s must be a mapping, not %s", what, kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			c.shape(n.Content[i+1], t.Elem(), fmt.Sprintf("%s %q", what, k.Value), seen)
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			c.add(n.Line, "%s must be a mapping of fields, not %s", what, kindName(n))
			return
		}
		c.fields(n, t, seen)
	}
}

// fields checks the keys of the mapping n against the fields of struct t.
func (c *checker) fields(n *yaml.Node, t reflect.Type, seen map[*yaml.Node]bool) {
	known := map[string]reflect.Type{}
	var names []string
	schemaFields(t, known, &names)
	where := strings.ToLower(t.Name())
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			c.add(k.Line, "field names in a %s must be plain words, not %s", where, kindName(k))
			continue
		}
		if k.Value == "<<" { // a YAML merge key brings in fields of another mapping
			merged := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				merged = v.Content
			}
			for _, m := range merged {
				c.shape(m, t, where, seen)
			}
			continue
		}
		ft, ok := known[k.Value]
		if !ok {
			c.add(k.Line, "unknown field %q in %s%s", k.Value, where, didYouMean(k.Value, names))
			continue
		}
		if line, dup := first[k.Value]; dup {
			c.add(k.Line, "field %q appears twice in this %s (first at line %d)", k.Value, where, line)
			continue
		}
		first[k.Value] = k.Line
		c.shape(v, ft, fmt.Sprintf("field %q", k.Value), seen)
	}
}

// schemaFields lists the yaml field names of struct t, following inline
// (embedded) structs, in declaration order.
func schemaFields(t reflect.Type, known map[string]reflect.Type, names *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if strings.Contains(opts, "inline") {
			schemaFields(f.Type, known, names)
			continue
		}
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		known[name] = f.Type
		*names = append(*names, name)
	}
}

// didYouMean suggests the closest known field for a misspelt one.
func didYouMean(got string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := levenshtein.ComputeDistance(strings.ToLower(got), n); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (known fields: " + strings.Join(names, ", ") + ")"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return fmt.Sprintf("the text %q", n.Value)
	}
	return "an empty value"
}

// at returns the node at path below n (string keys for mappings, int
// indexes for lists), or the deepest node that exists on the way, so a
// missing field is reported at the line of the thing that lacks it.
func at(n *yaml.Node, path ...any) *yaml.Node {
	for _, p := range path {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						next = n.Content[i+1]
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p < len(n.Content) {
				next = n.Content[p]
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}
