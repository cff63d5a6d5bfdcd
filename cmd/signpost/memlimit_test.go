package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestLimitHeap: build and check set heapLimit, unless GOMEMLIMIT sets a
// limit of its own.
func TestLimitHeap(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOMEMLIMIT")
	debug.SetMemoryLimit(1 << 40)
	limitHeap()
	if got := debug.SetMemoryLimit(-1); got != heapLimit {
		t.Errorf("GOMEMLIMIT unset: the limit is %d, want %d", got, heapLimit)
	}
	t.Setenv("GOMEMLIMIT", "2GiB")
	debug.SetMemoryLimit(2 << 30)
	limitHeap()
	if got := debug.SetMemoryLimit(-1); got != 2<<30 {
		t.Errorf("GOMEMLIMIT=2GiB: the limit is %d, want GOMEMLIMIT's %d left alone", got, int64(2<<30))
	}
}
