package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mentorbot/mentorbot/roadmap"
)

// askResult is the --json output of `mentorbot ask`, as design.md fixes it.
type askResult struct {
	Question     string            `json:"question"`
	Stage        string            `json:"stage"`
	Track        string            `json:"track"`
	Skill        string            `json:"skill"`
	Title        string            `json:"title"`
	Answer       string            `json:"answer"`
	Score        float64           `json:"score"`
	Alternatives []roadmap.Section `json:"alternatives"`
	// Kind is what sort of answer it is: skill, level, next, uncovered
	// (a career question the roadmap doesn't cover, such as salaries) or
	// not-sure; off_topic marks a not-sure reply to a question that isn't
	// about careers or software at all. Both were added after the fields
	// design.md fixes; none of those changed.
	Kind     string `json:"kind"`
	OffTopic bool   `json:"off_topic"`
}

const askUsage = "Usage: mentorbot ask [--json] [--roadmap FILE] QUESTION...\n"

// runAsk answers one question from the roadmap: `mentorbot ask [--json]
// [--roadmap FILE] QUESTION...`. Without --roadmap it uses ROADMAP_FILE,
// as the bot does, so that a team's own roadmap answers here too. It exits
// 0 with an answer (a "not sure" reply with the closest sections is an
// answer too), 1 when the roadmap cannot be loaded and 2 on a usage error.
func runAsk(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, askUsage)
		fs.PrintDefaults()
	}
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	file := fs.String("roadmap", "", "a custom roadmap YAML (default: the embedded backend roadmap)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if q == "" {
		fmt.Fprint(stderr, "mentorbot ask: a question is required\n"+askUsage)
		return 2
	}
	envFile := ""
	if getenv != nil {
		envFile = strings.TrimSpace(getenv("ROADMAP_FILE"))
	}
	var rm *roadmap.Roadmap
	var err error
	switch {
	case *file != "":
		rm, err = roadmap.Load(*file)
	case envFile != "":
		rm, err = loadRoadmap(envFile) // its errors name ROADMAP_FILE
	default:
		rm, err = roadmap.Default()
	}
	if err != nil {
		fmt.Fprintf(stderr, "mentorbot ask: %v\n", err)
		return 1
	}
	a := roadmap.NewIndex(rm).Answer(q)
	if !*asJSON {
		fmt.Fprintln(stdout, a.Text())
		return 0
	}
	res := askResult{Question: q, Stage: a.Stage, Track: a.Track, Skill: a.Skill, Title: a.Title,
		Answer: a.Text(), Score: a.Score, Alternatives: a.Alternatives, Kind: a.Kind.String(), OffTopic: a.OffTopic}
	if !a.Confident {
		// A weak match is offered among the alternatives, never as the answer.
		res.Stage, res.Track, res.Skill, res.Title = "", "", "", ""
	}
	if res.Alternatives == nil {
		res.Alternatives = []roadmap.Section{}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		fmt.Fprintf(stderr, "mentorbot ask: %v\n", err)
		return 1
	}
	return 0
}
