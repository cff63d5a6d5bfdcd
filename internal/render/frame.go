package render

import (
	"bytes"
	"html/template"
	"slices"
	"sync"

	"github.com/signpost-dev/signpost/internal/assets"
)

// The built-in header (with the emergency banner) and footer (with the
// ways to 999 that need no voice) read only what a whole build shares:
// the site's settings, its catalog and the Common of the build. They are
// the same bytes on every page, so a build renders them once, not once a
// page: they were about a third of the template work of an ordinary page.
// A site that overrides any of their templates gets them rendered for
// every page, as its own templates may read the page.

// Frame is the part of the page frame rendered once a build (View.Frame).
type Frame struct {
	Header, Footer template.HTML
}

// frameParts are the templates a Frame is made of: header.html calls
// banner.html, footer.html calls contact.html.
var frameParts = [...]string{"header.html", "banner.html", "footer.html", "contact.html"}

// frameCache holds the Frame of the last lists of a Common a renderer
// saw (the preview renders with a new Common after an edit).
type frameCache struct {
	mu    sync.Mutex
	key   frameKey
	valid bool
	frame *Frame
}

// frameKey is what a Frame reads of a Common: its footer links and its ways
// to 999 without a voice, by identity. The jobs of a build get copies of
// one Common (build.Job.jobModel), which share these slices; a new build
// makes new ones.
type frameKey struct {
	noVoice *ContactView
	voices  int
	footer  *Link
	links   int
}

func frameKeyOf(c *Common) frameKey {
	k := frameKey{voices: len(c.NoVoice), links: len(c.FooterLinks)}
	if k.voices > 0 {
		k.noVoice = &c.NoVoice[0]
	}
	if k.links > 0 {
		k.footer = &c.FooterLinks[0]
	}
	return k
}

// frame returns the Frame of the build whose Common is c, rendering it
// with v, a page's view, the first time; nil when a site's layouts
// define any of its templates or it does not render (then each page
// renders them itself, and reports the error as it would).
func (r *Renderer) frame(v *View, c *Common) *Frame {
	for _, name := range frameParts {
		if r.defined[name] || r.broken[name] {
			return nil
		}
	}
	key := frameKeyOf(c)
	r.frames.mu.Lock()
	defer r.frames.mu.Unlock()
	if r.frames.valid && r.frames.key == key {
		return r.frames.frame
	}
	var f *Frame
	var header, footer bytes.Buffer
	if r.tmpl.ExecuteTemplate(&header, "header.html", v) == nil && r.tmpl.ExecuteTemplate(&footer, "footer.html", v) == nil {
		f = &Frame{Header: template.HTML(header.String()), Footer: template.HTML(footer.String())}
	}
	r.frames.key, r.frames.valid, r.frames.frame = key, true, f
	return f
}

// The top of every page's head, head-top.html (from <!doctype html> to the
// stylesheet), reads only the site's settings and five fields of the page's
// view: its Content-Security-Policy, Manifest, HeadScripts, StyleURL and
// Style. Those are the same for every page of a kind (save those with a
// script of their own, such as an outcome page with the helpline finder),
// so a renderer renders it once for each set of them, not once a page: the
// stylesheet alone is most of a page's head, and escaping the policy and
// the scripts was about a third of the template work of an ordinary page.
// A site that overrides head-top.html gets it run for every page.

// headKey is what head-top.html reads of a view (besides the renderer's
// site, which is the same for all its pages). Its strings are compared by
// value; those of the pages of one kind share their bytes, so the
// comparison is of pointers and lengths.
type headKey struct {
	csp, styleURL string
	style         template.CSS
	scripts       []template.JS
	manifest      bool
}

func headKeyOf(v *View) headKey {
	return headKey{csp: v.CSP, styleURL: v.StyleURL, style: v.Style, scripts: v.HeadScripts, manifest: v.Manifest}
}

func (k headKey) equal(o headKey) bool {
	return k.csp == o.csp && k.styleURL == o.styleURL && k.style == o.style && k.manifest == o.manifest && slices.Equal(k.scripts, o.scripts)
}

// maxHeadTops bounds a renderer's head tops: a build has one for each kind
// of page and set of scripts, about a dozen, but the preview's renderer
// sees a new stylesheet after every edit of assets/site.css.
const maxHeadTops = 64

// headCache holds the head tops a renderer rendered, by their headKey.
type headCache struct {
	mu   sync.Mutex
	tops []headTop
}

type headTop struct {
	key  headKey
	html template.HTML // "" when it failed: each page runs it and reports the error
	min  *assets.Top   // html minified once (assets.MinifyTop); nil: minify each page whole
}

// headTop returns head-top.html rendered for v, once for all the views
// with v's headKey, and minified (nil when it cannot be minified apart
// from the rest of the page); "" when a site's layouts define
// head-top.html (then head.html runs it for each page).
func (r *Renderer) headTop(v *View) (template.HTML, *assets.Top) {
	const name = "head-top.html"
	if r.defined[name] || r.broken[name] {
		return "", nil
	}
	key := headKeyOf(v)
	r.heads.mu.Lock()
	for _, t := range r.heads.tops {
		if t.key.equal(key) {
			r.heads.mu.Unlock()
			return t.html, t.min
		}
	}
	r.heads.mu.Unlock()
	var b bytes.Buffer
	var html template.HTML
	var min *assets.Top
	if r.tmpl.ExecuteTemplate(&b, name, v) == nil {
		html = template.HTML(b.String())
		if t, ok := r.assets.MinifyTop(b.Bytes()); ok {
			min = &t
		}
	}
	// Keep the key's own copy of the scripts: the view's slice is the page's.
	key.scripts = slices.Clone(key.scripts)
	r.heads.mu.Lock()
	defer r.heads.mu.Unlock()
	if len(r.heads.tops) == maxHeadTops {
		r.heads.tops = r.heads.tops[:0]
	}
	r.heads.tops = append(r.heads.tops, headTop{key: key, html: html, min: min})
	return html, min
}
