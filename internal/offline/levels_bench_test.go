package offline_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// BenchmarkOrdinaryPages compresses 100 generated ordinary pages (about
// 600 words of Markdown each, as built) with gzip as the build does and
// with each Brotli quality, reporting the compressed size as a share of
// gzip's: what chose the quality of ordinary pages' .br copies.
func BenchmarkOrdinaryPages(b *testing.B) {
	site := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(site, sitegen.Options{Pages: 100}); err != nil {
		b.Fatal(err)
	}
	m, diags := build.Load(os.DirFS(site), build.Options{})
	if m == nil || diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	out := build.NewMemOutput()
	if _, err := build.Run(m, build.Plan(m, diags), out, diags); err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	total := 0
	for p, data := range out.Files() {
		if strings.HasPrefix(p, "section-") && strings.HasSuffix(p, ".html") {
			pages = append(pages, data)
			total += len(data)
		}
	}
	c := offline.NewCompressor(nil)
	gz := 0
	for _, p := range pages {
		gz += len(c.Gzip(p))
	}
	b.Run("gzip", func(b *testing.B) {
		b.SetBytes(int64(total))
		for b.Loop() {
			for _, p := range pages {
				c.Gzip(p)
			}
		}
		b.ReportMetric(float64(gz)/float64(total), "share")
	})
	// run times one encoder over every page and reports its size as a
	// share of the pages and of gzip's.
	run := func(name string, writer func(io.Writer) io.WriteCloser) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(total))
			n := 0
			for b.Loop() {
				n = 0
				for _, p := range pages {
					var buf bytes.Buffer
					w := writer(&buf)
					w.Write(p)
					w.Close()
					n += buf.Len()
				}
			}
			b.ReportMetric(float64(n)/float64(total), "share")
			b.ReportMetric(float64(n)/float64(gz), "of-gzip")
		})
	}
	for q := 1; q <= 11; q++ {
		run(fmt.Sprintf("brotli-q%d", q), func(w io.Writer) io.WriteCloser {
			return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: q, LGWin: 16})
		})
	}
	for q := 2; q <= 9; q++ {
		run(fmt.Sprintf("brotli-v2-%d", q), func(w io.Writer) io.WriteCloser { return brotli.NewWriterV2(w, q) })
	}
}
