package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// offlineSite writes testdata/offline/site.txtar into a temporary folder,
// with edit applied to its files first (name -> new contents; "" deletes).
func offlineSite(t *testing.T, edit map[string]string) string {
	t.Helper()
	files := map[string]string{}
	for name, f := range sitetest.Load(t, "testdata/offline/site.txtar", nil).FS {
		files[name] = string(f.Data)
	}
	for name, data := range edit {
		if data == "" {
			delete(files, name)
		} else {
			files[name] = data
		}
	}
	dir := t.TempDir()
	sitetest.Write(t, dir, files)
	return dir
}

// buildOffline builds the site in dir into memory (buildWrapped).
func buildOffline(t *testing.T, dir string, opts Options) (map[string][]byte, *Result, *diag.List) {
	t.Helper()
	return buildWrapped(t, os.DirFS(dir), opts)
}

// buildWrapped builds the site in fsys into memory, through the same
// wrapped output a real build uses: with the web manifest, the service
// worker, _headers and the compressed siblings.
func buildWrapped(t *testing.T, fsys fs.FS, opts Options) (map[string][]byte, *Result, *diag.List) {
	t.Helper()
	m, diags := Load(fsys, opts)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	jobs := Plan(m, diags)
	out := NewMemOutput()
	res, err := Run(m, jobs, wrapOutput(m, out), diags)
	if err != nil {
		t.Fatal(err)
	}
	return out.Files(), res, diags
}

func siteToml(extra string) string {
	return "title = \"Offline test\"\nbase_url = \"https://example.org/\"\n\n[emergency]\nno_voice = [\"relay-uk\"]\ntext = \"In an emergency, call 999.\"\nphone = \"999\"\n" + extra
}

func TestPageBudget(t *testing.T) {
	long := "+++\ntitle = \"Privacy\"\n+++\n" + strings.Repeat("We keep nothing about you, and here is a long list of ways we do not. ", 10)
	for i := range 2000 { // unique lines, so gzip cannot squeeze them away
		long += "\n\nParagraph " + strings.Repeat(string(rune('a'+i%26)), 1+i%7) + " " + offline.Hash([]byte{byte(i), byte(i >> 8)})
	}
	tests := []struct {
		name    string
		toml    string
		privacy string
		want    []string // substrings of the one error; nil: no error
	}{
		{"default budget, small pages", siteToml(""), "", nil},
		{"over the default budget", siteToml(""), long, []string{"content/about/privacy.md:1: page /about/privacy/ is ", " KB (", "bytes) compressed with gzip, over the page budget of 14.0 KB (14336 bytes)", "page_kb"}},
		{"a raised budget", siteToml("\n[budget]\npage_kb = 100\n"), long, nil},
		{"a small budget catches every page", siteToml("\n[budget]\npage_kb = 1\n"), "", []string{"over the page budget of 1.0 KB (1024 bytes)"}},
	}
	// Without .gz copies (precompress = []) the pages sure to fit are not
	// compressed: the verdicts must be the same.
	for _, tt := range slices.Clone(tests) {
		tt.name, tt.toml = tt.name+", precompress = []", "precompress = []\n"+tt.toml
		tests = append(tests, tt)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edit := map[string]string{"site.toml": tt.toml}
			if tt.privacy != "" {
				edit["content/about/privacy.md"] = tt.privacy
			}
			_, res, diags := buildOffline(t, offlineSite(t, edit), Options{})
			errs := diags.Errors()
			if tt.want == nil {
				if len(errs) > 0 {
					t.Fatalf("unexpected errors: %v", diags.Err())
				}
				if res.LargestPage == "" || res.LargestGzip <= 0 || tt.privacy == "" && res.LargestGzip > 14*1024 {
					t.Errorf("largest page %q %d bytes", res.LargestPage, res.LargestGzip)
				}
				return
			}
			if len(errs) == 0 {
				t.Fatal("no error for a page over budget")
			}
			for _, w := range tt.want {
				if !strings.Contains(errs[0].String(), w) {
					t.Errorf("error %q does not contain %q", errs[0], w)
				}
			}
		})
	}
}

// TestUnmeasuredPages: a build with no .gz copies compresses the pages
// the worker precaches, and every page whose bound does not fit the
// budget, and no other page; its precache, budget verdicts and output are
// those of a build that measures everything.
func TestUnmeasuredPages(t *testing.T) {
	for _, tt := range []struct {
		name       string
		toml       string
		unmeasured []string // pages not compressed
	}{
		{"ordinary page not compressed", "", []string{"about/privacy/index.html"}},
		{"precached folder compressed", "\n[offline]\nprecache = [\"/about/\"]\n", nil},
		{"budget under the bound: compressed", "\n[budget]\npage_kb = 3\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			measured := offlineSite(t, map[string]string{"site.toml": "precompress = [\"gzip\"]\n" + siteToml(tt.toml)})
			plain := offlineSite(t, map[string]string{"site.toml": "precompress = []\n" + siteToml(tt.toml)})
			_, want, wantDiags := buildOffline(t, measured, Options{})
			out, got, diags := buildOffline(t, plain, Options{})
			if want.Unmeasured != 0 {
				t.Errorf("with .br copies, %d pages not measured", want.Unmeasured)
			}
			if got.Unmeasured != len(tt.unmeasured) {
				t.Errorf("%d pages not measured, want %d %v", got.Unmeasured, len(tt.unmeasured), tt.unmeasured)
			}
			if got.PrecacheGzip != want.PrecacheGzip || got.LargestPage != want.LargestPage && len(tt.unmeasured) == 0 {
				t.Errorf("precache %d, largest %s; measuring everything: %d, %s", got.PrecacheGzip, got.LargestPage, want.PrecacheGzip, want.LargestPage)
			}
			if g, w := fmt.Sprint(diags.Errors()), fmt.Sprint(wantDiags.Errors()); g != w {
				t.Errorf("errors %s, measuring everything %s", g, w)
			}
			for _, p := range tt.unmeasured {
				if _, ok := out[p]; !ok {
					t.Errorf("%s not built", p)
				}
				if got.LargestPage == site.URL(p) {
					t.Errorf("largest page is %s, which was not measured", p)
				}
			}
		})
	}
}

// TestPageBudgetLinkedStylesheet: when the stylesheet is too big to
// inline, each page is counted with it, at the gzip size the build wrote.
func TestPageBudgetLinkedStylesheet(t *testing.T) {
	var css strings.Builder
	for i := range 400 { // distinct rules, so gzip cannot squeeze them away
		fmt.Fprintf(&css, ".c%d{margin:%dpx;color:#%06x}\n", i, i*7%97, i*7919%0xffffff)
	}
	dir := offlineSite(t, map[string]string{
		"site.toml":       siteToml("\n[budget]\npage_kb = 4\n"),
		"assets/site.css": css.String(),
	})
	files, _, diags := buildOffline(t, dir, Options{})
	var style string
	for name := range files {
		if strings.HasPrefix(name, "assets/style.") && strings.HasSuffix(name, ".css") {
			style = name
		}
	}
	if style == "" {
		t.Fatal("the stylesheet is not linked; make the test's site.css bigger")
	}
	want := fmt.Sprintf("(with the linked stylesheet, %s)", offline.KB(len(files[style+".gz"])))
	errs := diags.Errors()
	if len(errs) == 0 {
		t.Fatal("no page over the budget of 4 KB with the stylesheet counted")
	}
	for _, e := range errs {
		if !strings.Contains(e.String(), want) {
			t.Errorf("error %q does not contain %q", e, want)
		}
	}
}

func TestPrecacheBudget(t *testing.T) {
	_, res, diags := buildOffline(t, offlineSite(t, map[string]string{"site.toml": siteToml("\n[budget]\nprecache_kb = 10\n")}), Options{})
	errs := diags.Errors()
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", diags.Err())
	}
	msg := errs[0].String()
	for _, w := range []string{"site.toml: the precache", "over the precache budget of 10.0 KB (10240 bytes)", "precache_kb", "largest: "} {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not contain %q", msg, w)
		}
	}
	if res.PrecacheGzip <= 10*1024 {
		t.Errorf("precache %d bytes, yet over budget", res.PrecacheGzip)
	}
	_, res, diags = buildOffline(t, offlineSite(t, nil), Options{})
	if diags.HasErrors() || res.PrecacheGzip <= 0 || res.PrecacheGzip > 300*1024 {
		t.Errorf("default budget: precache %d bytes, errors %v", res.PrecacheGzip, diags.Err())
	}
}

// A build over budget exits with errors and leaves the previous output as
// it was.
func TestBudgetLeavesOutputUntouched(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(offlineSite(t, nil), dest, Options{}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)
	_, diags, err := Build(offlineSite(t, map[string]string{"site.toml": siteToml("\n[budget]\nprecache_kb = 1\n")}), dest, Options{})
	if err == nil || !diags.HasErrors() {
		t.Fatal("a build over the precache budget succeeded")
	}
	if after := readTree(t, dest); !maps.Equal(before, after) {
		t.Error("the failed build changed the previous output")
	}
}

// readTree reads every file under dir, by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCompressedSiblings(t *testing.T) {
	files, _, diags := buildOffline(t, offlineSite(t, nil), Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	again, _, _ := buildOffline(t, offlineSite(t, nil), Options{})
	for name, data := range files {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two builds", name)
		}
		base, ok := strings.CutSuffix(name, ".gz")
		if !ok {
			base, ok = strings.CutSuffix(name, ".br")
		}
		if ok {
			if _, has := files[base]; !has {
				t.Errorf("%s has no original", name)
			}
			continue
		}
		gz, br := files[name+".gz"], files[name+".br"]
		if !offline.Compressible(name) {
			if gz != nil || br != nil {
				t.Errorf("%s is not text but has compressed siblings", name)
			}
			continue
		}
		if gz == nil || br == nil {
			t.Errorf("%s has no .gz or .br", name)
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		if !zr.ModTime.IsZero() || zr.Name != "" {
			t.Errorf("%s.gz carries a time or name: %v %q", name, zr.ModTime, zr.Name)
		}
		if got, _ := io.ReadAll(zr); !bytes.Equal(got, data) {
			t.Errorf("%s.gz does not decompress to %s", name, name)
		}
		if got, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); !bytes.Equal(got, data) {
			t.Errorf("%s.br does not decompress to %s", name, name)
		}
	}
	for _, want := range []string{"index.html.gz", "sw.js.br", "manifest.webmanifest.gz", "sitemap.xml.br"} {
		if files[want] == nil {
			t.Errorf("no %s", want)
		}
	}
}

// TestPrecompressSetting: site.toml's precompress chooses which siblings
// are written; the budgets count gzip bytes whatever it says.
func TestPrecompressSetting(t *testing.T) {
	tests := []struct {
		setting string // a line for the top of site.toml
		gz, br  bool
	}{
		{"", true, true},
		{`precompress = ["gzip", "br"]`, true, true},
		{`precompress = ["br"]`, false, true},
		{`precompress = ["gzip"]`, true, false},
		{`precompress = []`, false, false},
	}
	var precache int
	for _, tt := range tests {
		t.Run(tt.setting, func(t *testing.T) {
			files, res, diags := buildOffline(t, offlineSite(t, map[string]string{"site.toml": tt.setting + "\n" + siteToml("")}), Options{})
			if diags.HasErrors() {
				t.Fatal(diags.Err())
			}
			gz, br := 0, 0
			for name := range files {
				switch {
				case strings.HasSuffix(name, ".gz"):
					gz++
				case strings.HasSuffix(name, ".br"):
					br++
				}
			}
			if (gz > 0) != tt.gz || (br > 0) != tt.br {
				t.Errorf("wrote %d .gz and %d .br files; want .gz %v, .br %v", gz, br, tt.gz, tt.br)
			}
			if _, ok := files["index.html"]; !ok {
				t.Error("no index.html")
			}
			if precache == 0 {
				precache = res.PrecacheGzip
			} else if res.PrecacheGzip != precache {
				t.Errorf("precache is %d gzip bytes, %d with the default setting", res.PrecacheGzip, precache)
			}
		})
	}
}

// swManifest reads what the worker of a build holds: sw-manifest.json and
// its chunks, as [URL, hash] in download order (priority, then URL), and
// the chunks' paths.
func swManifest(t *testing.T, files map[string][]byte) (entries [][2]string, chunks []string) {
	t.Helper()
	var top struct {
		Version string
		Chunks  []string
	}
	if err := json.Unmarshal(files[site.WorkerManifestFile], &top); err != nil {
		t.Fatalf("%s: %v", site.WorkerManifestFile, err)
	}
	type entry struct {
		url, hash string
		prio      float64
	}
	var all []entry
	for _, c := range top.Chunks {
		var list [][3]any
		if err := json.Unmarshal(files[strings.TrimPrefix(c, "/")], &list); err != nil {
			t.Fatalf("chunk %s: %v", c, err)
		}
		for _, e := range list {
			all = append(all, entry{e[0].(string), e[1].(string), e[2].(float64)})
		}
		chunks = append(chunks, c)
	}
	slices.SortFunc(all, func(a, b entry) int {
		if a.prio != b.prio {
			return int(a.prio - b.prio)
		}
		return strings.Compare(a.url, b.url)
	})
	for _, e := range all {
		entries = append(entries, [2]string{e.url, e.hash})
	}
	return entries, chunks
}

func TestServiceWorkerManifest(t *testing.T) {
	dir := offlineSite(t, nil)
	files, _, _ := buildOffline(t, dir, Options{})
	entries, chunks := swManifest(t, files)
	var urls []string
	for _, e := range entries {
		urls = append(urls, e[0])
		data, ok := files[site.File(e[0])]
		if !ok {
			t.Errorf("the manifest lists %s, which the build did not write", e[0])
		} else if offline.Hash(data) != e[1] {
			t.Errorf("%s: manifest hash %s, file hash %s", e[0], e[1], offline.Hash(data))
		}
	}
	// The triage set: home, pathways, outcomes, services, the offline page,
	// the web manifest and its icons; pathways first, then outcomes;
	// nothing for hosts or robots, and no ordinary pages.
	for _, want := range []string{"/", "/offline/", "/outcomes/call-999/", "/pathways/crisis/", "/services/", "/services/shout/", "/services/areas/", "/services/finder.json", "/manifest.webmanifest"} {
		if !slices.Contains(urls, want) {
			t.Errorf("the precache lacks %s: %v", want, urls)
		}
	}
	for _, u := range urls {
		if strings.HasSuffix(u, ".gz") || strings.HasSuffix(u, ".br") || u == "/about/privacy/" || strings.HasPrefix(u, "/sw") ||
			slices.Contains([]string{"/_headers", "/sitemap.xml", "/robots.txt", "/404.html"}, u) {
			t.Errorf("the precache holds %s", u)
		}
	}
	if urls[0] != "/pathways/crisis/" {
		t.Errorf("the pathway is not first: %v", urls)
	}
	pngs := 0
	for _, u := range urls {
		if strings.HasSuffix(u, ".png") {
			pngs++
		}
	}
	if pngs != 2 {
		t.Errorf("want the 2 PNG icons in the precache, got %d: %v", pngs, urls)
	}

	// One changed outcome: two changed hashes, a new version, and the same sw.js.
	edited := offlineSite(t, map[string]string{"content/outcomes/call-999.md": "+++\ntitle = \"Call 999 now\"\nurgency = \"emergency\"\ncall = \"999\"\nsignposts = [\"shout\"]\n+++\nCall 999, now.\n"})
	files2, _, _ := buildOffline(t, edited, Options{})
	entries2, _ := swManifest(t, files2)
	var changed []string
	for i := range entries {
		if entries[i][0] != entries2[i][0] {
			t.Fatalf("order changed: %v vs %v", entries, entries2)
		}
		if entries[i][1] != entries2[i][1] {
			changed = append(changed, entries[i][0])
		}
	}
	// The outcome's advice travels with the pathway (issue 11): the pathway
	// page that reaches it changes with it, and nothing else does.
	slices.Sort(changed)
	if !slices.Equal(changed, []string{"/outcomes/call-999/", "/pathways/crisis/"}) {
		t.Errorf("changed entries %v, want only /outcomes/call-999/ and the pathway that shows it", changed)
	}
	if !bytes.Equal(files["sw.js"], files2["sw.js"]) {
		t.Error("sw.js changed with the content")
	}
	if bytes.Equal(files[site.WorkerManifestFile], files2[site.WorkerManifestFile]) {
		t.Errorf("%s did not change", site.WorkerManifestFile)
	}
	_, chunks2 := swManifest(t, files2)
	newChunks := 0
	for _, c := range chunks2 {
		if !slices.Contains(chunks, c) {
			newChunks++
		}
	}
	if newChunks != 1 {
		t.Errorf("one changed file made %d new chunks (%v, then %v), want 1", newChunks, chunks, chunks2)
	}

	// An ordinary page is not in the precache: changing it changes nothing
	// the worker holds.
	edited = offlineSite(t, map[string]string{"content/about/privacy.md": "+++\ntitle = \"Privacy\"\n+++\nWe keep nothing at all.\n"})
	files3, _, _ := buildOffline(t, edited, Options{})
	if !bytes.Equal(files[site.WorkerManifestFile], files3[site.WorkerManifestFile]) {
		t.Errorf("changing an ordinary page changed %s", site.WorkerManifestFile)
	}

	// A site adds a folder of pages to the triage set.
	toml := string(sitetest.Load(t, "testdata/offline/site.txtar", nil).FS["site.toml"].Data)
	withAbout := offlineSite(t, map[string]string{"site.toml": toml + "\n[offline]\nprecache = [\"/about/\"]\npages = 9\n"})
	files4, _, _ := buildOffline(t, withAbout, Options{})
	entries4, _ := swManifest(t, files4)
	if !slices.ContainsFunc(entries4, func(e [2]string) bool { return e[0] == "/about/privacy/" }) {
		t.Errorf("[offline] precache = [\"/about/\"]: the precache lacks /about/privacy/: %v", entries4)
	}
	if !strings.Contains(string(files4[site.WorkerManifestFile]), `"pages":9`) {
		t.Errorf("[offline] pages = 9 is not in %s: %s", site.WorkerManifestFile, files4[site.WorkerManifestFile])
	}
}

func TestHeadersFile(t *testing.T) {
	files, _, _ := buildOffline(t, offlineSite(t, nil), Options{})
	h := string(files["_headers"])
	rules := parseHeaders(t, h)
	all := rules["/*"]
	for _, want := range []string{"Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff", "X-Frame-Options: DENY"} {
		if !slices.Contains(all, want) {
			t.Errorf("/* lacks %q", want)
		}
	}
	var csp, perm string
	for _, l := range all {
		if v, ok := strings.CutPrefix(l, "Content-Security-Policy: "); ok {
			csp = v
		}
		if v, ok := strings.CutPrefix(l, "Permissions-Policy: "); ok {
			perm = v
		}
	}
	if strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP header: %s", csp)
	}
	for _, f := range []string{"camera=()", "microphone=()", "geolocation=()", "payment=()"} {
		if !strings.Contains(perm, f) {
			t.Errorf("Permissions-Policy lacks %s", f)
		}
	}
	// Every inline script and style of every page is allowed by the header.
	inlineRE := regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range inlineRE.FindAllSubmatch(data, -1) {
			sum := sha256.Sum256(m[2])
			if src := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, src) {
				t.Errorf("%s: the inline %s %s is not allowed by the _headers CSP", name, m[1], src)
			}
		}
	}
	// Each served file gets exactly one Cache-Control: immutable for
	// fingerprinted assets, no-cache for pages and sw.js.
	for name := range files {
		if strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") || name == "_headers" {
			continue
		}
		url := site.URL(name)
		var got []string
		for pattern, hs := range rules {
			if matchRule(pattern, url) {
				for _, l := range hs {
					if strings.HasPrefix(l, "Cache-Control:") {
						got = append(got, l)
					}
				}
			}
		}
		want := "Cache-Control: " + offline.Revalidate
		if strings.HasPrefix(name, "assets/") || strings.HasPrefix(name, site.WorkerChunkDir+"/") {
			want = "Cache-Control: " + offline.ImmutableCache
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: %v, want [%s]", url, got, want)
		}
	}
}

// parseHeaders reads a _headers file: pattern -> header lines.
func parseHeaders(t *testing.T, s string) map[string][]string {
	t.Helper()
	rules := map[string][]string{}
	var cur string
	for _, l := range strings.Split(s, "\n") {
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "  "):
			if cur == "" {
				t.Fatalf("header before any path: %q", l)
			}
			rules[cur] = append(rules[cur], strings.TrimSpace(l))
		default:
			if _, dup := rules[l]; dup {
				t.Errorf("path %s has two rules", l)
			}
			cur = l
			rules[cur] = nil
		}
	}
	return rules
}

// matchRule matches a URL path against a _headers pattern (exact, or a
// trailing * splat).
func matchRule(pattern, url string) bool {
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(url, p)
	}
	return pattern == url
}

func TestWebManifestAndIcons(t *testing.T) {
	css := "assets/site.css"
	files, _, _ := buildOffline(t, offlineSite(t, map[string]string{css: ":root{--brand:#7a1f5c}\n"}), Options{})
	var wm offline.WebManifest
	if err := json.Unmarshal(files["manifest.webmanifest"], &wm); err != nil {
		t.Fatal(err)
	}
	if wm.Name != "Offline test" || wm.StartURL != "/" || wm.ThemeColor != "#7a1f5c" || len(wm.Icons) != 3 {
		t.Errorf("manifest: %+v", wm)
	}
	for _, ic := range wm.Icons {
		if files[strings.TrimPrefix(ic.Src, "/")] == nil {
			t.Errorf("icon %s is not written", ic.Src)
		}
	}
	if !bytes.Contains(files["index.html"], []byte(`<link rel=manifest href=/manifest.webmanifest>`)) {
		t.Error("pages do not link the manifest")
	}
}

// The preview must never register a caching worker: no sw.js, no
// registration script, no manifest; and nothing is compressed.
func TestPreviewHasNoWorker(t *testing.T) {
	dir := offlineSite(t, nil)
	built, _, _ := buildOffline(t, dir, Options{})
	if !bytes.Contains(built["index.html"], []byte(`"sw.js",{scope:`)) {
		t.Fatal("a real build's pages do not register the worker")
	}
	files, _, _ := buildOffline(t, dir, Options{Preview: true, BaseURL: "http://127.0.0.1:1313/"})
	for name, data := range files {
		if name == "sw.js" || name == "_headers" || name == "manifest.webmanifest" || strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") {
			t.Errorf("the preview wrote %s", name)
		}
		if bytes.Contains(data, []byte(`"sw.js"`)) {
			t.Errorf("%s refers to sw.js in the preview", name)
		}
	}
}

// TestBuildReplacesOutput: a build over a previous output swaps the new one
// in whole: a page removed from the site is gone from it, every file is
// byte for byte what a build into an empty folder writes, and nothing is
// left beside it.
func TestBuildReplacesOutput(t *testing.T) {
	site := offlineSite(t, nil)
	dir := t.TempDir()
	dest, fresh := filepath.Join(dir, "public"), filepath.Join(dir, "fresh")
	if _, diags, err := Build(site, dest, Options{}); err != nil {
		t.Fatal(err, diags.Err())
	}
	const gone = "about/privacy/index.html"
	if _, ok := readTree(t, dest)[gone]; !ok {
		t.Fatalf("the first build wrote no %s", gone)
	}
	if err := os.Remove(filepath.Join(site, "content", "about", "privacy.md")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dest, fresh} {
		if _, diags, err := Build(site, d, Options{}); err != nil {
			t.Fatal(err, diags.Err())
		}
	}
	got, want := readTree(t, dest), readTree(t, fresh)
	if _, ok := got[gone]; ok {
		t.Errorf("%s is still in the output after its page was removed", gone)
	}
	if !maps.Equal(got, want) {
		for name := range got {
			if got[name] != want[name] {
				t.Errorf("%s differs from a build into an empty folder", name)
			}
		}
		for name := range want {
			if _, ok := got[name]; !ok {
				t.Errorf("%s is missing", name)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"fresh", "public"}) {
		t.Errorf("beside the output: %v, want only fresh and public", names)
	}
}
