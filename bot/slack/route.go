package slack

import (
	"bytes"
	"net/http"
	"net/url"
)

// serveAny serves /slack/events whatever Slack sends there: an Events API
// callback (JSON), a slash command (a form with command=) or an
// interaction (a form with payload=). Bolt apps point all three Request
// URLs at this one path.
func (a *Adapter) serveAny(w http.ResponseWriter, r *http.Request, body []byte) {
	if b := bytes.TrimLeft(body, " \t\r\n"); len(b) > 0 && b[0] == '{' {
		a.serveEvent(w, r, body)
		return
	}
	form, err := url.ParseQuery(string(body))
	switch {
	case err != nil:
		http.Error(w, "bad form", http.StatusBadRequest)
	case form.Has("payload"):
		a.serveInteraction(w, r, body)
	case form.Has("command"):
		a.serveCommand(w, r, body)
	default:
		// Neither an event nor a form we know: the old path's answer.
		a.serveEvent(w, r, body)
	}
}

// sslCheck reports whether r is Slack's ssl_check probe, which it sends to
// a Request URL to test the certificate. It carries nothing to act on and
// is answered 200 before any signature check.
func sslCheck(r *http.Request, body []byte) bool {
	if r.URL.Query().Get("ssl_check") == "1" {
		return true
	}
	if len(body) == 0 || len(body) > 1024 || body[0] == '{' || !bytes.Contains(body, []byte("ssl_check=")) {
		// Parsing every command's form twice cost a few µs each.
		return false
	}
	form, err := url.ParseQuery(string(body))
	return err == nil && form.Get("ssl_check") == "1"
}
