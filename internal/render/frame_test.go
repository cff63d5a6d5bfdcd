package render

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/site"
)

// frameCommon is a Common with footer links and the fixture's ways to 999
// without a voice, so that every part of the frame has something to show.
func frameCommon(r *Renderer, set *content.Set) *Common {
	return &Common{NoVoice: r.NoVoice(set), FooterLinks: []Link{{URL: "/about/", Title: "About us"}}}
}

// TestFrameReadsNoPage is why a build may render the built-in header and
// footer once: executed for two pages that differ in every field a page
// has, they are the same bytes. A change to header.html, banner.html,
// footer.html or contact.html that reads the page fails here; such a part
// cannot be in the Frame.
func TestFrameReadsNoPage(t *testing.T) {
	r, set, _ := pathwayFixture(t)
	c := frameCommon(r, set)
	one := &View{Site: r.site, Kind: site.Ordinary.Name, URL: "/one/", Title: "One", DocTitle: "First", Summary: "The first page.",
		Content: "<p>one</p>", Page: set.Pages[0], FooterLinks: c.FooterLinks, NoVoice: c.NoVoice, CSP: "a", Clock: true,
		Review: &ReviewView{Reviewed: "1 May 2026"}}
	two := &View{Site: r.site, Kind: site.Home.Name, URL: "/", Title: "Two", Summary: "Another.", Content: "<p>two</p>",
		FooterLinks: c.FooterLinks, NoVoice: c.NoVoice, Pathways: []Link{{URL: "/pathways/x/", Title: "X"}}, Manifest: true,
		Outcome: &OutcomeView{}, Service: &ServiceView{}, Pathway: &PathwayView{}}
	for _, part := range []string{"header.html", "footer.html"} {
		var a, b strings.Builder
		if err := r.tmpl.ExecuteTemplate(&a, part, one); err != nil {
			t.Fatal(err)
		}
		if err := r.tmpl.ExecuteTemplate(&b, part, two); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s differs between two pages:\n%s\n---\n%s", part, a.String(), b.String())
		}
	}
	f := r.frame(one, c)
	if f == nil {
		t.Fatal("no Frame for a site with the built-in header and footer")
	}
	for _, want := range []string{`id="exit"`, `class="emergency"`} {
		if !strings.Contains(string(f.Header), want) {
			t.Errorf("the Frame's header lacks %s:\n%s", want, f.Header)
		}
	}
	for _, want := range []string{`id="no-voice"`, "About us"} {
		if !strings.Contains(string(f.Footer), want) {
			t.Errorf("the Frame's footer lacks %s:\n%s", want, f.Footer)
		}
	}
}

// TestFrameSameBytes: pages rendered with the Frame are byte for byte the
// pages rendered with header.html and footer.html run for each.
func TestFrameSameBytes(t *testing.T) {
	cached, set, _ := pathwayFixture(t)
	each, _, _ := pathwayFixture(t)
	each.defined["footer.html"] = true // as if the site overrode it: no Frame
	c := frameCommon(cached, set)
	render := func(r *Renderer, p *content.Page) (Page, error) {
		var d diag.List
		if p.Kind == content.ServicePage {
			return r.ServicePage(p, c, &d)
		}
		return r.OutcomePage(p, set, c, &d)
	}
	for _, p := range set.Pages {
		a, err := render(cached, p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := render(each, p)
		if err != nil {
			t.Fatal(err)
		}
		if string(a.HTML) != string(b.HTML) {
			t.Errorf("%s: the page with the Frame differs from the page without:\n%s\n---\n%s", p.File, a.HTML, b.HTML)
		}
	}
	if !cached.frames.valid || cached.frames.frame == nil {
		t.Error("the renderer made no Frame")
	}
	if each.frames.valid {
		t.Error("a renderer whose site overrides footer.html made a Frame")
	}
}

// TestFrameOverridden: a site's own footer.html, here one that names the
// page, runs for every page.
func TestFrameOverridden(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":           {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"content/index.md":    {Data: []byte("+++\ntitle = \"Home\"\n+++\nHello.\n")},
		"content/a.md":        {Data: []byte("+++\ntitle = \"Page A\"\n+++\nA.\n")},
		"content/b.md":        {Data: []byte("+++\ntitle = \"Page B\"\n+++\nB.\n")},
		"layouts/footer.html": {Data: []byte("<footer><p>You are on {{.Title}}.</p></footer>")},
	}
	diags := &diag.List{}
	cfg := config.Load(fsys, diags)
	set := content.Load(fsys, content.Options{}, diags)
	r := New(Options{Site: cfg, Layouts: fsys, Assets: assets.Load(fsys, cfg.Budget.Page, diags)}, diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	n := 0
	for _, p := range set.Pages {
		if p.Kind != content.Ordinary {
			continue
		}
		n++
		page, err := r.Ordinary(p, &Common{}, diags)
		if err != nil {
			t.Fatal(err)
		}
		if want := "You are on " + p.Title + "."; !strings.Contains(string(page.HTML), want) {
			t.Errorf("%s lacks its own footer %q:\n%s", p.File, want, page.HTML)
		}
	}
	if n != 2 {
		t.Fatalf("%d ordinary pages, want 2", n)
	}
}

// TestExecuteOwnBytes: the buffer a page's template ran into is used again
// for the next page (Renderer.pageBufs), so a page's bytes must be its own.
// Rendering a second page must leave the first as it was.
func TestExecuteOwnBytes(t *testing.T) {
	r, set, _ := pathwayFixture(t)
	c := frameCommon(r, set)
	render := func(title, body string) []byte {
		v := &View{URL: "/" + title + "/", Title: title, Summary: "A page.", Content: template.HTML(body)}
		p, err := r.page(v, c, site.Ordinary)
		if err != nil {
			t.Fatal(err)
		}
		return p.HTML
	}
	first := render("First", "<p>"+strings.Repeat("one ", 500)+"</p>")
	kept := string(first)
	for i := range 3 {
		render("Other", "<p>"+strings.Repeat("two ", 1000*(i+1))+"</p>")
	}
	if string(first) != kept {
		t.Fatal("rendering later pages changed the bytes of an earlier one")
	}
}
