package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// replayWindow is how far a request's timestamp may be from our clock.
const replayWindow = 5 * time.Minute

// Verification failures; the HTTP handlers answer every one with 401.
var (
	errNoSecret     = errors.New("no signing secret configured")
	errUnsigned     = errors.New("missing signature headers")
	errBadSignature = errors.New("signature mismatch")
	errStale        = errors.New("timestamp outside the replay window")
)

// sign returns Slack's v0 signature of body sent at timestamp ts.
func sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// verify checks the X-Slack-Signature of a request body against secret,
// and that X-Slack-Request-Timestamp is within five minutes of now.
// slack.NewSecretsVerifier does the same against the wall clock; this one
// takes the clock so the window can be tested.
func verify(secret string, h http.Header, body []byte, now time.Time) error {
	if secret == "" {
		return errNoSecret
	}
	ts, sig := h.Get("X-Slack-Request-Timestamp"), h.Get("X-Slack-Signature")
	if ts == "" || sig == "" {
		return errUnsigned
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errStale
	}
	if d := now.Sub(time.Unix(secs, 0)); d > replayWindow || d < -replayWindow {
		return errStale
	}
	got, err := hex.DecodeString(strings.TrimPrefix(sig, "v0="))
	if err != nil || !strings.HasPrefix(sig, "v0=") {
		return errBadSignature
	}
	want, _ := hex.DecodeString(strings.TrimPrefix(sign(secret, ts, body), "v0="))
	if !hmac.Equal(got, want) {
		return errBadSignature
	}
	return nil
}
