package build

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/pathway"
)

// recorder sees every file of a build as it is written (from several
// goroutines at once): it writes the .gz and .br siblings of text files
// that site.toml's precompress asks for and keeps what the finishing stage
// needs to know of each file.
type recorder struct {
	out    Output
	gz, br bool // write .gz, .br siblings (never for signpost check)
	zip    *offline.Compressor

	mu   sync.Mutex
	seen map[string]seenFile
}

type seenFile struct {
	hash string // offline.Hash of the bytes
	size int    // gzip size of text files, raw size of the rest
	csp  string // an HTML page's Content-Security-Policy
}

// wrapOutput lets the finishing stage see every file as it is written.
// The preview gets its files as they are: no compression, no worker.
func wrapOutput(m *Model, out Output) Output {
	if m.Opts.Preview {
		return out
	}
	_, discard := out.(Discard)
	enc := m.Config.Precompress
	return &recorder{
		out: out, zip: offline.NewCompressor(), seen: map[string]seenFile{},
		gz: !discard && slices.Contains(enc, "gzip"),
		br: !discard && slices.Contains(enc, "br"),
	}
}

func (r *recorder) Write(p string, data []byte) error {
	if err := r.out.Write(p, data); err != nil {
		return err
	}
	s := seenFile{hash: offline.Hash(data), size: len(data)}
	if offline.Compressible(p) {
		gz := r.zip.Gzip(data) // the budgets count gzip bytes, written or not
		s.size = len(gz)
		if r.gz {
			if err := r.out.Write(p+".gz", gz); err != nil {
				return err
			}
		}
		if r.br {
			if err := r.out.Write(p+".br", r.zip.Brotli(data)); err != nil {
				return err
			}
		}
	}
	if offline.Page(p) {
		s.csp = offline.PageCSP(data)
	}
	r.mu.Lock()
	r.seen[p] = s
	r.mu.Unlock()
	return nil
}

type namedSeen struct {
	path string
	seenFile
}

// snapshot returns what the recorder has seen so far, sorted by path.
func (r *recorder) snapshot() []namedSeen {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]namedSeen, 0, len(r.seen))
	for p, s := range r.seen {
		out = append(out, namedSeen{p, s})
	}
	slices.SortFunc(out, func(a, b namedSeen) int { return strings.Compare(a.path, b.path) })
	return out
}

// finish writes the files that list the whole site: sitemap.xml and
// robots.txt; and, for a real build, the web manifest and its icons, the
// service worker with its precache manifest and _headers. It checks the
// page and precache budgets, and records the budget figures in res.
func finish(m *Model, files []File, out Output, diags *diag.List, res *Result) ([]File, error) {
	var extra []File
	write := func(p string, data []byte) error {
		if err := out.Write(p, data); err != nil {
			return err
		}
		extra = append(extra, File{Path: p, Size: len(data)})
		return nil
	}
	if m.Config.BaseURL != "" && !m.Opts.Preview {
		var sm strings.Builder
		sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		base := strings.TrimSuffix(m.Config.BaseURL, "/")
		urls := []string{}
		for _, f := range files {
			if f.Page && f.Path != "offline/index.html" {
				urls = append(urls, offline.URL(f.Path))
			}
		}
		slices.Sort(urls)
		for _, u := range urls {
			sm.WriteString("<url><loc>")
			_ = xml.EscapeText(&sm, []byte(base+u)) // a strings.Builder does not fail
			sm.WriteString("</loc></url>\n")
		}
		sm.WriteString("</urlset>\n")
		if err := write("sitemap.xml", []byte(sm.String())); err != nil {
			return nil, err
		}
		robots := "User-agent: *\nAllow: /\n\nSitemap: " + base + "/sitemap.xml\n"
		if err := write("robots.txt", []byte(robots)); err != nil {
			return nil, err
		}
	}
	rec, ok := out.(*recorder)
	if !ok {
		return extra, nil
	}
	if err := writeWebManifest(m, write); err != nil {
		return nil, err
	}
	seen := rec.snapshot()
	checkPages(m, files, seen, diags, res)

	// The precache: every file the recorder saw that a visitor can use offline.
	prio := priorities(m)
	var entries []offline.Entry
	for _, f := range seen {
		if !offline.Precached(f.path) {
			continue
		}
		u := offline.URL(f.path)
		pr, ok := prio[u]
		switch {
		case ok:
		case strings.HasSuffix(f.path, ".json"):
			pr = offline.Services
		case offline.Page(f.path):
			pr = offline.Pages
		default:
			pr = offline.Assets
		}
		entries = append(entries, offline.Entry{URL: u, Hash: f.hash, Size: f.size, Priority: pr})
	}
	man := offline.NewManifest(entries)
	res.PrecacheGzip = man.Bytes
	if man.Bytes > m.Config.Budget.Precache {
		big := slices.Clone(man.Entries)
		slices.SortStableFunc(big, func(a, b offline.Entry) int { return cmp.Compare(b.Size, a.Size) })
		var top []string
		for _, e := range big[:min(3, len(big))] {
			top = append(top, fmt.Sprintf("%s %s", e.URL, offline.KB(e.Size)))
		}
		diags.Errorf(config.File, diag.Pos{}, "the precache (the %d files the service worker saves for offline use) is %s compressed with gzip, over the precache budget of %s; largest: %s. Raise [budget] precache_kb in site.toml (to at least %d) or remove pages or assets",
			len(man.Entries), offline.KB(man.Bytes), offline.KB(m.Config.Budget.Precache), strings.Join(top, ", "), (man.Bytes+1023)/1024)
	}
	if err := write("sw.js", offline.ServiceWorker(man, "/offline/")); err != nil {
		return nil, err
	}

	// _headers: written last, it lists every file (sw.js too, hence a
	// second snapshot).
	var policies, all []string
	for _, f := range rec.snapshot() {
		all = append(all, f.path)
		if f.csp != "" {
			policies = append(policies, f.csp)
		}
	}
	slices.Sort(policies)
	policies = slices.Compact(policies)
	if err := write("_headers", offline.Headers(all, offline.CSPUnion(policies), assets.Fingerprinted)); err != nil {
		return nil, err
	}
	return extra, nil
}

// checkPages checks every HTML page against the page budget and records
// the largest in res.
func checkPages(m *Model, files []File, seen []namedSeen, diags *diag.List, res *Result) {
	sizes := make(map[string]int, len(seen))
	for _, f := range seen {
		sizes[f.path] = f.size
	}
	style := 0 // the linked stylesheet's gzip size, as recorded when it was written
	if m.Assets.StyleURL != "" {
		style = sizes[strings.TrimPrefix(m.Assets.StyleURL, "/")]
	}
	var pages []offline.PageSize
	for _, f := range files {
		if offline.Page(f.Path) {
			pages = append(pages, offline.PageSize{File: f.Path, Source: f.Source, Gzip: sizes[f.Path] + style})
		}
	}
	for _, p := range offline.OverPage(pages, m.Config.Budget.Page) {
		file, with := p.Source, ""
		if file == "" {
			file = config.File
		}
		if style > 0 {
			with = fmt.Sprintf(" (with the linked stylesheet, %s)", offline.KB(style))
		}
		diags.Errorf(file, diag.Pos{}, "page %s is %s compressed with gzip%s, over the page budget of %s: shorten it or split it, or raise [budget] page_kb in site.toml",
			offline.URL(p.File), offline.KB(p.Gzip), with, offline.KB(m.Config.Budget.Page))
	}
	big := offline.Largest(pages)
	if big.File != "" {
		res.LargestPage, res.LargestGzip = offline.URL(big.File), big.Gzip
	}
}

// priorities gives the URLs that download first, before other pages and
// assets: what a person in crisis needs, then the services.
func priorities(m *Model) map[string]offline.Priority {
	p := map[string]offline.Priority{"/": offline.Urgent, "/offline/": offline.Urgent, "/services/": offline.Services}
	if m.Assets.StyleURL != "" {
		p[m.Assets.StyleURL] = offline.Urgent
	}
	for _, pw := range m.Pathways {
		p[pathway.URL(pw.ID)] = offline.Pathways
	}
	for _, pg := range m.Content.Pages {
		switch pg.Kind {
		case content.OutcomePage:
			p[pg.URL] = offline.Urgent
		case content.ServicePage:
			p[pg.URL] = offline.Services
		}
	}
	return p
}

// writeWebManifest writes manifest.webmanifest and the icons it names. A
// site's own assets/icon.svg, assets/icon-192.png and assets/icon-512.png
// are used when present; otherwise signpost draws a signpost in the brand
// colour (--brand in the stylesheet).
func writeWebManifest(m *Model, write func(string, []byte) error) error {
	brand := offline.BrandColour(m.Assets.Style.Code)
	var icons []offline.Icon
	if u, ok := m.Assets.URL("icon.svg"); ok {
		icons = append(icons, offline.Icon{Src: u, Sizes: "any", Type: "image/svg+xml"})
	} else {
		svg := offline.IconSVG(brand)
		p := assets.FingerprintPath("icon.svg", svg)
		if err := write(p, svg); err != nil {
			return err
		}
		icons = append(icons, offline.Icon{Src: "/" + p, Sizes: "any", Type: "image/svg+xml"})
	}
	for _, size := range []int{192, 512} {
		name := fmt.Sprintf("icon-%d", size)
		src, ok := m.Assets.URL(name + ".png")
		purpose := ""
		if !ok {
			png := offline.IconPNG(size, brand)
			p := assets.FingerprintPath(name+".png", png)
			if err := write(p, png); err != nil {
				return err
			}
			src, purpose = "/"+p, "any maskable"
		}
		icons = append(icons, offline.Icon{Src: src, Sizes: fmt.Sprintf("%dx%d", size, size), Type: "image/png", Purpose: purpose})
	}
	wm := offline.WebManifest{
		Name: m.Config.Title, ShortName: m.Config.Title, Lang: m.Config.Language,
		StartURL: "/", Scope: "/", Display: "standalone",
		BackgroundColor: "#ffffff", ThemeColor: offline.Hex(brand), Icons: icons,
	}
	return write("manifest.webmanifest", wm.JSON())
}
