// Package assets prepares the bytes that pages load besides their HTML: the
// site's assets/ folder (minified and fingerprinted), the stylesheet (the
// built-in builtin/*.css, base.css first, then the site's assets/site.css),
// and the built-in scripts (the manifest Scripts: builtin/*.js and the hours
// and postcode packages' scripts, each inlined where a page needs it, after
// the scripts it needs).
//
// Every asset is written as name.<hash>.ext (site.AssetPath), where hash is the first ten hex
// digits of the SHA-256 of its minified bytes, so it can be cached forever.
// The stylesheet is inlined into every page when its compressed size is at
// most a quarter of the page budget (so a page with it still fits the
// budget), and linked as a fingerprinted file otherwise. Scripts are always
// inlined: they are small and budgeted, and a page that needs no second
// request works on the worst connection. Every inline block carries the
// hash a Content-Security-Policy needs to allow it.
//
// Package assets owns minification for the whole build (HTML too), so there
// is one minifier with one configuration. It does not decide which page
// uses which stylesheet or script: site.Kinds does.
package assets

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/hours"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/postcode"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// Dir is the site's assets folder (site.AssetsDir is where they are written).
const (
	Dir = sitefs.AssetsDir
	// SiteCSS is the site's addition to the built-in stylesheet.
	SiteCSS = "site.css"
)

//go:embed builtin
var builtin embed.FS

// File is one fingerprinted output file.
type File struct {
	Path   string // output path, slash-separated, no leading slash: assets/icon.1a2b3c4d5e.svg
	Source string // site-relative source, or "(built-in) ..."
	Data   []byte
}

// Inline is a block of CSS or JS inlined into pages.
type Inline struct {
	Name string
	Code string // minified
	Hash string // "sha256-<base64>" for Content-Security-Policy
}

// Script is one built-in script of the manifest.
type Script struct {
	Name  string   // builtin/<Name>.js, unless the source is kept elsewhere
	Needs []string // scripts whose globals it uses: they run before it
	// Text is the catalog keys (package i18n) of the words it shows: a
	// page carries them for its scripts as data attributes of <main>
	// (data-open), which the script reads. A script's text uses each
	// of its placeholders once.
	Text []string
}

// Scripts is the manifest of built-in scripts. A page names the scripts it
// uses (site.Kind.Scripts); Scripts orders them after what they need, so no
// caller has to know that order.
var Scripts = []Script{
	{Name: "base"}, // every page, in the head: quick exit
	{Name: "register", // every page of a build, in the head: the service worker
		Text: []string{"updated", "reload"}},
	{Name: "hours"},    // internal/hours: openStatus
	{Name: "postcode"}, // internal/postcode: normalisePostcode
	{Name: "open-now", Needs: []string{"hours"},
		Text: []string{"open", "closed", "days"}},
	{Name: "finder", Needs: []string{"postcode", "open-now"},
		Text: []string{"finder_invalid", "finder_empty", "finder_failed", "finder_loading", "finder_local", "finder_local_none",
			"finder_none_here", "finder_area_only", "national_heading", "finder_found", "finder_found_none"}},
	{Name: "pathway",
		Text: []string{"change", "question", "result"}},
}

// TextKeys is the catalog keys of the texts the named scripts show, each
// once, in the manifest's order.
func TextKeys(names []string) []string {
	var keys []string
	for _, sc := range Scripts {
		if slices.Contains(names, sc.Name) {
			for _, k := range sc.Text {
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
	}
	return keys
}

// scriptSource is the source of a built-in script: builtin/<name>.js, or
// the hours and postcode packages' scripts, kept beside the Go code they
// mirror.
func scriptSource(name string) (string, bool) {
	switch name {
	case "hours":
		return hours.JS, true
	case "postcode":
		return postcode.JS, true
	}
	b, err := builtin.ReadFile("builtin/" + name + ".js")
	return string(b), err == nil
}

// Set is a site's prepared assets.
type Set struct {
	min      *minify.M
	html     *minify.M // HTML only: leaves inline CSS and JS byte for byte
	files    []File
	urls     map[string]string // source name relative to assets/ -> root-relative URL
	Style    Inline            // the whole stylesheet
	styles   map[string]Inline // by the sheets in it, joined with ",": one entry per site.Kind's Styles
	StyleURL string            // non-empty when the stylesheet is linked, not inlined
	scripts  map[string]Inline
}

// Load reads assets/ from the site in fsys and the built-in stylesheets
// and scripts of the manifest. pageBudget decides whether the stylesheet
// is inlined.
func Load(fsys fs.FS, pageBudget int, diags *diag.List) *Set {
	return LoadBase(fsys, pageBudget, site.Root, diags)
}

// LoadBase is Load for a site served under base: the url() of a
// stylesheet that names another asset is written under it. URL and
// StyleURL stay site URLs ("/assets/...").
func LoadBase(fsys fs.FS, pageBudget int, base site.Base, diags *diag.List) *Set {
	s := &Set{min: newMinifier(), html: newHTMLMinifier(), urls: map[string]string{}, scripts: map[string]Inline{}, styles: map[string]Inline{}}
	sheets := map[string]string{} // built-in sheet name (no .css) -> source
	files, _ := fs.Glob(builtin, "builtin/*.css")
	for _, f := range files {
		b, _ := builtin.ReadFile(f)
		sheets[strings.TrimSuffix(path.Base(f), ".css")] = string(b)
	}
	var siteCSS string
	if fsys != nil {
		siteCSS = string(s.loadSite(fsys, base, diags))
	}
	// The whole stylesheet, and the one of each kind of page, each with
	// the site's additions last so they override the built-in rules.
	all := slices.SortedFunc(maps.Keys(sheets), func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	sets := [][]string{all}
	for _, k := range site.Kinds {
		sets = append(sets, k.Styles)
	}
	for _, names := range sets {
		key := strings.Join(names, ",")
		if _, done := s.styles[key]; done {
			continue
		}
		var b strings.Builder
		for _, n := range names {
			src, ok := sheets[n]
			if !ok {
				diags.Errorf("(built-in) "+n+".css", diag.Pos{}, "no built-in stylesheet %q", n)
			}
			b.WriteString(src)
			b.WriteByte('\n')
		}
		b.WriteString(siteCSS)
		code, err := s.min.String("text/css", b.String())
		if err != nil {
			diags.Errorf(Dir+"/"+SiteCSS, diag.Pos{}, "cannot minify the stylesheet: %v", err)
			code = b.String()
		}
		if indexFold([]byte(code), "</style") >= 0 { // checkCSS refused the text; this is the proof for what minifying made of it
			diags.Errorf(Dir+"/"+SiteCSS, diag.Pos{}, "the minified stylesheet contains \"</style\", which would end the page's <style> element: remove the escapes that spell it")
			code = ""
		}
		s.styles[key] = inline("style", code)
	}
	s.Style = s.styles[strings.Join(all, ",")]
	if GzipSize([]byte(s.Style.Code)) > pageBudget/4 {
		f := fingerprint("style.css", []byte(s.Style.Code), "(built-in) stylesheet + "+Dir+"/"+SiteCSS)
		s.files = append(s.files, f)
		s.StyleURL = "/" + f.Path
	}
	for _, sc := range Scripts {
		src, ok := scriptSource(sc.Name)
		if !ok {
			diags.Errorf("(built-in) "+sc.Name+".js", diag.Pos{}, "the script manifest names %s.js, which does not exist", sc.Name)
			continue
		}
		s.addScript(sc.Name, src, diags)
	}
	slices.SortFunc(s.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return s
}

func (s *Set) addScript(name, src string, diags *diag.List) {
	code, err := s.min.String("application/javascript", src)
	if err != nil {
		diags.Errorf("(built-in) "+name+".js", diag.Pos{}, "cannot minify: %v", err)
		code = src
	}
	s.scripts[name] = inline(name, code)
}

func inline(name, code string) Inline {
	sum := sha256.Sum256([]byte(code))
	return Inline{Name: name, Code: code, Hash: "sha256-" + base64.StdEncoding.EncodeToString(sum[:])}
}

// rank orders built-in sheets: base.css first, then by name.
func rank(name string) int {
	if name == "base" {
		return 0
	}
	return 1
}

// StyleFor is the stylesheet inlined into a page of the given kind: the
// kind's built-in sheets in order, then the site's assets/site.css. A
// linked stylesheet is always the whole (Style).
func (s *Set) StyleFor(k site.Kind) Inline {
	return s.styles[strings.Join(k.Styles, ",")]
}

// Script returns the built-in script of that name.
func (s *Set) Script(name string) (Inline, bool) {
	sc, ok := s.scripts[name]
	return sc, ok
}

// Order returns the built-in scripts a page that uses names must run, each
// after the scripts it needs (Script.Needs), each once, otherwise in the
// order named. An unknown name is an error.
func Order(names ...string) ([]string, error) {
	needs := make(map[string][]string, len(Scripts))
	for _, sc := range Scripts {
		needs[sc.Name] = sc.Needs
	}
	var out []string
	state := map[string]int{} // 1: being added, 2: added
	var visit func(name, by string) error
	visit = func(name, by string) error {
		n, ok := needs[name]
		switch {
		case !ok && by == "":
			return fmt.Errorf("no built-in script %q", name)
		case !ok:
			return fmt.Errorf("built-in script %q needs %q, which is not in the manifest", by, name)
		case state[name] == 1:
			return fmt.Errorf("built-in scripts %q and %q need each other", by, name)
		case state[name] == 2:
			return nil
		}
		state[name] = 1
		for _, dep := range n {
			if err := visit(dep, name); err != nil {
				return err
			}
		}
		state[name] = 2
		out = append(out, name)
		return nil
	}
	for _, name := range names {
		if err := visit(name, ""); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// URL returns the fingerprinted URL of a site asset, by its path relative
// to assets/ ("icon.svg", "img/map.png").
func (s *Set) URL(name string) (string, bool) {
	u, ok := s.urls[name]
	return u, ok
}

// Files returns the fingerprinted files to write, sorted by path.
func (s *Set) Files() []File { return s.files }

var minifiable = map[string]string{
	".css":  "text/css",
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

func (s *Set) loadSite(fsys fs.FS, base site.Base, diags *diag.List) (siteCSS []byte) {
	type sheet struct {
		file, rel string
		data      []byte
		refs      []cssRef
	}
	var sheets []sheet // fingerprinted last: they name the others by their fingerprinted URLs
	sitefs.Assets.Walk(fsys, diags, func(file string) {
		data, err := sitefs.Assets.Read(fsys, file)
		if err != nil {
			diags.Errorf(file, diag.Pos{}, "%v", err)
			return
		}
		rel := strings.TrimPrefix(file, Dir+"/")
		if strings.EqualFold(path.Ext(file), ".css") {
			if data, refs, ok := checkCSS(file, data, diags); ok {
				sheets = append(sheets, sheet{file, rel, data, refs})
			}
			return
		}
		s.add(file, rel, data, diags)
	})
	for _, sh := range sheets {
		data := rewriteCSS(sh.file, sh.data, sh.refs, s.urls, base, diags)
		if sh.rel == SiteCSS {
			siteCSS = data
			continue
		}
		s.add(sh.file, sh.rel, data, diags)
	}
	return siteCSS
}

// textAssets are the files of assets/ that are text (the minifiable ones
// and other text a browser reads): like a stylesheet, each must be UTF-8
// without control characters, and a byte-order mark is dropped. An SVG is
// also inlined, as the icon's data: URL of pathway pages.
var textAssets = map[string]bool{".css": true, ".js": true, ".mjs": true, ".svg": true, ".json": true, ".webmanifest": true, ".txt": true, ".xml": true, ".html": true, ".csv": true, ".map": true}

// add minifies (where it can) and fingerprints one file of assets/.
func (s *Set) add(file, rel string, data []byte, diags *diag.List) {
	if textAssets[strings.ToLower(path.Ext(file))] {
		data = bytes.TrimPrefix(data, utf8BOM)
		if !diag.CheckText(file, data, diags) {
			return
		}
	}
	if mt, ok := minifiable[strings.ToLower(path.Ext(file))]; ok {
		out, err := s.min.Bytes(mt, data)
		if err != nil {
			diags.Errorf(file, diag.Pos{}, "cannot minify: %v; fix the syntax error", err)
			return
		}
		data = out
	}
	f := fingerprint(rel, data, file)
	s.files = append(s.files, f)
	s.urls[rel] = "/" + f.Path
}

func fingerprint(rel string, data []byte, source string) File {
	return File{Path: site.AssetPath(rel, data), Source: source, Data: data}
}

func newMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	// ES2017: older phone browsers must parse what the minifier writes
	// (it would otherwise use ?? and optional catch bindings).
	m.Add("application/javascript", &js.Minifier{Version: 2017})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/manifest+json", json.Minify)
	return m
}

// MinifyHTML minifies a page. Inline <style> and <script> blocks are already
// minified and are left byte for byte as they are, so their CSP hashes hold.
// The minifier reads page in place (its lexer may write one byte past the
// end, within page's capacity): a bytes.Reader would have it copied first.
func (s *Set) MinifyHTML(page []byte) ([]byte, error) {
	out, err := s.html.Bytes("text/html", page)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// newHTMLMinifier minifies HTML without touching inline CSS or JS (no
// minifier is registered for them, so they pass through unchanged).
func newHTMLMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepDefaultAttrVals: true, KeepEndTags: true})
	return m
}

// Minify minifies data of the given media type.
func (s *Set) Minify(mediatype string, data []byte) ([]byte, error) {
	return s.min.Bytes(mediatype, data)
}

// GzipSize is the size of data compressed with gzip as the budgets count
// it and as the build's .gz files are written (offline.Gzip).
func GzipSize(data []byte) int { return len(offline.Gzip(data)) }

// Top is the start of many pages (render's head-top.html: the document up
// to its stylesheet), minified once with MinifyTop for MinifyHTMLAfter.
type Top struct {
	min []byte
}

// MinifyTop minifies top, the start of pages, for MinifyHTMLAfter; ok is
// false unless top is what head-top.html writes: a doctype, <html> and
// <head> start tags, then <meta>, <link>, <base>, <script> and <style>
// elements, blanks between them, ending in a complete tag that opens no
// raw text. After such a top the lexer is in its data state and the
// minifier in the state it starts a document in but for whether to drop
// a leading blank (see MinifyHTMLAfter). Anything else (text, comments,
// other elements) could leave state that carries on: the fuzzer found a
// top of text and unknown elements after which a blank after <title/0>
// was kept.
func (s *Set) MinifyTop(top []byte) (Top, bool) {
	if len(top) == 0 || top[len(top)-1] != '>' {
		return Top{}, false
	}
	l := htmllex.NewLexer(parse.NewInputBytes(top))
	last, name, raw := htmllex.ErrorToken, "", false
	for {
		tt, data := l.Next()
		if tt == htmllex.ErrorToken {
			break
		}
		switch tt {
		case htmllex.DoctypeToken, htmllex.AttributeToken:
		case htmllex.StartTagToken, htmllex.EndTagToken:
			name = string(l.Text())
			switch strings.ToLower(name) {
			case "html", "head", "meta", "link", "base", "script", "style":
			default:
				return Top{}, false
			}
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			raw = tt == htmllex.StartTagCloseToken && (strings.EqualFold(name, "script") || strings.EqualFold(name, "style"))
		case htmllex.TextToken:
			if !raw && len(bytes.Trim(data, " \t\r\n\f")) > 0 {
				return Top{}, false
			}
			raw = false
		default:
			return Top{}, false
		}
		if tt != htmllex.AttributeToken {
			last = tt
		}
	}
	if l.Err() != io.EOF || raw {
		return Top{}, false
	}
	switch last {
	case htmllex.EndTagToken, htmllex.StartTagVoidToken, htmllex.StartTagCloseToken:
	default:
		return Top{}, false
	}
	min, err := s.MinifyHTML(bytes.Clone(top))
	if err != nil {
		return Top{}, false
	}
	return Top{min: min}, true
}

// MinifyHTMLAfter minifies a page that is top followed by rest: it
// minifies only rest, and gives the bytes MinifyHTML(top+rest) would, or
// ok false when rest does not start (after blanks) with a <title> tag.
// The minifier carries three things from one token to the next: whether
// it is in <pre> or <template> (never, after a Top), and whether to drop
// a leading blank (omitSpace). Blanks before <title>, a block tag, are
// dropped whatever omitSpace is, and <title> sets it, so from there on
// the states are the same; and the lookahead that trims a text's last
// blank trims it at a block tag as at the end of the input, so top's
// bytes do not depend on rest. TestMinifyHTMLAfter and
// FuzzMinifyHTMLAfter hold it to MinifyHTML. The shared top is about 40%
// of a page's minification work.
func (s *Set) MinifyHTMLAfter(top Top, rest []byte) (out []byte, ok bool, err error) {
	if !startsTitle(rest) {
		return nil, false, nil
	}
	r, err := s.html.Bytes("text/html", rest)
	if err != nil {
		return nil, false, err
	}
	return append(append(make([]byte, 0, len(top.min)+len(r)), top.min...), r...), true, nil
}

// startsTitle reports whether b starts, after blanks, with "<title>"
// (no attributes, which the minifier treats apart).
func startsTitle(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\f")
	const tag = "<title>"
	return len(b) >= len(tag) && bytes.EqualFold(b[:len(tag)], []byte(tag))
}
