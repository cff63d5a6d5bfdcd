package build

import (
	"strings"

	"github.com/signpost-dev/signpost/internal/offline"
)

// brotliQuality returns, for a build of m, the Brotli quality of each
// output file: offline.BrotliBest for the triage set, what a person on 2G
// downloads first (the pages priorities names: home, the offline page,
// pathways, outcomes, services; the services index and areas; and every
// file that is not a page but the sitemap and robots.txt: assets, icons,
// the finder's data, the worker, the web manifest), offline.BrotliOrdinary
// for the rest. A file over bestMax bytes gets offline.BrotliOrdinary too:
// quality 11 costs about 3 s of CPU a megabyte, and a triage page that size
// is far over any page budget (a 14 KB gzip page is about 50 KB).
func brotliQuality(m *Model) func(file string, size int) int {
	prio := priorities(m)
	return func(file string, size int) int {
		u := offline.URL(file)
		_, triage := prio[u]
		switch {
		case size > bestMax:
		case triage, strings.HasPrefix(u, "/services/"):
			return offline.BrotliBest
		case offline.Page(file), file == "sitemap.xml", file == "robots.txt":
		default:
			return offline.BrotliBest
		}
		return offline.BrotliOrdinary
	}
}

const bestMax = 256 << 10
