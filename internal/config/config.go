// Package config loads site.toml into a Site: the site's title, base URL,
// language, timezone, emergency banner, quick exit, and the limits the build
// enforces.
//
// # Keys
//
// The keys of the content model (see shared/spec/content-model.md):
//
//	title = "..."            required
//	base_url = "https://..." required for build and check; serve overrides it;
//	                         may have a path (https://example.github.io/mysite/)
//	language = "en-GB"       default en-GB
//	timezone = "Europe/London" IANA name; default Europe/London
//	[emergency] text, phone  the banner above everything on every page
//	[emergency] no_voice = ["relay-uk", ...]  services whose ways to the
//	                         emergency services need no voice call (signpost adds it)
//	[exit] url               the quick exit; url required when [exit] is present
//
// Keys signpost adds (all optional):
//
//	unsafe_html = false      allow raw HTML in Markdown (off: raw HTML is an error)
//	max_routes = 10000       refuse a pathway with more routes than reviewers can sign off
//	[budget] page_kb = 14    gzip bytes of a page with what its first render needs
//	[budget] precache_kb = 300  gzip bytes of the triage set the service worker precaches
//	[offline] precache = ["/help/"]  folders of ordinary pages that join the triage set
//	[offline] pages = 50     ordinary pages kept for offline use as they are visited
//	[offline] prefetch = false  also save the pages a page links to, on a fast
//	                         connection without Save-Data
//	precompress = ["gzip", "br"] the .gz and .br copies written beside every text file;
//	                         [] for hosts that compress on the fly
//	require_case_coverage = false  every pathway must have test cases that give
//	                         every answer and reach every emergency and urgent outcome
//	phone_numbers = "uk"     the numbering plan every phone number is checked
//	                         against (package phone); "any" for a site outside
//	                         the UK: digits, single spaces and an optional +
//
// Any other key is an error at its line. Config does not read content,
// pathways or layouts; it only describes the site.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // timezones must resolve the same on every machine, with or without system tzdata

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/phone"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// File is the configuration file's name, at the root of a site.
const File = sitefs.ConfigFile

// Defaults for optional keys.
const (
	DefaultLanguage     = "en-GB"
	DefaultTimezone     = "Europe/London"
	DefaultMaxRoutes    = 10000
	DefaultPageKB       = 14
	DefaultPrecacheKB   = 300
	DefaultOfflinePages = 50
	defaultTimezoneMsg  = "use an IANA name such as Europe/London"
)

// Site is a site's configuration.
type Site struct {
	Title   string
	BaseURL string // absolute, ending in "/"; empty if unset
	// Base is the path of BaseURL, which every URL the site emits starts
	// with: site.Root, or "/mysite/" for a site served under a path (a
	// GitHub Pages project site).
	Base       site.Base
	Language   string
	Timezone   string
	Location   *time.Location
	Emergency  *Emergency // nil if [emergency] is absent
	Exit       *Exit      // nil if [exit] is absent
	UnsafeHTML bool
	MaxRoutes  uint64
	// RequireCaseCoverage makes an answer no test case gives, or an
	// emergency or urgent outcome no case reaches, an error.
	RequireCaseCoverage bool
	Budget              Budget
	// Phones is the numbering plan of phone_numbers (default phone.UK).
	Phones phone.Plan
	// Precompress lists the encodings of the copies written beside every
	// text file, each at most once: "gzip" (.gz) and "br" (.br).
	Precompress []string
	Offline     Offline

	basePos diag.Pos
}

// Offline says what the service worker keeps beyond the triage set
// (home, pathways, outcomes, services, the offline page, assets).
type Offline struct {
	Precache []string // URL folders ("/help/") whose ordinary pages are precached too
	Pages    int      // ordinary pages kept as they are visited, least recently used dropped first
	Prefetch bool     // save the same-site pages a page links to, on a fast connection without Save-Data
}

// Emergency is the banner shown first on every page.
type Emergency struct {
	Text  string
	Phone string // as written, e.g. "999"
	// NoVoice lists the services (content/services/<id>.md) whose ways to
	// the emergency services need no voice call (text relay, BSL video
	// relay, emergency SMS): the banner links to them on every page, and
	// emergency and urgent outcomes offer them first.
	NoVoice    []string
	NoVoicePos []diag.Pos
}

// Exit is the quick-exit control.
type Exit struct {
	URL string
}

// Encodings are the values precompress allows, in the order they default to.
var Encodings = []string{"gzip", "br"}

// Budget holds the byte budgets the build enforces, in bytes.
type Budget struct {
	Page     int
	Precache int
}

var (
	languageRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// browserTimezone reports whether name, which Go's tzdata knows, is also
// one a browser's Intl accepts: Go also loads the database's own files
// (Local, Factory, posixrules, localtime, posix/..., right/...), which
// browsers reject, and the open-now script would then fail on every page.
func browserTimezone(name string) bool {
	switch name {
	case "Local", "Factory", "posixrules", "localtime":
		return false
	}
	return !strings.HasPrefix(name, "posix/") && !strings.HasPrefix(name, "right/")
}

// Load reads site.toml from the root of fsys. Problems are added to diags;
// the returned Site is nil only when the file is missing or unparseable.
func Load(fsys fs.FS, diags *diag.List) *Site {
	src, err := sitefs.ReadConfig(fsys)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		diags.Errorf(File, diag.Pos{}, "there is no site.toml: is this a signpost site? (signpost new DIR writes one)")
		return nil
	case err != nil:
		diags.Errorf(File, diag.Pos{}, "%v", err)
		return nil
	}
	return Parse(src, diags)
}

// Parse reads the contents of site.toml.
func Parse(src []byte, diags *diag.List) *Site {
	if !diag.CheckText(File, src, diags) {
		return nil
	}
	t := tomldoc.Parse(File, File, src, 1, diag.Pos{Line: 1}, diags)
	if t == nil {
		return nil
	}
	s := &Site{
		Title:       strings.TrimSpace(first(t.Text("title", true, "give the site a name"))),
		BaseURL:     t.String("base_url", false),
		Language:    t.String("language", false),
		Timezone:    t.String("timezone", false),
		MaxRoutes:   DefaultMaxRoutes,
		Budget:      Budget{Page: DefaultPageKB * 1024, Precache: DefaultPrecacheKB * 1024},
		Offline:     Offline{Pages: DefaultOfflinePages},
		Precompress: slices.Clone(Encodings), // its own copy: Encodings is shared
		basePos:     t.ValuePos("base_url"),
	}
	s.Base = site.Root
	if s.BaseURL != "" {
		u, err := url.Parse(s.BaseURL)
		switch {
		case err == nil && u.User != nil:
			t.Errorf(t.ValuePos("base_url"), "base_url %q carries a user name or password, which every page would publish: remove the part before @", u.Redacted())
		case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s.BaseURL, "#"):
			t.Errorf(t.ValuePos("base_url"), "base_url %q must be an absolute http(s) URL such as https://example.org/", s.BaseURL)
		default:
			if msg := basePath(u); msg != "" {
				t.Errorf(t.ValuePos("base_url"), "base_url %q %s", s.BaseURL, msg)
				break
			}
			if !strings.HasSuffix(s.BaseURL, "/") {
				s.BaseURL += "/" // https://example.github.io/mysite is the folder mysite/
			}
			s.Base = site.Base(strings.TrimSuffix(u.Path, "/") + "/")
		}
	}
	if s.Language == "" {
		s.Language = DefaultLanguage
	} else if !languageRE.MatchString(s.Language) {
		t.Errorf(t.ValuePos("language"), "language %q is not a language tag: write one like en-GB or cy", s.Language)
	}
	if s.Timezone == "" {
		if t.Has("timezone") {
			t.Errorf(t.ValuePos("timezone"), "timezone is empty: remove the line for %s, or %s", DefaultTimezone, defaultTimezoneMsg)
		}
		s.Timezone = DefaultTimezone
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil || !browserTimezone(s.Timezone) {
		t.Errorf(t.ValuePos("timezone"), "unknown timezone %q: %s", s.Timezone, defaultTimezoneMsg)
		loc = time.UTC
	}
	s.Location = loc
	if v, ok := t.Bool("unsafe_html"); ok {
		s.UnsafeHTML = v
	}
	if v, ok := t.Bool("require_case_coverage"); ok {
		s.RequireCaseCoverage = v
	}
	if n, ok := t.Int("max_routes"); ok {
		if n < 1 {
			t.Errorf(t.ValuePos("max_routes"), "max_routes must be at least 1")
		} else {
			s.MaxRoutes = uint64(n)
		}
	}
	s.Phones = phone.UK
	if t.Has("phone_numbers") {
		plan := phone.Plan(t.String("phone_numbers", false))
		if slices.Contains(phone.Plans, plan) {
			s.Phones = plan
		} else {
			t.Errorf(t.ValuePos("phone_numbers"), "unknown phone_numbers %q: use \"uk\" (checked against the UK numbering plan, the default) or \"any\" (digits only, for a site outside the UK)", plan)
		}
	}
	if t.Has("precompress") {
		s.Precompress = precompress(t)
	}
	if e := t.Table("emergency"); e != nil {
		s.Emergency = &Emergency{
			Text:  strings.TrimSpace(first(e.Text("text", true, "say what to do in an emergency"))),
			Phone: strings.TrimSpace(e.String("phone", false)),
		}
		for i, id := range e.Strings("no_voice") {
			pos := e.ElemPos("no_voice", i)
			switch {
			case slices.Contains(s.Emergency.NoVoice, id):
				e.Errorf(pos, "service %q is listed twice in no_voice: remove one", id)
			default:
				s.Emergency.NoVoice = append(s.Emergency.NoVoice, id)
				s.Emergency.NoVoicePos = append(s.Emergency.NoVoicePos, pos)
			}
		}
		if s.Emergency.Phone != "" {
			if err := phone.Check(s.Emergency.Phone, s.Phones, phone.Call); err != nil {
				e.Errorf(e.ValuePos("phone"), "phone %q is not a number to call: %v", s.Emergency.Phone, err)
			}
		}
		e.Check()
	}
	if x := t.Table("exit"); x != nil {
		s.Exit = &Exit{URL: x.String("url", true)}
		if s.Exit.URL != "" {
			u, err := url.Parse(s.Exit.URL)
			if err != nil || u.Scheme != "https" || u.Host == "" {
				x.Errorf(x.ValuePos("url"), "exit url %q must be an absolute https URL of a neutral site, such as https://www.bbc.co.uk/weather", s.Exit.URL)
			}
		}
		x.Check()
	}
	if b := t.Table("budget"); b != nil {
		for _, k := range []struct {
			key string
			dst *int
		}{{"page_kb", &s.Budget.Page}, {"precache_kb", &s.Budget.Precache}} {
			if v, ok := b.Number(k.key); ok {
				if v <= 0 {
					b.Errorf(b.ValuePos(k.key), "%s must be more than 0", k.key)
					continue
				}
				*k.dst = int(v * 1024)
			}
		}
		b.Check()
	}
	if o := t.Table("offline"); o != nil {
		for i, f := range o.Strings("precache") {
			if !strings.HasPrefix(f, "/") || !strings.HasSuffix(f, "/") || strings.Contains(f, "//") {
				o.Errorf(o.ElemPos("precache", i), "offline precache %q must be a folder of the site's URLs, starting and ending in /, like \"/help/\"", f)
				continue
			}
			s.Offline.Precache = append(s.Offline.Precache, f)
		}
		if n, ok := o.Int("pages"); ok {
			if n < 0 || n > 10000 {
				o.Errorf(o.ValuePos("pages"), "offline pages must be from 0 (keep no visited pages) to 10000")
			} else {
				s.Offline.Pages = int(n)
			}
		}
		if v, ok := o.Bool("prefetch"); ok {
			s.Offline.Prefetch = v
		}
		o.Check()
	}
	t.Check()
	return s
}

// basePath says what is wrong with the path of a base_url, or "". A site
// may live under a path (https://example.github.io/mysite/): each of its
// folders a plain name of letters, digits, '-', '_', '.' and '~' (what
// GitHub allows in a repository's name), so that every URL the site emits
// and the service worker's scope need no escaping.
func basePath(u *url.URL) string {
	p := strings.TrimSuffix(u.Path, "/")
	if p == "" {
		return ""
	}
	if u.RawPath != "" {
		return fmt.Sprintf("has an escaped character in its path (%s): use folder names of letters, digits, '-', '_', '.' and '~'", u.EscapedPath())
	}
	for _, seg := range strings.Split(p[1:], "/") {
		switch {
		case seg == "":
			return fmt.Sprintf("has an empty folder in its path (%s): remove the extra /", u.Path)
		case seg == "." || seg == "..":
			return fmt.Sprintf("has %q in its path (%s): write the folder the site is served from, such as /mysite/", seg, u.Path)
		case !segmentRE.MatchString(seg):
			return fmt.Sprintf("has %q in its path (%s): use folder names of letters, digits, '-', '_', '.' and '~'", seg, u.Path)
		}
	}
	return ""
}

var segmentRE = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

// SetBaseURL replaces base_url (the preview serves from its own address),
// and the base path with it. baseURL is absolute and ends in "/".
func (s *Site) SetBaseURL(baseURL string) {
	s.BaseURL, s.Base = baseURL, site.Root
	if u, err := url.Parse(baseURL); err == nil && strings.HasSuffix(u.Path, "/") {
		s.Base = site.Base(u.Path)
	}
}

// precompress reads the precompress list: known encodings, each once.
func precompress(t *tomldoc.Table) []string {
	list := t.Strings("precompress")
	out := []string{}
	for i, enc := range list {
		switch {
		case !slices.Contains(Encodings, enc):
			t.Errorf(t.ElemPos("precompress", i), "unknown encoding %q in precompress: use \"gzip\", \"br\" or both, or [] to write no compressed copies", enc)
		case slices.Contains(out, enc):
			t.Errorf(t.ElemPos("precompress", i), "%q is listed twice in precompress: remove one", enc)
		default:
			out = append(out, enc)
		}
	}
	return out
}

// RequireBaseURL reports a missing base_url; build and check need one for
// the sitemap and canonical links, serve does not.
func (s *Site) RequireBaseURL(diags *diag.List) {
	if s.BaseURL == "" {
		diags.Errorf(File, s.basePos, "base_url is required to build: add base_url = \"https://your-site.example/\"")
	}
}

// first is the first of two results.
func first[T, U any](v T, _ U) T { return v }
