package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/signpost-dev/signpost/internal/sitegen"
)

// BenchmarkBuild builds generated sites of about 600-word Markdown pages,
// minified, written to disk, as `signpost build` does: with the default
// .gz and .br copies of every file, and with none (precompress = [], the
// work Hugo does). Compare with Hugo using bench/compare.sh.
func BenchmarkBuild(b *testing.B) {
	for _, bb := range []struct {
		pages       int
		precompress string
	}{{1000, "default"}, {1000, "none"}, {10000, "default"}, {10000, "none"}} {
		pages := bb.pages
		b.Run(fmt.Sprintf("pages=%d/precompress=%s", pages, bb.precompress), func(b *testing.B) {
			if testing.Short() && pages > 1000 {
				b.Skip("large site skipped in -short mode")
			}
			dir := b.TempDir()
			site := filepath.Join(dir, "site")
			if err := sitegen.Generate(site, sitegen.Options{Pages: pages}); err != nil {
				b.Fatal(err)
			}
			toml := filepath.Join(site, "site.toml")
			data, err := os.ReadFile(toml)
			if err != nil {
				b.Fatal(err)
			}
			if bb.precompress == "none" {
				data = append([]byte("precompress = []\n"), data...)
			}
			// The service worker precaches every page (about 5 KB gzip
			// each): raise the budget so a synthetic site this large builds.
			data = fmt.Appendf(data, "\n[budget]\nprecache_kb = %d\n", 6*pages+300)
			if err := os.WriteFile(toml, data, 0o644); err != nil {
				b.Fatal(err)
			}
			dest := filepath.Join(dir, "public")
			for b.Loop() {
				if _, diags, err := Build(site, dest, Options{}); err != nil {
					b.Fatalf("%v\n%v", err, diags.Err())
				}
			}
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
