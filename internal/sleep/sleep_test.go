package sleep

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFor(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		d    time.Duration
		want error
	}{
		{"waits", context.Background(), time.Millisecond, nil},
		{"nothing to wait", context.Background(), 0, nil},
		{"ended context, nothing to wait", done, -time.Second, context.Canceled},
		{"ended context cuts the wait", done, time.Hour, context.Canceled},
	}
	for _, tt := range tests {
		if err := For(tt.ctx, tt.d); !errors.Is(err, tt.want) {
			t.Errorf("%s: For = %v, want %v", tt.name, err, tt.want)
		}
	}
}
