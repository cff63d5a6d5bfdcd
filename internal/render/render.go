// Package render turns the site model into HTML: it renders Markdown,
// assembles pages from templates and minifies the result.
//
// # Templates
//
// The built-in templates are embedded from layouts/ in this package, one
// named template per file. One frame, base.html, owns the document: head,
// skip link, banner, header, main, footer and scripts (with its parts
// head.html, which starts with head-top.html, banner.html, header.html and
// footer.html). Each page kind's
// template (page.html, outcome.html, pathway.html, ...) defines only
// "main", and is parsed into its own clone of the other templates, as
// Hugo's baseof does. Shared parts such as essentials.html render the
// essentials of an outcome for both the outcome page and every pathway
// page that reaches it. A site overrides any of them with a file of
// the same name in its own layouts/ folder; a site file with another name
// adds a template. Templates are Go html/template, so everything is escaped
// for its context. Their words come from the site's catalog (package i18n)
// through the t function, and the words the page's scripts show ride on
// <main> as data attributes (View.ScriptText), so no template, no Go code
// here and no script holds reader-facing English of its own.
//
// # Pages
//
// Every page has the document language, a skip link, the emergency banner
// before anything else visible, header/main/footer landmarks, and the quick
// exit when the site has one. Styles and scripts are inlined (or linked,
// when the stylesheet is too large to inline) and allowed by a
// Content-Security-Policy made of their hashes, so no page needs
// 'unsafe-inline' and nothing is loaded from another origin.
//
// Render does not read files other than layouts and does not write any:
// package build decides what is rendered and where it goes.
package render

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"unicode/utf8"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// BuiltinLayouts holds the built-in templates, as layouts/<name>.html.
//
//go:embed layouts/*.html
var BuiltinLayouts embed.FS

// LayoutsDir is the folder of a site's template overrides.
const LayoutsDir = sitefs.LayoutsDir

// Renderer renders pages for one site. It is safe for concurrent use.
type Renderer struct {
	site    *config.Site
	text    *i18n.Catalog
	tmpl    *template.Template            // every template that is not a page kind's
	files   map[string]string             // template file name -> the file for messages: layouts/x.html or (built-in) layouts/x.html
	sources map[string]string             // template file name -> its text, for the columns of errors
	broken  map[string]bool               // templates that failed to parse (reported): what calls them fails too
	pages   map[string]*template.Template // a page kind's template, cloned from tmpl, by file name
	md      *markdown
	assets  *assets.Set
	preview bool
	icon    template.URL // the pathway pages' icon: see PathwayView.Icon
	// builtinIcon is the icon of a site with no assets/icon.svg: the
	// signpost the web manifest uses, as a data: URL in every page, so no
	// page asks for /favicon.ico (a 404 and a round trip on 2G).
	builtinIcon template.URL

	defined map[string]bool // template names a site's layout defines (overrides)
	frames  frameCache      // the built-in header and footer of the last Common
	heads   headCache       // the built-in head-top.html, by what it reads of a view
	// csps holds one copy of each page's Content-Security-Policy: pages
	// share a handful, and the build keeps every page's until it writes
	// _headers.
	csps sync.Map // string -> string
	// pageBufs holds the buffers templates execute into (*bytes.Buffer),
	// each grown to a page's size once rather than for every page.
	pageBufs sync.Pool
}

// Options configures a Renderer.
type Options struct {
	Site    *config.Site
	Layouts fs.FS // the site folder; its layouts/ overrides built-ins (nil: none)
	Assets  *assets.Set
	Text    *i18n.Catalog // the site's text (nil: the built-in English)
	Preview bool          // pages are for signpost serve: no service worker, live reload
}

// New parses the built-in templates and the site's overrides. Template
// errors are reported against the site's layout file.
func New(opts Options, diags *diag.List) *Renderer {
	r := &Renderer{site: opts.Site, text: opts.Text, md: newMarkdown(opts.Site.UnsafeHTML, opts.Site.Base, opts.Assets.URL), assets: opts.Assets, preview: opts.Preview}
	if r.text == nil {
		r.text = i18n.English()
	}
	r.tmpl, r.pages = r.parseTemplates(opts.Layouts, diags)
	r.icon = iconData(opts.Assets)
	if r.icon == "" {
		r.builtinIcon = svgData(offline.IconSVG(offline.BrandColour(opts.Assets.Style.Code)))
	}
	return r
}

// parseTemplates parses the built-in templates and the site's overrides.
// A template that defines "main" is a page kind's (home.html, outcome.html,
// ...): it is parsed into its own clone of the other templates, so that
// each kind's "main" fills the one frame, base.html. Any other template is
// a part (head.html, banner.html, essentials.html, ...) shared by all.
func (r *Renderer) parseTemplates(site fs.FS, diags *diag.List) (*template.Template, map[string]*template.Template) {
	sources := map[string]string{} // template name -> source
	files := map[string]string{}   // template name -> file for messages
	r.files, r.sources, r.broken, r.defined = files, sources, map[string]bool{}, map[string]bool{}
	builtin, _ := fs.Glob(BuiltinLayouts, "layouts/*.html")
	for _, f := range builtin {
		b, _ := BuiltinLayouts.ReadFile(f)
		sources[path.Base(f)] = string(b)
		files[path.Base(f)] = "(built-in) " + f
	}
	if site != nil {
		sitefs.Layouts.Walk(site, diags, func(file string) {
			b, err := sitefs.Layouts.Read(site, file)
			if err != nil {
				diags.Errorf(file, diag.Pos{}, "%v", err)
				return
			}
			if !diag.CheckText(file, b, diags) {
				return
			}
			checkLayout(file, b, diags)
			name := path.Base(file)
			sources[name] = string(b)
			files[name] = file
		})
	}
	root := template.New("").Funcs(r.funcs())
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	slices.Sort(names)
	var kinds []string
	for _, n := range names {
		probe, err := template.New(n).Funcs(r.funcs()).Parse(sources[n])
		if err != nil {
			diags.Errorf(files[n], templateErrPos(err), "template error: %v", err)
			r.broken[n] = true
			continue
		}
		if !strings.HasPrefix(files[n], "(built-in)") {
			r.checkAssetNames(files[n], probe, diags)
			for _, d := range probe.Templates() {
				r.defined[d.Name()] = true
			}
		}
		if probe.Lookup("main") != nil {
			kinds = append(kinds, n)
			continue
		}
		if _, err := root.New(n).Parse(sources[n]); err != nil {
			diags.Errorf(files[n], templateErrPos(err), "template error: %v", err)
			r.broken[n] = true
		}
	}
	pages := make(map[string]*template.Template, len(kinds))
	for _, n := range kinds {
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(n).Parse(sources[n])
		}
		if err != nil {
			diags.Errorf(files[n], templateErrPos(err), "template error: %v", err)
			r.broken[n] = true
			continue
		}
		pages[n] = t
	}
	return root, pages
}

// t is the template function t: key's text, plain (html/template escapes
// it for where it stands) or, for a text with a link, HTML.
func (r *Renderer) t(key string, args ...any) (any, error) {
	if !r.text.Has(key) {
		if c := r.text.Closest(key); c != "" {
			return nil, fmt.Errorf("t: no text %q in the catalog: did you mean %q?", key, c)
		}
		return nil, fmt.Errorf("t: no text %q in the catalog (`signpost i18n` lists every key)", key)
	}
	if len(args)%2 != 0 {
		return nil, fmt.Errorf("t %q: the arguments must be pairs of placeholder name and value", key)
	}
	if r.text.Link(key) {
		return r.text.HTML(key, args...), nil
	}
	return r.text.T(key, args...), nil
}

// Text is the renderer's catalog.
func (r *Renderer) Text() *i18n.Catalog { return r.text }

// templateErrPos pulls the line out of a text/template error
// ("template: name:12: ...").
func templateErrPos(err error) diag.Pos {
	var name string
	var line int
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 {
		if _, e := fmt.Sscanf(strings.ReplaceAll(msg[i+2:], ":", " "), "%s %d", &name, &line); e == nil {
			return diag.Pos{Line: line}
		}
	}
	return diag.Pos{}
}

// execute renders a page with the template of its kind (name, such as
// "outcome.html") in the frame base.html, and minifies the result. A site
// template of that name that does not define "main" is a whole document of
// its own, as layouts were before the frame existed, and is run as it is.
func (r *Renderer) execute(name string, data any) ([]byte, error) {
	buf, _ := r.pageBufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		buf.Reset()
		r.pageBufs.Put(buf)
	}()
	t, entry := r.tmpl, name
	if p, ok := r.pages[name]; ok {
		t, entry = p, "base.html"
	}
	if err := t.ExecuteTemplate(buf, entry, data); err != nil {
		return nil, r.templateError(name, err)
	}
	if r.siteLayouts() {
		if err := r.checkLandmarks(name, buf.Bytes()); err != nil {
			return nil, err
		}
	}
	// The minified page is new bytes: buf can be used again. A page that
	// starts with the built-in head top has only the rest minified.
	if v, ok := data.(*View); ok && v.headMin != nil && hasPrefix(buf.Bytes(), string(v.HeadTop)) {
		if out, ok, err := r.assets.MinifyHTMLAfter(*v.headMin, buf.Bytes()[len(v.HeadTop):]); ok || err != nil {
			return out, err
		}
	}
	return r.assets.MinifyHTML(buf.Bytes())
}

// hasPrefix is bytes.HasPrefix for a string prefix, without a copy.
func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// Markdown renders a page body starting at line bodyLine of file.
func (r *Renderer) Markdown(file string, body []byte, bodyLine int, diags *diag.List) template.HTML {
	return r.md.Render(file, body, bodyLine, diags)
}

// InlineMarkdown renders a one-paragraph Markdown string written at pos.
func (r *Renderer) InlineMarkdown(file string, pos diag.Pos, src string, diags *diag.List) template.HTML {
	return r.md.Inline(file, pos, src, diags)
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		// url is where a site URL ("/services/") is served: under the
		// site's base path (config.Site.Base). Every href and src of a
		// layout that names a page or file of the site goes through it.
		"url": r.site.Base.URL,
		// subpath is the site's base path when it is not the root ("" at
		// the root): the <html data-base> the scripts read.
		"subpath": func() string {
			if r.site.Base == site.Root {
				return ""
			}
			return string(r.site.Base)
		},
		"asset": func(name string) (string, error) {
			if u, ok := r.assets.URL(name); ok {
				return r.site.Base.URL(u), nil
			}
			return "", assetError(name)
		},
		"hasAsset":    func(name string) bool { _, ok := r.assets.URL(name); return ok },
		"builtinIcon": func() template.URL { return r.builtinIcon },
		"abs": func(u string) string {
			if r.site.BaseURL == "" {
				return u
			}
			return strings.TrimSuffix(r.site.BaseURL, "/") + u
		},
		// t is a text of the catalog (package i18n), with its placeholders
		// given as pairs: {{t "contact_phone" "number" .Value}}.
		"t": r.t,
		// list joins strings with the catalog's list_separator.
		"list": func(items []string) string { return strings.Join(items, r.text.T("list_separator")) },
		"tel": func(number string) template.URL {
			var b strings.Builder
			b.WriteString("tel:")
			for i, c := range number {
				if c >= '0' && c <= '9' || c == '+' && i == 0 {
					b.WriteRune(c)
				}
			}
			return template.URL(b.String())
		},
	}
}

// TemplateError is a template that failed as it ran (a function's error,
// a field a view does not have, an escaping error found at the first run),
// at the line and column of the action in its file: layouts/<name>.html
// for a site's own template. Build reports it as a diagnostic, as check
// does, so the two say the same.
type TemplateError struct {
	File string
	Pos  diag.Pos
	Msg  string           // "" when the failure follows from a template that did not parse, which is reported
	Also []*TemplateError // more errors of the same page
}

func (e *TemplateError) Error() string {
	return diag.Diagnostic{File: e.File, Line: e.Pos.Line, Col: e.Pos.Col, Message: e.Msg}.String()
}

// execErrRE reads text/template's "template: NAME:LINE:COL: MSG" and
// html/template's "html/template:NAME:LINE:COL: MSG" (COL optional).
var execErrRE = regexp.MustCompile(`^(?:template: |html/template:)([^:\s]+):(\d+)(?::(\d+))?: (?s:(.*))$`)

// noSuchRE is the error of a {{template "name"}} that names no template.
var noSuchRE = regexp.MustCompile(`no such template "([^"]*)"`)

// actionRE is text/template's context of a failed action.
var actionRE = regexp.MustCompile(`^executing "[^"]*" at <(.*?)>: (?:error calling \w+: )?(?s:(.*))$`)

// templateError turns an error of running the template name into a
// TemplateError at the file and line the error names (name's own file
// when it names none).
func (r *Renderer) templateError(name string, err error) error {
	te := &TemplateError{File: r.files[name], Msg: "template error: " + err.Error()}
	if te.File == "" {
		te.File = name
	}
	m := execErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return te
	}
	if f, ok := r.files[m[1]]; ok {
		te.File = f
	}
	te.Pos.Line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		// text/template counts bytes from 0 after the line's start; an
		// author counts characters from 1.
		off, _ := strconv.Atoi(m[3])
		te.Pos.Col = off + 1
		if lines := strings.Split(r.sources[m[1]], "\n"); te.Pos.Line >= 1 && te.Pos.Line <= len(lines) && off <= len(lines[te.Pos.Line-1]) {
			te.Pos.Col = utf8.RuneCountInString(lines[te.Pos.Line-1][:off]) + 1
		}
	}
	msg := m[4]
	if called := noSuchRE.FindStringSubmatch(msg); called != nil && r.broken[called[1]] {
		te.Msg = "" // its own parse error is the one to fix
		return te
	}
	if a := actionRE.FindStringSubmatch(msg); a != nil {
		msg = fmt.Sprintf("{{%s}} fails: %s", a[1], a[2])
	}
	te.Msg = "template error: " + msg
	return te
}

// assetError says why {{asset name}} names no file of assets/, and how to
// name one.
func assetError(name string) error {
	if strings.Contains(name, `\`) {
		return fmt.Errorf("asset %q has a backslash: name the file with forward slashes, relative to assets/, like {{asset %q}}", name, strings.ReplaceAll(name, `\`, "/"))
	}
	return fmt.Errorf("no file assets/%s: add it, or name a file of assets/ relative to that folder, like {{asset \"img/map.svg\"}}", strings.TrimPrefix(name, "/"))
}

// checkAssetNames reports, as running it would, each {{asset "name"}} of a
// site's template whose name is written out and names no file of assets/:
// also in a part of the template that no page of the site runs, so that a
// layout is checked whole, by check and build alike.
func (r *Renderer) checkAssetNames(file string, t *template.Template, diags *diag.List) {
	for _, d := range t.Templates() {
		if d.Tree == nil {
			continue
		}
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n != nil {
					for _, c := range n.Nodes {
						walk(c)
					}
				}
			case *parse.ActionNode:
				walk(n.Pipe)
			case *parse.PipeNode:
				if n != nil {
					for _, c := range n.Cmds {
						walk(c)
					}
				}
			case *parse.CommandNode:
				for _, a := range n.Args {
					walk(a)
				}
				if len(n.Args) != 2 {
					return
				}
				id, ok1 := n.Args[0].(*parse.IdentifierNode)
				name, ok2 := n.Args[1].(*parse.StringNode)
				if !ok1 || !ok2 || id.Ident != "asset" {
					return
				}
				if _, ok := r.assets.URL(name.Text); ok {
					return
				}
				loc, _ := d.Tree.ErrorContext(n)
				err := fmt.Errorf("template: %s: executing %q at <%s>: error calling asset: %w", loc, d.Name(), n, assetError(name.Text))
				te := r.templateError(path.Base(file), err).(*TemplateError)
				diags.Errorf(file, te.Pos, "%s", te.Msg)
			case *parse.IfNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.Pipe)
				walk(n.List)
				walk(n.ElseList)
			case *parse.TemplateNode:
				walk(n.Pipe)
			}
		}
		walk(d.Tree.Root)
	}
}
