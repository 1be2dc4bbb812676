package console_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/bot"
)

// Every command of the table that answers a page at a time takes the page
// as people type it (`team 3`, `team page 3`, `mentees 2`), and a page past
// the last is answered in one sentence naming the last page.
func TestPagesOnEveryPagedCommand(t *testing.T) {
	// fill makes three pages of a paged command's list, as root (an admin).
	fill := map[string]func(r *rig, pages int){
		"mentees": func(r *rig, pages int) {
			for i := range pages*bot.MenteePageSize - 5 {
				r.must(fmt.Sprintf("@m%d /mentor join", i), "Welcome")
				r.must(fmt.Sprintf("@root /mentor assign @m%d", i), "is now in your mentees")
			}
		},
		"team": func(r *rig, pages int) {
			for i := range pages*bot.TeamPageSize - 5 {
				r.must(fmt.Sprintf("@m%d /mentor join", i), "Welcome")
				r.must(fmt.Sprintf("@root /mentor leads add @l%d", i), "is now a lead")
				r.must(fmt.Sprintf("@l%d /mentor assign @m%d", i, i), "is now in your mentees")
			}
		},
	}
	paged := 0
	for _, top := range bot.Table() {
		cmds := []bot.Command{top}
		cmds = append(cmds, top.Subs...)
		for _, cmd := range cmds {
			if !takesPage(cmd) {
				continue
			}
			paged++
			path := cmd.Name
			if cmd.Name != top.Name {
				path = top.Name + " " + cmd.Name
			}
			t.Run(path, func(t *testing.T) {
				f, ok := fill[path]
				if !ok {
					t.Fatalf("/mentor %s pages, and this test has no way to fill its pages: add one to fill", path)
				}
				r := newRig(t, "root")
				f(r, 3)
				for _, line := range []string{path + " 2", path + " page 2", path + " PAGE 2"} {
					r.must("@root /mentor "+line, "Page 2 of 3")
				}
				r.must("@root /mentor "+path+" 3", "Page 3 of 3")
				got := r.must("@root /mentor "+path+" 7", "There is no page 7: the last is page 3.")
				lines := strings.Split(strings.TrimSpace(got), "\n")
				if len(lines) != 2 || !strings.HasPrefix(lines[1], "[Page 3 → /mentor "+path) {
					t.Errorf("/mentor %s 7: want one sentence and a button to the last page, got:\n%s", path, got)
				}
				r.must("@root /mentor "+path+" two", "isn't")
			})
		}
	}
	if paged < 2 {
		t.Fatalf("found %d paged commands in the table, want mentees and team at least", paged)
	}
}

// takesPage reports whether a command of the table shows its answer a page
// at a time.
func takesPage(cmd bot.Command) bool {
	for _, a := range cmd.Args {
		if a.Name == "page" && a.Kind == bot.ArgInt {
			return true
		}
	}
	return false
}
