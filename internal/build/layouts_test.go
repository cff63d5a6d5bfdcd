package build

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/render"
)

// TestLayoutOverrides: a site's layouts/<name>.html replaces the built-in
// template of that name on every page that uses it, a new name adds a
// template, and a broken one is an error at its file and line.
func TestLayoutOverrides(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":           {Data: []byte(baseSite["site.toml"])},
		"content/index.md":    {Data: []byte("+++\ntitle = \"Home\"\n+++\nHello\n")},
		"content/a/b.md":      {Data: []byte("+++\ntitle = \"B\"\n+++\nBody\n")},
		"layouts/footer.html": {Data: []byte(`<footer class="site-footer">{{template "credit.html" .}}</footer>`)},
		"layouts/credit.html": {Data: []byte(`<p>Made by the {{.Site.Title}} team</p>`)},
		"layouts/README.md":   {Data: []byte("notes are ignored")},
	}
	files := buildMem(t, fsys, Options{})
	for _, p := range []string{"index.html", "a/b/index.html", "services/index.html", "404.html"} {
		html := string(files[p])
		if !strings.Contains(html, "<p>Made by the Test site team") {
			t.Errorf("%s does not use the site's footer:\n%s", p, html)
		}
		if strings.Contains(html, "Services you can contact</a>") {
			t.Errorf("%s still has the built-in footer", p)
		}
	}

	fsys["layouts/credit.html"] = &fstest.MapFile{Data: []byte("<p>\n{{.Site.Title</p>")}
	fsys["layouts/notes.txt"] = &fstest.MapFile{Data: []byte("x")}
	got := check(fsys)
	want := []string{
		"layouts/credit.html:2: template error: template: credit.html:2: bad character U+003C '<'",
		"layouts/notes.txt: layouts/ holds only .html templates: move this file to assets/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEditorFilesIgnored: files editors leave (.name.swp, name~, #name#)
// are skipped in every folder of the site, whatever is in them.
func TestEditorFilesIgnored(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": {Data: []byte(baseSite["site.toml"])}}
	for _, dir := range []string{"content", "pathways", "assets", "layouts"} {
		for _, name := range []string{".page.swp", "page~", "#page#"} {
			fsys[dir+"/"+name] = &fstest.MapFile{Data: []byte("{{ not a template, not TOML, not front matter")}
		}
	}
	if got := check(fsys); len(got) != 0 {
		t.Errorf("diagnostics for editors' files:\n%s", strings.Join(got, "\n"))
	}
}

// TestFrameSurvivesOverrides: a site that overrides any page kind's
// template (each built-in template that defines "main") with one of its
// own still gets the whole frame on every page of that kind: the banner
// first, the skip link, header, main and footer landmarks, the quick exit,
// and the same scripts and Content-Security-Policy as the built-in
// template gives. Only <main> changes.
func TestFrameSurvivesOverrides(t *testing.T) {
	site := os.DirFS("../..")
	want := buildMem(t, site, Options{})
	kinds, err := fs.Glob(render.BuiltinLayouts, "layouts/*.html")
	if err != nil {
		t.Fatal(err)
	}
	overridden := 0
	for _, f := range kinds {
		src, _ := fs.ReadFile(render.BuiltinLayouts, f)
		if !strings.Contains(string(src), `{{define "main"}}`) {
			continue
		}
		name := path.Base(f)
		overridden++
		t.Run(name, func(t *testing.T) {
			marker := "override-of-" + strings.TrimSuffix(name, ".html")
			fsys := fstest.MapFS{}
			_ = fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || strings.HasPrefix(p, ".") || !slices.Contains([]string{"site.toml", "content", "pathways", "assets", "layouts"}, strings.SplitN(p, "/", 2)[0]) {
					return nil
				}
				b, _ := fs.ReadFile(site, p)
				fsys[p] = &fstest.MapFile{Data: b}
				return nil
			})
			// id="finder": the pathway page links to an outcome's finder,
			// and the link check (links.go) fails a build whose link
			// goes nowhere.
			fsys["layouts/"+name] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1><p id="finder">` + marker + `</p>{{end}}`)}
			got := buildMem(t, fsys, Options{})
			changed := 0
			for p, html := range got {
				if !strings.HasSuffix(p, ".html") || !strings.Contains(string(html), marker) {
					continue
				}
				changed++
				checkFrame(t, p, string(want[p]), string(html))
			}
			if changed == 0 {
				t.Fatalf("no page of the default site uses the site's %s", name)
			}
		})
	}
	if overridden < 8 {
		t.Fatalf("only %d page-kind templates found", overridden)
	}
}

// checkFrame compares everything outside <main> of an overridden page with
// the built-in page: landmarks, banner, exit, scripts and CSP.
func checkFrame(t *testing.T, file, builtin, got string) {
	t.Helper()
	outside := func(html string) string {
		i, j := strings.Index(html, "<main"), strings.LastIndex(html, "</main>")
		if i < 0 || j < i {
			return "no main: " + html
		}
		return html[:i] + html[j:]
	}
	for _, part := range []string{`<a class=skip href=#main>`, `class=emergency`, `<header`, `class=exit`, `<main id=main`, `<footer`} {
		if !strings.Contains(got, part) {
			t.Errorf("%s: %q is missing from the page", file, part)
		}
	}
	if strings.Index(got, "class=emergency") > strings.Index(got, "<header") {
		t.Errorf("%s: the emergency banner is not before the header", file)
	}
	// The frame is the built-in one, byte for byte, except for the main
	// element's time zone (the override may not show "open now").
	strip := func(s string) string { return strings.Replace(s, ` data-tz=Europe/London`, "", 1) }
	if a, b := strip(outside(builtin)), strip(outside(got)); a != b {
		t.Errorf("%s: the frame differs from the built-in page's\n got: %s\nwant: %s", file, b, a)
	}
}
