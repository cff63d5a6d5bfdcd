// Package assets prepares the bytes that pages load besides their HTML: the
// site's assets/ folder (minified and fingerprinted), the stylesheet (the
// built-in builtin/*.css, base.css first, then the site's assets/site.css),
// and the built-in scripts (builtin/*.js, each inlined where a page needs it).
//
// Every asset is written as name.<hash>.ext, where hash is the first ten hex
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
// uses which script; the templates do.
package assets

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/hours"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/postcode"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// Dir is the site's assets folder, and OutDir where assets are written.
const (
	Dir    = sitefs.AssetsDir
	OutDir = "assets"
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

// Set is a site's prepared assets.
type Set struct {
	min      *minify.M
	html     *minify.M // HTML only: leaves inline CSS and JS byte for byte
	files    []File
	urls     map[string]string // source name relative to assets/ -> root-relative URL
	Style    Inline            // the whole stylesheet
	styles   map[string]Inline // "all", and the subsets StyleFor inlines
	StyleURL string            // non-empty when the stylesheet is linked, not inlined
	scripts  map[string]Inline
}

// Load reads assets/ from the site in fsys and the built-in stylesheet and
// scripts: builtin/*.js, and the scripts of the hours and postcode packages
// (which keep them beside the Go code they mirror). pageBudget decides
// whether the stylesheet is inlined.
func Load(fsys fs.FS, pageBudget int, diags *diag.List) *Set {
	s := &Set{min: newMinifier(), html: newHTMLMinifier(), urls: map[string]string{}, scripts: map[string]Inline{}}
	sheets := map[string]string{} // built-in sheet name (no .css) -> source
	files, _ := fs.Glob(builtin, "builtin/*.css")
	for _, f := range files {
		b, _ := builtin.ReadFile(f)
		sheets[strings.TrimSuffix(path.Base(f), ".css")] = string(b)
	}
	var siteCSS string
	if fsys != nil {
		siteCSS = string(s.loadSite(fsys, diags))
	}
	// The whole stylesheet, and one subset per kind of page, each with the
	// site's additions last so they override the built-in rules.
	names := slices.SortedFunc(maps.Keys(sheets), func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	s.styles = map[string]Inline{}
	for _, set := range []string{"all", "page", "other"} {
		var b strings.Builder
		for _, n := range names {
			if set == "page" && n != "base" || set == "other" && n == "pathway" {
				continue
			}
			b.WriteString(sheets[n])
			b.WriteByte('\n')
		}
		b.WriteString(siteCSS)
		code, err := s.min.String("text/css", b.String())
		if err != nil {
			diags.Errorf(Dir+"/"+SiteCSS, diag.Pos{}, "cannot minify the stylesheet: %v", err)
			code = b.String()
		}
		s.styles[set] = inline("style", code)
	}
	s.Style = s.styles["all"]
	if GzipSize([]byte(s.Style.Code)) > pageBudget/4 {
		f := fingerprint("style.css", []byte(s.Style.Code), "(built-in) stylesheet + "+Dir+"/"+SiteCSS)
		s.files = append(s.files, f)
		s.StyleURL = "/" + f.Path
	}
	scripts, _ := fs.Glob(builtin, "builtin/*.js")
	for _, f := range scripts {
		b, _ := builtin.ReadFile(f)
		s.addScript(strings.TrimSuffix(path.Base(f), ".js"), string(b), diags)
	}
	s.addScript("hours", hours.JS, diags)
	s.addScript("postcode", postcode.JS, diags)
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

// StyleFor is the stylesheet inlined into a page of the given kind (the
// render package's page kinds): ordinary pages get base.css only, pathway
// pages everything, and every other page everything but pathway.css, each
// with the site's assets/site.css. A linked stylesheet is always the whole.
func (s *Set) StyleFor(kind string) Inline {
	switch kind {
	case "page":
		return s.styles["page"]
	case "pathway":
		return s.styles["all"]
	default:
		return s.styles["other"]
	}
}

// Script returns the built-in script of that name.
func (s *Set) Script(name string) (Inline, bool) {
	sc, ok := s.scripts[name]
	return sc, ok
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

func (s *Set) loadSite(fsys fs.FS, diags *diag.List) (siteCSS []byte) {
	sitefs.Assets.Walk(fsys, diags, func(file string) {
		data, err := sitefs.Assets.Read(fsys, file)
		if err != nil {
			diags.Errorf(file, diag.Pos{}, "%v", err)
			return
		}
		rel := strings.TrimPrefix(file, Dir+"/")
		if rel == SiteCSS {
			siteCSS = data
			return
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
		return
	})
	return siteCSS
}

func fingerprint(rel string, data []byte, source string) File {
	return File{Path: FingerprintPath(rel, data), Source: source, Data: data}
}

// FingerprintPath is the output path of an asset: assets/name.<hash>.ext,
// where hash is the first ten hex digits of the SHA-256 of data. Every
// fingerprinted file of a build is named by it, so Fingerprinted knows
// them all.
func FingerprintPath(rel string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(rel)
	return OutDir + "/" + strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
}

// Fingerprinted reports whether an output path carries a content hash, and
// so may be cached forever.
func Fingerprinted(p string) bool {
	return fingerprintRE.MatchString(p)
}

var fingerprintRE = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z0-9]+$`)

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
func (s *Set) MinifyHTML(page []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(page))
	if err := s.html.Minify("text/html", &out, bytes.NewReader(page)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
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
