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
// siblings, the worker itself and 404.html (offline, unknown URLs get the
// offline page) are not.
func Precached(file string) bool {
	switch file {
	case "sw.js", "_headers", "_redirects", "404.html", "sitemap.xml", "robots.txt":
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

// ServiceWorker returns the source of /sw.js for the manifest: the worker
// script with the manifest (URL, hash) pairs in download order.
func ServiceWorker(m *Manifest, offlineURL string) []byte {
	pairs := make([][2]string, len(m.Entries))
	for i, e := range m.Entries {
		pairs[i] = [2]string{e.URL, e.Hash}
	}
	files, _ := json.Marshal(pairs) // strings only: cannot fail
	off, _ := json.Marshal(offlineURL)
	var b strings.Builder
	b.WriteString("// The service worker of this site, written by signpost build. Do not edit:\n")
	b.WriteString("// it is made again, with a new version, by every build that changes a file.\n")
	fmt.Fprintf(&b, "var VERSION = %q;\nvar OFFLINE = %s;\nvar FILES = %s;\n", m.Version, off, files)
	b.WriteString(workerJS)
	return []byte(b.String())
}

// workerJS is the worker's logic (sw.js); the build prepends VERSION,
// OFFLINE and FILES. ES2017, no modules: it must run on older phones.
//
//go:embed sw.js
var workerJS string
