package bodylimit

import (
	"bytes"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// unsized hides the length of a body, as a chunked request does.
type unsized struct{ io.Reader }

func TestRead(t *testing.T) {
	big := strings.Repeat("x", 100<<10)
	cases := []struct {
		name         string
		body         string
		sized        bool
		limit        int64
		small, large int64
		want         error
	}{
		{"small sized", "hello", true, 1 << 20, 10, 0, nil},
		{"small over its tier", "hello", true, 1 << 20, 4, 1 << 20, ErrBusy},
		{"large sized", big, true, 1 << 20, 0, 100 << 10, nil},
		{"large over its tier", big, true, 1 << 20, 1 << 20, 100<<10 - 1, ErrBusy},
		{"sized too large", big, true, 100<<10 - 1, 1 << 20, 1 << 20, ErrTooLarge},
		{"unsized", big, false, 1 << 20, 0, 1 << 20, nil},
		{"unsized at the limit", big, false, 100 << 10, 0, 1 << 20, nil},
		{"unsized too large", big, false, 100<<10 - 1, 0, 1 << 20, ErrTooLarge},
		{"unsized over the tier", big, false, 1 << 20, 1 << 20, 64 << 10, ErrBusy},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := New(c.small, c.large)
			r := httptest.NewRequest("POST", "/", strings.NewReader(c.body))
			if !c.sized {
				r.Body = io.NopCloser(unsized{strings.NewReader(c.body)})
				r.ContentLength = -1
			}
			body, release, err := b.Read(r, c.limit)
			if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
			if err == nil {
				if !bytes.Equal(body, []byte(c.body)) {
					t.Errorf("body of %d bytes, want %d", len(body), len(c.body))
				}
				if s, l := b.small, b.large; s+l >= c.small+c.large {
					t.Errorf("nothing held while the body is out: %d %d", s, l)
				}
				release()
				release()
			}
			if b.small != c.small || b.large != c.large {
				t.Errorf("after release: %d %d free, want %d %d", b.small, b.large, c.small, c.large)
			}
		})
	}
}

func TestRefuse(t *testing.T) {
	for err, code := range map[error]int{ErrBusy: 503, ErrTooLarge: 413, io.ErrUnexpectedEOF: 400} {
		w := httptest.NewRecorder()
		Refuse(w, err)
		if w.Code != code || w.Header().Get("Connection") != "close" {
			t.Errorf("%v: %d %v, want %d and Connection: close", err, w.Code, w.Header(), code)
		}
	}
}
