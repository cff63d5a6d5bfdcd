package offline_test

import (
	"os"
	"testing"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/offline"
)

// BenchmarkCompress compresses the default site's pathway page, as built,
// the way the build compresses every text file: with reused encoders, and
// (for comparison) with new ones each time.
func BenchmarkCompress(b *testing.B) {
	m, diags := build.Load(os.DirFS("../.."), build.Options{})
	if m == nil || diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	out := build.NewMemOutput()
	if _, err := build.Run(m, build.Plan(m, diags), out, diags); err != nil {
		b.Fatal(err)
	}
	page := out.Files()["pathways/mental-health-crisis/index.html"]
	if len(page) == 0 {
		b.Fatal("the default site has no pathway page")
	}
	c := offline.NewCompressor(nil)
	for _, bm := range []struct {
		name string
		f    func([]byte) []byte
	}{
		{"gzip", c.Gzip},
		{"brotli-ordinary", func(b []byte) []byte { return c.Brotli(b, offline.BrotliOrdinary) }},
		{"brotli-best", func(b []byte) []byte { return c.Brotli(b, offline.BrotliBest) }},
		{"gzip-new-encoder", offline.Gzip},
		{"brotli-best-new-encoder", func(b []byte) []byte { return offline.Brotli(b, offline.BrotliBest) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				bm.f(page)
			}
		})
	}
}
