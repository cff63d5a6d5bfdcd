package render

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/site"
)

// View is what every template receives. Fields that a page kind does not
// use are zero.
type View struct {
	Site     *config.Site
	Kind     string // the site.Kind's Name: home, page, outcome, service, services, areas, area, pathway, offline, 404
	URL      string // root-relative URL of the page; "" for 404
	Title    string // the page's h1
	DocTitle string // the <title> prefix; defaults to Title
	// DocumentTitle is the text of <title>: the catalog's doc_title with
	// DocTitle and the site's title, or the site's title alone when
	// DocTitle is empty. Filled in by the renderer.
	DocumentTitle string
	// Icon is the page's icon: the site's assets/icon.svg (a pathway page
	// has it as a data: URL, PathwayView.Icon) or, for a site without one,
	// the built-in icon as a data: URL. Filled in by the renderer.
	Icon    template.URL
	Summary string
	Content template.HTML
	Page    *content.Page

	// Head and scripts, filled in by the renderer.
	CSP         string
	Style       template.CSS
	StyleURL    string
	HeadScripts []template.JS
	BodyScripts []template.JS
	ScriptURLs  []string
	// ScriptText is the words the page's scripts show, from the site's
	// catalog, as data attributes of <main> (base.html): data- and the
	// key, its underscores as hyphens (data-finder-local-none); a plural text has
	// one per form (data-finder-found-one, data-finder-found-other).
	// Empty when they show none.
	ScriptText template.HTMLAttr
	Manifest   bool
	Clock      bool // the page shows "open now": <main> carries the site's time zone

	// Review is the page's "Page last reviewed" line; nil without [review].
	Review *ReviewView

	FooterLinks []Link
	Pathways    []Link // on the home page
	// NoVoice is the site's ways to the emergency services that need no
	// voice call: a section at the foot of every page, which the banner
	// links to ("Cannot speak?").
	NoVoice []ContactView
	// Frame is the built-in header and footer, rendered once a build
	// (frame.go); nil when a site's layouts override them, and then
	// base.html runs header.html and footer.html for the page.
	Frame *Frame
	// HeadTop is the built-in head-top.html (the document up to the
	// stylesheet) rendered once for all the pages with this page's CSP,
	// Manifest, HeadScripts, StyleURL and Style (frame.go); "" when a
	// site's layouts override it, and then head.html runs it for the page.
	HeadTop template.HTML
	headMin *assets.Top // HeadTop minified, for execute; nil: minify the page whole

	Outcome  *OutcomeView
	Service  *ServiceView
	Services *ServicesView
	Pathway  *PathwayView
}

// Link is a titled link to a page of the site.
type Link struct {
	URL, Title, Summary string
}

// Common is what every page of one build shares.
type Common struct {
	FooterLinks []Link
	Pathways    []Link
	NoVoice     []ContactView // the site's ways to 999 that need no voice call (Renderer.NoVoice)
	Manifest    bool          // the build writes /manifest.webmanifest
	Scripts     []string      // extra built-in scripts on every page, run from the head (e.g. service worker registration): they must not need the body
	ScriptURLs  []string      // scripts loaded by URL on every page (the preview's live reload)
}

// Page is a rendered page: its HTML and the Content-Security-Policy its
// <meta> element carries, for the build's _headers.
type Page struct {
	HTML []byte
	CSP  string
}

// page fills in the parts of a view that every page has, and renders it
// with the template of its kind. extra names built-in scripts the page
// uses besides its kind's (the helpline finder on an outcome page).
func (r *Renderer) page(v *View, c *Common, kind site.Kind, extra ...string) (Page, error) {
	v.Site = r.site
	v.Kind = kind.Name
	if v.DocTitle == "" {
		v.DocTitle = v.Title
	}
	v.DocumentTitle = r.site.Title
	if v.DocTitle != "" {
		v.DocumentTitle = r.text.T("doc_title", "page", v.DocTitle, "site", r.site.Title)
	}
	v.Icon = r.pageIcon(v)
	if v.Review == nil && v.Page != nil && v.Page.Review != nil {
		v.Review = r.reviewView(v.Page.Review.Reviewed, v.Page.Review.NextReview)
	}
	v.FooterLinks = c.FooterLinks
	v.NoVoice = c.NoVoice
	v.Manifest = c.Manifest
	v.ScriptURLs = c.ScriptURLs
	v.Frame = r.frame(v, c)
	if kind.Name == site.Home.Name {
		v.Pathways = c.Pathways
	}
	scriptHashes := []string{}
	var scripts []string // every script of the page, in order
	add := func(dst *[]template.JS, names []string) error {
		order, err := assets.Order(names...)
		if err != nil {
			return err
		}
		scripts = append(scripts, order...)
		for _, name := range order {
			s, ok := r.assets.Script(name)
			if !ok {
				return fmt.Errorf("no built-in script %q", name)
			}
			*dst = append(*dst, template.JS(s.Code))
			scriptHashes = append(scriptHashes, "'"+s.Hash+"'")
		}
		return nil
	}
	// Scripts every page has go in the head, so that the part of the page
	// every page of a kind shares is as long as it can be (it is compressed
	// once a build); a page's own scripts, which need its body, at the end.
	if err := add(&v.HeadScripts, slices.Concat([]string{"base"}, c.Scripts)); err != nil {
		return Page{}, err
	}
	body := slices.Concat(kind.Scripts, extra)
	v.Clock = slices.Contains(body, "open-now")
	if err := add(&v.BodyScripts, body); err != nil {
		return Page{}, err
	}
	v.ScriptText = r.scriptText(assets.TextKeys(scripts))
	style := r.assets.StyleFor(kind)
	if r.assets.StyleURL != "" {
		v.StyleURL = r.assets.StyleURL
	} else {
		v.Style = template.CSS(style.Code)
	}
	csp := CSP(style, r.assets.StyleURL != "", scriptHashes)
	shared, _ := r.csps.LoadOrStore(csp, csp)
	v.CSP = shared.(string)
	v.HeadTop, v.headMin = r.headTop(v)
	html, err := r.execute(kind.Template(), v)
	return Page{HTML: html, CSP: v.CSP}, err
}

// pageIcon is the icon the page links (View.Icon).
func (r *Renderer) pageIcon(v *View) template.URL {
	u, ok := r.assets.URL("icon.svg")
	switch {
	case !ok:
		return r.builtinIcon
	case v.Pathway != nil && v.Pathway.Icon != "":
		return v.Pathway.Icon
	}
	return template.URL(r.site.Base.URL(u))
}

// scriptText writes the texts of keys as data attributes (View.ScriptText).
func (r *Renderer) scriptText(keys []string) template.HTMLAttr {
	var b strings.Builder
	for _, k := range keys {
		name := " data-" + strings.ReplaceAll(k, "_", "-")
		forms := r.text.Forms(k)
		if !r.text.Plural(k) {
			b.WriteString(name + `="` + template.HTMLEscapeString(forms["other"]) + `"`)
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(forms)) {
			b.WriteString(name + "-" + f + `="` + template.HTMLEscapeString(forms[f]) + `"`)
		}
	}
	return template.HTMLAttr(b.String())
}

// CSP is the Content-Security-Policy of a page: its own origin only, and
// inline style and scripts allowed by hash, never 'unsafe-inline'.
// frame-ancestors is left to the _headers file, since browsers ignore it in
// a <meta> element.
func CSP(style assets.Inline, styleLinked bool, scriptHashes []string) string {
	styleSrc := "'self'"
	if !styleLinked {
		styleSrc += " '" + style.Hash + "'"
	}
	scriptSrc := "'self'"
	if len(scriptHashes) > 0 {
		scriptSrc += " " + strings.Join(scriptHashes, " ")
	}
	return "default-src 'self'; script-src " + scriptSrc + "; style-src " + styleSrc +
		"; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"
}

// Ordinary renders an ordinary page or the home page.
func (r *Renderer) Ordinary(p *content.Page, c *Common, diags *diag.List) (Page, error) {
	v := &View{URL: p.URL, Title: p.Title, Summary: p.Summary, Page: p}
	kind := site.Ordinary
	if p.Kind == content.Home {
		kind = site.Home
		v.DocTitle = r.text.T("home_doc_title")
	}
	v.Content = r.body(p, diags)
	return r.page(v, c, kind)
}

// body renders page p's Markdown body.
func (r *Renderer) body(p *content.Page, diags *diag.List) template.HTML {
	md, err := p.Markdown()
	if err != nil {
		diags.Errorf(p.File, diag.Pos{}, "%v", err)
		return ""
	}
	return r.Markdown(p.File, md, p.BodyLine, diags)
}

// ReviewView is what a page says of its review, as NHS.UK pages do: "Page
// last reviewed: 1 November 2026", "Next review due: 1 May 2027".
type ReviewView struct {
	Reviewed, Next string // "" when the date is not given
}

// reviewView formats review dates in the site's language; nil when
// neither is set.
func (r *Renderer) reviewView(reviewed, next time.Time) *ReviewView {
	if reviewed.IsZero() && next.IsZero() {
		return nil
	}
	return &ReviewView{Reviewed: r.text.Date(reviewed), Next: r.text.Date(next)}
}
