package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// BenchmarkBuild builds generated sites of about 600-word Markdown pages,
// minified, written to disk, as `signpost build` does: with the default
// .gz and .br copies of every file, and with none (precompress = [], the
// work Hugo does). Compare with Hugo using bench/compare.sh. The cases
// under cache=cold build with an empty cache folder each time, as
// compare.sh's signpost and signpost-plain do: what a first build costs.
// The case under cache=warm is compare.sh's signpost-warm: one page
// changed since the last build, whose cache and output are in place.
func BenchmarkBuild(b *testing.B) {
	for _, bb := range []struct {
		pages       int
		precompress string
		cache       string // "": none; "cold": empty; "warm": the last build's
	}{{1000, "default", ""}, {1000, "none", ""}, {10000, "default", ""}, {10000, "none", ""},
		{10000, "default", "cold"}, {10000, "none", "cold"}, {10000, "default", "warm"}} {
		pages := bb.pages
		name := fmt.Sprintf("pages=%d/precompress=%s", pages, bb.precompress)
		if bb.cache != "" {
			name = "cache=" + bb.cache + "/" + name
		}
		b.Run(name, func(b *testing.B) {
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
			cache := filepath.Join(dir, "cache")
			openCache := func() *offline.Cache {
				c, err := offline.OpenCache(cache)
				if err != nil {
					b.Fatal(err)
				}
				return c
			}
			edit := filepath.Join(site, filepath.FromSlash(sitegen.PagePath(sitegen.Options{Pages: pages}, 1)))
			if bb.cache == "warm" {
				if _, diags, err := Build(site, dest, Options{Cache: openCache()}); err != nil {
					b.Fatalf("%v\n%v", err, diags.Err())
				}
			}
			edits := 0
			for b.Loop() {
				var opts Options
				switch bb.cache {
				case "cold":
					b.StopTimer()
					if err := os.RemoveAll(cache); err != nil {
						b.Fatal(err)
					}
					opts.Cache = openCache()
					b.StartTimer()
				case "warm":
					b.StopTimer()
					edits++
					f, err := os.OpenFile(edit, os.O_APPEND|os.O_WRONLY, 0)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := fmt.Fprintf(f, "\nThis sentence was added by the benchmark, edit %d.\n", edits); err != nil {
						b.Fatal(err)
					}
					if err := f.Close(); err != nil {
						b.Fatal(err)
					}
					opts.Cache = openCache()
					b.StartTimer()
				}
				if _, diags, err := Build(site, dest, opts); err != nil {
					b.Fatalf("%v\n%v", err, diags.Err())
				}
			}
			b.ReportMetric(float64(pages), "pages")
		})
	}
}

// BenchmarkRender renders every job of a generated 500-page site into
// Discard: templates, Markdown and minification without the disk,
// compression or the link check, so that a change to rendering can be
// measured apart from a whole build's noise.
func BenchmarkRender(b *testing.B) {
	site := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(site, sitegen.Options{Pages: 500}); err != nil {
		b.Fatal(err)
	}
	m, diags := Load(sitefs.Dir(site), Options{})
	if m == nil || diags.HasErrors() {
		b.Fatalf("%v", diags.Err())
	}
	jobs := Plan(m, diags)
	if diags.HasErrors() {
		b.Fatalf("%v", diags.Err())
	}
	for b.Loop() {
		if _, err := renderJobs(m, jobs, Discard{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(jobs)), "jobs")
}
