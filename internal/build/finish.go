package build

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/site"
)

// recorder sees every file of a build as it is written (from several
// goroutines at once): it writes the .gz and .br siblings of text files
// that site.toml's precompress asks for and keeps what the finishing stage
// needs to know of each file.
type recorder struct {
	out    Output
	gz, br bool // write .gz, .br siblings (never for signpost check)
	zip    *offline.Compressor
	brq    func(file string, size int) int // the Brotli quality of each file
	budget int                             // the page budget: a page over it fails the build

	mu   sync.Mutex
	seen map[string]seenFile
}

type seenFile struct {
	hash string // offline.Hash of the bytes
	size int    // gzip size of text files, raw size of the rest
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
		out: out, zip: offline.NewCompressor(m.Opts.Cache), brq: brotliQuality(m), budget: m.Config.Budget.Page, seen: map[string]seenFile{},
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
		// A page already over the budget fails the build: no .br for it.
		if r.br && !(site.Page(p) && len(gz) > r.budget) {
			if err := r.out.Write(p+".br", r.zip.Brotli(data, r.brq(p, len(data)))); err != nil {
				return err
			}
		}
	}
	r.mu.Lock()
	r.seen[p] = s
	r.mu.Unlock()
	return nil
}

// seen returns what the recorder knows of a file it has written.
func (r *recorder) seenFile(p string) seenFile {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen[p]
}

// finish writes the files that list the whole site: sitemap.xml and
// robots.txt; and, for a real build, what the offline stage writes (the web
// manifest and its icons, the service worker with its precache manifest and
// _headers), which also checks the page and precache budgets and records
// their figures in res.
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
		if err := write(site.SitemapFile, sitemap(m.Config.BaseURL, files)); err != nil {
			return nil, err
		}
		robots := "User-agent: *\nAllow: /\n\nSitemap: " + strings.TrimSuffix(m.Config.BaseURL, "/") + "/" + site.SitemapFile + "\n"
		if err := write(site.RobotsFile, []byte(robots)); err != nil {
			return nil, err
		}
	}
	rec, ok := out.(*recorder)
	if !ok {
		return extra, nil
	}
	var all []offline.File
	for _, f := range slices.Concat(files, extra) {
		seen := rec.seenFile(f.Path)
		all = append(all, offline.File{Path: f.Path, Source: f.Source, Kind: f.Kind, Page: f.Page, CSP: f.CSP, Hash: seen.hash, Size: seen.size})
	}
	s := offline.Site{
		Title: m.Config.Title, Language: m.Config.Language, Base: m.Config.Base, ConfigFile: config.File,
		PageBudget: m.Config.Budget.Page, PrecacheBudget: m.Config.Budget.Precache,
		Style: m.Assets.Style.Code, StyleURL: m.Assets.StyleURL, Asset: m.Assets.URL,
		Precache:   m.Config.Offline.Precache,
		Runtime:    offline.Runtime{Pages: m.Config.Offline.Pages, Prefetch: m.Config.Offline.Prefetch},
		OverBudget: func(source string) string { return costliest(m, source) },
	}
	r, err := offline.Finish(s, all, func(p string, data []byte) (offline.File, error) {
		if err := write(p, data); err != nil {
			return offline.File{}, err
		}
		seen := rec.seenFile(p)
		return offline.File{Hash: seen.hash, Size: seen.size}, nil
	}, diags)
	if err != nil {
		return nil, err
	}
	res.LargestPage, res.LargestGzip, res.PrecacheGzip = r.LargestPage, r.LargestGzip, r.PrecacheGzip
	return extra, nil
}

// sitemap lists every page but the offline page, by absolute URL.
func sitemap(baseURL string, files []File) []byte {
	var sm strings.Builder
	sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	base := strings.TrimSuffix(baseURL, "/")
	urls := []string{}
	for _, f := range files {
		if f.Page && f.Path != site.File(site.OfflineURL) {
			urls = append(urls, site.URL(f.Path))
		}
	}
	slices.Sort(urls)
	for _, u := range urls {
		sm.WriteString("<url><loc>")
		_ = xml.EscapeText(&sm, []byte(base+u)) // a strings.Builder does not fail
		sm.WriteString("</loc></url>\n")
	}
	sm.WriteString("</urlset>\n")
	return []byte(sm.String())
}

// costliest says, for a pathway page over the page budget (source is the
// pathway's file), which outcomes cost it most: the page holds each
// reachable outcome's whole advice. "" for any other page.
func costliest(m *Model, source string) string {
	for _, pw := range m.Pathways {
		if pw.File != source {
			continue
		}
		costs := m.Renderer.OutcomeCosts(pw, m.Content)
		var top []string
		for _, c := range costs[:min(3, len(costs))] {
			top = append(top, fmt.Sprintf("%s (%s, %s)", c.ID, c.File, offline.KB(c.Gzip)))
		}
		return fmt.Sprintf("pathway %q holds the whole advice of its %d outcomes, and those that cost most are %s", pw.ID, len(costs), strings.Join(top, ", "))
	}
	return ""
}
