package build

// Hostile content: what a careless or malicious author can put in a site,
// and what the build must do with it. Each case is asserted against the
// rendered output (built into memory) or against the diagnostics.
//
//   - TestHostileTextIsEscaped: markup and script in every plain-text field
//     (site title, emergency text, page, outcome, service and pathway titles
//     and summaries, audience, text keyword, question text, answer labels,
//     review owner) and Markdown-escaped tags in hints and bodies come out as
//     the literal text people typed. The HTML of every page has exactly the
//     elements and attributes of the same site built with harmless text
//     (nothing was injected), no event-handler attribute and no
//     javascript:/data:/vbscript: URL; the web manifest is valid JSON that
//     carries the title as text.
//   - TestHostileMarkdownIsRefused, TestHostileContactsAreRefused,
//     TestHostileConfigIsRefused: script and data URLs in links (inline,
//     reference, autolink, upper case, entity-encoded), raw HTML with
//     unsafe_html off, hostile contact values and exit URLs are errors at
//     file:line:col, and the build writes nothing.
//   - TestSymlinksAreRefused: real symbolic links on disk in content/,
//     pathways/ and assets/ (to files and folders outside the site) are
//     errors, and nothing is written.
//   - TestDestinationsOutsideAreRefused: `-d` at /, the site, a folder
//     holding the site, a folder of the site's sources, .. and a symbolic
//     link: refused before anything is written.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// hostile is the text an attacker types into every plain-text field: a
// script element, an attribute break-out with an event handler, a template
// action and an entity.
const hostile = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>{{.}}&amp;`

// hostileSite is a complete small site whose every plain-text field says p
// (with a suffix where the field must be unique). Hints and bodies, which
// are Markdown, carry p with its tags backslash-escaped.
func hostileSite(p string) fstest.MapFS {
	q := func(s string) string { return strconv.Quote(s) } // ASCII only: a valid TOML basic string
	md := strings.NewReplacer("<", `\<`, ">", `\>`, "{", `\{`, "&", `\&`, "*", `\*`, "_", `\_`).Replace(p)
	files := map[string]string{
		"site.toml": "title = " + q(p+" site") + "\nbase_url = \"https://example.org/\"\n\n" +
			"[emergency]\nno_voice = [\"sos\"]\ntext = " + q(p+" emergency") + "\nphone = \"999\"\n\n[exit]\nurl = \"https://www.bbc.co.uk/weather\"\n",
		"content/index.md": "+++\ntitle = " + q(p+" home") + "\nsummary = " + q(p+" home summary") + "\n+++\n" + md + " home body\n",
		"content/about/page.md": "+++\ntitle = " + q(p+" page") + "\nsummary = " + q(p+" page summary") + "\n+++\n" +
			"## " + md + " heading\n\n- " + md + " item\n\n[" + md + " link](/about/page/)\n",
		"content/outcomes/end.md": "+++\ntitle = " + q(p+" outcome") + "\nurgency = \"emergency\"\ncall = \"999\"\nsignposts = [\"svc\"]\nhelpline_finder = true\n+++\n" + md + " outcome body\n",
		"content/services/svc.md": "+++\ntitle = " + q(p+" service") + "\nsummary = " + q(p+" service summary") + "\naudience = " + q(p+" audience") + "\n\n" +
			"[[contact]]\nmode = \"text\"\nvalue = \"85258\"\nkeyword = " + q(p+" keyword") + "\nhours = \"24/7\"\n\n" +
			"[[contact]]\nmode = \"phone\"\nvalue = \"116 123\"\n+++\n" + md + " service body\n",
		"content/services/sos.md": "+++\ntitle = " + q(p+" sos") + "\nsummary = " + q(p+" sos summary") + "\nmax_age = 18\nemergency = true\n\n" +
			"[[contact]]\nmode = \"bsl\"\nvalue = \"https://example.org/bsl?a=1&b=2\"\n\n[[contact]]\nmode = \"relay\"\nvalue = \"18000\"\n+++\n" + md + " sos body\n",
		"content/services/local.md": "+++\ntitle = " + q(p+" local") + "\nsummary = " + q(p+" local summary") + "\nareas = [\"LS\"]\n\n" +
			"[[contact]]\nmode = \"webchat\"\nvalue = \"https://example.org/chat?a=1&b=2\"\nhours = [\"Mon-Fri 09:00-17:00\"]\n+++\n",
		"pathways/triage.toml": "title = " + q(p+" pathway") + "\nsummary = " + q(p+" pathway summary") + "\nstart = \"one\"\n\n" +
			"[review]\nowner = " + q(p+" owner") + "\nreviewed = 2026-01-01\nnext_review = 2026-07-01\n\n" +
			"[[question]]\nid = \"one\"\ntext = " + q(p+" question") + "\nhint = " + q(md+" hint") + "\n\n" +
			"  [[question.answer]]\n  label = " + q(p+" yes") + "\n  outcome = \"end\"\n\n" +
			"  [[question.answer]]\n  label = " + q(p+" no") + "\n  next = \"two\"\n\n" +
			"[[question]]\nid = \"two\"\ntext = " + q(p+" second") + "\n\n" +
			"  [[question.answer]]\n  label = " + q(p+" ok") + "\n  outcome = \"end\"\n",
	}
	return sitetest.MapFS(files)
}

// markup is the shape of an HTML document: each element with its sorted
// attribute names, in order, and the decoded text. Script and style bodies
// are kept as text too.
type markup struct {
	tags  []string
	text  string
	attrs map[string][]string // attribute name -> values (decoded)
}

func parseMarkup(t *testing.T, name string, data []byte) markup {
	t.Helper()
	m := markup{attrs: map[string][]string{}}
	l := htmllex.NewLexer(parse.NewInputBytes(data))
	var text strings.Builder
	var tag string
	var names []string
	flush := func() {
		if tag != "" {
			slices.Sort(names)
			m.tags = append(m.tags, tag+"["+strings.Join(names, " ")+"]")
		}
		tag, names = "", nil
	}
	for {
		tt, raw := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			flush()
			m.text = text.String()
			return m
		case htmllex.StartTagToken:
			flush()
			tag = strings.ToLower(string(l.Text()))
		case htmllex.AttributeToken:
			k := strings.ToLower(string(l.AttrKey()))
			v := strings.Trim(string(l.AttrVal()), `"'`)
			names = append(names, k)
			m.attrs[k] = append(m.attrs[k], html.UnescapeString(v))
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			flush()
		case htmllex.EndTagToken:
			flush()
			m.tags = append(m.tags, "/"+strings.ToLower(string(l.Text())))
		case htmllex.SVGToken, htmllex.MathToken:
			flush()
			m.tags = append(m.tags, "svg:"+strconv.Itoa(bytes.Count(raw, []byte("<"))))
		case htmllex.TextToken:
			text.WriteString(html.UnescapeString(string(raw)))
		}
	}
}

var dangerousURL = regexp.MustCompile(`(?i)^(javascript|vbscript|data|file):`)

// isDangerousURL reads an attribute value as a browser's URL parser does
// (leading and trailing C0 controls and spaces trimmed, tabs and newlines
// anywhere removed) and reports a scheme that runs code or carries a
// document.
func isDangerousURL(v string) bool {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	return dangerousURL.MatchString(v)
}

func TestHostileTextIsEscaped(t *testing.T) {
	const harmless = "Harmless words"
	// Built as a real build is, so that the web manifest is written too.
	bad, _, diags := buildWrapped(t, hostileSite(hostile), Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	good, _, _ := buildWrapped(t, hostileSite(harmless), Options{})
	// The chunks of the worker's list are named by their bytes, which hold
	// the pages' hashes.
	chunk := regexp.MustCompile(`^sw/precache\.[0-9a-f]{10}\.json`)
	names := func(files map[string][]byte) (out []string) {
		for n := range files {
			out = append(out, chunk.ReplaceAllString(n, "sw/precache.HASH.json"))
		}
		slices.Sort(out)
		return out
	}
	if !slices.Equal(names(bad), names(good)) {
		t.Fatalf("the hostile site has other files than the harmless one:\n%v\n%v", slices.Sorted(maps.Keys(bad)), slices.Sorted(maps.Keys(good)))
	}
	pages := 0
	seen := map[string]bool{} // field suffixes whose hostile text appears as text
	for name, data := range bad {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		b, g := parseMarkup(t, name, data), parseMarkup(t, name, good[name])
		if !slices.Equal(b.tags, g.tags) {
			for i := range min(len(b.tags), len(g.tags)) {
				if b.tags[i] != g.tags[i] {
					t.Errorf("%s: element %d is %s with hostile text, %s with harmless text: markup was injected", name, i, b.tags[i], g.tags[i])
					break
				}
			}
			if len(b.tags) != len(g.tags) {
				t.Errorf("%s: %d elements with hostile text, %d with harmless", name, len(b.tags), len(g.tags))
			}
		}
		for k, vs := range b.attrs {
			if strings.HasPrefix(k, "on") {
				t.Errorf("%s: event-handler attribute %s=%q", name, k, vs)
			}
			if k == "href" || k == "src" || k == "action" || k == "formaction" || k == "xlink:href" {
				for _, v := range vs {
					// The site's icon is an SVG data: URL (no request for
					// /favicon.ico): the same in the harmless build.
					icon := strings.HasPrefix(v, "data:image/svg+xml") && slices.Contains(g.attrs[k], v)
					if isDangerousURL(v) && !icon {
						t.Errorf("%s: %s=%q", name, k, v)
					}
				}
			}
		}
		for _, field := range []string{"site", "emergency", "home", "page", "outcome", "service", "service summary", "audience", "keyword", "local", "pathway", "question", "yes", "no", "second", "hint", "heading", "item", "link", "outcome body"} {
			if strings.Contains(b.text, hostile+" "+field) {
				seen[field] = true
			}
		}
	}
	if pages < 5 {
		t.Fatalf("only %d pages", pages)
	}
	for _, field := range []string{"site", "emergency", "home", "page", "outcome", "service", "service summary", "audience", "keyword", "local", "pathway", "question", "yes", "no", "second", "hint", "heading", "item", "link", "outcome body"} {
		if !seen[field] {
			t.Errorf("the %s text never appears on a page as the literal text %q", field, hostile+" "+field)
		}
	}
	var manifest struct{ Name, ShortName string }
	if data := bad["manifest.webmanifest"]; data == nil {
		t.Error("no manifest.webmanifest")
	} else if err := json.Unmarshal(data, &manifest); err != nil {
		t.Errorf("manifest.webmanifest is not JSON with a hostile title: %v\n%s", err, data)
	} else if !strings.Contains(manifest.Name, "<script>alert(1)</script>") {
		t.Errorf("manifest name %q lost the title's text", manifest.Name)
	}
}

// refused builds each case's site (baseSite plus files) and wants exactly
// the listed diagnostics.
func refused(t *testing.T, cases []struct {
	name  string
	files map[string]string
	want  []string
}) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got := check(sitetest.MapFS(baseSite, tt.files))
			if len(got) == 0 {
				t.Fatalf("accepted; want an error containing %q", tt.want)
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, w) }) {
					t.Errorf("diagnostics:\n%s\nwant one containing %q", strings.Join(got, "\n"), w)
				}
			}
		})
	}
}

func page(body string) string { return "+++\ntitle = \"A\"\n+++\n" + body }

func TestHostileMarkdownIsRefused(t *testing.T) {
	refused(t, []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"javascript link", map[string]string{"content/a.md": page("[x](javascript:alert(1))\n")}, []string{"content/a.md:4:1: link \"javascript:alert(1)\" uses the javascript: scheme"}},
		{"upper-case scheme", map[string]string{"content/a.md": page("[x](JaVaScRiPt:alert(1))\n")}, []string{"content/a.md:4:1:", "javascript: scheme"}},
		{"angle-bracket destination", map[string]string{"content/a.md": page("[x](<javascript:alert(1)>)\n")}, []string{"content/a.md:4:1:", "javascript: scheme"}},
		{"reference link", map[string]string{"content/a.md": page("[x][r]\n\n[r]: javascript:alert(1)\n")}, []string{"content/a.md:4:1:", "javascript: scheme"}},
		{"autolink", map[string]string{"content/a.md": page("<javascript:alert(1)>\n")}, []string{"content/a.md:4:1:", "javascript: scheme"}},
		{"vbscript link", map[string]string{"content/a.md": page("[x](vbscript:msgbox(1))\n")}, []string{"content/a.md:4:1:", "vbscript: scheme"}},
		{"data link", map[string]string{"content/a.md": page("[x](data:text/html;base64,PHNjcmlwdD4=)\n")}, []string{"content/a.md:4:1:", "data: scheme"}},
		{"data image", map[string]string{"content/a.md": page("![x](data:image/svg+xml;base64,PHN2Zz4=)\n")}, []string{"content/a.md:4:1:", "would load from another site"}},
		{"file link", map[string]string{"content/a.md": page("[x](file:///etc/passwd)\n")}, []string{"content/a.md:4:1:", "file: scheme"}},
		{"raw script block", map[string]string{"content/a.md": page("<script>alert(1)</script>\n")}, []string{"content/a.md:4:1: raw HTML is not allowed"}},
		{"raw inline handler", map[string]string{"content/a.md": page("Hi <img src=x onerror=alert(1)> there\n")}, []string{"content/a.md:4:4: raw HTML \"<img src=x onerror=alert(1)>\" is not allowed"}},
		{"raw iframe", map[string]string{"content/a.md": page("<iframe src=https://example.com/></iframe>\n")}, []string{"content/a.md:4:1: raw HTML is not allowed"}},
		{"raw HTML comment", map[string]string{"content/a.md": page("<!-- <script>alert(1)</script> -->\n")}, []string{"content/a.md:4:1: raw HTML is not allowed"}},
		{"hint with raw HTML", map[string]string{
			"content/outcomes/end.md": "+++\ntitle = \"End\"\nurgency = \"routine\"\n+++\n",
			"pathways/p.toml":         "title = \"P\"\nstart = \"q\"\n\n[[question]]\nid = \"q\"\ntext = \"Q\"\nhint = \"<script>alert(1)</script>\"\n\n  [[question.answer]]\n  label = \"A\"\n  outcome = \"end\"\n",
		}, []string{"pathways/p.toml:7:", "raw HTML"}},
		{"hint with javascript link", map[string]string{
			"content/outcomes/end.md": "+++\ntitle = \"End\"\nurgency = \"routine\"\n+++\n",
			"pathways/p.toml":         "title = \"P\"\nstart = \"q\"\n\n[[question]]\nid = \"q\"\ntext = \"Q\"\nhint = \"[x](javascript:alert(1))\"\n\n  [[question.answer]]\n  label = \"A\"\n  outcome = \"end\"\n",
		}, []string{"pathways/p.toml:7:", "javascript: scheme"}},
		{"file name with markup", map[string]string{"content/<script>.md": page("x\n")}, []string{"content/<script>.md", "slug"}},
	})
}

// TestHostileMarkdownHiddenSchemes: a scheme hidden behind character
// references ("jav&#x61;script:") is read as a browser would read it and
// refused with an error, like the plain one.
func TestHostileMarkdownHiddenSchemes(t *testing.T) {
	for _, body := range []string{
		"[x](jav&#x61;script:alert(1))\n",
		"[x](jav&#97;script:alert(1))\n",
		"[x](&#106;avascript:alert(1))\n",
		"[x](java&#x09;script:alert(1))\n",
		"[x](data&colon;text/html,hi)\n",
		"[x][r]\n\n[r]: jav&#x61;script:alert(1)\n",
	} {
		fsys := fstest.MapFS{
			"site.toml":    {Data: []byte(baseSite["site.toml"])},
			"content/a.md": {Data: []byte(page(body))},
		}
		got := check(fsys)
		if len(got) != 1 || !strings.HasPrefix(got[0], "content/a.md:4:1: link ") {
			t.Errorf("%q: want one error at content/a.md:4:1 about the link, got %q", body, got)
		}
	}
}

func TestHostileContactsAreRefused(t *testing.T) {
	svc := func(contact string) map[string]string {
		return map[string]string{"content/services/s.md": "+++\ntitle = \"S\"\nsummary = \"S\"\n\n[[contact]]\n" + contact + "+++\n"}
	}
	refused(t, []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"web javascript", svc("mode = \"web\"\nvalue = \"javascript:alert(1)\"\n"), []string{"content/services/s.md:7:", "must be an https:// URL"}},
		{"webchat data", svc("mode = \"webchat\"\nvalue = \"data:text/html,<script>alert(1)</script>\"\n"), []string{"content/services/s.md:7:", "must be an https:// URL"}},
		{"web http", svc("mode = \"web\"\nvalue = \"http://example.org/\"\n"), []string{"content/services/s.md:7:", "must be an https:// URL"}},
		{"web with credentials", svc("mode = \"web\"\nvalue = \"https://user:pw@example.org/\"\n"), []string{"content/services/s.md:7:", "must be an https:// URL"}},
		{"phone with markup", svc("mode = \"phone\"\nvalue = \"999<script>alert(1)</script>\"\n"), []string{"content/services/s.md:7:", "must be digits"}},
		{"phone with scheme", svc("mode = \"phone\"\nvalue = \"javascript:alert(1)\"\n"), []string{"content/services/s.md:7:", "must be digits"}},
		{"text with query", svc("mode = \"text\"\nvalue = \"85258?body=x\"\n"), []string{"content/services/s.md:7:", "must be digits"}},
		{"email with markup", svc("mode = \"email\"\nvalue = \"\\\"<script>\\\"@example.org\"\n"), []string{"content/services/s.md:7:", "not a plain address"}},
		{"email with headers", svc("mode = \"email\"\nvalue = \"a@example.org?bcc=b@example.org\"\n"), []string{"content/services/s.md:7:", "not a plain address"}},
	})
}

func TestHostileConfigIsRefused(t *testing.T) {
	cfg := func(extra string) map[string]string {
		return map[string]string{"site.toml": baseSite["site.toml"] + extra}
	}
	refused(t, []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"exit javascript", cfg("\n[exit]\nurl = \"javascript:alert(1)\"\n"), []string{"site.toml:5:", "must be an absolute https URL"}},
		{"exit data", cfg("\n[exit]\nurl = \"data:text/html,hi\"\n"), []string{"site.toml:5:", "must be an absolute https URL"}},
		{"emergency phone with markup", cfg("\n[emergency]\ntext = \"Call\"\nphone = \"999\\\"><script>\"\n"), []string{"site.toml:6:", "must be digits"}},
		{"base_url javascript", map[string]string{"site.toml": "title = \"T\"\nbase_url = \"javascript:alert(1)//\"\n"}, []string{"site.toml:2:", "base_url"}},
	})
}

// minimalSite is a valid site on disk with one pathway, for the path tests.
var minimalSite = map[string]string{
	"site.toml":             "title = \"T\"\nbase_url = \"https://example.org/\"\n",
	"content/index.md":      "+++\ntitle = \"Home\"\n+++\nHello\n",
	"content/outcomes/e.md": "+++\ntitle = \"End\"\nurgency = \"routine\"\n+++\nBody\n",
	"pathways/p.toml":       "title = \"P\"\nstart = \"q\"\n\n[[question]]\nid = \"q\"\ntext = \"Q\"\n\n  [[question.answer]]\n  label = \"A\"\n  outcome = \"e\"\n",
	"assets/site.css":       "body{color:#111}\n",
}

func TestSymlinksAreRefused(t *testing.T) {
	outside := t.TempDir()
	sitetest.Write(t, outside, map[string]string{
		"secret.md":       "+++\ntitle = \"Secret\"\n+++\nThe contents of a file outside the site.\n",
		"secret.toml":     minimalSite["pathways/p.toml"],
		"secret.css":      "body{color:red}\n",
		"dir/inside.md":   "+++\ntitle = \"Inside\"\n+++\nA folder outside the site.\n",
		"dir/inside.css":  "a{color:red}\n",
		"dir/broken.md":   "+++\ntitle = \n+++\nA broken page outside the site: a message about it means it was read.\n",
		"dir/broken.toml": "title = \n",
		"dir/broken.html": "{{ end }}\n",
		"dir/broken.css":  "a{color:\n",
		"site.toml":       minimalSite["site.toml"],
	})
	for _, tt := range []struct {
		name, link, target, want string
	}{
		{"content file", "content/leak.md", "secret.md", "content/leak.md: symbolic links are not allowed in content/"},
		{"content folder", "content/leak", "dir", "content/leak: symbolic links are not allowed in content/"},
		{"content file to /etc/passwd", "content/passwd.md", "/etc/passwd", "content/passwd.md: symbolic links are not allowed in content/"},
		{"pathway file", "pathways/leak.toml", "secret.toml", "pathways/leak.toml: symbolic links are not allowed in pathways/"},
		{"asset file", "assets/leak.css", "secret.css", "assets/leak.css: symbolic links are not allowed in assets/"},
		{"asset folder", "assets/leak", "dir", "assets/leak: symbolic links are not allowed in assets/"},
		{"the content folder itself", "content", "dir", "content: content is a symbolic link"},
		{"the pathways folder itself", "pathways", "dir", "pathways: pathways is a symbolic link"},
		{"a layout", "layouts/page.html", "secret.css", "layouts/page.html: symbolic links are not allowed in layouts/"},
		{"the layouts folder itself", "layouts", "dir", "layouts: layouts is a symbolic link"},
		{"the assets folder itself", "assets", "dir", "assets: assets is a symbolic link"},
		{"site.toml", "site.toml", "site.toml", "site.toml: this is a symbolic link"},
		{"the content folder to /", "content", "/", "content: content is a symbolic link"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := t.TempDir()
			sitetest.Write(t, site, minimalSite)
			target := tt.target
			if !filepath.IsAbs(target) {
				target = filepath.Join(outside, target)
			}
			link := filepath.Join(site, filepath.FromSlash(tt.link))
			if err := os.RemoveAll(link); err != nil { // a folder the minimal site has
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(t.TempDir(), "public")
			_, diags, err := Build(site, dest, Options{})
			if err == nil {
				t.Fatalf("built a site with a symbolic link %s -> %s", tt.link, target)
			}
			var got []string
			for _, d := range diags.Sorted() {
				got = append(got, d.String())
			}
			if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, tt.want) }) {
				t.Errorf("diagnostics:\n%s\nwant one containing %q", strings.Join(got, "\n"), tt.want)
			}
			// Refused means not read: nothing behind the link has a message
			// (dir/broken.* would each have one).
			for _, d := range diags.Sorted() {
				if strings.HasPrefix(d.File, tt.link+"/") {
					t.Errorf("a file behind the link was read: %s", d)
				}
			}
			if _, err := os.Stat(dest); err == nil {
				t.Errorf("%s was written", dest)
			}
		})
	}
}

func TestDestinationsOutsideAreRefused(t *testing.T) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	sitetest.Write(t, site, minimalSite)
	elsewhere := t.TempDir()
	link := filepath.Join(parent, "link")
	if err := os.Symlink(elsewhere, link); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, parent)
	for _, tt := range []struct {
		name, dest, want string
	}{
		{"the filesystem root", "/", "the filesystem root"},
		{"the site folder", site, "holds the site's sources"},
		{"the site folder, with a trailing slash", site + "/", "holds the site's sources"},
		{"the site's parent, as ..", filepath.Join(site, ".."), "holds the site's sources"},
		{"the site's parent, unclean", site + "/content/../..", "holds the site's sources"},
		{"the content folder", filepath.Join(site, "content"), "it is the site's content/ folder"},
		{"the pathways folder", filepath.Join(site, "pathways"), "it is the site's pathways/ folder"},
		{"a symbolic link to a folder", link, "is a symbolic link"},
		{"a file", filepath.Join(site, "site.toml"), "is a file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Build(site, tt.dest, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build(-d %s): %v; want a refusal mentioning %q", tt.dest, err, tt.want)
			}
		})
	}
	if after := snapshot(t, parent); !maps.Equal(before, after) {
		t.Errorf("a refused build changed the files:\nbefore %v\nafter  %v", before, after)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("the symbolic link's target was written into")
	}
}

// snapshot lists every path under dir with its size.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		out[p] = fmt.Sprintf("%v %d", fi.Mode(), fi.Size())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSiteCodeIsRefused: a site's own stylesheet and layouts are checked
// where they land (issue 16, class 1): check reports each at its file and
// line, and build writes nothing. The first case is the one found: a
// site.css that ends the inlined <style> and sends every reader elsewhere.
func TestSiteCodeIsRefused(t *testing.T) {
	for _, tt := range []struct {
		name, file, text, want string
	}{
		{"</style> in site.css", "assets/site.css", "body{color:#111}\n</style><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">\n", `assets/site.css:2:1: a stylesheet cannot contain "</style"`},
		{"third-party @import", "assets/site.css", "@import \"https://fonts.example/f.css\";\n", "assets/site.css:1:1: @import fetches another stylesheet"},
		{"third-party url()", "assets/print.css", "a{background:url(https://t.example/p.gif)}\n", `assets/print.css:1:14: "https://t.example/p.gif" is on another site`},
		{"a layout's inline script", "layouts/page.html", "{{define \"main\"}}\n<script>track()</script>{{.Content}}{{end}}\n", "layouts/page.html:2:1: an inline script in a layout is blocked"},
		{"a layout's third-party src", "layouts/page.html", "{{define \"main\"}}<img alt=\"\" src=\"https://t.example/p.gif\">{{.Content}}{{end}}\n", `layouts/page.html:1:30: src="https://t.example/p.gif" loads from another site`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(minimalSite)
			files[tt.file] = tt.text
			got := check(sitetest.MapFS(files))
			if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, tt.want) }) {
				t.Errorf("check: %q\nwant one starting %q", got, tt.want)
			}
			site := t.TempDir()
			sitetest.Write(t, site, files)
			dest := filepath.Join(t.TempDir(), "public")
			if _, _, err := Build(site, dest, Options{}); err == nil {
				t.Error("build succeeded")
			}
			if _, err := os.Stat(dest); err == nil {
				t.Errorf("%s was written", dest)
			}
		})
	}
}
