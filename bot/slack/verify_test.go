package slack

import (
	"net/http"
	"testing"
	"time"
)

// Slack's published example from "Verifying requests from Slack"
// (docs.slack.dev/authentication/verifying-requests-from-slack). Its token is
// xyzz0WbapA4vBCDEFasx0q6G; with any other body the signature differs.
const (
	exampleTS   = "1531420618"
	exampleBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	exampleSig  = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

func TestSignSlackExample(t *testing.T) {
	if got := sign(testSecret, exampleTS, []byte(exampleBody)); got != exampleSig {
		t.Fatalf("sign = %s, want %s", got, exampleSig)
	}
}

func TestVerify(t *testing.T) {
	sent := time.Unix(1531420618, 0)
	header := func(ts, sig string) http.Header {
		h := http.Header{}
		if ts != "" {
			h.Set("X-Slack-Request-Timestamp", ts)
		}
		if sig != "" {
			h.Set("X-Slack-Signature", sig)
		}
		return h
	}
	tests := []struct {
		name   string
		secret string
		h      http.Header
		body   string
		now    time.Time
		want   error
	}{
		{"example, same second", testSecret, header(exampleTS, exampleSig), exampleBody, sent, nil},
		{"example, 4m59s later", testSecret, header(exampleTS, exampleSig), exampleBody, sent.Add(4*time.Minute + 59*time.Second), nil},
		{"example, clock 4m behind", testSecret, header(exampleTS, exampleSig), exampleBody, sent.Add(-4 * time.Minute), nil},
		{"stale: 5m01s later", testSecret, header(exampleTS, exampleSig), exampleBody, sent.Add(5*time.Minute + time.Second), errStale},
		{"from the future", testSecret, header(exampleTS, exampleSig), exampleBody, sent.Add(-6 * time.Minute), errStale},
		{"today's clock", testSecret, header(exampleTS, exampleSig), exampleBody, time.Now(), errStale},
		{"body changed", testSecret, header(exampleTS, exampleSig), exampleBody + "&x=1", sent, errBadSignature},
		{"other secret", "other", header(exampleTS, exampleSig), exampleBody, sent, errBadSignature},
		{"timestamp changed", testSecret, header("1531420619", exampleSig), exampleBody, sent, errBadSignature},
		{"no v0 prefix", testSecret, header(exampleTS, exampleSig[3:]), exampleBody, sent, errBadSignature},
		{"not hex", testSecret, header(exampleTS, "v0=zz"), exampleBody, sent, errBadSignature},
		{"unsigned", testSecret, header(exampleTS, ""), exampleBody, sent, errUnsigned},
		{"no timestamp", testSecret, header("", exampleSig), exampleBody, sent, errUnsigned},
		{"bad timestamp", testSecret, header("soon", exampleSig), exampleBody, sent, errStale},
		{"no secret configured", "", header(exampleTS, exampleSig), exampleBody, sent, errNoSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := verify(tt.secret, tt.h, []byte(tt.body), tt.now); err != tt.want {
				t.Fatalf("verify = %v, want %v", err, tt.want)
			}
		})
	}
}
