package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/joho/godotenv"
)

// defaultEnvFile is read from the working directory when present.
const defaultEnvFile = ".env"

// lookupEnv finds one variable, and reports whether it is set at all (an
// empty value that is set still wins over a file): os.LookupEnv's shape.
type lookupEnv func(key string) (string, bool)

// get returns the variable's value, "" when it is unset.
func (l lookupEnv) get(key string) string {
	v, _ := l(key)
	return v
}

// fromGetenv adapts a getenv function (nil: an empty environment), taking
// an empty value as unset.
func fromGetenv(getenv func(string) string) lookupEnv {
	return func(k string) (string, bool) {
		if getenv == nil {
			return "", false
		}
		v := getenv(k)
		return v, v != ""
	}
}

// withEnvFile returns env with the variables of the dotenv file at path
// behind it: a variable set in env wins over the file. path "" means
// ./.env, which may be missing; a path given with --env-file must exist.
// Errors name the file, never its content (it holds secrets).
func withEnvFile(env lookupEnv, path string) (lookupEnv, error) {
	explicit := path != ""
	if !explicit {
		path = defaultEnvFile
	}
	data, err := os.ReadFile(path)
	switch {
	case err != nil && !explicit && errors.Is(err, fs.ErrNotExist):
		return env, nil
	case err != nil && explicit:
		return nil, fmt.Errorf("--env-file: %w", err)
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := checkEnvLines(path, data); err != nil {
		return nil, err
	}
	vars, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		// godotenv's message quotes the text it stopped at: it may be a secret.
		return nil, fmt.Errorf("%s: not a file of KEY=VALUE lines (check its quotes; its text is not shown, it may hold secrets)", path)
	}
	return func(k string) (string, bool) {
		if v, ok := env(k); ok {
			return v, true
		}
		v, ok := vars[k]
		return v, ok
	}, nil
}

// godotenv reads past a line without "=" into the next one and takes
// "KEY: value" too, so a pasted token or a stray word silently renames or
// drops a variable. Every line is checked first; the first bad one is
// refused with its number and a reason, never its text (it may be a
// secret).

// maxBadLines bounds how many further bad lines a refusal lists.
const maxBadLines = 5

// checkEnvLines checks that every line of a dotenv file is blank, a
// comment, or [export] NAME=VALUE with a quoted value closed.
func checkEnvLines(path string, data []byte) error {
	lines := strings.Split(string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))), "\n")
	var first string
	var more []string
	for n := 0; n < len(lines); n++ {
		reason, skip := envLineProblem(lines[n:])
		if reason == "" {
			n += skip
			continue
		}
		if first == "" {
			first = fmt.Sprintf("%s line %d: %s", path, n+1, reason)
		} else if len(more) < maxBadLines {
			more = append(more, fmt.Sprint(n+1))
		}
	}
	switch {
	case first == "":
		return nil
	case len(more) > 0:
		return fmt.Errorf("%s (bad lines too: %s); lines are NAME=VALUE or # comments, the file's text is not shown", first, strings.Join(more, ", "))
	}
	return fmt.Errorf("%s; lines are NAME=VALUE or # comments, the file's text is not shown", first)
}

// envLineProblem says what is wrong with the first of lines, "" when
// nothing, and how many lines after it a quoted value spans.
func envLineProblem(lines []string) (reason string, spans int) {
	line := strings.TrimSpace(lines[0])
	if line == "" || strings.HasPrefix(line, "#") {
		return "", 0
	}
	if rest, ok := strings.CutPrefix(line, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		line = strings.TrimSpace(rest)
	}
	name, value, ok := strings.Cut(line, "=")
	if !ok {
		return `no "=" in it`, 0
	}
	name = strings.TrimSpace(name)
	if !envName(name) {
		if name == "" {
			return `nothing before "="`, 0
		}
		return `what comes before "=" is not a variable name (letters, digits and _, not starting with a digit)`, 0
	}
	value = strings.TrimSpace(value)
	if value == "" || (value[0] != '"' && value[0] != '\'') {
		return "", 0
	}
	quote := value[0]
	text := value[1:]
	for i := 0; i < len(lines); i++ {
		if i > 0 {
			text = lines[i]
		}
		if end := closingQuote(text, quote); end >= 0 {
			after := strings.TrimSpace(text[end+1:])
			if after != "" && !strings.HasPrefix(after, "#") {
				return "text after the closing quote", 0
			}
			return "", i
		}
	}
	return "its quote is never closed", 0
}

// closingQuote returns the index of the unescaped quote that ends a
// value in s, or -1.
func closingQuote(s string, quote byte) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && quote == '"':
			i++
		case s[i] == quote:
			return i
		}
	}
	return -1
}

// envName reports whether s is a variable name: letters, digits and _,
// not starting with a digit.
func envName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
