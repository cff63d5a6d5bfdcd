package build

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"

	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// The pseudo-locale test: the default site, built with a catalog that marks
// every text ⟦...⟧ (signpost i18n --pseudo, as the site's i18n/en-GB.toml),
// must show no text that is neither marked nor written in the site's own
// content files. A word left in Go code or in a built-in template instead
// of the catalog shows unmarked, and fails it.
func TestPseudoLocale(t *testing.T) {
	fsys := defaultSiteFiles(t)
	fsys["i18n/en-GB.toml"] = &fstest.MapFile{Data: i18n.English().Pseudo(i18n.PseudoOpen, i18n.PseudoClose).SiteFile()}
	files := buildMem(t, fsys, Options{})
	corpus := contentCorpus(fsys)
	pages := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		for _, p := range unmarked(files[name], corpus) {
			t.Errorf("%s: %s", name, p)
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages built", pages)
	}
}

// TestPseudoLocaleCanFail: the check finds words that are not the
// catalog's: a site layout with English of its own, in text and in an
// attribute a reader hears.
func TestPseudoLocaleCanFail(t *testing.T) {
	fsys := defaultSiteFiles(t)
	fsys["i18n/en-GB.toml"] = &fstest.MapFile{Data: i18n.English().Pseudo(i18n.PseudoOpen, i18n.PseudoClose).SiteFile()}
	b, _ := fs.ReadFile(fsys, "layouts/footer.html")
	if b == nil {
		b, _ = fs.ReadFile(builtinLayouts(t), "layouts/footer.html")
	}
	fsys["layouts/footer.html"] = &fstest.MapFile{Data: bytes.Replace(b, []byte(`<footer class="site-footer">`),
		[]byte(`<footer class="site-footer"><p>Donate to us</p><a href="/" aria-label="Back home">{{t "footer_links"}}</a>`), 1)}
	files := buildMem(t, fsys, Options{})
	got := unmarked(files["index.html"], contentCorpus(fsys))
	want := []string{`text "Donate to us"`, `aria-label "Back home"`}
	if !slices.Equal(got, want) {
		t.Errorf("unmarked words found: %q, want %q", got, want)
	}
}

func builtinLayouts(t *testing.T) fs.FS {
	t.Helper()
	sub, err := fs.Sub(os.DirFS("../render"), ".")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// defaultSiteFiles is the repository's default site (its site.toml and
// folders), copied into memory.
func defaultSiteFiles(t *testing.T) fstest.MapFS {
	t.Helper()
	root := os.DirFS("../..")
	out := fstest.MapFS{}
	b, err := fs.ReadFile(root, sitefs.ConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	out[sitefs.ConfigFile] = &fstest.MapFile{Data: b}
	for _, f := range sitefs.Folders() {
		_ = fs.WalkDir(root, f.Dir(), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(root, p)
			if err == nil {
				out[p] = &fstest.MapFile{Data: b}
			}
			return nil
		})
	}
	return out
}

// contentCorpus is the text of the site's own content files, the only
// place words may come from besides the catalog, whitespace collapsed.
func contentCorpus(fsys fstest.MapFS) string {
	var b strings.Builder
	for name, f := range fsys {
		top, _, _ := strings.Cut(name, "/")
		if name == sitefs.ConfigFile || top == sitefs.ContentDir || top == sitefs.PathwaysDir {
			b.WriteString(strings.ReplaceAll(string(f.Data), `\"`, `"`))
			b.WriteByte('\n')
		}
	}
	return collapse(b.String())
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// readerAttrs are the attributes whose values a reader sees or hears.
var readerAttrs = []string{"alt", "title", "aria-label", "placeholder", "value"}

// unmarked lists the words of an HTML page that are neither marked nor
// in corpus: each text node and reader-facing attribute (and the texts
// <main> carries for scripts, data-*), outside <script> and <style>.
func unmarked(page []byte, corpus string) []string {
	var out []string
	check := func(what, text string) {
		for _, run := range unmarkedRuns(html.UnescapeString(text)) {
			run = strings.TrimFunc(collapse(run), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if strings.IndexFunc(run, unicode.IsLetter) < 0 || strings.Contains(corpus, run) {
				continue
			}
			out = append(out, fmt.Sprintf("%s %q", what, run))
		}
	}
	l := parsehtml.NewLexer(parse.NewInputBytes(page))
	var tag string
	raw := false // inside <script> or <style>
	for {
		tt, data := l.Next()
		switch tt {
		case parsehtml.ErrorToken:
			return out
		case parsehtml.StartTagToken:
			tag = strings.ToLower(string(l.Text()))
			raw = tag == "script" || tag == "style"
		case parsehtml.EndTagToken:
			raw = false
		case parsehtml.AttributeToken:
			name := strings.ToLower(string(l.Text()))
			val := strings.Trim(string(l.AttrVal()), `"'`)
			if slices.Contains(readerAttrs, name) || tag == "main" && strings.HasPrefix(name, "data-") && name != "data-tz" {
				check(name, val)
			}
		case parsehtml.TextToken:
			if !raw {
				check("text", string(data))
			}
		}
	}
}

// unmarkedRuns splits s into the runs of text outside the marks (which
// nest: an hours text holds day names).
func unmarkedRuns(s string) []string {
	var runs []string
	var cur strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case string(r) == i18n.PseudoOpen:
			if depth == 0 && cur.Len() > 0 {
				runs = append(runs, cur.String())
				cur.Reset()
			}
			depth++
		case string(r) == i18n.PseudoClose:
			depth--
		case depth == 0:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		runs = append(runs, cur.String())
	}
	return runs
}
