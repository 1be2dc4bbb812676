package console_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/storage"
)

// Files are whole (issue 16): `mentees csv` of a lead with 1,000 mentees
// prints all 1,001 lines (the header and one per mentee), and `export`
// the whole JSON.
func TestFilesAreWhole(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	sc := r.con.Scope()
	st := storage.New(r.rdb)
	now := r.clk.Now()
	r.must("/mentor join", "")
	for i := 0; i < 1000; i += 25 { // small writes, as commands make them
		var w bot.Write
		for j := i; j < i+25; j++ {
			id := fmt.Sprintf("m%04d", j)
			w.Members = append(w.Members, &bot.Member{ID: id, Name: "Mentee " + id, Stage: "junior", Joined: now.Add(-time.Hour)})
			w.Links = append(w.Links, bot.Link{Mentee: id, Lead: "you"})
		}
		if err := st.Apply(ctx, sc, w); err != nil {
			t.Fatal(err)
		}
	}
	out := r.must("/mentor mentees csv", "--- mentees.csv ---")
	body := out[strings.Index(out, "--- mentees.csv ---\n")+len("--- mentees.csv ---\n"):]
	body = body[:strings.Index(body, "\n---")]
	lines := strings.Split(body, "\n")
	if len(lines) != 1001 || !strings.HasPrefix(lines[0], "id,name,") || !strings.HasPrefix(lines[1000], "m0999,") {
		t.Errorf("mentees csv: %d lines (first %q, last %q), want 1001", len(lines), lines[0], lines[len(lines)-1])
	}
	// The page view stays one page, with a way on.
	page := r.must("/mentor mentees", "Your mentees (1000)")
	if n := strings.Count(page, "Mentee m"); n != 2*bot.MenteePageSize { // a row and its progress button each
		t.Errorf("mentees page names %d mentees (fields and buttons), want %d", n, 2*bot.MenteePageSize)
	}
	if !strings.Contains(page, "[Next ▶ → /mentor mentees page 2]") || !strings.Contains(page, "Page 1 of 100") {
		t.Errorf("mentees page 1 has no Next button or page count:\n%s", page)
	}
	last := r.must("/mentor mentees page 100", "Page 100 of 100")
	if strings.Contains(last, "Next ▶") || !strings.Contains(last, "[◀ Previous → /mentor mentees page 99]") {
		t.Errorf("last page:\n%s", last)
	}
	exp := r.must("/mentor export", "--- mentorbot-export.json ---\n")
	js := exp[strings.Index(exp, "--- mentorbot-export.json ---\n")+len("--- mentorbot-export.json ---\n"):]
	js = js[:strings.LastIndex(js, "\n---")]
	if !json.Valid([]byte(js)) || !strings.Contains(js, `"you"`) {
		t.Errorf("export is not the whole file:\n%s", exp)
	}
}
