package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// plainCases are Markdown bodies without anything Linkify links: the
// shapes where leaving Linkify out could change how a paragraph's text is
// cut into nodes (it looks at every space, '*', '_', '~' and '(').
var plainCases = []string{
	"",
	"one line\n",
	"two words \nand a trailing space\n",
	"hard break\\\nnext line\n",
	"tabs\tbetween\twords\n",
	"*emphasis* and _emphasis_ and **strong** and ~~struck~~ (in brackets)\n",
	"a (paren (nested) here) and a [link](/services/ \"title with spaces\")\n",
	"[link text with *emphasis* and spaces](/a/) then text\n",
	"![alt text with spaces](/assets/img/map.svg)\n",
	"`code with  spaces` and text\n",
	"- [ ] a task\n- [x] done task\n",
	"| a | b |\n|---|---|\n| one two | three (four) |\n",
	"| a  | b\t|\n|---|---|\n| c  d  | e *f*  |\n",
	"* item  with  double  spaces\n  continued  \\\n  line\n",
	"> quoted text\n> more quoted\n",
	"1. first item\n2. second item with *it*\n",
	"# Heading with spaces\n\nBody.\n",
	"&amp; entity &copy; and \\* escaped \\_ chars\n",
	"a\r\nwindows\r\nlines\r\n",
	"   indented\n\n    code block\n",
	"```\nfenced code (with) spaces\n```\n",
	"<span>raw html</span> text\n",
	"ww.example.org and http without colon and ftp without one, and Http: with a capital\n",
	"WWW.EXAMPLE.ORG HTTPS://EXAMPLE.ORG\n",
}

// TestLinkifiable checks that a body with each thing Linkify links is
// parsed with it: its text becomes a link.
func TestLinkifiable(t *testing.T) {
	md := newMarkdown(false, "", nil)
	for _, src := range []string{
		"see www.nhs.uk for more",
		"see https://www.nhs.uk/",
		"see https://example.org/",
		"see http://example.org/",
		"see ftp://example.org/file",
		"write to help@example.org",
	} {
		if !linkifiable([]byte(src)) {
			t.Errorf("linkifiable(%q) = false", src)
		}
		var diags diag.List
		html := string(md.Render("content/a.md", []byte(src), 1, &diags))
		if !strings.Contains(html, "<a href=") {
			t.Errorf("%q rendered without a link: %s", src, html)
		}
	}
	for _, src := range plainCases {
		if linkifiable([]byte(src)) {
			t.Errorf("linkifiable(%q) = true", src)
		}
	}
	// Lines ending in two or more blanks render differently without
	// Linkify (FuzzPlainSameHTML found "0    \n0"): they keep it; and
	// goldmark trims a '\r' with them ("0\r \n0", found likewise).
	for _, src := range []string{"0    \n0", "0\r \n0", "a \r\nb\r\n", "hard break  \nnext line\n", "ends with a space and a tab \t\nnext\n", "last line   "} {
		if !linkifiable([]byte(src)) {
			t.Errorf("linkifiable(%q) = false", src)
		}
	}
}

// TestPlainSameHTML holds markdown.plain (GFM without Linkify) to GFM on
// bodies with nothing to link: the default site's pages, generated pages
// and plainCases render to the same HTML with the same diagnostics.
func TestPlainSameHTML(t *testing.T) {
	var bodies []string
	bodies = append(bodies, plainCases...)
	gen := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(gen, sitegen.Options{Pages: 20, Words: 300}); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../../content", gen} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			b, err := os.ReadFile(p)
			bodies = append(bodies, string(b))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	plain := 0
	for _, unsafe := range []bool{false, true} {
		md := newMarkdown(unsafe, "/base/", nil)
		for _, src := range bodies {
			if linkifiable([]byte(src)) {
				continue
			}
			plain++
			samePlain(t, md, src)
		}
	}
	if plain < 40 {
		t.Fatalf("only %d bodies without anything to link: the test checks too little", plain)
	}
}

// FuzzPlainSameHTML: any body without anything to link renders the same
// with and without Linkify.
func FuzzPlainSameHTML(f *testing.F) {
	for _, s := range plainCases {
		f.Add(s)
	}
	md := newMarkdown(false, "", nil)
	f.Fuzz(func(t *testing.T, src string) {
		if linkifiable([]byte(src)) {
			return
		}
		samePlain(t, md, src)
	})
}

// samePlain fails unless src renders the same with md's two parsers.
func samePlain(t *testing.T, md *markdown, src string) {
	t.Helper()
	render := func(g goldmark.Markdown) (string, string) {
		var diags diag.List
		html := string(md.render(g, "content/a.md", []byte(src), 3, &diags))
		var msgs []string
		for _, d := range diags.Sorted() {
			msgs = append(msgs, d.String())
		}
		return html, strings.Join(msgs, "\n")
	}
	wantHTML, wantDiags := render(md.md)
	gotHTML, gotDiags := render(md.plain)
	if gotHTML != wantHTML || gotDiags != wantDiags {
		t.Fatalf("without Linkify, %q renders\n%s\n%s\nwith it\n%s\n%s", src, gotHTML, gotDiags, wantHTML, wantDiags)
	}
}

// BenchmarkLinkifiable: the check runs on every body before parsing it.
func BenchmarkLinkifiable(b *testing.B) {
	gen := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(gen, sitegen.Options{Pages: 1}); err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(gen, filepath.FromSlash(sitegen.PagePath(sitegen.Options{Pages: 1}, 0))))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if linkifiable(src) {
			b.Fatal("a generated page is linkifiable")
		}
	}
}
