package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// TestBrotliQualityByFile: the triage set's .br copies are at the highest
// quality, ordinary pages' at the cheapest that beats gzip.
func TestBrotliQualityByFile(t *testing.T) {
	files, _, diags := buildOffline(t, offlineSite(t, nil), Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	for file, quality := range map[string]int{
		"index.html":                   offline.BrotliBest,
		"offline/index.html":           offline.BrotliBest,
		"pathways/crisis/index.html":   offline.BrotliBest,
		"outcomes/call-999/index.html": offline.BrotliBest,
		"services/shout/index.html":    offline.BrotliBest,
		"services/index.html":          offline.BrotliBest,
		"sw.js":                        offline.BrotliBest,
		"manifest.webmanifest":         offline.BrotliBest,
		"about/privacy/index.html":     offline.BrotliOrdinary,
		"404.html":                     offline.BrotliOrdinary,
		"sitemap.xml":                  offline.BrotliOrdinary,
		"robots.txt":                   offline.BrotliOrdinary,
	} {
		data, ok := files[file]
		if !ok {
			t.Errorf("no %s in the build", file)
			continue
		}
		if got := files[file+".br"]; !bytes.Equal(got, offline.Brotli(data, quality)) {
			t.Errorf("%s.br is not Brotli at quality %d", file, quality)
		}
	}
	assets := 0
	for file, data := range files {
		if strings.HasPrefix(file, "assets/") && offline.Compressible(file) {
			assets++
			if !bytes.Equal(files[file+".br"], offline.Brotli(data, offline.BrotliBest)) {
				t.Errorf("%s.br is not Brotli at quality %d", file, offline.BrotliBest)
			}
		}
	}
	if assets == 0 {
		t.Error("the build has no compressible assets to check")
	}
}

// TestBrotliQualityLargeFile: a triage file too big for any page budget is
// not worth quality 11's time.
func TestBrotliQualityLargeFile(t *testing.T) {
	m, diags := Load(os.DirFS(offlineSite(t, nil)), Options{})
	if m == nil || diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	q := brotliQuality(m)
	if got := q("index.html", bestMax); got != offline.BrotliBest {
		t.Errorf("home page of %d bytes: quality %d", bestMax, got)
	}
	if got := q("index.html", bestMax+1); got != offline.BrotliOrdinary {
		t.Errorf("home page of %d bytes: quality %d, want %d", bestMax+1, got, offline.BrotliOrdinary)
	}
}

// TestCacheColdWarm: a build with a cold compression cache and the next
// with the same cache write the same bytes, the second compressing
// nothing; a third, after one page changed, compresses only that page's
// copies (and the files that list every page).
func TestCacheColdWarm(t *testing.T) {
	site := offlineSite(t, nil)
	cacheDir := t.TempDir()
	cold, err := offline.OpenCache(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	first, _, diags := buildOffline(t, site, Options{Cache: cold})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if h, m := cold.Stats(); h != 0 || m == 0 {
		t.Fatalf("cold cache: %d hits, %d misses", h, m)
	}
	warm, _ := offline.OpenCache(cacheDir)
	second, _, _ := buildOffline(t, site, Options{Cache: warm})
	if h, m := warm.Stats(); m != 0 || h == 0 {
		t.Errorf("warm cache: %d hits, %d misses; want every file from the cache", h, m)
	}
	if len(first) != len(second) {
		t.Errorf("cold cache wrote %d files, warm %d", len(first), len(second))
	}
	for name, data := range first {
		if !bytes.Equal(second[name], data) {
			t.Errorf("%s differs between a cold and a warm cache", name)
		}
	}

	sitetest.Write(t, site, map[string]string{"content/about/privacy.md": "+++\ntitle = \"Privacy\"\n+++\nWe keep nothing at all.\n"})
	edited, _ := offline.OpenCache(cacheDir)
	buildOffline(t, site, Options{Cache: edited})
	_, m := edited.Stats()
	// gzip and Brotli of the page, sitemap.xml (unchanged), sw.js (lists
	// the page's hash) and its update information, if any.
	if m == 0 || m > 6 {
		t.Errorf("after one page changed: %d compressions, want that page's and those of the files listing it", m)
	}
}

// TestTriageBrotliSaves: on the default site every file of the triage set
// is smaller as .br than as .gz; the saving is logged (go test -v).
func TestTriageBrotliSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("Brotli at quality 11 over the default site takes a second or more")
	}
	m, diags := Load(os.DirFS(filepath.Join("..", "..")), Options{})
	if m == nil || diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	out := NewMemOutput()
	if _, err := Run(m, Plan(m, diags), wrapOutput(m, out), diags); err != nil {
		t.Fatal(err)
	}
	files := out.Files()
	quality := brotliQuality(m)
	var gz, br, n int
	for file := range files {
		if !offline.Compressible(file) || quality(file, len(files[file])) != offline.BrotliBest {
			continue
		}
		g, b := len(files[file+".gz"]), len(files[file+".br"])
		if b >= g {
			t.Errorf("%s: .br %d bytes, .gz %d", file, b, g)
		}
		n++
		gz += g
		br += b
	}
	if n < 10 {
		t.Fatalf("only %d files in the default site's triage set", n)
	}
	t.Logf("triage set: %d files, gzip %d bytes, Brotli %d bytes: %d bytes (%.1f%%) saved", n, gz, br, gz-br, 100*float64(gz-br)/float64(gz))
}

// sharedCache is the compression cache the package's tests share with each
// other and with later runs, as every build of one user does by default;
// tests of a cold cache open their own.
func sharedCache(t testing.TB) *offline.Cache {
	t.Helper()
	c, err := offline.OpenCache(filepath.Join(os.TempDir(), "signpost-test-cache"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
