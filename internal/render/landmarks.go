package render

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"github.com/signpost-dev/signpost/internal/diag"
)

// What every page promises (base.html and its parts): a document language,
// the skip link to #main, the emergency banner with the site's emergency
// text before the page's content, the header with the quick exit, the
// <main id="main"> landmark and the footer. The built-in templates keep
// it; a site's layout may not drop it (an empty layouts/page.html renders
// an empty page; a header.html without the banner hides it on every
// page). checkLandmarks reads a page a site's layout made and reports
// what is missing, at the layout that should have it.

// landmark is one promise of the frame.
type landmark struct {
	what  string   // in messages
	parts []string // the templates that write it, most specific first
	fix   string
}

var (
	lmLang   = landmark{"the document language (<html lang=...>)", []string{"head-top.html", "head.html"}, `keep <html lang="{{.Site.Language}}"> ({{template "head.html" .}}, which starts with head-top.html)`}
	lmSkip   = landmark{`the skip link (<a href="#main">)`, []string{"header.html"}, `keep {{template "header.html" .}}, which starts with it`}
	lmBanner = landmark{"the emergency banner (the [emergency] text of site.toml, before the page's content)", []string{"banner.html", "header.html"}, `keep {{template "banner.html" .}} at the top of the header`}
	lmHeader = landmark{"the <header> landmark", []string{"header.html"}, `keep {{template "header.html" .}}`}
	lmExit   = landmark{`the quick exit (<a id="exit"> to the [exit] url of site.toml)`, []string{"header.html"}, `keep the exit link of header.html`}
	lmMain   = landmark{`the <main id="main"> landmark`, nil, `keep <main id="main"> around the page's content`}
	lmFooter = landmark{"the <footer> landmark", []string{"footer.html"}, `keep {{template "footer.html" .}}`}
)

// siteLayouts reports whether any template is the site's own: only then
// can a page lose what the frame promises.
func (r *Renderer) siteLayouts() bool {
	for _, f := range r.files {
		if !strings.HasPrefix(f, "(built-in)") {
			return true
		}
	}
	return false
}

// checkLandmarks returns, for a page rendered with the template name
// (a page kind's, in the frame base.html unless it is a whole document),
// an error at the site's layout for each promise the page does not keep;
// nil when it keeps them all.
func (r *Renderer) checkLandmarks(name string, page []byte) error {
	var (
		lang, skip, header, exit, main, footer bool
		bannerClass                            bool
		before                                 strings.Builder // text before <main>
		tag                                    string
		attrs                                  map[string]string
	)
	exitURL := ""
	if r.site.Exit != nil {
		exitURL = r.site.Exit.URL
	}
	flush := func() {
		switch tag {
		case "html":
			lang = strings.TrimSpace(attrs["lang"]) != ""
		case "a":
			skip = skip || attrs["href"] == "#main" && !main
			exit = exit || attrs["id"] == "exit" && attrs["href"] == exitURL
		case "header":
			header = header || !main
		case "main":
			main = main || attrs["id"] == "main"
		case "footer":
			footer = footer || main
		}
		if !main && slices.Contains(strings.Fields(attrs["class"]), "emergency") {
			bannerClass = true
		}
		tag, attrs = "", nil
	}
	l := htmllex.NewLexer(parse.NewInputBytes(page))
lex:
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			break lex
		case htmllex.StartTagToken:
			flush()
			tag, attrs = strings.ToLower(string(l.Text())), map[string]string{}
		case htmllex.AttributeToken:
			if attrs != nil {
				attrs[strings.ToLower(string(l.AttrKey()))] = html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))
			}
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			flush()
		case htmllex.TextToken:
			if !main {
				before.WriteString(html.UnescapeString(string(data)))
			}
		}
	}
	flush()
	var missing []landmark
	for _, c := range []struct {
		ok bool
		lm landmark
	}{
		{lang, lmLang},
		{skip, lmSkip},
		{r.site.Emergency == nil || bannerClass && strings.Contains(strings.Join(strings.Fields(before.String()), " "), strings.Join(strings.Fields(r.site.Emergency.Text), " ")), lmBanner},
		{header, lmHeader},
		{r.site.Exit == nil || exit, lmExit},
		{main, lmMain},
		{footer, lmFooter},
	} {
		if !c.ok {
			missing = append(missing, c.lm)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var errs []*TemplateError
	for _, lm := range missing {
		file := r.responsible(name, lm)
		errs = append(errs, &TemplateError{File: file, Pos: diag.Pos{Line: 1}, Msg: fmt.Sprintf("pages made with this layout lack %s, which every page must keep: %s (see the built-in base.html)", lm.what, lm.fix)})
	}
	first := errs[0]
	first.Also = errs[1:]
	return first
}

// responsible is the site's layout that should have written lm on a page
// of the template name: the most specific of its parts the site
// overrides, else the frame, else the page kind's own template.
func (r *Renderer) responsible(name string, lm landmark) string {
	if _, framed := r.pages[name]; !framed {
		return r.files[name] // a whole document of its own
	}
	for _, p := range append(slices.Clone(lm.parts), "base.html", name) {
		if f := r.files[p]; f != "" && !strings.HasPrefix(f, "(built-in)") {
			return f
		}
	}
	return r.files[name]
}
