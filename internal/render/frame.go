package render

import (
	"bytes"
	"html/template"
	"sync"
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
