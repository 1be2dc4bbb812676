package roadmap

import (
	"bytes"
	_ "embed"
	"fmt"
)

// defaultYAML is the backend career roadmap the bot uses when a team has
// not configured its own.
//
//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns a copy of the embedded default roadmap file, for
// teams that want to start their own roadmap from it.
func DefaultYAML() []byte {
	return bytes.Clone(defaultYAML)
}

// Default parses the embedded default backend roadmap. Each call returns a
// fresh Roadmap, so callers may not share mutations by accident.
func Default() (*Roadmap, error) {
	rm, err := Parse(defaultYAML, "default.yaml")
	if err != nil {
		return nil, err
	}
	if rm.examples, err = parseExamples(defaultExamples); err != nil {
		return nil, fmt.Errorf("default roadmap: %w", err)
	}
	return rm, nil
}
