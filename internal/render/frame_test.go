package render

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
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

// TestFrameSameBytes: pages rendered with the Frame and HeadTop are byte
// for byte the pages rendered with header.html, footer.html and
// head-top.html run for each.
func TestFrameSameBytes(t *testing.T) {
	cached, set, _ := pathwayFixture(t)
	each, _, _ := pathwayFixture(t)
	each.defined["footer.html"] = true   // as if the site overrode it: no Frame
	each.defined["head-top.html"] = true // nor HeadTop
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
	if len(cached.heads.tops) == 0 {
		t.Error("the renderer made no HeadTop")
	}
	if len(each.heads.tops) != 0 {
		t.Error("a renderer whose site overrides head-top.html made a HeadTop")
	}
}

// overriddenPages renders the ordinary pages of a small site (Page A and
// Page B) with more files, such as a layout of its own; it returns each
// page's HTML by its title.
func overriddenPages(t *testing.T, more map[string]string) map[string]string {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml":        {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"content/index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\nHello.\n")},
		"content/a.md":     {Data: []byte("+++\ntitle = \"Page A\"\n+++\nA.\n")},
		"content/b.md":     {Data: []byte("+++\ntitle = \"Page B\"\n+++\nB.\n")},
	}
	for f, data := range more {
		fsys[f] = &fstest.MapFile{Data: []byte(data)}
	}
	diags := &diag.List{}
	cfg := config.Load(fsys, diags)
	set := content.Load(fsys, content.Options{}, diags)
	r := New(Options{Site: cfg, Layouts: fsys, Assets: assets.Load(fsys, cfg.Budget.Page, diags), Text: i18n.Load(fsys, cfg.Language, diags)}, diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	pages := map[string]string{}
	for _, p := range set.Pages {
		if p.Kind != content.Ordinary {
			continue
		}
		page, err := r.Ordinary(p, &Common{}, diags)
		if err != nil {
			t.Fatal(err)
		}
		pages[p.Title] = string(page.HTML)
	}
	if len(pages) != 2 {
		t.Fatalf("%d ordinary pages, want 2", len(pages))
	}
	return pages
}

// TestFrameOverridden: a site's own footer.html, here one that names the
// page, runs for every page.
func TestFrameOverridden(t *testing.T) {
	for title, html := range overriddenPages(t, map[string]string{"layouts/footer.html": "<footer><p>You are on {{.Title}}.</p></footer>"}) {
		if want := "You are on " + title + "."; !strings.Contains(html, want) {
			t.Errorf("%s lacks its own footer %q:\n%s", title, want, html)
		}
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

// TestHeadTopReadsOnlyItsKey is why a renderer may render head-top.html
// once for all the pages with one headKey: executed for two pages that
// share only its fields, it is the same bytes. A change to head-top.html
// that reads more of the page fails here (add the field to headKey); and
// one of headKey's fields that head-top.html no longer shows fails too.
func TestHeadTopReadsOnlyItsKey(t *testing.T) {
	r, set, _ := pathwayFixture(t)
	c := frameCommon(r, set)
	one := &View{Site: r.site, Kind: site.Ordinary.Name, URL: "/one/", Title: "One", DocTitle: "First", Summary: "The first page.",
		Content: "<p>one</p>", Page: set.Pages[0], FooterLinks: c.FooterLinks, NoVoice: c.NoVoice, Clock: true,
		Review: &ReviewView{Reviewed: "1 May 2026"}, ScriptText: ` data-x="y"`, BodyScripts: []template.JS{"1"}, ScriptURLs: []string{"/a.js"},
		CSP: "policy", Manifest: true, HeadScripts: []template.JS{"a()", "b()"}, Style: "body{color:red}"}
	two := &View{Site: r.site, Kind: site.Home.Name, URL: "/", Title: "Two", Summary: "Another.", Content: "<p>two</p>",
		Pathways: []Link{{URL: "/pathways/x/", Title: "X"}}, Outcome: &OutcomeView{}, Service: &ServiceView{}, Pathway: &PathwayView{},
		CSP: one.CSP, Manifest: true, HeadScripts: slices.Clone(one.HeadScripts), Style: one.Style}
	exec := func(v *View) string {
		var b strings.Builder
		if err := r.tmpl.ExecuteTemplate(&b, "head-top.html", v); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if a, b := exec(one), exec(two); a != b {
		t.Errorf("head-top.html differs between two pages with one headKey:\n%s\n---\n%s", a, b)
	}
	top, min := r.headTop(two)
	if got, want := string(top), exec(one); got != want {
		t.Errorf("headTop = %q, want %q", got, want)
	}
	if min == nil {
		t.Error("the built-in head top is not minified apart")
	}
	for name, change := range map[string]func(v *View){
		"CSP":         func(v *View) { v.CSP = "another policy" },
		"Manifest":    func(v *View) { v.Manifest = false },
		"HeadScripts": func(v *View) { v.HeadScripts = []template.JS{"a()"} },
		"Style":       func(v *View) { v.Style = "body{color:blue}" },
		"StyleURL":    func(v *View) { v.StyleURL = "/assets/site.css" },
	} {
		v := *one
		change(&v)
		if headKeyOf(&v).equal(headKeyOf(one)) {
			t.Errorf("a page with another %s has the same headKey", name)
		}
		if exec(&v) == exec(one) {
			t.Errorf("head-top.html does not show %s: drop it from headKey", name)
		}
		if got, _ := r.headTop(&v); string(got) != exec(&v) {
			want := exec(&v)
			t.Errorf("with another %s, headTop = %q, want %q (a stale head)", name, got, want)
		}
	}
}

// TestHeadTopOverridden: a site's own head-top.html, here one that names
// the page, runs for every page, and head.html of its own still gets the
// built-in top.
func TestHeadTopOverridden(t *testing.T) {
	for _, tt := range []struct {
		file, layout, want string
	}{
		{"layouts/head-top.html", "<!doctype html>\n<html lang=\"{{.Site.Language}}\">\n<head>\n<meta name=\"top\" content=\"top of {{.Title}}\">", "top of %s"},
		{"layouts/head.html", "{{.HeadTop}}<title>{{.Title}} here</title></head>", "<title>%s here</title>"},
	} {
		for title, html := range overriddenPages(t, map[string]string{tt.file: tt.layout}) {
			if want := fmt.Sprintf(tt.want, title); !strings.Contains(html, want) {
				t.Errorf("%s: %s lacks %q:\n%s", tt.file, title, want, html)
			}
			if !strings.Contains(html, "<html lang=en-GB>") || strings.Contains(html, "Content-Security-Policy") != (tt.file == "layouts/head.html") {
				t.Errorf("%s: %s lacks the top of its head:\n%s", tt.file, title, html)
			}
		}
	}
}

// TestDocumentTitleAndIcon: the <title> and the icon a page gets from Go
// (View.DocumentTitle, View.Icon) follow the site: its own doc_title, and
// its own assets/icon.svg or else the built-in icon.
func TestDocumentTitleAndIcon(t *testing.T) {
	for _, tt := range []struct {
		name  string
		more  map[string]string
		title string // for Page A
		icon  string // the start of its icon's href
	}{
		{"built-in", nil, "<title>Page A - T</title>", "href=\"data:image/svg+xml,"},
		{"the site's doc_title", map[string]string{"i18n/en.toml": "doc_title = \"{site}: {page}\"\n"}, "<title>T: Page A</title>", "href=\"data:image/svg+xml,"},
		{"the site's icon", map[string]string{"assets/icon.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"}, "<title>Page A - T</title>", "href=/assets/icon."},
	} {
		html := overriddenPages(t, tt.more)["Page A"]
		if !strings.Contains(html, tt.title) {
			t.Errorf("%s: lacks %s:\n%s", tt.name, tt.title, html)
		}
		if !strings.Contains(html, "<link rel=icon "+tt.icon) {
			t.Errorf("%s: lacks <link rel=icon %s...>:\n%s", tt.name, tt.icon, html)
		}
	}
}

// TestHeadTopMinifiedApart: a page whose head top was minified once is
// byte for byte the page minified whole, for every kind of page, with an
// inline and a linked stylesheet, with and without scripts.
func TestHeadTopMinifiedApart(t *testing.T) {
	r, set, _ := pathwayFixture(t)
	c := frameCommon(r, set)
	for _, style := range []struct {
		inline template.CSS
		url    string
	}{{"body{color:red}a>b{margin:0}", ""}, {"", "/assets/site.css"}} {
		for _, scripts := range [][]template.JS{nil, {"a()", "if(a<b)c()"}} {
			for _, kind := range []site.Kind{site.Ordinary, site.Home, site.Outcome, site.Service} {
				v := &View{Site: r.site, Kind: kind.Name, URL: "/one/", Title: "One  &  two", DocTitle: "First", Summary: "The  first page.",
					Content: "<p> one <b>two</b> </p>\n<pre> keep  this </pre>", Page: set.Pages[0], FooterLinks: c.FooterLinks, NoVoice: c.NoVoice,
					Outcome: &OutcomeView{}, Service: &ServiceView{}, Pathway: &PathwayView{},
					CSP: "policy", Manifest: true, HeadScripts: scripts, Style: style.inline, StyleURL: style.url}
				v.Frame = r.frame(v, c)
				v.HeadTop, v.headMin = r.headTop(v)
				if v.headMin == nil {
					t.Fatalf("%s: head top not minified apart", kind.Name)
				}
				apart, err := r.execute(kind.Template(), v)
				if err != nil {
					t.Fatal(err)
				}
				w := *v
				w.headMin = nil
				whole, err := r.execute(kind.Template(), &w)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(apart, whole) {
					t.Errorf("%s, style %q %q, scripts %q: minified apart\n%s\nwhole\n%s", kind.Name, style.inline, style.url, scripts, apart, whole)
				}
			}
		}
	}
}
