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
// for the rest.
func brotliQuality(m *Model) func(file string) int {
	prio := priorities(m)
	return func(file string) int {
		u := offline.URL(file)
		_, triage := prio[u]
		switch {
		case triage, strings.HasPrefix(u, "/services/"):
		case offline.Page(file), file == "sitemap.xml", file == "robots.txt":
			return offline.BrotliOrdinary
		}
		return offline.BrotliBest
	}
}
