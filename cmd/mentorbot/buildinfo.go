package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version and revision may be set at link time, e.g.
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.revision=$(git rev-parse HEAD)" ./cmd/mentorbot
//
// (scripts/image does so from git). Unset, they come from the binary's
// build information (the module version and VCS stamping, which needs
// -buildvcs and a git checkout). The linker needs package-level string
// variables for this; nothing writes them at run time.
var version, revision string

// buildInfo is what `mentorbot version` prints and the
// mentorbot_build_info series carries.
type buildInfo struct {
	Version   string // the -ldflags version, the module version, or "devel"
	Revision  string // the VCS revision the binary was built from, "+dirty" when modified; "unknown"
	GoVersion string // the Go toolchain, e.g. go1.26.8
}

// readBuildInfo collects the binary's build information.
func readBuildInfo() buildInfo {
	bi, _ := debug.ReadBuildInfo()
	return buildInfoOf(bi, version, revision)
}

// buildInfoOf is readBuildInfo from its parts: bi (nil when the binary has
// none) and the link-time version and revision, which win.
func buildInfoOf(bi *debug.BuildInfo, version, revision string) buildInfo {
	b := buildInfo{Version: version, Revision: revision, GoVersion: runtime.Version()}
	if bi != nil {
		if b.Version == "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			b.GoVersion = bi.GoVersion
		}
		if b.Revision == "" {
			b.Revision = vcsRevision(bi.Settings)
		}
	}
	if b.Version == "" {
		b.Version = "devel"
	}
	if b.Revision == "" {
		b.Revision = "unknown"
	}
	return b
}

// vcsRevision is the VCS revision stamped in the build settings, with
// "+dirty" when the work tree had changes; "" when none was stamped.
func vcsRevision(settings []debug.BuildSetting) string {
	rev, dirty := "", false
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" && dirty {
		rev += "+dirty"
	}
	return rev
}

// runVersion prints the version, revision and Go version, one per line.
func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprint(stderr, "Usage: mentorbot version\n")
		return 2
	}
	b := readBuildInfo()
	fmt.Fprintf(stdout, "mentorbot %s\nrevision %s\ngo %s %s/%s\n", b.Version, b.Revision, b.GoVersion, runtime.GOOS, runtime.GOARCH)
	return 0
}
