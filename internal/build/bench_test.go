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
			// The service worker precaches every page (about 5 KB gzip
			// each): raise the budget so a synthetic site this large builds.
			budget := fmt.Sprintf("\n[budget]\nprecache_kb = %d\n", 6*pages+300)
			f, err := os.OpenFile(filepath.Join(site, "site.toml"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := f.WriteString(budget); err != nil {
				b.Fatal(err)
			}
			f.Close()
			if bb.precompress == "none" {
				toml, err := os.ReadFile(filepath.Join(site, "site.toml"))
				if err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(site, "site.toml"), append([]byte("precompress = []\n"), toml...), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			dest := filepath.Join(dir, "public")
			b.ResetTimer()
			for b.Loop() {
				if _, diags, err := Build(site, dest, Options{}); err != nil {
					b.Fatalf("%v\n%v", err, diags.Err())
				}
			}
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
