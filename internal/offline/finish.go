package offline

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/site"
)

// Site is what the finishing stage needs to know of the site.
type Site struct {
	Title, Language string
	// Base is the path the site is served under: the web manifest's
	// start_url, scope and icons are under it. The worker's files
	// (sw-manifest.json, the chunks) list site URLs ("/about/"): the
	// worker, the same file under any path, finds its base from its own
	// location.
	Base           site.Base
	ConfigFile     string // where the budgets are set, for messages: site.toml
	PageBudget     int    // bytes of gzip per page (its HTML and a linked stylesheet)
	PrecacheBudget int    // bytes of gzip in the precache
	Style          string // the whole stylesheet, for the brand colour of generated icons
	StyleURL       string // the linked stylesheet's URL; "" when it is inlined
	// Precache lists URL folders whose ordinary pages join the triage set.
	Precache []string
	Runtime  Runtime
	// Asset returns the URL of a site asset by its path under assets/: a
	// site's own icon.svg, icon-192.png and icon-512.png replace the drawn
	// ones.
	Asset func(name string) (url string, ok bool)
	// OverBudget, when set, says more about a page over the page budget
	// from its source file (which parts cost it most), or "".
	OverBudget func(source string) string
}

// File is one file of the build, as the finishing stage sees it.
type File struct {
	Path   string    // output path: about/index.html
	Source string    // the site file it comes from; "" when signpost makes it
	Kind   site.Kind // an HTML page's kind; zero for other files
	Page   bool      // counts against the page budget
	CSP    string    // an HTML page's Content-Security-Policy
	Hash   string    // Hash of its bytes
	Size   int       // gzip size of text, raw size otherwise (as the budgets count)
	// A text file's Size is 0 when it was not compressed: an ordinary page
	// the build knew to be within the page budget by its bound
	// (Compressor.GzipBound) and that the worker does not precache. It
	// counts as within the budget and is left out of LargestPage.
}

// Writer writes one output file and says what the finishing stage needs
// to know of it (Hash and Size).
type Writer func(path string, data []byte) (File, error)

// Result is what Finish measured.
type Result struct {
	LargestPage  string // URL of the page with the largest first render
	LargestGzip  int    // its gzip bytes (HTML + linked stylesheet)
	Unmeasured   int    // pages within the budget by their bound, not compressed
	PrecacheGzip int    // gzip bytes of the precache
}

// Finish is the offline stage: given every file a build has written, it
// checks the page and precache budgets and writes the web manifest and its
// icons, the service worker and what it should hold (WorkerManifest: the
// triage set, which is every file but ordinary pages outside s.Precache),
// and _headers (with the union of the pages' policies), each through
// write.
func Finish(s Site, files []File, write Writer, diags *diag.List) (Result, error) {
	var res Result
	var extra []File
	put := func(p string, data []byte) (File, error) {
		f, err := write(p, data)
		if err == nil {
			f.Path = p
			extra = append(extra, f)
		}
		return f, err
	}
	if err := writeWebManifest(s, put); err != nil {
		return res, err
	}
	all := slices.Concat(files, extra)
	res.LargestPage, res.LargestGzip, res.Unmeasured = checkPages(s, all, diags)

	var entries []Entry
	for _, f := range all {
		if !Precached(f.Path) {
			continue
		}
		u := site.URL(f.Path)
		pr := priority(s, f, u)
		if pr == site.PriorityPages && !slices.ContainsFunc(s.Precache, func(dir string) bool { return strings.HasPrefix(u, dir) }) {
			continue // saved when visited, not precached
		}
		if f.Size == 0 && Compressible(f.Path) {
			// A build measures every text file the worker precaches: a
			// mistake in choosing what not to compress must not make a
			// precache that looks smaller than it is.
			return res, fmt.Errorf("internal error: %s is precached but was not compressed to count its size", f.Path)
		}
		entries = append(entries, Entry{URL: u, Hash: f.Hash, Size: f.Size, Priority: pr})
	}
	man := NewManifest(entries)
	res.PrecacheGzip = man.Bytes
	if man.Bytes > s.PrecacheBudget {
		big := slices.Clone(man.Entries)
		slices.SortStableFunc(big, func(a, b Entry) int { return cmp.Compare(b.Size, a.Size) })
		var top []string
		for _, e := range big[:min(3, len(big))] {
			top = append(top, fmt.Sprintf("%s %s", e.URL, KB(e.Size)))
		}
		diags.Errorf(s.ConfigFile, diag.Pos{}, "the precache (the %d files of the triage set the service worker saves on a first visit) is %s compressed with gzip, over the precache budget of %s; largest: %s. Raise [budget] precache_kb in site.toml (to at least %d), or remove pages or assets, or folders from [offline] precache",
			len(man.Entries), KB(man.Bytes), KB(s.PrecacheBudget), strings.Join(top, ", "), (man.Bytes+1023)/1024)
	}
	wm := WorkerManifest(man, site.OfflineURL, s.Runtime)
	for _, p := range slices.Sorted(maps.Keys(wm)) {
		if _, err := put(p, wm[p]); err != nil {
			return res, err
		}
	}
	if _, err := put(site.WorkerFile, ServiceWorker()); err != nil {
		return res, err
	}

	// _headers: written last, it lists every file (sw.js too).
	var policies, paths []string
	for _, f := range slices.Concat(files, extra) {
		paths = append(paths, f.Path)
		if f.CSP != "" {
			policies = append(policies, f.CSP)
		}
	}
	slices.Sort(paths)
	slices.Sort(policies)
	policies = slices.Compact(policies)
	if _, err := put(site.HeadersFile, Headers(paths, CSPUnion(policies), site.Fingerprinted)); err != nil {
		return res, err
	}
	return res, nil
}

// priority is where a file comes in the precache: a page by its kind, the
// finder's data with the services, a linked stylesheet with what is
// urgent, and every other file (images, icons, the web manifest) last.
func priority(s Site, f File, url string) site.Priority {
	switch {
	case f.Kind.Name != "":
		return f.Kind.Priority
	case f.Path == site.FinderFile:
		return site.PriorityServices
	case s.StyleURL != "" && url == s.StyleURL:
		return site.PriorityUrgent
	}
	return site.PriorityAssets
}

// checkPages checks every HTML page against the page budget and returns
// the largest measured, and how many were not measured (Size 0: within
// the budget by their bound).
func checkPages(s Site, files []File, diags *diag.List) (string, int, int) {
	style := 0 // the linked stylesheet's gzip size, as recorded when it was written
	if s.StyleURL != "" {
		for _, f := range files {
			if site.URL(f.Path) == s.StyleURL {
				style = f.Size
			}
		}
	}
	var pages []PageSize
	unmeasured := 0
	for _, f := range files {
		switch {
		case f.Page && f.Size == 0:
			unmeasured++
		case f.Page:
			pages = append(pages, PageSize{File: f.Path, Source: f.Source, Gzip: f.Size + style})
		}
	}
	for _, p := range OverPage(pages, s.PageBudget) {
		file, with := p.Source, ""
		if file == "" {
			file = s.ConfigFile
		}
		if style > 0 {
			with = fmt.Sprintf(" (with the linked stylesheet, %s)", KB(style))
		}
		more := ""
		if s.OverBudget != nil {
			if m := s.OverBudget(p.Source); m != "" {
				more = "; " + m
			}
		}
		var pos diag.Pos
		if p.Source != "" {
			pos.Line = 1 // the page's file as a whole
		}
		diags.Errorf(file, pos, "page %s is %s compressed with gzip%s, over the page budget of %s%s: shorten it or split it, or raise [budget] page_kb in site.toml",
			site.URL(p.File), KB(p.Gzip), with, KB(s.PageBudget), more)
	}
	big := Largest(pages)
	if big.File == "" {
		return "", 0, unmeasured
	}
	return site.URL(big.File), big.Gzip, unmeasured
}

// writeWebManifest writes manifest.webmanifest and the icons it names. A
// site's own assets/icon.svg, assets/icon-192.png and assets/icon-512.png
// are used when present; otherwise signpost draws a signpost in the brand
// colour (--brand in the stylesheet).
func writeWebManifest(s Site, write Writer) error {
	brand := BrandColour(s.Style)
	var icons []Icon
	if u, ok := s.Asset("icon.svg"); ok {
		icons = append(icons, Icon{Src: s.Base.URL(u), Sizes: "any", Type: "image/svg+xml"})
	} else {
		svg := IconSVG(brand)
		p := site.AssetPath("icon.svg", svg)
		if _, err := write(p, svg); err != nil {
			return err
		}
		icons = append(icons, Icon{Src: s.Base.URL(site.URL(p)), Sizes: "any", Type: "image/svg+xml"})
	}
	for _, size := range []int{192, 512} {
		name := fmt.Sprintf("icon-%d", size)
		src, ok := s.Asset(name + ".png")
		purpose := ""
		if !ok {
			png := IconPNG(size, brand)
			p := site.AssetPath(name+".png", png)
			if _, err := write(p, png); err != nil {
				return err
			}
			src, purpose = site.URL(p), "any maskable"
		}
		icons = append(icons, Icon{Src: s.Base.URL(src), Sizes: fmt.Sprintf("%dx%d", size, size), Type: "image/png", Purpose: purpose})
	}
	wm := WebManifest{
		Name: s.Title, ShortName: s.Title, Lang: s.Language,
		StartURL: s.Base.URL(site.HomeURL), Scope: s.Base.URL(site.HomeURL), Display: "standalone",
		BackgroundColor: "#ffffff", ThemeColor: Hex(brand), Icons: icons,
	}
	_, err := write(site.WebManifestFile, wm.JSON())
	return err
}
