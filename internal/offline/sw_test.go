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

// swBuild is one deploy for the harness: the files served, by URL, with
// the worker's manifest and chunks made by WorkerManifest.
func swBuild(t *testing.T, triage map[string]string, pages map[string]string, rt Runtime) map[string]string {
	t.Helper()
	var entries []Entry
	served := map[string]string{}
	for u, body := range triage {
		entries = append(entries, Entry{URL: u, Hash: Hash([]byte(body)), Size: len(body), Priority: site.PriorityUrgent})
		served[u] = body
	}
	for u, body := range pages {
		served[u] = body
	}
	for p, data := range WorkerManifest(NewManifest(entries), site.OfflineURL, rt) {
		served[site.URL(p)] = string(data)
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
// refused and the old version stays in charge.
func TestServiceWorker(t *testing.T) {
	triage := map[string]string{site.HomeURL: "home v1", site.OfflineURL: "offline", "/outcomes/a/": "outcome a", "/outcomes/b/": "outcome b"}
	pages := map[string]string{"/p1/": "page 1", "/p2/": "page 2", "/p3/": "page 3"}
	rt := Runtime{Pages: 2}
	v1 := swBuild(t, triage, pages, rt)
	triage2 := map[string]string{site.HomeURL: "home v2", site.OfflineURL: "offline", "/outcomes/a/": "outcome a", "/outcomes/b/": "outcome b"}
	v2 := swBuild(t, triage2, pages, rt)
	bad := swBuild(t, map[string]string{site.HomeURL: "home v3", site.OfflineURL: "offline", "/outcomes/a/": "outcome a", "/outcomes/b/": "outcome b"}, pages, rt)
	bad[site.HomeURL] = "not what the manifest says"

	steps := []swStep{
		{Serve: v1, Event: "install"},                               // 0
		{Event: "activate"},                                         // 1
		{Event: "navigate", URL: "/outcomes/a/"},                    // 2
		{Event: "navigate", URL: "/p1/"},                            // 3
		{Event: "navigate", URL: "/p2/"},                            // 4
		{Event: "navigate", URL: "/p1/"},                            // 5: p1 is now the most recently used
		{Event: "navigate", URL: "/p3/", Inspect: "signpost-pages"}, // 6: p2 dropped
		{Serve: v2, Event: "check"},                                 // 7
		{Event: "navigate", URL: "/"},                               // 8
		{Serve: bad, Event: "check"},                                // 9
		{Event: "navigate", URL: "/"},                               // 10
		{Offline: true, Event: "navigate", URL: "/p2/"},             // 11: offline, dropped from the saved pages
		{Offline: true, Event: "navigate", URL: "/p3/"},             // 12: offline, saved
	}
	var out []swRecord
	jstest.Run(t, swHarness, map[string]any{"worker": string(ServiceWorker()), "steps": steps}, &out)
	if len(out) != len(steps) {
		t.Fatalf("%d records for %d steps", len(out), len(steps))
	}
	for i, r := range out {
		if r.Error != "" {
			t.Errorf("step %d: %s", i, r.Error)
		}
	}
	install := out[0].Fetched
	for u := range triage {
		if n := count(install, u); n != 1 {
			t.Errorf("install fetched %s %d times: %v", u, n, install)
		}
	}
	for u := range pages {
		if slices.Contains(install, u) {
			t.Errorf("install fetched the ordinary page %s", u)
		}
	}
	if out[2].Body != "outcome a" || len(out[2].Fetched) != 0 {
		t.Errorf("a triage page: body %q, fetched %v; want it from the cache", out[2].Body, out[2].Fetched)
	}
	if got := strings.Join(out[6].Keys, " "); got != "/p1/ /p3/" {
		t.Errorf("saved pages after p1 p2 p1 p3 with a bound of 2: %q, want \"/p1/ /p3/\"", got)
	}
	upd := out[7].Fetched
	var chunks, other []string
	for _, u := range upd {
		switch {
		case strings.HasPrefix(u, "/"+site.WorkerChunkDir+"/"):
			chunks = append(chunks, u)
		case u != "/"+site.WorkerManifestFile:
			other = append(other, u)
		}
	}
	if len(chunks) != 1 || !slices.Equal(other, []string{"/"}) || !slices.Contains(out[7].Messages, "updated") {
		t.Errorf("update after one change: fetched %v (chunks %v, files %v), told %v; want one chunk, /, and \"updated\"", upd, chunks, other, out[7].Messages)
	}
	if out[8].Body != "home v2" {
		t.Errorf("after the update / is %q", out[8].Body)
	}
	if !slices.Contains(out[9].Fetched, "/") || slices.Contains(out[9].Messages, "updated") {
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
