// Package render turns the site model into HTML: it renders Markdown,
// assembles pages from templates and minifies the result.
//
// # Templates
//
// The built-in templates are embedded from layouts/ in this package, one
// named template per file. One frame, base.html, owns the document: head,
// skip link, banner, header, main, footer and scripts (with its parts
// head.html, banner.html, header.html and footer.html). Each page kind's
// template (page.html, outcome.html, pathway.html, ...) defines only
// "main", and is parsed into its own clone of the other templates, as
// Hugo's baseof does. Shared parts such as essentials.html render the
// essentials of an outcome for both the outcome page and every pathway
// page that reaches it. A site overrides any of them with a file of
// the same name in its own layouts/ folder; a site file with another name
// adds a template. Templates are Go html/template, so everything is escaped
// for its context.
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
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/diag"
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
	tmpl    *template.Template            // every template that is not a page kind's
	pages   map[string]*template.Template // a page kind's template, cloned from tmpl, by file name
	md      *markdown
	assets  *assets.Set
	preview bool
	icon    template.URL // the pathway pages' icon: see PathwayView.Icon
	// builtinIcon is the icon of a site with no assets/icon.svg: the
	// signpost the web manifest uses, as a data: URL in every page, so no
	// page asks for /favicon.ico (a 404 and a round trip on 2G).
	builtinIcon template.URL
}

// Options configures a Renderer.
type Options struct {
	Site    *config.Site
	Layouts fs.FS // the site folder; its layouts/ overrides built-ins (nil: none)
	Assets  *assets.Set
	Preview bool // pages are for signpost serve: no service worker, live reload
}

// New parses the built-in templates and the site's overrides. Template
// errors are reported against the site's layout file.
func New(opts Options, diags *diag.List) *Renderer {
	r := &Renderer{site: opts.Site, md: newMarkdown(opts.Site.UnsafeHTML, opts.Site.Base), assets: opts.Assets, preview: opts.Preview}
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
			continue
		}
		if probe.Lookup("main") != nil {
			kinds = append(kinds, n)
			continue
		}
		if _, err := root.New(n).Parse(sources[n]); err != nil {
			diags.Errorf(files[n], templateErrPos(err), "template error: %v", err)
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
			continue
		}
		pages[n] = t
	}
	return root, pages
}

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
	var buf bytes.Buffer
	t, entry := r.tmpl, name
	if p, ok := r.pages[name]; ok {
		t, entry = p, "base.html"
	}
	if err := t.ExecuteTemplate(&buf, entry, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return r.assets.MinifyHTML(buf.Bytes())
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
			return "", fmt.Errorf("no asset %q in assets/", name)
		},
		"hasAsset":    func(name string) bool { _, ok := r.assets.URL(name); return ok },
		"builtinIcon": func() template.URL { return r.builtinIcon },
		"abs": func(u string) string {
			if r.site.BaseURL == "" {
				return u
			}
			return strings.TrimSuffix(r.site.BaseURL, "/") + u
		},
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
