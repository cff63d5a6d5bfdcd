package build

import (
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/site"
)

// brotliQuality returns, for a build of m, the Brotli quality of each
// output file: offline.BrotliBest for the triage set, what a person on 2G
// downloads first (every page but the site's ordinary content pages and
// 404.html: home, the offline page, pathways, outcomes, services, the
// services index and areas; and every other file but the sitemap and
// robots.txt: assets, icons, the finder's data, the worker, the web
// manifest), offline.BrotliOrdinary for the rest. A file over bestMax
// bytes gets offline.BrotliOrdinary too: quality 11 costs about 3 s of CPU
// a megabyte, and a triage page that size is far over any page budget (a
// 14 KB gzip page is about 50 KB).
func brotliQuality(m *Model) func(file string, size int) int {
	ordinary := ordinaryPages(m)
	return func(file string, size int) int {
		switch {
		case size > bestMax, file == site.NotFoundFile, site.IsSitemap(file), file == site.RobotsFile,
			site.Page(file) && ordinary[site.URL(file)]:
			return offline.BrotliOrdinary
		}
		return offline.BrotliBest
	}
}

const bestMax = 256 << 10

// ordinaryPages is the set of the URLs of m's ordinary content pages.
func ordinaryPages(m *Model) map[string]bool {
	ordinary := map[string]bool{}
	for _, p := range m.Content.Pages {
		if p.Kind == content.Ordinary {
			ordinary[p.URL] = true
		}
	}
	return ordinary
}
