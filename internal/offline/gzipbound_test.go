package offline

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// boundInputs are what GzipBound must hold for: pages, and the inputs
// deflate does worst on (incompressible bytes; bytes 144-255, which cost
// 9 bits in fixed coding), alone and after a shared head, at sizes around
// a block's 16,384 tokens and past deflate's window.
func boundInputs() [][]byte {
	r := rand.New(rand.NewPCG(7, 7))
	random := func(n int, lo, hi byte) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = lo + byte(r.IntN(int(hi-lo)+1))
		}
		return b
	}
	head := page(0, 3)[:headLen(page(0, 3))]
	ins := [][]byte{nil, []byte("x"), page(1, 3), page(2, 4), bytes.Repeat([]byte("ab"), 40000)}
	for _, n := range []int{1, 3, 100, 4096, 16383, 16384, 16385, 40000, 70000, 200000} {
		ins = append(ins, random(n, 0, 255), random(n, 144, 255),
			append(bytes.Clone(head), random(n, 0, 255)...), append(bytes.Clone(head), random(n, 144, 255)...))
	}
	return ins
}

// TestGzipBound: no input compresses to more than GzipBound says, so a
// page within the budget at its bound is within it measured.
func TestGzipBound(t *testing.T) {
	c := NewCompressor(nil)
	for i, in := range boundInputs() {
		if got, bound := len(c.Gzip(in)), c.GzipBound(in); got > bound {
			t.Errorf("input %d (%d bytes, head %d): gzip %d bytes, over its bound %d", i, len(in), headLen(in), got, bound)
		}
	}
	// A page's bound is close enough to its size to spare the work: a
	// typical page of the default layout (head of the stylesheet and
	// scripts, 4 to 5 KB of text) is far within a 14 KB budget.
	if p := page(1, 3); c.GzipBound(p) > len(p) {
		t.Errorf("page of %d bytes: bound %d, over its size", len(p), c.GzipBound(p))
	}
}

func FuzzGzipBound(f *testing.F) {
	for _, in := range boundInputs() {
		if len(in) <= 20000 {
			f.Add(in, false)
		}
	}
	f.Add([]byte("<p>x</p>"), true)
	c := NewCompressor(nil)
	head := page(0, 5)[:headLen(page(0, 5))]
	f.Fuzz(func(t *testing.T, in []byte, withHead bool) {
		if withHead {
			in = append(bytes.Clone(head), in...)
		}
		if got, bound := len(c.Gzip(in)), c.GzipBound(in); got > bound {
			t.Errorf("%d bytes (head %d): gzip %d bytes, over its bound %d", len(in), headLen(in), got, bound)
		}
	})
}
