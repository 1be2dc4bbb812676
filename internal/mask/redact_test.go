package mask

import (
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://slack.com", "https://slack.com"},
		{"ftp://bot:secret@proxy:8080", "ftp://xxxxx@proxy:8080"},
		{"http://onlyname@proxy/api", "http://xxxxx@proxy/api"},
		{"http://h/v1?api_key=secret&model=x", "http://h/v1?api_key=xxxxx&model=x"},
		{"http://bot:secret@host:port:x/", "http://xxxxx@host:port:x/"},
		{"http://bot:secret@h\x7f/?token=secret", "http://xxxxx@h\x7f/"},
		{"not a url", "not a url"},
	} {
		got := URL(c.in)
		if got != c.want || strings.Contains(got, "secret") {
			t.Errorf("URL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
