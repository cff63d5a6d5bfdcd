package offline

import (
	"maps"
	"slices"
	"strings"
)

// PermissionsPolicy denies every powerful feature: a signposting site uses
// none of them (phone links and webchat links open other apps and sites).
const PermissionsPolicy = "accelerometer=(), ambient-light-sensor=(), autoplay=(), battery=(), bluetooth=(), camera=(), " +
	"display-capture=(), encrypted-media=(), fullscreen=(), gamepad=(), geolocation=(), gyroscope=(), hid=(), " +
	"idle-detection=(), local-fonts=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
	"picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), " +
	"usb=(), web-share=(), xr-spatial-tracking=()"

// MaxRules is the most rules Cloudflare Pages reads from _headers.
const MaxRules = 100

// ImmutableCache and Revalidate are the two caching rules of a deploy.
const (
	ImmutableCache = "public, max-age=31536000, immutable"
	Revalidate     = "no-cache"
)

// CSPUnion merges page policies into one for the whole site: each
// directive allows what any page's does (the inline scripts of every page
// are allowed by hash on every page; all of them are the site's own), and
// frame-ancestors 'none' is added, which only a header can carry.
// Directives keep the order they first appear in; sources are sorted after
// 'self' and 'none'.
func CSPUnion(policies []string) string {
	var order []string
	sources := map[string][]string{}
	for _, p := range policies {
		for _, d := range strings.Split(p, ";") {
			f := strings.Fields(d)
			if len(f) == 0 {
				continue
			}
			name := strings.ToLower(f[0])
			if _, seen := sources[name]; !seen {
				order = append(order, name)
				sources[name] = []string{}
			}
			for _, s := range f[1:] {
				if !slices.Contains(sources[name], s) {
					sources[name] = append(sources[name], s)
				}
			}
		}
	}
	if _, ok := sources["frame-ancestors"]; !ok {
		order = append(order, "frame-ancestors")
		sources["frame-ancestors"] = []string{"'none'"}
	}
	rank := func(s string) int {
		switch s {
		case "'none'":
			return 0
		case "'self'":
			return 1
		}
		return 2
	}
	parts := make([]string, 0, len(order))
	for _, name := range order {
		src := sources[name]
		slices.SortStableFunc(src, func(a, b string) int {
			if r := rank(a) - rank(b); r != 0 {
				return r
			}
			return strings.Compare(a, b)
		})
		parts = append(parts, strings.Join(append([]string{name}, src...), " "))
	}
	return strings.Join(parts, "; ")
}

// Headers returns the _headers file (the format of Netlify and Cloudflare
// Pages) for a site whose output files are files and whose pages allow csp.
//
// Every path gets the security headers. Caching: fingerprinted files (see
// fingerprinted) are immutable for a year; everything else, pages and sw.js
// above all, is revalidated on every use. The rules never overlap on
// Cache-Control, because both hosts join the values of a header that two
// matching rules set: a folder whose files are all fingerprinted gets one
// immutable splat rule, every other top-level folder one no-cache splat
// rule (a fingerprinted file in a folder that also holds pages is simply
// revalidated), and every top-level file a rule of its own.
func Headers(files []string, csp string, fingerprinted func(string) bool) []byte {
	var b strings.Builder
	rule := func(pattern string, headers ...string) {
		b.WriteString(pattern + "\n")
		for _, h := range headers {
			b.WriteString("  " + h + "\n")
		}
	}
	b.WriteString("# Written by signpost build: headers for Netlify and Cloudflare Pages.\n")
	b.WriteString("# See docs/deploy.md for what each rule is for.\n")
	rule("/*",
		"Content-Security-Policy: "+csp,
		"Referrer-Policy: no-referrer",
		"X-Content-Type-Options: nosniff",
		"X-Frame-Options: DENY",
		"Permissions-Policy: "+PermissionsPolicy,
		"Cross-Origin-Opener-Policy: same-origin",
		// Cloudflare Pages adds Access-Control-Allow-Origin: * to every
		// response, letting any site read the pages; "! Name" detaches it
		// (Netlify's parser accepts the line too).
		"! Access-Control-Allow-Origin",
	)
	immutable := map[string]bool{} // top-level folder -> every file in it is fingerprinted
	var top []string
	for _, f := range files {
		if f == "_headers" || Sibling(f) || strings.HasPrefix(f, ".") {
			continue
		}
		dir, _, nested := strings.Cut(f, "/")
		if !nested {
			top = append(top, f)
			continue
		}
		all, seen := immutable[dir]
		immutable[dir] = (all || !seen) && fingerprinted(f)
	}
	dirs := slices.Sorted(maps.Keys(immutable))
	cache := func(v string) string { return "Cache-Control: " + v }
	// Cloudflare Pages reads at most MaxRules rules. Past that, folders of
	// pages get no rule of their own: both hosts revalidate files that
	// have no Cache-Control rule (public, max-age=0, must-revalidate).
	listDirs := 1+len(dirs)+len(top) <= MaxRules
	if !listDirs {
		b.WriteString("# Too many folders for one rule each: pages keep the host's default, which revalidates.\n")
	}
	for _, d := range dirs {
		if immutable[d] {
			rule("/"+d+"/*", cache(ImmutableCache))
		} else if listDirs {
			rule("/"+d+"/*", cache(Revalidate))
		}
	}
	slices.Sort(top)
	for _, f := range top {
		switch {
		case f == "index.html":
			rule("/", cache(Revalidate))
		case fingerprinted(f):
			rule("/"+f, cache(ImmutableCache))
		case f == "sw.js":
			rule("/sw.js", cache(Revalidate), "Service-Worker-Allowed: /")
		default:
			rule("/"+f, cache(Revalidate))
		}
	}
	return []byte(b.String())
}
