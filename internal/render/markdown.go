package render

import (
	"bytes"
	stdhtml "html"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// markdown renders the Markdown of pages and hints with the site's
// settings: GFM (tables, strikethrough, autolinks, task lists), heading ids,
// and raw HTML refused unless the site allows it.
type markdown struct {
	md goldmark.Markdown
	// plain is md without GFM's Linkify, for a body in which Linkify can
	// find nothing (linkifiable): the same HTML, for about a fifth less
	// parsing, because Linkify looks at every space of every paragraph.
	plain  goldmark.Markdown
	unsafe bool
	base   site.Base // root-relative links and images are under it
	// asset is the fingerprinted URL of a file of assets/ by its path
	// there (assets.Set.URL); nil: references to assets are not resolved.
	asset func(name string) (string, bool)
}

func newMarkdown(unsafeHTML bool, base site.Base, asset func(string) (string, bool)) *markdown {
	with := func(ext ...goldmark.Extender) goldmark.Markdown {
		opts := []goldmark.Option{
			goldmark.WithExtensions(ext...),
			goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		}
		if unsafeHTML {
			opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
		}
		return goldmark.New(opts...)
	}
	return &markdown{
		md: with(extension.GFM),
		// extension.GFM is these four; TestPlainSameHTML holds plain to it.
		plain:  with(extension.Table, extension.Strikethrough, extension.TaskList),
		unsafe: unsafeHTML, base: base, asset: asset,
	}
}

// linkifiable reports whether src might parse differently without GFM's
// Linkify. Linkify links text that starts "http:", "https:", "ftp:" or
// "www." (as written: it compares bytes) and email addresses, which have
// an @. It also cuts a paragraph's text at every space it looks at, which
// changes one thing: goldmark trims the spaces at the end of a line only
// from the last cut, so a line ending in two or more spaces or tabs keeps
// all but the last before a <br> with Linkify and none without. A body
// with none of these (most pages) renders the same either way
// (TestPlainSameHTML, FuzzPlainSameHTML).
func linkifiable(src []byte) bool {
	for _, s := range [...]string{"@", "www.", "http:", "https:", "ftp:"} {
		if bytes.Contains(src, []byte(s)) {
			return true
		}
	}
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		// goldmark trims '\r' with the blanks (FuzzPlainSameHTML found
		// "0\r \n0"), so count it with them: a CRLF line ending in one
		// blank keeps Linkify too, which is only slower.
		n := 0
		for n < len(line) && (blank(line[len(line)-1-n]) || line[len(line)-1-n] == '\r') {
			n++
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// blank reports whether goldmark reads c as a space between words.
func blank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }

// lines maps byte offsets of a source to 1-based line and column.
type lines struct {
	starts []int
	first  int
	src    []byte
}

func newLines(src []byte, firstLine int) lines {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return lines{starts: starts, first: firstLine, src: src}
}

func (l lines) pos(off int) diag.Pos {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	col := utf8.RuneCount(l.src[l.starts[i]:off]) + 1
	return diag.Pos{Line: l.first + i, Col: col}
}

// blockPos is the position of the nearest enclosing block with source lines.
func (l lines) blockPos(n ast.Node) diag.Pos {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return l.pos(n.Lines().At(0).Start)
		}
	}
	return diag.Pos{Line: l.first}
}

// Render renders body, which starts at line bodyLine of file, reporting raw
// HTML (unless allowed), links with script or data URLs, and images from
// other sites.
func (m *markdown) Render(file string, body []byte, bodyLine int, diags *diag.List) template.HTML {
	md := m.md
	if !linkifiable(body) {
		md = m.plain
	}
	return m.render(md, file, body, bodyLine, diags)
}

// render is Render with the parser and renderer of md.
func (m *markdown) render(md goldmark.Markdown, file string, body []byte, bodyLine int, diags *diag.List) template.HTML {
	if line, ok := tooDeep(body); !ok {
		diags.Errorf(file, diag.Pos{Line: bodyLine + line - 1, Col: 1}, "this line is nested more than %d levels deep (lists or block quotes inside each other): flatten it", maxDepth)
		return ""
	}
	if line, ok := tooManyLinks(body); !ok {
		diags.Errorf(file, diag.Pos{Line: bodyLine + line - 1, Col: 1}, "this paragraph has more than %d link brackets (\"](\" or \"][\"): split it into shorter paragraphs", maxLinks)
		return ""
	}
	doc := md.Parser().Parse(text.NewReader(body))
	m.check(file, doc, body, bodyLine, diags)
	m.rebase(doc)
	var buf htmlWriter
	buf.Grow(len(body) + len(body)/4 + 64) // HTML runs a little longer than its Markdown
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		diags.Errorf(file, diag.Pos{Line: bodyLine}, "cannot render Markdown: %v", err)
	}
	return template.HTML(buf.String())
}

// htmlWriter is what goldmark renders into: a util.BufWriter, so that it
// makes no bufio.Writer of its own for each body, whose String is the HTML
// without a copy.
type htmlWriter struct{ strings.Builder }

func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (*htmlWriter) Buffered() int    { return 0 } // written through, never held
func (*htmlWriter) Flush() error     { return nil }

var _ util.BufWriter = (*htmlWriter)(nil)

// maxDepth is how deeply lists and block quotes may nest. Markdown parsing
// grows faster than linearly with depth (goldmark took 7-10 s on 1,000
// nested list items), and no page a person reads nests beyond a handful.
const maxDepth = 100

// maxLinks is how many link brackets ("](" or "][") one paragraph may
// hold. goldmark's link parsing is quadratic in unclosed links: "[a]("
// 50,000 times took 15 s, 100,000 times 63 s. A paragraph a person reads
// has a few links.
const maxLinks = 500

// tooManyLinks finds the line on which a paragraph (lines between blank
// lines) passes maxLinks link brackets. ok is true when none does.
func tooManyLinks(src []byte) (line int, ok bool) {
	n, i := 0, -1
	for l := range bytes.Lines(src) { // no slice of every line: this runs on every page
		i++
		if len(bytes.TrimSpace(l)) == 0 {
			n = 0
			continue
		}
		if n += bytes.Count(l, []byte("](")) + bytes.Count(l, []byte("][")); n > maxLinks {
			return i + 1, false
		}
	}
	return 0, true
}

// tooDeep finds the first line, outside fenced code, whose block quote
// markers and indentation (two spaces a level, a tab four spaces) nest
// more than maxDepth levels. ok is true when there is none.
func tooDeep(src []byte) (line int, ok bool) {
	fence, n := "", -1
	for l := range bytes.Lines(src) {
		n++
		t := bytes.TrimLeft(l, " \t")
		if fence != "" {
			if bytes.HasPrefix(t, []byte(fence)) {
				fence = ""
			}
			continue
		}
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = string(t[:3])
			continue
		}
		spaces, quotes := 0, 0
	prefix:
		for _, c := range l {
			switch c {
			case ' ':
				spaces++
			case '\t':
				spaces += 4
			case '>':
				quotes++
			default:
				break prefix
			}
		}
		if quotes+spaces/2 > maxDepth {
			return n + 1, false
		}
	}
	return 0, true
}

// Inline renders one paragraph of inline Markdown (a hint) without the
// surrounding <p>.
func (m *markdown) Inline(file string, pos diag.Pos, src string, diags *diag.List) template.HTML {
	var local diag.List
	out := m.Render(file, []byte(src), pos.Line, &local)
	for _, d := range local.Sorted() {
		d.Line, d.Col = pos.Line, pos.Col // a hint is one TOML string: point at it
		diags.Add(d)
	}
	s := strings.TrimSpace(string(out))
	if strings.HasPrefix(s, "<p>") && strings.HasSuffix(s, "</p>") && strings.Count(s, "<p>") == 1 {
		s = s[len("<p>") : len(s)-len("</p>")]
	}
	return template.HTML(s)
}

func (m *markdown) check(file string, doc ast.Node, src []byte, firstLine int, diags *diag.List) {
	l := newLines(src, firstLine)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if !m.unsafe {
				diags.Errorf(file, l.blockPos(n), "raw HTML is not allowed in Markdown: write it in Markdown, or set unsafe_html = true in site.toml")
			}
		case *ast.RawHTML:
			if !m.unsafe && n.Segments.Len() > 0 {
				diags.Errorf(file, l.pos(n.Segments.At(0).Start), "raw HTML %q is not allowed in Markdown: write it in Markdown, or set unsafe_html = true in site.toml", string(n.Segments.Value(src)))
			}
		case *ast.Link:
			checkURL(file, l.blockPos(n), "link", string(n.Destination), false, diags)
			if u, ok := m.assetRef(file, l.blockPos(n), string(n.Destination), false, diags); ok {
				n.Destination = []byte(u)
			}
			// A link is read by its text (an image in it by its alt
			// text): one with none is an empty link, as an invisible
			// answer label would be.
			if p := linkTextProblem(n, src); p != "" && !strings.HasPrefix(p, "contains") {
				diags.Errorf(file, l.blockPos(n), "the link to %q %s: write what it leads to between [ and ]", string(n.Destination), strings.Replace(p, "is empty", "has no text", 1))
			}
		case *ast.AutoLink:
			checkURL(file, l.blockPos(n), "link", string(n.URL(src)), false, diags)
		case *ast.Image:
			checkURL(file, l.blockPos(n), "image", string(n.Destination), true, diags)
			if u, ok := m.assetRef(file, l.blockPos(n), string(n.Destination), true, diags); ok {
				n.Destination = []byte(u)
			}
		}
		return ast.WalkContinue, nil
	})
}

// rebase puts the root-relative links and images an author writes
// ("/services/", "/assets/img/map.svg": the site's root) under the site's
// base path. Raw HTML (with unsafe_html) is left as written.
func (m *markdown) rebase(doc ast.Node) {
	if m.base == "" || m.base == site.Root {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = []byte(m.base.URL(string(n.Destination)))
		case *ast.Image:
			n.Destination = []byte(m.base.URL(string(n.Destination)))
		}
		return ast.WalkContinue, nil
	})
}

// checkURL refuses link schemes that run code or carry data, and images
// that would load from another site (no third-party requests).
func checkURL(file string, pos diag.Pos, what, dest string, load bool, diags *diag.List) {
	if !load && simpleRef(dest) {
		return // no scheme, no host: nothing here can be refused
	}
	// Character references could hide a scheme (jav&#x61;script:): check
	// what a browser would read.
	dest = stdhtml.UnescapeString(dest)
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		diags.Errorf(file, pos, "%s %q is not a valid URL: %v", what, dest, err)
		return
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case load && (scheme != "" || u.Host != ""):
		diags.Errorf(file, pos, "image %q would load from another site: put the file in assets/ and link it with a path starting /assets/", dest)
	case scheme == "" || scheme == "https" || scheme == "http" || scheme == "mailto" || scheme == "tel" || scheme == "sms":
	default:
		diags.Errorf(file, pos, "%s %q uses the %s: scheme, which is not allowed: use https:, mailto:, tel:, sms: or a path on this site", what, dest, scheme)
	}
}

// simpleRef reports whether a link destination, as written, can have no
// scheme or host and cannot fail to parse, however it is unescaped or
// resolved: no character reference (&), percent escape, colon, backslash
// or control character, and not //host. Most links are (/section/page/,
// #part); checkURL and assetRef need not parse them.
func simpleRef(dest string) bool {
	if strings.HasPrefix(strings.TrimSpace(dest), "//") {
		return false
	}
	for i := 0; i < len(dest); i++ {
		switch c := dest[i]; {
		case c == '&', c == '%', c == ':', c == '\\', c < ' ', c == 0x7f:
			return false
		}
	}
	return true
}

// assetRef resolves a link or image to a file of assets/ ("/assets/img/
// map.svg") to the file's fingerprinted URL, which is what the build
// writes: the path as written names no file of the output. An image must
// be a file of assets/: an image written with a backslash, as a relative
// path, at another path of the site or naming no file is an error here
// (nothing else would report it, and it would be broken). A link to a
// missing file of assets/ is left to the link check, which reports every
// link that goes nowhere. ok is false when dest is not resolved.
func (m *markdown) assetRef(file string, pos diag.Pos, dest string, image bool, diags *diag.List) (string, bool) {
	if m.asset == nil {
		return "", false
	}
	if !image && simpleRef(dest) && !strings.Contains(dest, "assets") {
		return "", false // a link that cannot be to a file of assets/
	}
	dest = strings.TrimSpace(stdhtml.UnescapeString(dest))
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return "", false // checkURL's to report
	}
	what := "link"
	if image {
		what = "image"
	}
	if strings.Contains(dest, `\`) {
		fixed := strings.ReplaceAll(dest, `\`, "/")
		if !strings.HasPrefix(fixed, "/") && strings.HasPrefix(fixed, "assets/") {
			fixed = "/" + fixed
		}
		diags.Errorf(file, pos, "%s %q has a backslash: write paths with forward slashes, like %q", what, dest, fixed)
		// Go on with the path as it was meant, so that nothing later
		// reports the same mistake again.
		var local diag.List
		if fp, ok := m.assetRef(file, pos, fixed, image, &local); ok {
			return fp, true
		}
		return fixed, true
	}
	p := u.Path
	rel, inAssets := strings.CutPrefix(path.Clean("/"+p), "/assets/")
	switch {
	case !image && (p == "" || !strings.HasPrefix(p, "/") || !inAssets):
		return "", false // a page of the site: the link check follows it
	case image && !strings.HasPrefix(p, "/"):
		diags.Errorf(file, pos, "image %q is a relative path, which names no file of the site: put the file in assets/ and write its path from the site root, like %q", dest, "/assets/"+strings.TrimPrefix(path.Clean("/"+p), "/"))
		return "", false
	case image && !inAssets:
		diags.Errorf(file, pos, "image %q is not a file of assets/: put the file in assets/ and write /assets/ and its path there, like /assets/img/map.svg", dest)
		return "", false
	}
	fp, ok := m.asset(rel)
	if !ok {
		if image {
			diags.Errorf(file, pos, "image %q names no file: there is no assets/%s; add the file or correct the path", dest, rel)
		}
		return "", false
	}
	if u.Fragment != "" {
		fp += "#" + u.Fragment
	}
	return fp, true
}

// linkTextProblem is tomldoc.TextProblem of link n's inlineText, or ""
// at once when its text has a printable ASCII character (a letter, digit,
// punctuation or symbol: TextProblem's visible), as nearly every link's
// does: then TextProblem could only say "contains" a control character,
// which the check does not report.
func linkTextProblem(n ast.Node, src []byte) string {
	visible := false
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			for _, b := range t.Value(src) {
				if b > ' ' && b < 0x7f {
					visible = true
					return ast.WalkStop, nil
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if visible {
		return ""
	}
	return tomldoc.TextProblem(inlineText(n, src))
}

// inlineText is the text a reader sees of inline node n: its text and
// code, and the alt text of images in it (goldmark deprecates Node.Text).
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Value(src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
