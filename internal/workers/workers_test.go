package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestEveryFunctionRunsOnce(t *testing.T) {
	p := New(time.Second)
	var n atomic.Int64
	var wg sync.WaitGroup
	for range 1000 {
		wg.Add(1)
		p.Go(func() { n.Add(1); wg.Done() })
	}
	wg.Wait()
	if n.Load() != 1000 {
		t.Fatalf("ran %d of 1000", n.Load())
	}
}

// One function at a time reuses one goroutine, and an idle pool's
// goroutines exit.
func TestReusedThenGone(t *testing.T) {
	before := runtime.NumGoroutine()
	p := New(50 * time.Millisecond)
	ids := map[uint64]bool{}
	for range 20 {
		done := make(chan uint64)
		p.Go(func() { done <- goid() })
		ids[<-done] = true
		time.Sleep(10 * time.Millisecond) // the worker is waiting again
	}
	if len(ids) > 10 { // reused, even on a machine too busy to be back in 10 ms every time
		t.Errorf("20 functions in turn ran on %d goroutines", len(ids))
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// goid is the running goroutine's id, read from its stack header.
func goid() uint64 {
	var buf [32]byte
	n := runtime.Stack(buf[:], false)
	var id uint64
	for _, c := range buf[len("goroutine "):n] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}
