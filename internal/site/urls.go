package site

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Where every page and generated file of a site lives. Pages are named by
// URL, other files by output path (slash-separated, no leading slash).
const (
	HomeURL     = "/"
	OfflineURL  = "/offline/"  // shown by the service worker for a page not saved yet
	ServicesURL = "/services/" // every service, and the helpline finder
	AreasURL    = ServicesURL + "areas/"

	NotFoundFile       = "404.html"
	FinderFile         = "services/finder.json" // the helpline finder's data
	WorkerFile         = "sw.js"                // the service worker, the same on every build
	WorkerManifestFile = "sw-manifest.json"     // what the worker should hold: this build's version and chunks
	WorkerChunkDir     = "sw"                   // the chunks of the precache list, content-addressed
	WebManifestFile    = "manifest.webmanifest"
	SitemapFile        = "sitemap.xml"
	RobotsFile         = "robots.txt"
	HeadersFile        = "_headers" // for Netlify and Cloudflare Pages
	AssetsDir          = "assets"   // fingerprinted assets
)

// SitemapPart is the n-th (from 1) file of a sitemap split because it is
// over the protocol's limits: sitemap.xml is then their index.
func SitemapPart(n int) string { return "sitemap-" + strconv.Itoa(n) + ".xml" }

// IsSitemap reports whether an output file is sitemap.xml or one of its
// parts.
func IsSitemap(file string) bool {
	if file == SitemapFile {
		return true
	}
	n, ok := strings.CutPrefix(file, "sitemap-")
	n, ok2 := strings.CutSuffix(n, ".xml")
	_, err := strconv.Atoi(n)
	return ok && ok2 && err == nil && !strings.HasPrefix(n, "+") && !strings.HasPrefix(n, "-")
}

// FinderURL is the address of FinderFile.
const FinderURL = "/" + FinderFile

// PathwayURL is the page of the pathway with that id.
func PathwayURL(id string) string { return "/pathways/" + id + "/" }

// OutcomeURL is the page of the outcome with that id.
func OutcomeURL(id string) string { return "/outcomes/" + id + "/" }

// ServiceURL is the page of the service with that id.
func ServiceURL(id string) string { return ServicesURL + id + "/" }

// AreaURL is the page of the local services of one postcode area.
func AreaURL(code string) string { return AreasURL + strings.ToLower(code) + "/" }

// PageURL is the URL of an ordinary page by its path under content/,
// without .md: "about/privacy" -> "/about/privacy/", "about/index" ->
// "/about/".
func PageURL(rel string) string {
	dir, id := path.Split(rel)
	if id == "index" {
		if dir == "" {
			return HomeURL
		}
		return "/" + dir
	}
	return "/" + rel + "/"
}

// URL is the root-relative URL an output file is served at: a page's
// folder ("/about/" for about/index.html), or the file itself.
func URL(file string) string {
	if file == "index.html" || strings.HasSuffix(file, "/index.html") {
		return "/" + strings.TrimSuffix(file, "index.html")
	}
	return "/" + file
}

// File is the output file of a root-relative URL: a page's folder gets
// index.html.
func File(url string) string {
	if strings.HasSuffix(url, "/") {
		url += "index.html"
	}
	return strings.TrimPrefix(url, "/")
}

// Page reports whether an output file is an HTML page.
func Page(file string) bool { return path.Ext(file) == ".html" }

// AssetPath is the output path of an asset: assets/name.<hash>.ext, where
// hash is the first ten hex digits of the SHA-256 of data. Every
// fingerprinted file of a build is named by it, so Fingerprinted knows
// them all.
func AssetPath(rel string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(rel)
	return AssetsDir + "/" + strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
}

// Fingerprinted reports whether an output path carries a content hash, and
// so may be cached forever.
func Fingerprinted(p string) bool {
	return fingerprintRE.MatchString(p)
}

var fingerprintRE = regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z0-9]+$`)

// Base is the path a site is served under on its host, from its base_url:
// Root for a site at the root of its host, or a path such as "/mysite/"
// (a GitHub Pages project site), always starting and ending in "/".
//
// The site model names pages and files by site URLs, relative to the
// site's root ("/about/", HomeURL, FinderURL): those are what the
// precache lists, the link check and content refer to. Every URL a built
// site emits (an href or src, the web manifest, the worker's registration)
// is Base.URL of a site URL; that is the one rule, and the only place that
// knows the base path.
type Base string

// Root is the Base of a site at the root of its host.
const Root Base = "/"

// URL is where the site URL u (starting with "/") is served: u itself at
// the root, "/mysite/about/" for "/about/" under "/mysite/". A URL that is
// not a path on the site (another site, "//host", "#fragment", "tel:") is
// returned as it is.
func (b Base) URL(u string) string {
	if b == "" || b == Root || !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, `/\`) {
		return u
	}
	return string(b) + u[1:]
}

// Site is the site URL of a path as served ("/mysite/about/" ->
// "/about/"); ok is false for a path outside the site.
func (b Base) Site(p string) (u string, ok bool) {
	if b == "" || b == Root {
		return p, strings.HasPrefix(p, "/")
	}
	rest, ok := strings.CutPrefix(p, string(b))
	if !ok {
		return "", false
	}
	return "/" + rest, true
}
