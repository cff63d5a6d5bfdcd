package offline

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/signpost-dev/signpost/internal/site"
)

func TestPrecached(t *testing.T) {
	for file, want := range map[string]bool{
		"index.html": true, "offline/index.html": true, "assets/icon.0123456789.svg": true,
		"services/finder.json": true, "manifest.webmanifest": true,
		"sw.js": false, "_headers": false, "404.html": false, "sitemap.xml": false, "robots.txt": false,
		"index.html.gz": false, "index.html.br": false, ".signpost-output": false, "assets/.hidden": false,
	} {
		if got := Precached(file); got != want {
			t.Errorf("Precached(%q) = %v, want %v", file, got, want)
		}
	}
}

func TestCompressible(t *testing.T) {
	for file, want := range map[string]bool{
		"index.html": true, "a.CSS": true, "sw.js": true, "x.svg": true, "sitemap.xml": true,
		"robots.txt": true, "manifest.webmanifest": true, "d.json": true,
		"icon.png": false, "photo.jpg": false, "_headers": false, "font.woff2": false,
	} {
		if got := Compressible(file); got != want {
			t.Errorf("Compressible(%q) = %v, want %v", file, got, want)
		}
	}
}

func TestCompressionIsDeterministic(t *testing.T) {
	data := []byte(strings.Repeat("<p>Call 999 in an emergency.</p>\n", 200))
	gz, br := Gzip(data), Brotli(data, BrotliBest)
	if !bytes.Equal(gz, Gzip(data)) || !bytes.Equal(br, Brotli(data, BrotliBest)) {
		t.Fatal("two compressions of the same bytes differ")
	}
	if !bytes.Equal(gz[4:8], []byte{0, 0, 0, 0}) || gz[3]&0x08 != 0 {
		t.Errorf("gzip header has a time or a name: % x", gz[:10])
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, data) {
		t.Error("gzip round trip")
	}
	if got, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); !bytes.Equal(got, data) {
		t.Error("brotli round trip")
	}
	if len(br) >= len(data) || len(gz) >= len(data) {
		t.Errorf("no compression: %d -> gz %d, br %d", len(data), len(gz), len(br))
	}
}

func TestNewManifest(t *testing.T) {
	entries := []Entry{
		{URL: "/about/", Hash: "a", Size: 10, Priority: site.PriorityPages},
		{URL: "/assets/x.png", Hash: "b", Size: 5, Priority: site.PriorityAssets},
		{URL: "/outcomes/b/", Hash: "c", Size: 1, Priority: site.PriorityUrgent},
		{URL: "/outcomes/a/", Hash: "d", Size: 1, Priority: site.PriorityUrgent},
		{URL: "/pathways/p/", Hash: "e", Size: 1, Priority: site.PriorityPathways},
	}
	m := NewManifest(entries)
	var order []string
	for _, e := range m.Entries {
		order = append(order, e.URL)
	}
	if got := strings.Join(order, " "); got != "/pathways/p/ /outcomes/a/ /outcomes/b/ /about/ /assets/x.png" {
		t.Errorf("order: %s", got)
	}
	if m.Bytes != 18 {
		t.Errorf("bytes %d, want 18", m.Bytes)
	}
	reversed := []Entry{entries[4], entries[3], entries[2], entries[1], entries[0]}
	if NewManifest(reversed).Version != m.Version {
		t.Error("the version depends on the order entries are given in")
	}
	entries[0].Hash = "z"
	if NewManifest(entries).Version == m.Version {
		t.Error("the version did not change with a file's hash")
	}
}

// TestWorkerManifest: the worker's manifest names every entry once, in
// chunks named by their hash; changing one file changes one chunk and the
// version, and the worker script stays the same.
func TestWorkerManifest(t *testing.T) {
	var entries []Entry
	for i := range 200 {
		entries = append(entries, Entry{URL: fmt.Sprintf("/outcomes/o%d/", i), Hash: Hash([]byte{byte(i)}), Size: 1, Priority: site.PriorityUrgent})
	}
	read := func(files map[string][]byte) (top struct {
		Version string
		Pages   int
		Chunks  []string
	}, chunks map[string]bool, urls []string) {
		if err := json.Unmarshal(files[site.WorkerManifestFile], &top); err != nil {
			t.Fatal(err)
		}
		chunks = map[string]bool{}
		for _, c := range top.Chunks {
			data, ok := files[strings.TrimPrefix(c, "/")]
			if !ok {
				t.Fatalf("manifest names %s, which is not written", c)
			}
			if !strings.Contains(c, "."+Hash(data)[:10]+".") {
				t.Errorf("%s is not named by its hash", c)
			}
			var list [][3]any
			if err := json.Unmarshal(data, &list); err != nil {
				t.Fatal(err)
			}
			for _, e := range list {
				urls = append(urls, e[0].(string))
			}
			chunks[c] = true
		}
		return top, chunks, urls
	}
	rt := Runtime{Pages: 7}
	top, before, urls := read(WorkerManifest(NewManifest(entries), "/offline/", rt))
	if len(urls) != len(entries) || len(before) < 8 || top.Pages != 7 {
		t.Fatalf("%d entries in %d chunks (pages %d), want %d in at least 8", len(urls), len(before), top.Pages, len(entries))
	}
	entries[17].Hash = "changed"
	top2, after, _ := read(WorkerManifest(NewManifest(entries), "/offline/", rt))
	changed := 0
	for c := range after {
		if !before[c] {
			changed++
		}
	}
	if changed != 1 || top2.Version == top.Version {
		t.Errorf("one file changed: %d chunks changed, version %s -> %s; want 1 chunk and a new version", changed, top.Version, top2.Version)
	}
	if !bytes.Equal(ServiceWorker(), []byte(workerJS)) || len(workerJS) < 1000 {
		t.Error("sw.js is not the embedded worker")
	}
}

func TestCSPUnion(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"default-src 'self'; script-src 'self' 'sha256-B='"}, "default-src 'self'; script-src 'self' 'sha256-B='; frame-ancestors 'none'"},
		{[]string{"script-src 'self' 'sha256-B='", "script-src 'sha256-A=' 'self'; object-src 'none'"}, "script-src 'self' 'sha256-A=' 'sha256-B='; object-src 'none'; frame-ancestors 'none'"},
		{[]string{"frame-ancestors 'self'"}, "frame-ancestors 'self'"},
		{nil, "frame-ancestors 'none'"},
	}
	for _, tt := range tests {
		if got := CSPUnion(tt.in); got != tt.want {
			t.Errorf("CSPUnion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeaders(t *testing.T) {
	fp := func(p string) bool { return strings.Contains(p, ".0123456789.") }
	files := []string{"404.html", "_headers", "about/index.html", "about/index.html.gz", "assets/a.0123456789.css", "index.html", "mixed/a.0123456789.js", "mixed/index.html", "sw.js"}
	got := string(Headers(files, "default-src 'self'", fp))
	for _, want := range []string{
		"/*\n  Content-Security-Policy: default-src 'self'\n",
		"/about/*\n  Cache-Control: no-cache\n",
		"/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
		"/mixed/*\n  Cache-Control: no-cache\n",
		"/\n  Cache-Control: no-cache\n",
		"/404.html\n  Cache-Control: no-cache\n",
		"/sw.js\n  Cache-Control: no-cache\n",
		"  Cross-Origin-Opener-Policy: same-origin\n  ! Access-Control-Allow-Origin\n/", // under /*, last
	} {
		if !strings.Contains(got, want) {
			t.Errorf("_headers lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"/_headers", ".gz", "/index.html\n"} {
		if strings.Contains(got, bad) {
			t.Errorf("_headers has %q:\n%s", bad, got)
		}
	}
}

func TestBrandColour(t *testing.T) {
	tests := []struct {
		css  string
		want color.NRGBA
	}{
		{"", DefaultBrand},
		{":root{--brand:#005eb8;--brand-dark:#003087}", color.NRGBA{0x00, 0x5e, 0xb8, 0xff}},
		{":root{--brand:#005eb8}:root{--brand:#7A1F5C}", color.NRGBA{0x7a, 0x1f, 0x5c, 0xff}},
		{":root{--brand: #f80}", color.NRGBA{0xff, 0x88, 0x00, 0xff}},
		{":root{--brand:rebeccapurple}", DefaultBrand},
	}
	for _, tt := range tests {
		if got := BrandColour(tt.css); got != tt.want {
			t.Errorf("BrandColour(%q) = %v, want %v", tt.css, got, tt.want)
		}
	}
}

func TestIconPNG(t *testing.T) {
	brand := color.NRGBA{0x7a, 0x1f, 0x5c, 0xff}
	for _, size := range []int{192, 512} {
		b := IconPNG(size, brand)
		if !bytes.Equal(b, IconPNG(size, brand)) {
			t.Errorf("%d: two drawings differ", size)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Errorf("%d: bounds %v", size, img.Bounds())
		}
		if c := color.NRGBAModel.Convert(img.At(0, 0)); c != brand {
			t.Errorf("%d: corner %v, want the brand colour", size, c)
		}
		if c := color.NRGBAModel.Convert(img.At(size/2, size*3/4)); c != (color.NRGBA{0xff, 0xff, 0xff, 0xff}) {
			t.Errorf("%d: the pole is %v, want white", size, c)
		}
	}
}

func TestBudgetHelpers(t *testing.T) {
	pages := []PageSize{{File: "a/index.html", Gzip: 100}, {File: "b/index.html", Gzip: 300}, {File: "c/index.html", Gzip: 200}}
	over := OverPage(pages, 150)
	if len(over) != 2 || over[0].File != "b/index.html" || over[1].File != "c/index.html" {
		t.Errorf("OverPage = %v", over)
	}
	if len(OverPage(pages, 300)) != 0 {
		t.Error("a page exactly at the budget is over it")
	}
	if Largest(pages).File != "b/index.html" || Largest(nil).File != "" {
		t.Error("Largest")
	}
	if KB(15563) != "15.2 KB (15563 bytes)" {
		t.Errorf("KB = %q", KB(15563))
	}
}

func TestHeadersStayUnderTheRuleLimit(t *testing.T) {
	var files []string
	for i := range 150 {
		files = append(files, fmt.Sprintf("section-%03d/index.html", i))
	}
	files = append(files, "assets/a.0123456789.css", "index.html", "sw.js")
	got := string(Headers(files, "default-src 'self'", func(p string) bool { return strings.HasPrefix(p, "assets/") }))
	rules := 0
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "/") {
			rules++
		}
	}
	if rules > MaxRules {
		t.Errorf("%d rules, over Cloudflare's %d", rules, MaxRules)
	}
	for _, want := range []string{"/assets/*\n  Cache-Control: public", "/sw.js\n  Cache-Control: no-cache", "/\n  Cache-Control: no-cache"} {
		if !strings.Contains(got, want) {
			t.Errorf("_headers lacks %q", want)
		}
	}
}
