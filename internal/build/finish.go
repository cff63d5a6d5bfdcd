package build

import (
	"crypto/sha256"
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
	// fits reports whether a page is sure to be within the budget without
	// being compressed, when nothing else needs its gzip size (see
	// fitsUnmeasured); nil: every text file is measured.
	fits func(p string, data []byte) bool

	// jobs, when set, is the job cache, which keeps the compressed copies
	// of the jobs' files itself (jobCache.wrote); finishing is set once the
	// jobs are done and the files that list the site are written.
	jobs      *jobCache
	finishing bool

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
	r := &recorder{
		out: out, zip: offline.NewCompressor(m.Opts.Cache), brq: brotliQuality(m), budget: m.Config.Budget.Page, seen: map[string]seenFile{},
		gz: !discard && slices.Contains(enc, "gzip"),
		br: !discard && slices.Contains(enc, "br"),
	}
	if !r.gz {
		r.fits = fitsUnmeasured(m, r.zip)
	}
	return r
}

// fitsUnmeasured returns, for a build that writes no .gz copies, whether
// a page need not be compressed at all: an ordinary content page that the
// service worker does not precache (its gzip size is not counted against
// the precache budget) and whose gzip size is sure to be within the page
// budget, with the linked stylesheet's, from offline.Compressor.GzipBound.
// Such a page is recorded with size 0, which offline.Finish counts as
// within the budget and leaves out of the largest page. Measuring it
// would give the same verdict at the cost of compressing it (about a
// third of the CPU of a build with precompress = []).
func fitsUnmeasured(m *Model, zip *offline.Compressor) func(p string, data []byte) bool {
	ordinary := ordinaryPages(m)
	budget := m.Config.Budget.Page
	if m.Assets.StyleURL != "" {
		budget -= len(zip.Gzip([]byte(m.Assets.Style.Code))) // the file written, as checkPages counts it
	}
	return func(p string, data []byte) bool {
		if !site.Page(p) || !ordinary[site.URL(p)] {
			return false
		}
		u := site.URL(p)
		if slices.ContainsFunc(m.Config.Offline.Precache, func(dir string) bool { return strings.HasPrefix(u, dir) }) {
			return false
		}
		return zip.GzipBound(data) <= budget
	}
}

func (r *recorder) Write(p string, data []byte) error {
	if err := r.out.Write(p, data); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	s := seenFile{hash: offline.HashOf(sum), size: len(data)}
	job := r.jobs != nil && !r.finishing
	var gz, br []byte // as written
	brq := 0
	if offline.Compressible(p) {
		var zipped []byte // the budgets count gzip bytes, written or not
		if r.fits != nil && r.fits(p, data) {
			s.size = 0 // within the budget, not measured
		} else if job {
			zipped, s.size = r.jobs.gzip(r.zip, data, sum, r.gz)
		} else {
			zipped = r.zip.Gzip(data)
			s.size = len(zipped)
		}
		if r.gz {
			if err := r.out.Write(p+".gz", zipped); err != nil {
				return err
			}
			gz = zipped
		}
		// A page already over the budget fails the build: no .br for it.
		if r.br && !(site.Page(p) && s.size > r.budget) {
			brq = r.brq(p, len(data))
			if job {
				br = r.jobs.brotli(r.zip, data, sum, brq)
			} else {
				br = r.zip.Brotli(data, brq)
			}
			if err := r.out.Write(p+".br", br); err != nil {
				return err
			}
		}
	}
	r.mu.Lock()
	r.seen[p] = s
	r.mu.Unlock()
	if job {
		r.jobs.wrote(p, sum, gz, br, brq)
	}
	return nil
}

// saw tells the recorder of a file put into the output without Write (a
// file of the previous output, linked: see jobCache.write).
func (r *recorder) saw(p string, s seenFile) {
	r.mu.Lock()
	r.seen[p] = s
	r.mu.Unlock()
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
	if rec, ok := out.(*recorder); ok {
		rec.finishing = true // what follows is no job's
	}
	var extra []File
	write := func(p string, data []byte) error {
		if err := out.Write(p, data); err != nil {
			return err
		}
		extra = append(extra, File{Path: p, Size: len(data)})
		return nil
	}
	if m.Config.BaseURL != "" && !m.Opts.Preview {
		for _, f := range sitemaps(m.Config.BaseURL, files, maxSitemapURLs, maxSitemapBytes) {
			if err := write(f.path, f.data); err != nil {
				return nil, err
			}
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
	res.LargestPage, res.LargestGzip, res.Unmeasured, res.PrecacheGzip = r.LargestPage, r.LargestGzip, r.Unmeasured, r.PrecacheGzip
	return extra, nil
}

// The sitemap protocol's limits for one file (sitemaps.org): 50,000 URLs
// and 50 MB (52,428,800 bytes) uncompressed.
const (
	maxSitemapURLs  = 50_000
	maxSitemapBytes = 50 << 20
)

// sitemapFile is one file of the sitemap.
type sitemapFile struct {
	path string
	data []byte
}

const (
	sitemapHead  = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
	sitemapTail  = "</urlset>\n"
	sitemapIndex = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
)

// sitemaps lists every page but the offline page, by absolute URL, in
// sitemap.xml; when that is over maxURLs URLs or maxBytes bytes, in parts
// (sitemap-1.xml, sitemap-2.xml, ..., each within both limits), and
// sitemap.xml is their index, so robots.txt names one file either way.
func sitemaps(baseURL string, files []File, maxURLs, maxBytes int) []sitemapFile {
	base := strings.TrimSuffix(baseURL, "/")
	var entries []string
	for _, f := range files {
		if f.Page && f.Path != site.File(site.OfflineURL) {
			entries = append(entries, site.URL(f.Path))
		}
	}
	slices.Sort(entries)
	for i, u := range entries {
		var b strings.Builder
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(base+u)) // a strings.Builder does not fail
		b.WriteString("</loc></url>\n")
		entries[i] = b.String()
	}
	var parts [][]string
	size := 0
	for _, e := range entries {
		if len(parts) == 0 || len(parts[len(parts)-1]) == maxURLs || size+len(e) > maxBytes-len(sitemapHead)-len(sitemapTail) {
			parts, size = append(parts, nil), 0
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], e)
		size += len(e)
	}
	urlset := func(es []string) []byte {
		return []byte(sitemapHead + strings.Join(es, "") + sitemapTail)
	}
	if len(parts) <= 1 {
		var es []string
		if len(parts) == 1 {
			es = parts[0]
		}
		return []sitemapFile{{site.SitemapFile, urlset(es)}}
	}
	var out []sitemapFile
	index := sitemapIndex
	for i, es := range parts {
		name := site.SitemapPart(i + 1)
		out = append(out, sitemapFile{name, urlset(es)})
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(base+"/"+name))
		index += "<sitemap><loc>" + b.String() + "</loc></sitemap>\n"
	}
	return append(out, sitemapFile{site.SitemapFile, []byte(index + "</sitemapindex>\n")})
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
