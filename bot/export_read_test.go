package bot_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/bot/memstore"
	"github.com/mentorbot/mentorbot/roadmap"
)

// What a lead exports reads without a key: the digest's time as people
// write it beside its fields, and the CSV's stuck date with its year
// (journey j6 finding 5).
func TestExportsReadable(t *testing.T) {
	rm, err := roadmap.Default()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	b, err := bot.New(bot.Config{Roadmap: rm, Store: memstore.New(), Logger: slog.New(slog.DiscardHandler),
		Clock: movingClock{&now}, Admins: []string{"boss"}})
	if err != nil {
		t.Fatal(err)
	}
	sc := bot.Scope{Platform: "test", Workspace: "readable"}
	say := func(user, line string) bot.Message {
		return b.Handle(context.Background(), bot.Request{Scope: sc, User: user, Text: line})
	}
	say("boss", "leads add <@lead0>")
	say("lead0", "digest time fri 16:30 UTC")
	say("m1", "join")
	say("lead0", "assign <@m1>")

	exp := say("lead0", "export")
	if exp.File == nil {
		t.Fatalf("export: %+v", exp)
	}
	var doc struct {
		Digest struct {
			When        string `json:"when"`
			Day, Minute int
		} `json:"digest"`
	}
	if err := json.Unmarshal(exp.File.Data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Digest.When != "Fridays at 16:30 (UTC)" || doc.Digest.Day != 5 || doc.Digest.Minute != 990 {
		t.Errorf("export's digest: %+v\n%s", doc.Digest, exp.File.Data)
	}

	now = now.AddDate(0, 0, 15)
	file := say("lead0", "mentees csv").File
	if file == nil {
		t.Fatal("no CSV")
	}
	rows, err := csv.NewReader(strings.NewReader(string(file.Data))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV %v: %q", err, file.Data)
	}
	if col := rows[0][9]; col != "stuck" {
		t.Fatalf("column 9 is %q", col)
	}
	if got := rows[1][9]; got != "no progress since joining on 2026-12-04" && got != "no progress since 2026-12-04" {
		t.Errorf("stuck column %q, want the date with its year", got)
	}
}
