package slack

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/bot"
	"github.com/mentorbot/mentorbot/internal/sleep"
)

// replyAttempts bounds how often a reply to a person is tried when Slack
// answers 429.
const replyAttempts = 3

// retryLimited runs call and, while Slack answers 429, waits the
// Retry-After it asks for and tries again, up to replyAttempts times and
// only while ctx has room for the wait. Send leaves retries to the nudge
// scheduler, but nobody retries an answer, a response_url reply or a Home
// tab refresh: without this, one short burst of limits loses them.
func retryLimited(ctx context.Context, call func() error) error {
	for attempt := 1; ; attempt++ {
		err := call()
		wait, limited := retryAfter(err)
		if !limited || attempt == replyAttempts {
			return err
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return err
		}
		if sleep.For(ctx, wait) != nil {
			return err
		}
	}
}

// retryAfter reports how long Slack asked to wait, when err is a 429.
func retryAfter(err error) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return rl.RetryAfter, true
	}
	var brl *bot.RateLimitError
	if errors.As(err, &brl) {
		return brl.RetryAfter, true
	}
	return 0, false
}

// redact returns err's text without the response_url it was posting to:
// net/http puts the URL in transport errors, and anyone holding a
// response_url can post into that conversation for half an hour.
func redact(err error, rawURL string) string {
	s := err.Error()
	if rawURL == "" {
		return s
	}
	shown := "response_url"
	if u, perr := url.Parse(rawURL); perr == nil && u.Host != "" {
		shown = u.Scheme + "://" + u.Host + "/…"
	}
	return strings.ReplaceAll(s, rawURL, shown)
}
