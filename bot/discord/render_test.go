package discord

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/mentorbot/mentorbot/bot"
)

func TestMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"*bold* and _it_ and `code`": "**bold** and _it_ and `code`",
		"• *a* *b*":                  "• **a** **b**",
		"2 * 3 * 4":                  "2 * 3 * 4",
		"already **strong**":         "already **strong**",
		"file_*name*":                "file_*name*",
	} {
		if got := markdown(in); got != want {
			t.Errorf("markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestButtons(t *testing.T) {
	var bs []bot.Button
	for i := range 28 {
		bs = append(bs, bot.Button{Label: fmt.Sprint("b", i), Command: fmt.Sprint("done s", i)})
	}
	bs = append([]bot.Button{{Label: "dup", Command: "done s0"}}, bs...)
	rows := buttons(bs)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	total := 0
	for _, r := range rows {
		n := len(r.(discordgo.ActionsRow).Components)
		if n > 5 {
			t.Fatalf("row of %d", n)
		}
		total += n
	}
	if total != 25 {
		t.Fatalf("%d buttons, want 25", total)
	}
	if first := rows[0].(discordgo.ActionsRow).Components[0].(discordgo.Button); first.Label != "dup" || first.Style != discordgo.SecondaryButton {
		t.Fatalf("first button = %+v", first)
	}
}

func TestCustomID(t *testing.T) {
	long := "ask " + strings.Repeat("é", 60)
	id := customID(long)
	if len(id) > 100 || !strings.HasPrefix(id, "mentor:ask é") || !strings.HasSuffix(id, "é") {
		t.Fatalf("customID = %q (%d bytes)", id, len(id))
	}
	if customID(" done git ") != "mentor:done git" {
		t.Fatal("short ids change")
	}
}

func TestRenderLimits(t *testing.T) {
	m := bot.Message{Title: strings.Repeat("t", 300), Text: strings.Repeat("x", 5000)}
	for i := range 30 {
		m.Fields = append(m.Fields, bot.Field{Name: fmt.Sprint("f", i), Value: strings.Repeat("v", 1100)})
	}
	e := render(m, true).embeds[0]
	n := len([]rune(e.Title)) + len([]rune(e.Description))
	for _, f := range e.Fields {
		n += len([]rune(f.Name)) + len([]rune(f.Value))
		if len([]rune(f.Value)) > 1024 {
			t.Fatal("field value over 1024")
		}
	}
	if len([]rune(e.Title)) > 256 || len([]rune(e.Description)) > 4096 || len(e.Fields) > 25 || n > 6000 {
		t.Fatalf("embed over Discord's limits: title %d, description %d, fields %d, total %d",
			len([]rune(e.Title)), len([]rune(e.Description)), len(e.Fields), n)
	}
}

func TestTransportRewrite(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.RequestURI())
		io.WriteString(w, "{}")
	}))
	defer srv.Close()
	tests := []struct{ api, want string }{
		{srv.URL, "GET /api/v9/users/@me/channels?x=1"},
		{srv.URL + "/", "GET /api/v9/users/@me/channels?x=1"},
		{srv.URL + "/proxy/v9", "GET /proxy/v9/users/@me/channels?x=1"},
	}
	for _, tt := range tests {
		tr, err := newTransport(http.DefaultTransport, tt.api, 1000)
		if err != nil {
			t.Fatal(err)
		}
		got = nil
		resp, err := (&http.Client{Transport: tr}).Get(discordgo.EndpointUserChannels("@me") + "?x=1")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: server saw %v, want %s", tt.api, got, tt.want)
		}
	}
	if discordgo.EndpointAPI != "https://discord.com/api/v9/" {
		t.Fatal("discordgo's endpoint variables were changed")
	}
	for _, bad := range []string{"ftp://x", "not a url", "http://"} {
		if _, err := newTransport(http.DefaultTransport, bad, 0); err == nil {
			t.Errorf("DISCORD_API_URL %q accepted", bad)
		}
	}
}
