package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// buildDisk runs signpost build of site into out with the cache in
// cacheDir ("": none) and fails the test on any error.
func buildDisk(t *testing.T, site, out, cacheDir string) *Result {
	t.Helper()
	var c *offline.Cache
	if cacheDir != "" {
		var err error
		if c, err = offline.OpenCache(cacheDir); err != nil {
			t.Fatal(err)
		}
	}
	res, diags, err := Build(site, out, Options{Cache: c})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, diags.Err())
	}
	return res
}

// compressed returns a cache folder holding the compressed files of the
// offline test site's build and no jobs, made once per test; fresh
// returns a new cache folder with those compressed files (hard links) and
// no jobs. The job cache is what these tests are about: compressing every
// file at Brotli 11 for every build would only make them slow.
func compressed(t *testing.T) (fresh func() string) {
	t.Helper()
	base := t.TempDir()
	buildDisk(t, offlineSite(t, nil), filepath.Join(t.TempDir(), "public"), base)
	for _, space := range []string{jobSpace, jobDataSpace, contentSpace} {
		if err := os.RemoveAll(filepath.Join(base, space)); err != nil {
			t.Fatal(err)
		}
	}
	return func() string {
		dir := t.TempDir()
		err := filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(base, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			return os.Link(p, filepath.Join(dir, rel))
		})
		if err != nil {
			t.Fatal(err)
		}
		return dir
	}
}

// sameTree fails the test where two output folders differ.
func sameTree(t *testing.T, got, want string) {
	t.Helper()
	g, w := readTree(t, got), readTree(t, want)
	for name, data := range w {
		if g[name] != data {
			t.Errorf("%s differs from a build with no cache", name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s is not in a build with no cache", name)
		}
	}
}

// edit writes files into site ("" deletes one).
func edit(t *testing.T, site string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if data == "" {
			if err := os.Remove(filepath.Join(site, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
			delete(files, name)
		}
	}
	sitetest.Write(t, site, files)
}

// TestJobCacheColdWarm: after an edit of each kind of site file, a build
// with the cache of the build before it (a warm cache, the previous output
// in place) writes byte for byte what a build with no cache writes; and
// after an edit that leaves most pages as they were, it renders only what
// the edit changed and links the rest from the previous output.
func TestJobCacheColdWarm(t *testing.T) {
	fresh := compressed(t)
	// The built-in banner with a word changed: a layout must keep the banner.
	banner := `{{with .Site.Emergency}}<section class="emergency" aria-label="Emergency">
<p>Now: {{.Text}}{{with .Phone}} <a href="{{tel .}}">Call {{.}}</a>{{end}}{{if $.NoVoice}} <a href="#no-voice">Cannot speak? Text or sign language options</a>{{end}}</p>
</section>{{end}}`
	for _, tc := range []struct {
		name  string
		files map[string]string
		most  bool // most jobs come from the cache
		same  bool // every page renders again, most of them to the same bytes
	}{
		{"page", map[string]string{"content/about/privacy.md": "+++\ntitle = \"Privacy\"\n+++\nWe keep nothing at all, ever.\n"}, true, false},
		{"home page", map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\nWelcome back.\n"}, true, false},
		{"page added", map[string]string{"content/help/new.md": "+++\ntitle = \"New\"\n+++\nSee [privacy](/about/privacy/).\n"}, false, false},
		{"page deleted", map[string]string{"content/about/privacy.md": ""}, false, false},
		{"outcome", map[string]string{"content/outcomes/call-999.md": "+++\ntitle = \"Call 999 now\"\nurgency = \"emergency\"\ncall = \"999\"\nsignposts = [\"shout\"]\n+++\nCall 999 straight away.\n"}, true, false},
		{"service", map[string]string{"content/services/shout.md": "+++\ntitle = \"Shout 85258\"\nsummary = \"Free text support, day and night.\"\n\n[[contact]]\nmode = \"text\"\nvalue = \"85258\"\nkeyword = \"SHOUT\"\nhours = [\"Mon-Fri 09:00-17:00\"]\n+++\nText us.\n"}, false, false},
		{"pathway", map[string]string{"pathways/crisis.toml": "title = \"Crisis\"\nstart = \"danger\"\n\n[[question]]\nid = \"danger\"\ntext = \"Are you in danger right now?\"\n\n  [[question.answer]]\n  label = \"Yes\"\n  outcome = \"call-999\"\n\n  [[question.answer]]\n  label = \"No\"\n  outcome = \"call-999\"\n"}, true, false},
		{"layout", map[string]string{"layouts/banner.html": banner}, false, false},
		{"asset", map[string]string{"assets/site.css": ".lede { color: #123456; }\n"}, false, false},
		{"site.toml", map[string]string{"site.toml": siteToml("") + "\n# a comment\n"}, false, true},
	} {
		if testing.Short() && !slices.Contains([]string{"page", "page deleted", "service", "layout"}, tc.name) {
			continue // -short: one edit of each way the cache answers
		}
		t.Run(tc.name, func(t *testing.T) {
			site, cache := offlineSite(t, nil), fresh()
			out, cold := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
			if res := buildDisk(t, site, out, cache); res.JobsCached != 0 || res.JobsRendered == 0 {
				t.Fatalf("first build: %d jobs from the cache, %d rendered", res.JobsCached, res.JobsRendered)
			}
			edit(t, site, tc.files)
			res := buildDisk(t, site, out, cache)
			buildDisk(t, site, cold, fresh()) // no jobs in it
			sameTree(t, out, cold)
			if tc.most && (res.JobsLinked == 0 || res.JobsRendered >= res.JobsCached) {
				t.Errorf("warm build: %d jobs from the cache (%d linked), %d rendered; want most from the cache", res.JobsCached, res.JobsLinked, res.JobsRendered)
			}
			// A new site key: what renders to the same bytes is not
			// compressed again, its copies are the previous build's.
			if tc.same && (res.JobsRendered == 0 || res.JobsCopies < res.JobsRendered) {
				t.Errorf("site key changed: %d jobs rendered, %d copies from the previous build; want at least one a job", res.JobsRendered, res.JobsCopies)
			}
			t.Logf("%d jobs from the cache (%d linked), %d rendered, %d copies from the previous build", res.JobsCached, res.JobsLinked, res.JobsRendered, res.JobsCopies)
		})
	}
}

// TestJobCacheUntrustedEntries: the cache is shared between builds and
// restored in CI, so an entry may be damaged, or whole but not this job's
// (another site, another binary, other inputs), and the previous output
// may have been changed by hand. Each is detected and costs only time:
// the build renders the job and writes what a build with no cache writes.
func TestJobCacheUntrustedEntries(t *testing.T) {
	fresh := compressed(t)
	entries := func(t *testing.T, cache, space string) []string {
		var files []string
		filepath.WalkDir(filepath.Join(cache, space), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		if len(files) == 0 {
			t.Fatalf("no entries in %s", space)
		}
		return files
	}
	for _, tc := range []struct {
		name   string
		spoil  func(t *testing.T, cache, out string)
		linked bool // the previous output may still be linked
	}{
		{"damaged entries", func(t *testing.T, cache, _ string) {
			for _, f := range entries(t, cache, jobSpace) {
				b, _ := os.ReadFile(f)
				b[len(b)-1] ^= 0xff
				os.WriteFile(f, b, 0o644)
			}
		}, false},
		{"another job's records", func(t *testing.T, cache, _ string) {
			c, _ := offline.OpenCache(cache)
			for _, f := range entries(t, cache, jobSpace) {
				b, _ := c.Entry(jobSpace, filepath.Base(f))
				if len(b) == sha256.Size+len(c.Version()) {
					continue // the site folder's entry: its last site key
				}
				recs, err := decodeRecords(b)
				if err != nil || len(recs) < 2 {
					t.Fatalf("%d records, %v", len(recs), err)
				}
				var swapped []*jobRecord
				for i, r := range recs { // each job now has the next one's record
					next := *recs[(i+1)%len(recs)]
					next.Path = r.Path
					swapped = append(swapped, &next)
				}
				c.PutEntry(jobSpace, filepath.Base(f), encodeRecords(swapped))
			}
		}, false},
		{"garbage entries", func(t *testing.T, cache, _ string) {
			c, _ := offline.OpenCache(cache)
			for _, f := range entries(t, cache, jobSpace) {
				c.PutEntry(jobSpace, filepath.Base(f), []byte("\x05hello, not a record"))
			}
		}, false},
		{"wrong bytes, no previous output", func(t *testing.T, cache, out string) {
			os.RemoveAll(out)
			for _, f := range entries(t, cache, jobDataSpace) {
				os.WriteFile(f, []byte("<p>not what the job made</p>"), 0o644)
			}
		}, false},
		{"previous output edited by hand", func(t *testing.T, _, out string) {
			f := filepath.Join(out, "about", "privacy", "index.html")
			b, _ := os.ReadFile(f)
			os.WriteFile(f, append(b, "<!-- edited -->"...), 0o644)
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, cache := offlineSite(t, nil), fresh()
			out, cold := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
			buildDisk(t, site, out, cache)
			tc.spoil(t, cache, out)
			res := buildDisk(t, site, out, cache)
			buildDisk(t, site, cold, fresh()) // no jobs in it
			sameTree(t, out, cold)
			if !tc.linked && res.JobsCached != 0 {
				t.Errorf("%d jobs taken from a spoilt cache", res.JobsCached)
			}
			// The edited file's blob is that file (a hard link), edited
			// too: its job may render, no other.
			if tc.linked && (res.JobsLinked == 0 || res.JobsLinked != res.JobsCached || res.JobsRendered > 1) {
				t.Errorf("%d jobs linked of %d from the cache, %d rendered; want every job but the edited file's linked, at most it rendered", res.JobsLinked, res.JobsCached, res.JobsRendered)
			}
		})
	}
}

// TestJobRecordRoundTrip: an entry decodes to what was encoded, and a
// truncated one is refused.
func TestJobRecordRoundTrip(t *testing.T) {
	r := &jobRecord{Path: "a/index.html", Source: "content/a.md", Reads: []string{"content/a.md", "services"}, Inputs: []byte{1, 2, 3},
		DataSum: "ab", Len: 12, Hash: "cd", Size: 7, CSP: "default-src 'none'", Dest: "/tmp/out",
		Names: []string{"a/index.html", "a/index.html.gz"}, Stamps: []fileStamp{{Ino: 1, Size: 12, ModTimeNs: -5, Recordable: true}, {Ino: 2, Size: 7, ModTimeNs: 9}},
		Scanned: true, IDs: []string{"main"}, Hrefs: []string{"/", "#main"}}
	b := r.encode()
	got, err := decodeRecord(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != r.Path || !slices.Equal(got.Reads, r.Reads) || got.Len != r.Len || !slices.Equal(got.Stamps, r.Stamps) || !slices.Equal(got.Hrefs, r.Hrefs) || got.CSP != r.CSP || !got.Scanned {
		t.Errorf("decoded %+v, want %+v", got, r)
	}
	for n := range len(b) {
		if _, err := decodeRecord(b[:n]); err == nil {
			t.Fatalf("a record cut to %d of %d bytes decoded", n, len(b))
		}
	}
}

// TestJobCacheRestoredInCI: a first build stores each file it writes as a
// hard link into the cache, not a copy; a CI job that restores the cache
// folder (as copies) but not the output renders no job and writes what a
// build with no cache writes, the .gz and .br copies too.
func TestJobCacheRestoredInCI(t *testing.T) {
	fresh := compressed(t)
	site, cache := offlineSite(t, nil), fresh()
	out, cold := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	first := buildDisk(t, site, out, cache)
	home := filepath.Join(out, "index.html")
	data, err := os.ReadFile(home)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	a, _ := os.Stat(home)
	b, err := os.Stat(filepath.Join(cache, jobDataSpace, hex.EncodeToString(sum[:1]), hex.EncodeToString(sum[:])))
	if err != nil || !os.SameFile(a, b) {
		t.Errorf("the home page's blob is not a link to the written page (%v)", err)
	}
	restored := t.TempDir()
	if err := os.CopyFS(restored, os.DirFS(cache)); err != nil {
		t.Fatal(err)
	}
	ci := filepath.Join(t.TempDir(), "public")
	res := buildDisk(t, site, ci, restored)
	buildDisk(t, site, cold, fresh())
	sameTree(t, ci, cold)
	if res.JobsRendered != 0 || res.JobsLinked != 0 || res.JobsCached != first.JobsRendered {
		t.Errorf("restored cache: %d jobs from it (%d linked), %d rendered; want all %d from it, none linked or rendered", res.JobsCached, res.JobsLinked, res.JobsRendered, first.JobsRendered)
	}
	if _, err := os.Stat(filepath.Join(ci, "index.html.br")); err != nil {
		t.Errorf("no .br copy: %v", err)
	}
}

// TestJobRecordsSavedAsRead: records saved again as they were read are
// the bytes they were read from, the same as encoding them again; a
// record changed since (a copy) is encoded afresh.
func TestJobRecordsSavedAsRead(t *testing.T) {
	a := &jobRecord{Path: "a/index.html", Source: "content/a.md", Reads: []string{"content/a.md"}, Inputs: []byte{1}, DataSum: "ab", Len: 3, Scanned: true, IDs: []string{"main"}, Hrefs: []string{"/b/"}}
	b := &jobRecord{Path: "b/index.html", Reads: []string{"services"}, Inputs: []byte{2}, DataSum: "cd", Len: 4, Names: []string{"b/index.html"}, Stamps: []fileStamp{{Ino: 7, Size: 4, Recordable: true}}}
	entry := encodeRecords([]*jobRecord{a, b})
	recs, err := decodeRecords(entry)
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]*jobRecord{}
	for _, r := range recs {
		read[r.Path] = r
	}
	if got := encodeRecordsAs(recs, read); !bytes.Equal(got, entry) {
		t.Errorf("saved as read: %q, want %q", got, entry)
	}
	changed := *recs[1]
	changed.Len = 5
	got, err := decodeRecords(encodeRecordsAs([]*jobRecord{recs[0], &changed}, read))
	if err != nil || len(got) != 2 || got[1].Len != 5 || got[0].Hrefs[0] != "/b/" {
		t.Errorf("a changed record was not encoded afresh: %v, %+v", err, got)
	}
}

// TestJobInputsAsBefore: inputs hashes the bytes it hashed when they were
// written with fmt's %q (so entries kept before still answer), for paths
// and values that quoting changes.
func TestJobInputsAsBefore(t *testing.T) {
	pages := map[string]*content.Page{}
	var reads []string
	for _, f := range []string{"content/a.md", "content/\"quoted\".md", "content/caf\u00e9\t\x01.md", "content/bad-\xff.md"} {
		pages[f] = &content.Page{File: f, Hash: "00ff"}
		reads = append(reads, f)
	}
	jc := &jobCache{site: []byte("site key"), pages: pages, m: &Model{Content: &content.Set{}}}
	j := &Job{Path: "a/\u2028index.html", Source: "content/\"quoted\".md"}
	got, ok := jc.inputs(j, reads)
	if !ok {
		t.Fatal("inputs: a key with no value")
	}
	h := sha256.New()
	h.Write(jc.site)
	fmt.Fprintf(h, "%q %q\n", j.Path, j.Source)
	for _, k := range reads {
		v, _ := jc.value(k)
		fmt.Fprintf(h, "%q=%q\n", k, v)
	}
	if want := h.Sum(nil); !bytes.Equal(got, want) {
		t.Errorf("inputs = %x, want %x (as fmt's %%q made them)", got, want)
	}
}
