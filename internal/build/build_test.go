package build

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// baseSite is merged under every fixture: the smallest valid site.
var baseSite = map[string]string{
	"site.toml": "title = \"Test site\"\nbase_url = \"https://example.org/\"\n",
}

// loadArchive reads a txtar fixture into a site (base files overridden by
// the archive's) and the diagnostics it expects, one per line.
func loadArchive(t *testing.T, file string) (fstest.MapFS, []string) {
	t.Helper()
	fx := sitetest.Load(t, file, baseSite)
	return fx.FS, fx.Want
}

// check runs every validation of build, as signpost check does.
func check(fsys fs.FS) []string {
	m, diags := Load(fsys, Options{})
	if m != nil {
		_, _ = Run(m, Plan(m, diags), Discard{}, diags)
	}
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, d.String())
	}
	return got
}

func TestContentErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fsys, want := loadArchive(t, file)
			got := check(fsys)
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestDefaultSite builds the repository's own default site: it must have
// no errors and no warnings.
func TestDefaultSite(t *testing.T) {
	got := check(os.DirFS("../.."))
	if len(got) > 0 {
		t.Errorf("the default site has diagnostics:\n%s", strings.Join(got, "\n"))
	}
}

func buildMem(t testing.TB, fsys fs.FS, opts Options) map[string][]byte {
	t.Helper()
	m, diags := Load(fsys, opts)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	jobs := Plan(m, diags)
	out := NewMemOutput()
	if _, err := Run(m, jobs, out, diags); err != nil || diags.HasErrors() {
		t.Fatalf("run: %v %v", err, diags.Err())
	}
	return out.Files()
}

func TestURLsAndDrafts(t *testing.T) {
	page := func(extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"P\"\n" + extra + "+++\nBody\n")}
	}
	fsys := fstest.MapFS{
		"site.toml":               {Data: []byte(baseSite["site.toml"])},
		"content/index.md":        page(""),
		"content/a/b.md":          page(""),
		"content/help/index.md":   page(""),
		"content/help/privacy.md": page(""),
		"content/wip.md":          page("draft = true\n"),
		"content/.hidden.md":      page(""),
		"content/a/b.md~":         page(""),
	}
	for _, tt := range []struct {
		drafts bool
		want   []string
	}{
		{false, []string{"a/b/index.html", "help/index.html", "help/privacy/index.html", "index.html"}},
		{true, []string{"a/b/index.html", "help/index.html", "help/privacy/index.html", "index.html", "wip/index.html"}},
	} {
		files := buildMem(t, fsys, Options{Drafts: tt.drafts})
		var pages []string
		for p := range files {
			if strings.HasSuffix(p, "index.html") && !strings.HasPrefix(p, "services/") && !strings.HasPrefix(p, "offline/") {
				pages = append(pages, p)
			}
		}
		slices.Sort(pages)
		if !slices.Equal(pages, tt.want) {
			t.Errorf("drafts=%v: pages %v, want %v", tt.drafts, pages, tt.want)
		}
	}
}

func TestEveryPageHasTheEssentials(t *testing.T) {
	files := buildMem(t, os.DirFS("../.."), Options{})
	n := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		n++
		html := string(data)
		for _, want := range []string{`<html lang=en-GB>`, `<a class=skip href=#main>`, `<main id=main`, `<header`, `<footer`, `id=exit`, `http-equiv=Content-Security-Policy`} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
		banner := strings.Index(html, `class=emergency`)
		if banner < 0 || banner > strings.Index(html, "<header") || banner > strings.Index(html, "<main") {
			t.Errorf("%s: the emergency banner must come before the header and main", p)
		}
		if strings.Contains(html, "unsafe-inline") {
			t.Errorf("%s: CSP must not allow unsafe-inline", p)
		}
		for _, ext := range []string{`src="http`, `src=http`, `href="//`, `src="//`} {
			if strings.Contains(html, ext) {
				t.Errorf("%s loads from another origin (%s)", p, ext)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d HTML files", n)
	}
}

func TestRebuildsAreByteIdentical(t *testing.T) {
	a := buildMem(t, os.DirFS("../.."), Options{})
	b := buildMem(t, os.DirFS("../.."), Options{})
	if !maps.EqualFunc(a, b, bytes.Equal) {
		for p := range a {
			if !bytes.Equal(a[p], b[p]) {
				t.Errorf("%s differs between two builds", p)
			}
		}
		t.Fatal("two builds differ")
	}
}
