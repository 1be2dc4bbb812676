package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

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
