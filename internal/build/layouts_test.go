package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLayoutOverrides: a site's layouts/<name>.html replaces the built-in
// template of that name on every page that uses it, a new name adds a
// template, and a broken one is an error at its file and line.
func TestLayoutOverrides(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":           {Data: []byte(baseSite["site.toml"])},
		"content/index.md":    {Data: []byte("+++\ntitle = \"Home\"\n+++\nHello\n")},
		"content/a/b.md":      {Data: []byte("+++\ntitle = \"B\"\n+++\nBody\n")},
		"layouts/footer.html": {Data: []byte(`<footer class="site-footer">{{template "credit.html" .}}</footer></body></html>`)},
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
