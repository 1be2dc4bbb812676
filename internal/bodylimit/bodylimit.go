// Package bodylimit bounds the memory that request bodies hold before
// their signatures are checked. Anyone can send bytes to a public endpoint,
// and a signature can only be checked once the whole body is in: without a
// bound, a few hundred large unsigned bodies held open exhaust the
// process's memory. A Budget is shared by every endpoint that reads such
// bodies; when it is spent, requests are refused at once (503) rather than
// read.
package bodylimit

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// Errors of Read.
var (
	// ErrBusy: the budget is spent; the request was not read.
	ErrBusy = errors.New("too many unverified request bytes in flight")
	// ErrTooLarge: the body is longer than the endpoint takes.
	ErrTooLarge = errors.New("request body too large")
)

// Default sizes of the two tiers of a Budget: commands, events and most
// button presses are a few KiB and draw on the small tier, which floods of
// large bodies cannot touch.
const (
	DefaultSmall   = 8 << 20  // bytes held by bodies of up to SmallBody
	DefaultLarge   = 24 << 20 // bytes held by larger bodies
	SmallBody      = 64 << 10 // the largest body that draws on the small tier
	initialUnsized = 4 << 10
)

// Budget is the bytes that unverified bodies may hold at once, in two
// tiers: bodies of up to SmallBody bytes, and larger ones (or ones of
// unknown length). The zero value holds nothing; use New.
type Budget struct {
	mu           sync.Mutex
	small, large int64 // bytes free
}

// New returns a budget of small bytes for bodies up to SmallBody and large
// bytes for the others.
func New(small, large int64) *Budget { return &Budget{small: small, large: large} }

// take reserves n bytes of the tier, or reports false.
func (b *Budget) take(large bool, n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	free := &b.small
	if large {
		free = &b.large
	}
	if n > *free {
		return false
	}
	*free -= n
	return true
}

func (b *Budget) give(large bool, n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if large {
		b.large += n
	} else {
		b.small += n
	}
}

// Read reads r's body, of at most limit bytes, holding its bytes against
// the budget until release is called: call it once the body is verified
// (or refused). A body whose Content-Length is declared reserves that much
// before anything is read; one of unknown length reserves as it grows, from
// the large tier. On error nothing stays reserved; ErrBusy and ErrTooLarge
// come before the rest of the body is read.
func (b *Budget) Read(r *http.Request, limit int64) (body []byte, release func(), err error) {
	n := r.ContentLength
	if n > limit {
		return nil, nil, ErrTooLarge
	}
	if n >= 0 {
		large := n > SmallBody
		if !b.take(large, n) {
			return nil, nil, ErrBusy
		}
		release = b.releaser(large, n)
		body = make([]byte, n)
		if _, err := io.ReadFull(r.Body, body); err != nil {
			release()
			return nil, nil, fmt.Errorf("read body: %w", err)
		}
		return body, release, nil
	}
	return b.readUnsized(r.Body, limit)
}

// readUnsized reads a body of unknown length (chunked), reserving bytes
// from the large tier as the buffer grows.
func (b *Budget) readUnsized(rd io.Reader, limit int64) ([]byte, func(), error) {
	held := int64(initialUnsized)
	if !b.take(true, held) {
		return nil, nil, ErrBusy
	}
	fail := func(err error) ([]byte, func(), error) {
		b.give(true, held)
		return nil, nil, err
	}
	buf := make([]byte, 0, held)
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return fail(ErrTooLarge)
			}
			// One byte more than the limit tells a body at the limit from
			// a longer one. The old buffer stays reserved while copied.
			next := min(2*int64(cap(buf)), limit+1)
			if !b.take(true, next) {
				return fail(ErrBusy)
			}
			nb := make([]byte, len(buf), next)
			copy(nb, buf)
			buf = nb
			b.give(true, held)
			held = next
		}
		m, err := rd.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if errors.Is(err, io.EOF) {
			if int64(len(buf)) > limit {
				return fail(ErrTooLarge)
			}
			return buf, b.releaser(true, held), nil
		}
		if err != nil {
			return fail(fmt.Errorf("read body: %w", err))
		}
	}
}

// releaser gives n bytes back to the tier, once however often called.
func (b *Budget) releaser(large bool, n int64) func() {
	var once sync.Once
	return func() { once.Do(func() { b.give(large, n) }) }
}

// Refuse answers a request that Read refused: 503 (with Retry-After) when
// the budget is spent, 413 when too large, 400 otherwise. It closes the
// connection, so that the rest of an unread body is not drained.
func Refuse(w http.ResponseWriter, err error) {
	w.Header().Set("Connection", "close")
	switch {
	case errors.Is(err, ErrBusy):
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy, try again", http.StatusServiceUnavailable)
	case errors.Is(err, ErrTooLarge):
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
	default:
		http.Error(w, "bad request", http.StatusBadRequest)
	}
}
