package build

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/render"
	"github.com/signpost-dev/signpost/internal/site"
)

// The link check is a stage over the rendered site: every internal link
// (<a href>, <area href>) of every HTML page, whether it came from
// Markdown, a pathway hint or a template, must name a file the build
// wrote, and its #fragment an id on that page. A broken link is an error
// at the line of the source that holds it: the Markdown file, the pathway
// file, or the layout. check and build run it; the preview does not (its
// incremental rebuilds see only the pages they render).

// linkRecorder passes every file on to out and keeps, of each HTML page,
// its ids and the internal links in it.
type linkRecorder struct {
	out Output
	mu  sync.Mutex
	all map[string]*pageLinks // every written path; nil value for non-HTML files
}

// pageLinks is what the link check keeps of one page: every page's, for
// the whole build, so it is kept small. Its strings are cut from one
// string and its two lists share one array.
type pageLinks struct {
	ids   []string // each distinct id (and <a name>), sorted
	hrefs []string // each distinct href value of <a> and <area>, in page order
}

// has reports whether the page has an element with id.
func (pl *pageLinks) has(id string) bool {
	_, ok := slices.BinarySearch(pl.ids, id)
	return ok
}

func newLinkRecorder(out Output) *linkRecorder {
	return &linkRecorder{out: out, all: map[string]*pageLinks{}}
}

func (r *linkRecorder) Write(p string, data []byte) error {
	if err := r.out.Write(p, data); err != nil {
		return err
	}
	var pl *pageLinks
	if strings.HasSuffix(p, ".html") {
		pl = scanPage(data)
	}
	r.mu.Lock()
	r.all[p] = pl
	r.mu.Unlock()
	return nil
}

// brokenLink is one link that resolves to nothing.
type brokenLink struct {
	page string // output path of the page it is on
	href string
	msg  string
}

// checkLinks reports every internal link of rec's pages that resolves to
// no file, or to a page without its #fragment.
func checkLinks(m *Model, jobs []Job, rec *linkRecorder, diags *diag.List) {
	base := &url.URL{Path: "/"}
	if u, err := url.Parse(m.Config.BaseURL); err == nil && u.Host != "" {
		base = u
	}
	var pages []string // URLs of the HTML pages, for "did you mean"
	for p, pl := range rec.all {
		if pl != nil && strings.HasSuffix(p, "index.html") {
			pages = append(pages, "/"+strings.TrimSuffix(p, "index.html"))
		}
	}
	slices.Sort(pages)
	source := map[string]string{}
	for _, j := range jobs {
		source[j.Path] = j.Source
	}
	// A link to a page that failed to load is not a second mistake (its
	// own errors say what to fix); nor, in a site not yet given a home
	// page, is every layout's link to /.
	skip := map[string]bool{}
	for file := range m.Content.Failed {
		if _, _, u, msg := content.Locate(file); msg == "" {
			skip[pagePath(u)] = true
		}
	}
	if m.Content.Home() == nil {
		skip["index.html"] = true
	}
	for f := range skip {
		if _, ok := rec.all[f]; !ok {
			rec.all[f] = nil
		}
	}
	var broken []brokenLink
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range rec.all {
			if !yield(p) {
				return
			}
		}
	})
	plain := map[string]string{} // what each plainPath href resolves to
	for _, p := range paths {
		pl := rec.all[p]
		if pl == nil || skip[p] {
			continue
		}
		for _, href := range pl.hrefs {
			msg, ok := plain[href]
			if !ok {
				msg = resolveLink(base, p, href, rec.all, pages)
				if plainPath(href) {
					plain[href] = msg // the same on every page
				}
			}
			if msg != "" {
				broken = append(broken, brokenLink{page: p, href: href, msg: msg})
			}
		}
	}
	if len(broken) == 0 {
		return
	}
	loc := newLinkLocator(m)
	reported := map[string]bool{}
	for _, b := range broken {
		var ats []linkAt
		u, under := m.Config.Base.Site(b.href)
		switch {
		case m.Config.Base == site.Root || !strings.HasPrefix(b.href, "/"):
			ats = loc.find(source[b.page], b.href)
		case under:
			// Under a base path, Markdown's root-relative links were
			// written from the site's root ("/services/"): find that.
			ats = loc.find(source[b.page], u)
			if ats[0].pos.Line == 0 {
				ats = loc.find(source[b.page], b.href)
			} else {
				b.href = u
			}
		default:
			// A root-relative href outside the base path: not from
			// Markdown (its links are put under the path), so from a
			// layout that did not write it through url.
			ats = loc.findLayout(source[b.page], b.href)
		}
		for _, at := range ats {
			key := at.file + "\x00" + fmt.Sprint(at.pos) + "\x00" + b.href
			if reported[key] {
				continue
			}
			reported[key] = true
			if at.pos.Line == 0 {
				diags.Errorf(at.file, at.pos, "the page /%s links to %q, but %s", strings.TrimSuffix(b.page, "index.html"), b.href, b.msg)
				continue
			}
			diags.Errorf(at.file, at.pos, "link %q goes nowhere: %s", b.href, b.msg)
		}
	}
}

// resolveLink says why href on the page at output path p resolves to
// nothing ("" when it resolves, or is not internal).
func resolveLink(base *url.URL, p, href string, files map[string]*pageLinks, pages []string) string {
	basePath := strings.TrimSuffix(base.Path, "/") + "/"
	tp, frag := href, ""
	if !plainPath(href) {
		u, err := url.Parse(strings.TrimSpace(href))
		if err != nil || href == "" || href == "#" {
			return ""
		}
		if u.Scheme != "" || u.Host != "" {
			// Another site, mailto:, tel:, sms:; or an absolute URL, which a
			// service's web contact may give on the site's own host for a page
			// signpost does not build.
			return ""
		}
		pageURL := basePath + strings.TrimSuffix(p, "index.html")
		target := (&url.URL{Path: pageURL}).ResolveReference(u)
		tp, frag = target.Path, target.Fragment
	}
	if !strings.HasPrefix(tp, basePath) {
		msg := fmt.Sprintf("it is outside the site (%s): write a path under %s", tp, basePath)
		if basePath != "/" {
			msg += fmt.Sprintf(" (the site is served under %s: in a layout, write {{url \"/services/\"}} for a page's path from the site's root)", basePath)
		}
		return msg
	}
	rel := strings.TrimPrefix(tp, basePath)
	file := rel
	if rel == "" || strings.HasSuffix(rel, "/") {
		file = rel + "index.html"
	}
	pl, ok := files[file]
	if !ok {
		if _, dir := files[path.Join(rel, "index.html")]; dir && !strings.HasSuffix(rel, "/") {
			return fmt.Sprintf("there is no file %s: the page is %s/ (end the link with /)", tp, tp)
		}
		msg := fmt.Sprintf("no page or file of the site is at %s", tp)
		if a, ok := strings.CutPrefix(rel, "assets/"); ok {
			return msg + fmt.Sprintf(": if assets/%s exists, name it in a layout with {{asset %q}}, which gives the address it is published at (with its fingerprint); in Markdown, /assets/%s is rewritten to it", a, a, a)
		}
		if s := diag.Closest(strings.TrimSuffix(basePath, "/")+"/"+rel, prefixed(basePath, pages)); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		} else {
			msg += ": fix the path or create the page"
		}
		return msg
	}
	if frag == "" || pl == nil {
		return ""
	}
	if pl.has(frag) {
		return ""
	}
	where := "this page"
	if file != p {
		where = "the page " + tp
	}
	msg := fmt.Sprintf("%s has no element with id %q", where, frag)
	if s := diag.Closest(frag, pl.ids); s != "" {
		msg += fmt.Sprintf(": did you mean \"#%s\"?", s)
	} else {
		msg += ": link to a heading's or section's id, or remove the #fragment"
	}
	return msg
}

// plainPath reports whether href is a root-relative path that resolves to
// itself on every page: no dot segments, escapes, query, fragment, spaces
// or other characters url.Parse would treat specially. Most of a site's
// links are (a layout's {{url "/services/"}}, Markdown's "/section/page/"):
// they need no parsing, and what they resolve to does not depend on the
// page they are on.
func plainPath(href string) bool {
	if len(href) < 1 || href[0] != '/' || strings.HasPrefix(href, "//") {
		return false
	}
	for i := 0; i < len(href); i++ {
		switch c := href[i]; {
		case c == '.', c == '%', c == '?', c == '#', c == '\\', c <= ' ', c >= 0x7f:
			return false
		}
	}
	return true
}

func prefixed(basePath string, pages []string) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = strings.TrimSuffix(basePath, "/") + p
	}
	return out
}

// linkLocator finds where a link is written: in the page's own source,
// in another content or pathway file (an outcome's text is on its
// pathway's page too), or in a layout.
type linkLocator struct {
	sources map[string]sourceText // site file -> its text
	order   []string              // content and pathway files, then layouts, as searched
}

type sourceText struct {
	text      []byte
	firstLine int
}

type linkAt struct {
	file string
	pos  diag.Pos
}

func newLinkLocator(m *Model) *linkLocator {
	l := &linkLocator{sources: map[string]sourceText{}}
	add := func(file string, text []byte, firstLine int) {
		if _, ok := l.sources[file]; ok || text == nil {
			return
		}
		l.sources[file] = sourceText{text, firstLine}
		l.order = append(l.order, file)
	}
	for _, p := range m.Content.Pages {
		if body, err := p.Markdown(); err == nil {
			add(p.File, body, p.BodyLine)
		}
	}
	read := func(fsys fs.FS, dir, prefix string) {
		if fsys == nil {
			return
		}
		entries, _ := fs.ReadDir(fsys, dir)
		for _, e := range entries {
			if e.Type().IsRegular() {
				if b, err := fs.ReadFile(fsys, dir+"/"+e.Name()); err == nil {
					add(prefix+e.Name(), b, 1)
				}
			}
		}
	}
	for _, p := range m.Pathways {
		if m.fsys != nil {
			if b, err := fs.ReadFile(m.fsys, p.File); err == nil {
				add(p.File, b, 1)
			}
		}
	}
	read(m.fsys, render.LayoutsDir, render.LayoutsDir+"/")
	// A built-in layout is named as signpost's own: a broken link there
	// is a signpost bug, but still worth its line.
	read(render.BuiltinLayouts, "layouts", "(built-in) layouts/")
	return l
}

// find returns where href is written: every occurrence in the page's own
// source; else in the first other file that has it; else the page's
// source with no line.
func (l *linkLocator) find(own, href string) []linkAt {
	if at := l.in(own, href); len(at) > 0 {
		return at
	}
	for _, f := range l.order {
		if f == own {
			continue
		}
		if at := l.in(f, href); len(at) > 0 {
			return at
		}
	}
	return []linkAt{{file: own}}
}

// findLayout is find among the layouts only, where href is not the
// argument of url ({{url "/services/"}} writes it under the path).
func (l *linkLocator) findLayout(own, href string) []linkAt {
	for _, f := range l.order {
		if !strings.HasPrefix(f, render.LayoutsDir+"/") && !strings.HasPrefix(f, "(built-in) ") {
			continue
		}
		var out []linkAt
		for _, at := range l.in(f, href) {
			if !l.inURLCall(f, at.pos) {
				out = append(out, at)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return []linkAt{{file: own}}
}

// inURLCall reports whether the text at pos in file follows "url " (the
// argument of the template function url).
func (l *linkLocator) inURLCall(file string, pos diag.Pos) bool {
	src := l.sources[file]
	lines := bytes.Split(src.text, []byte("\n"))
	i := pos.Line - src.firstLine
	if i < 0 || i >= len(lines) {
		return false
	}
	runes := []rune(string(lines[i]))
	if pos.Col-2 < 0 || pos.Col-2 > len(runes) {
		return false
	}
	return strings.HasSuffix(string(runes[:pos.Col-2]), "url ")
}

// in finds href in file as written in a Markdown link, an autolink or an
// HTML attribute: the text after "(", "<" or a quote.
func (l *linkLocator) in(file, href string) []linkAt {
	src, ok := l.sources[file]
	if !ok {
		return nil
	}
	var out []linkAt
	esc := html.EscapeString(href)
	for _, needle := range []string{"(" + href + ")", "(" + href + " ", "<" + href + ">", `"` + href + `"`, "'" + href + "'", `"` + esc + `"`, "(" + esc + ")"} {
		text := src.text
		off := 0
		for {
			i := bytes.Index(text[off:], []byte(needle))
			if i < 0 {
				break
			}
			at := off + i + 1 // past the ( < or quote
			line := bytes.Count(src.text[:at], []byte("\n"))
			col := at - (bytes.LastIndexByte(src.text[:at], '\n') + 1) + 1
			col = len([]rune(string(src.text[at-col+1:at]))) + 1
			out = append(out, linkAt{file: file, pos: diag.Pos{Line: src.firstLine + line, Col: col}})
			off = at
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
