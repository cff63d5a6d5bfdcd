package sitetest

import (
	"runtime"
	"testing"
	"time"
)

// The bounds each fuzz input of a parser must stay within (issue 16,
// class 3): a super-linear parser shows up as an input that takes longer
// or allocates more, not only as a crash. They are far above what any
// input of the fuzzers' sizes costs when the parsers are linear (a few
// milliseconds, a few MB), and far below what the shapes found took
// (deep TOML: 9 s, 2.8 GB; "[a](" repeated: 15 s).
const (
	FuzzTime  = 2 * time.Second
	FuzzAlloc = 256 << 20 // bytes allocated in total by one input
)

// Bounded runs f and fails the test if it took longer than FuzzTime or
// allocated more than FuzzAlloc bytes. Allocation is runtime.MemStats'
// TotalAlloc before and after, so other goroutines' allocations count too:
// run it in tests that do one thing at a time (fuzz targets).
func Bounded(tb testing.TB, what string, f func()) {
	tb.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if took > FuzzTime {
		tb.Errorf("%s took %s, more than the bound of %s", what, took, FuzzTime)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > FuzzAlloc {
		tb.Errorf("%s allocated %d MB, more than the bound of %d MB", what, a>>20, FuzzAlloc>>20)
	}
}
