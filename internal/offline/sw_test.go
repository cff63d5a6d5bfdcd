package offline

import (
	_ "embed"
	"slices"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/jstest"
	"github.com/signpost-dev/signpost/internal/site"
)

//go:embed testdata/swharness.js
var swHarness string

// swBuild is one deploy for the harness: the files served, by URL under
// base, with the worker's manifest and chunks made by WorkerManifest.
func swBuild(t *testing.T, base site.Base, triage map[string]string, pages map[string]string, rt Runtime) map[string]string {
	t.Helper()
	var entries []Entry
	served := map[string]string{}
	for u, body := range triage {
		entries = append(entries, Entry{URL: u, Hash: Hash([]byte(body)), Size: len(body), Priority: site.PriorityUrgent})
		served[base.URL(u)] = body
	}
	for u, body := range pages {
		served[base.URL(u)] = body
	}
	for p, data := range WorkerManifest(NewManifest(entries), site.OfflineURL, rt) {
		served[base.URL(site.URL(p))] = string(data)
	}
	return served
}

type swStep struct {
	Serve   map[string]string `json:"serve,omitempty"`
	Event   string            `json:"event"`
	URL     string            `json:"url,omitempty"`
	Inspect string            `json:"inspect,omitempty"`
	Offline bool              `json:"offline,omitempty"`
}

type swRecord struct {
	Fetched  []string
	Messages []string
	Caches   []string
	Error    string
	Body     string
	Keys     []string
}

// TestServiceWorker runs sw.js under Node: a first install downloads the
// triage set once; a triage page comes from the cache; ordinary pages are
// saved as visited, at most Pages of them, least recently used dropped; a
// deploy that changes one file downloads the manifest, one chunk and that
// file, and tells the page; a deploy whose file does not match its hash is
// refused and the old version stays in charge. The same worker file does
// all of it at the root (/sw.js) and under a path (/mysite/sw.js, issue 17:
// every URL it fetches and caches is under /mysite/, found from its own
// location), and leaves the caches of another site on the same origin alone.
func TestServiceWorker(t *testing.T) {
	for _, tt := range []struct {
		base   site.Base
		prefix string   // of its caches' names
		others []string // another site's caches on the same origin
	}{
		{site.Root, "signpost-", []string{"signpost/mysite/pages", "signpost/mysite/0123456789"}},
		{"/mysite/", "signpost/mysite/", []string{"signpost-pages", "signpost-0123456789", "signpost/mysite/sub/0123456789", "signpost/other/meta"}},
	} {
		t.Run(string(tt.base), func(t *testing.T) { testServiceWorker(t, tt.base, tt.prefix, tt.others) })
	}
}

func testServiceWorker(t *testing.T, base site.Base, prefix string, others []string) {
	at := base.URL
	triage := map[string]string{site.HomeURL: "home v1", site.OfflineURL: "offline", "/outcomes/a/": "outcome a", "/outcomes/b/": "outcome b"}
	pages := map[string]string{"/p1/": "page 1", "/p2/": "page 2", "/p3/": "page 3"}
	rt := Runtime{Pages: 2}
	v1 := swBuild(t, base, triage, pages, rt)
	triage2 := map[string]string{site.HomeURL: "home v2", site.OfflineURL: "offline", "/outcomes/a/": "outcome a", "/outcomes/b/": "outcome b"}
	v2 := swBuild(t, base, triage2, pages, rt)
	bad := swBuild(t, base, map[string]string{site.HomeURL: "home v3", site.OfflineURL: "offline", "/outcomes/a/": "outcome a", "/outcomes/b/": "outcome b"}, pages, rt)
	bad[at(site.HomeURL)] = "not what the manifest says"

	steps := []swStep{
		{Serve: v1, Event: "install"},                                         // 0
		{Event: "activate"},                                                   // 1
		{Event: "navigate", URL: at("/outcomes/a/")},                          // 2
		{Event: "navigate", URL: at("/p1/")},                                  // 3
		{Event: "navigate", URL: at("/p2/")},                                  // 4
		{Event: "navigate", URL: at("/p1/")},                                  // 5: p1 is now the most recently used
		{Event: "navigate", URL: at("/p3/"), Inspect: prefix + "pages"},       // 6: p2 dropped
		{Serve: v2, Event: "check"},                                           // 7
		{Event: "navigate", URL: at("/")},                                     // 8
		{Serve: bad, Event: "check"},                                          // 9
		{Event: "navigate", URL: at("/")},                                     // 10
		{Offline: true, Event: "navigate", URL: at("/p2/")},                   // 11: offline, dropped from the saved pages
		{Offline: true, Event: "navigate", URL: at("/p3/")},                   // 12: offline, saved
		{Offline: true, Event: "navigate", URL: at("/outcomes/b/index.html")}, // 13: a triage page by its file
	}
	var out []swRecord
	jstest.Run(t, swHarness, map[string]any{"worker": string(ServiceWorker()), "steps": steps,
		"location": "https://site.test" + at("/"+site.WorkerFile), "caches": others}, &out)
	if len(out) != len(steps) {
		t.Fatalf("%d records for %d steps", len(out), len(steps))
	}
	for i, r := range out {
		if r.Error != "" {
			t.Errorf("step %d: %s", i, r.Error)
		}
		for _, u := range r.Fetched {
			if !strings.HasPrefix(u, string(base)) {
				t.Errorf("step %d fetched %s, outside the site's path %s", i, u, base)
			}
		}
		for _, c := range r.Caches {
			if !strings.HasPrefix(c, prefix) && !slices.Contains(others, c) {
				t.Errorf("step %d: a cache %q not named for the site (%s...)", i, c, prefix)
			}
		}
	}
	for _, c := range others {
		if !slices.Contains(out[len(out)-1].Caches, c) {
			t.Errorf("another site's cache %q was deleted: caches %v", c, out[len(out)-1].Caches)
		}
	}
	install := out[0].Fetched
	for u := range triage {
		if n := count(install, at(u)); n != 1 {
			t.Errorf("install fetched %s %d times: %v", at(u), n, install)
		}
	}
	for u := range pages {
		if slices.Contains(install, at(u)) {
			t.Errorf("install fetched the ordinary page %s", at(u))
		}
	}
	if out[2].Body != "outcome a" || len(out[2].Fetched) != 0 {
		t.Errorf("a triage page: body %q, fetched %v; want it from the cache", out[2].Body, out[2].Fetched)
	}
	if got, want := strings.Join(out[6].Keys, " "), at("/p1/")+" "+at("/p3/"); got != want {
		t.Errorf("saved pages after p1 p2 p1 p3 with a bound of 2: %q, want %q", got, want)
	}
	upd := out[7].Fetched
	var chunks, other []string
	for _, u := range upd {
		switch {
		case strings.HasPrefix(u, at("/"+site.WorkerChunkDir+"/")):
			chunks = append(chunks, u)
		case u != at("/"+site.WorkerManifestFile):
			other = append(other, u)
		}
	}
	if len(chunks) != 1 || !slices.Equal(other, []string{at("/")}) || !slices.Contains(out[7].Messages, "updated") {
		t.Errorf("update after one change: fetched %v (chunks %v, files %v), told %v; want one chunk, %s, and \"updated\"", upd, chunks, other, out[7].Messages, at("/"))
	}
	if out[8].Body != "home v2" {
		t.Errorf("after the update / is %q", out[8].Body)
	}
	if !slices.Contains(out[9].Fetched, at("/")) || slices.Contains(out[9].Messages, "updated") {
		t.Errorf("a deploy that does not match its manifest: fetched %v, told %v; want / fetched and the update refused", out[9].Fetched, out[9].Messages)
	}
	if out[10].Body != "home v2" {
		t.Errorf("after a refused update / is %q, want the last good build's", out[10].Body)
	}
	if out[11].Body != "offline" {
		t.Errorf("offline, a page no longer saved: %q, want the offline page", out[11].Body)
	}
	if out[12].Body != "page 3" {
		t.Errorf("offline, a saved page: %q", out[12].Body)
	}
	if out[13].Body != "outcome b" {
		t.Errorf("offline, a triage page by its index.html: %q", out[13].Body)
	}
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}
