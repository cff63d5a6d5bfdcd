package offline

import (
	"cmp"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/signpost-dev/signpost/internal/site"
	"slices"
	"strings"
)

// Entry is one precached file.
type Entry struct {
	URL      string // root-relative, as requested: "/about/", "/assets/icon.1a2b3c4d5e.svg"
	Hash     string // Hash of its bytes
	Size     int    // bytes as the budget counts them: gzip size of text, raw size otherwise
	Priority site.Priority
}

// Manifest is the precache of one build, in download order.
type Manifest struct {
	Entries []Entry
	Version string // hash of every URL and hash: changes when any file does
	Bytes   int    // sum of Entry.Size
}

// Precached reports whether an output file goes into the precache. Files
// for hosts and robots (sitemap.xml, robots.txt, _headers), compressed
// siblings, the worker and its manifest, and 404.html (offline, unknown
// URLs get the offline page) are not.
func Precached(file string) bool {
	switch file {
	case site.WorkerFile, site.WorkerManifestFile, site.HeadersFile, "_redirects", site.NotFoundFile, site.SitemapFile, site.RobotsFile:
		return false
	}
	if site.IsSitemap(file) {
		return false
	}
	if strings.HasPrefix(file, site.WorkerChunkDir+"/") {
		return false
	}
	if strings.HasPrefix(file, ".") || strings.Contains(file, "/.") {
		return false
	}
	return !Sibling(file)
}

// NewManifest sorts entries into download order (priority, then URL) and
// computes the version and total.
func NewManifest(entries []Entry) *Manifest {
	m := &Manifest{Entries: slices.Clone(entries)}
	slices.SortFunc(m.Entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), strings.Compare(a.URL, b.URL))
	})
	h := sha256.New()
	for _, e := range m.Entries {
		fmt.Fprintf(h, "%s %s\n", e.URL, e.Hash)
		m.Bytes += e.Size
	}
	m.Version = hex.EncodeToString(h.Sum(nil))[:hashLen]
	return m
}

// ServiceWorker is the source of /sw.js: the same on every build, so a
// deploy that changes only content does not change it.
func ServiceWorker() []byte { return []byte(workerJS) }

// workerJS is the worker (sw.js). ES2017, no modules: it must run on older
// phones.
//
//go:embed sw.js
var workerJS string

// ChunkSize is about how many precache entries one chunk of the list
// holds: a deploy that changes one file makes the returning visitor fetch
// the manifest and one chunk, about a kilobyte compressed.
const ChunkSize = 24

// Runtime is what the worker does besides the precache.
type Runtime struct {
	Pages    int  // ordinary pages kept as visited
	Prefetch bool // prefetch linked pages on a fast connection
}

// WorkerManifest returns the files that tell the worker what a build holds:
// site.WorkerManifestFile (the version, the offline page, the runtime
// settings and the chunks' URLs) and the chunks, each a JSON list of [URL,
// hash, priority] named by the hash of its bytes. An entry's chunk depends
// on its URL only (and on how many chunks there are, a power of two), so
// changing one file changes one chunk.
func WorkerManifest(m *Manifest, offlineURL string, rt Runtime) map[string][]byte {
	n := 1
	for n*ChunkSize < len(m.Entries) {
		n *= 2
	}
	chunks := make([][][3]any, n)
	for _, e := range m.Entries {
		sum := sha256.Sum256([]byte(e.URL))
		i := int(uint(sum[0])<<8|uint(sum[1])) % n
		chunks[i] = append(chunks[i], [3]any{e.URL, e.Hash, int(e.Priority)})
	}
	files := map[string][]byte{}
	top := struct {
		Version  string   `json:"version"`
		Offline  string   `json:"offline"`
		Pages    int      `json:"pages"`
		Prefetch bool     `json:"prefetch"`
		Chunks   []string `json:"chunks"`
	}{Version: m.Version, Offline: offlineURL, Pages: rt.Pages, Prefetch: rt.Prefetch, Chunks: []string{}}
	for _, c := range chunks {
		if len(c) == 0 {
			continue
		}
		slices.SortFunc(c, func(a, b [3]any) int { return strings.Compare(a[0].(string), b[0].(string)) })
		data, _ := json.Marshal(c) // strings and ints: cannot fail
		sum := sha256.Sum256(data)
		p := site.WorkerChunkDir + "/precache." + hex.EncodeToString(sum[:])[:10] + ".json"
		files[p] = data
		top.Chunks = append(top.Chunks, site.URL(p))
	}
	slices.Sort(top.Chunks)
	files[site.WorkerManifestFile], _ = json.Marshal(top)
	return files
}
