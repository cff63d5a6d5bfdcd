package build

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
)

// defaultSiteWith is the default site (the repository's own) in memory,
// with base_url set to baseURL, no compressed copies (not what this tests)
// and the extra files given: what every kind of URL needs to appear.
func defaultSiteWith(t *testing.T, baseURL string, extra map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, top := range []string{"site.toml", "content", "pathways", "assets", "layouts"} {
		_ = fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(root, p)
			if err != nil {
				t.Fatal(err)
			}
			fsys[p] = &fstest.MapFile{Data: b}
			return nil
		})
	}
	toml := string(fsys["site.toml"].Data)
	re := regexp.MustCompile(`(?m)^base_url = .*$`)
	if !re.MatchString(toml) {
		t.Fatal("the default site.toml has no base_url line")
	}
	toml = "precompress = []\n" + re.ReplaceAllString(toml, `base_url = "`+baseURL+`"`)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(toml)}
	for p, s := range extra {
		if old, ok := fsys[p]; ok && strings.HasSuffix(p, ".css") {
			s = string(old.Data) + s
		}
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

// subpathExtra adds what the default site lacks: Markdown links and an
// image written from the site's root, and stylesheet url()s (inline and
// in a linked .css asset).
var subpathExtra = map[string]string{
	"content/about/links.md": "+++\ntitle = \"Links\"\nsummary = \"Links written from the root.\"\n+++\n" +
		"See [the services](/services/), [the finder](/services/#finder), [an outcome](/outcomes/call-999/) and [a heading](#where-to-go).\n\n## Where to go\n\n" +
		"![The signpost](/assets/icon.svg)\n\n[ref]: /help/going-to-ae/\n\nAnd [by reference][ref].\n",
	"assets/site.css":  "\n.subpath-test{background:url(/assets/icon.svg)}\n",
	"assets/extra.css": ".x{background:url(/assets/icon.svg)}\n",
}

// TestSubPath (issue 17, sub-paths): the default site built with base_url
// https://example.org/mysite/ writes every URL it emits under /mysite/,
// one table row per kind of URL; with the path taken out it is the site
// built at the root, byte for byte, so nothing else changed; and the
// same site at the root has no trace of a base path.
func TestSubPath(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the default site twice")
	}
	rootFiles, _, rd := buildWrapped(t, defaultSiteWith(t, "https://example.org/", subpathExtra), Options{})
	subFiles, _, sd := buildWrapped(t, defaultSiteWith(t, "https://example.org/mysite/", subpathExtra), Options{})
	for _, d := range []*diag.List{rd, sd} {
		if d.HasErrors() {
			t.Fatalf("build: %v", d.Err())
		}
	}
	extraCSS := ""
	for p := range subFiles {
		if strings.HasPrefix(p, "assets/extra.") {
			extraCSS = p
		}
	}
	if extraCSS == "" {
		t.Fatal("no assets/extra.*.css written")
	}
	var wm struct {
		StartURL string `json:"start_url"`
		Scope    string `json:"scope"`
		Icons    []struct {
			Src string `json:"src"`
		} `json:"icons"`
	}
	if err := json.Unmarshal(subFiles["manifest.webmanifest"], &wm); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		kind, file, want string // want: a piece of file's text
	}{
		{"home link (header)", "about/privacy/index.html", `class=site-name href=/mysite/>`},
		{"footer link", "index.html", `href=/mysite/services/>`},
		{"footer page link", "index.html", `href=/mysite/about/privacy/>`},
		{"home page's pathway link", "index.html", `href=/mysite/pathways/mental-health-crisis/>`},
		{"web manifest link", "index.html", `<link rel=manifest href=/mysite/manifest.webmanifest>`},
		{"canonical link", "about/privacy/index.html", `<link rel=canonical href=https://example.org/mysite/about/privacy/>`},
		{"site icon (asset)", "index.html", `<link rel=icon href=/mysite/assets/icon.`},
		{"base path for the scripts", "index.html", `<html lang=en-GB data-base=/mysite/>`},
		{"404 page's home link", "404.html", `<a href=/mysite/>Go to the home page</a>`},
		{"finder data", "services/index.html", `data-src=/mysite/services/finder.json`},
		{"postcode area links", "services/index.html", `href=/mysite/services/areas/ls/>`},
		{"area page's links", "services/areas/ls/index.html", `href=/mysite/services/areas/>`},
		{"areas page's services link", "services/areas/index.html", `href=/mysite/services/>`},
		{"local service link", "services/areas/ls/index.html", `href=/mysite/services/example-leeds-crisis-line/>`},
		{"outcome's service link", "outcomes/urgent-mental-health-helpline/index.html", `href=/mysite/services/`},
		{"pathway's link to an outcome's finder", "pathways/mental-health-crisis/index.html", `href=/mysite/outcomes/urgent-mental-health-helpline/#finder>`},
		{"pathway page's outcome links", "pathways/mental-health-crisis/index.html", `href=/mysite/services/`},
		{"Markdown link", "about/links/index.html", `href=/mysite/services/>`},
		{"Markdown link with a fragment", "about/links/index.html", `href=/mysite/services/#finder>`},
		{"Markdown reference link", "about/links/index.html", `href=/mysite/help/going-to-ae/>`},
		{"Markdown image", "about/links/index.html", `src=/mysite/assets/icon.`},
		{"Markdown fragment, as written", "about/links/index.html", `href=#where-to-go>`},
		{"inline stylesheet url()", "index.html", `url(/mysite/assets/icon.`},
		{"linked stylesheet url()", extraCSS, `url(/mysite/assets/icon.`},
		{"sitemap", "sitemap.xml", `<loc>https://example.org/mysite/outcomes/call-999/</loc>`},
		{"robots.txt Sitemap line", "robots.txt", "Sitemap: https://example.org/mysite/sitemap.xml\n"},
		{"web manifest start_url", "manifest.webmanifest", `"start_url": "/mysite/"`},
		{"web manifest scope", "manifest.webmanifest", `"scope": "/mysite/"`},
		{"web manifest icons", "manifest.webmanifest", `"src": "/mysite/assets/icon-192.`},
		// The worker's lists stay site URLs: the worker puts them under
		// its own path (TestServiceWorker in package offline).
		{"worker manifest (site URLs)", "sw-manifest.json", `"offline":"/offline/"`},
	} {
		data, ok := subFiles[tt.file]
		if !ok {
			t.Errorf("%s: no file %s", tt.kind, tt.file)
			continue
		}
		if !bytes.Contains(data, []byte(tt.want)) {
			t.Errorf("%s: %s has no %q", tt.kind, tt.file, tt.want)
		}
		// At the root, the same URL without the path.
		if rootWant := strings.ReplaceAll(strings.ReplaceAll(tt.want, " data-base=/mysite/", ""), "/mysite/", "/"); !bytes.Contains(rootFiles[tt.file], []byte(rootWant)) && !strings.HasPrefix(tt.file, "assets/") {
			t.Errorf("%s at the root: %s has no %q", tt.kind, tt.file, rootWant)
		}
	}
	if wm.StartURL != "/mysite/" || wm.Scope != "/mysite/" || len(wm.Icons) < 3 {
		t.Errorf("web manifest: %+v", wm)
	}
	for _, ic := range wm.Icons {
		if _, ok := subFiles[strings.TrimPrefix(ic.Src, "/mysite/")]; !ok || !strings.HasPrefix(ic.Src, "/mysite/assets/") {
			t.Errorf("icon %s is not a file of the build under /mysite/", ic.Src)
		}
	}

	// Every root-relative URL of every page and stylesheet is under the path.
	attr := regexp.MustCompile(`(?:href|src|action|data-src)=("?)(/[^"> ]*)`)
	cssURL := regexp.MustCompile(`url\(("?)(/[^")]*)`)
	for p, data := range subFiles {
		if !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".css") {
			continue
		}
		for _, re := range []*regexp.Regexp{attr, cssURL} {
			for _, m := range re.FindAllSubmatch(data, -1) {
				if u := string(m[2]); !strings.HasPrefix(u, "/mysite/") {
					t.Errorf("%s: %s is outside /mysite/", p, u)
				}
			}
		}
	}

	// The worker is one file, under any path.
	if !bytes.Equal(subFiles["sw.js"], rootFiles["sw.js"]) {
		t.Error("sw.js differs under a path")
	}
	// With the path taken out, the sub-path site is the root site: pages,
	// sitemap, robots.txt, manifest and _headers. (Without the
	// url() in site.css, which changes the inline style's hash in every
	// page's policy.)
	plain := map[string]string{}
	for p, s := range subpathExtra {
		if p != "assets/site.css" {
			plain[p] = s
		}
	}
	rootFiles, _, rd = buildWrapped(t, defaultSiteWith(t, "https://example.org/", plain), Options{})
	subFiles, _, sd = buildWrapped(t, defaultSiteWith(t, "https://example.org/mysite/", plain), Options{})
	if rd.HasErrors() || sd.HasErrors() {
		t.Fatalf("build: %v %v", rd.Err(), sd.Err())
	}
	for p, root := range rootFiles {
		if !strings.HasSuffix(p, ".html") && p != "sitemap.xml" && p != "robots.txt" && p != "manifest.webmanifest" && p != "_headers" {
			continue
		}
		sub, ok := subFiles[p]
		if !ok {
			t.Errorf("%s: not in the sub-path build", p)
			continue
		}
		sub = bytes.ReplaceAll(sub, []byte(" data-base=/mysite/"), nil)
		sub = bytes.ReplaceAll(sub, []byte("/mysite/"), []byte("/"))
		if !bytes.Equal(sub, root) {
			t.Errorf("%s: the sub-path build differs from the root build by more than the path", p)
		}
		if bytes.Contains(root, []byte("data-base")) || bytes.Contains(root, []byte("/mysite/")) {
			t.Errorf("%s at the root has a base path", p)
		}
	}
	if len(subFiles) != len(rootFiles) {
		t.Errorf("%d files under a path, %d at the root", len(subFiles), len(rootFiles))
	}
}

// TestSubPathLinkCheck: under a path, the link check resolves links
// written from the site's root and reports a broken one as written, at
// its line; a layout that writes a root-relative href (not through url)
// links outside the site, and is reported at its line.
func TestSubPathLinkCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the default site")
	}
	fsys := defaultSiteWith(t, "https://example.org/mysite/", map[string]string{
		"content/about/links.md": "+++\ntitle = \"Links\"\n+++\nSee [the services](/services/) and [nothing](/no-such-page/).\n",
		"layouts/footer.html":    "<footer><a href=\"/services/\">Services</a></footer>\n",
	})
	got := strings.Join(check(fsys), "\n")
	for _, want := range []string{
		`content/about/links.md:4:`,
		`link "/no-such-page/" goes nowhere: no page or file of the site is at /mysite/no-such-page/`,
		`layouts/footer.html:1:18: link "/services/" goes nowhere: it is outside the site (/services/): write a path under /mysite/`,
		`in a layout, write {{url "/services/"}}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, `"/services/" goes nowhere: no page`) || strings.Contains(got, `"/mysite/services/"`) {
		t.Errorf("a good link written from the root was reported:\n%s", got)
	}
}

// TestSubPathPreview: the preview serves a site under a path at the root
// of its own address, so its pages link there (docs/deploy.md, "Sites
// under a path").
func TestSubPathPreview(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the default site")
	}
	files := buildMem(t, defaultSiteWith(t, "https://example.org/mysite/", nil), Options{Preview: true, BaseURL: "http://127.0.0.1:1313/"})
	if !bytes.Contains(files["index.html"], []byte(`class=site-name href=/>`)) {
		t.Error("the preview's home page does not link / as home")
	}
	for p, data := range files {
		if bytes.Contains(data, []byte("/mysite/")) || bytes.Contains(data, []byte("data-base")) {
			t.Errorf("the preview's %s has the site's path", p)
		}
	}
}
