package build

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/offline"
)

// buildSettled is buildDisk with a content index that trusts a file's
// stamp as soon as the build that kept it began (content.Options.Settle
// of a nanosecond), so that the test need not wait sitefs.Settle.
func buildSettled(t *testing.T, site, out, cacheDir string, settle time.Duration) *Result {
	t.Helper()
	c, err := offline.OpenCache(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	res, diags, err := Build(site, out, Options{Cache: c, settle: settle})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, diags.Err())
	}
	return res
}

// sameSize rewrites file with other bytes of the same size and puts its
// modification time back: only its change time (and on some systems
// nothing else) says it changed.
func sameSize(t *testing.T, file string) {
	t.Helper()
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.LastIndex(string(b), "e")
	b[i] = 'E'
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// TestContentIndexColdWarm: after each kind of change to content files, a
// build with the content index and job cache of the build before it
// writes byte for byte what a build with no cache writes, and reads again
// only the files that changed. On Linux (and the other systems with
// change times and inodes) an edit that keeps the size and puts the
// modification time back is seen by the change time, a file renamed
// over another by its inode; elsewhere no file is known by its stamp.
func TestContentIndexColdWarm(t *testing.T) {
	fresh := compressed(t)
	const ns = time.Nanosecond
	site, cache := offlineSite(t, map[string]string{
		"content/help/a.md": "+++\ntitle = \"A\"\nsummary = \"The first page.\"\n+++\nSee [privacy](/about/privacy/) and [b](/help/b/).\n",
		"content/help/b.md": "+++\ntitle = \"B\"\n\n[review]\nreviewed = 2026-10-01\nnext_review = 2026-09-01\n+++\nThe second page, with a warning.\n",
	}), fresh()
	out := filepath.Join(t.TempDir(), "public")
	file := func(name string) string { return filepath.Join(site, filepath.FromSlash(name)) }
	if res := buildSettled(t, site, out, cache, ns); res.ContentKnown != 0 {
		t.Fatalf("first build: %d content files known again, want none", res.ContentKnown)
	}
	stamps := runtime.GOOS == "linux" || runtime.GOOS == "darwin"
	for _, step := range []struct {
		name  string
		do    func(t *testing.T)
		known int // of the 3 ordinary pages, known again
	}{
		{"nothing changed", func(*testing.T) {}, 3},
		{"edited", func(t *testing.T) {
			edit(t, site, map[string]string{"content/help/a.md": "+++\ntitle = \"A, edited\"\n+++\nSee [b](/help/b/).\n"})
		}, 2},
		{"same size, modification time set back", func(t *testing.T) { sameSize(t, file("content/help/b.md")) }, 2},
		{"touched, not changed", func(t *testing.T) {
			now := time.Now()
			if err := os.Chtimes(file("content/about/privacy.md"), now, now); err != nil {
				t.Fatal(err)
			}
		}, 2},
		{"added", func(t *testing.T) {
			edit(t, site, map[string]string{"content/help/c.md": "+++\ntitle = \"C\"\n+++\nNew.\n"})
		}, 3},
		{"removed", func(t *testing.T) { edit(t, site, map[string]string{"content/help/c.md": ""}) }, 3},
		{"renamed", func(t *testing.T) {
			if err := os.Rename(file("content/help/a.md"), file("content/help/d.md")); err != nil {
				t.Fatal(err)
			}
			edit(t, site, map[string]string{"content/help/b.md": "+++\ntitle = \"B\"\n+++\nSee [d](/help/d/).\n"})
		}, 1},
		{"renamed over another", func(t *testing.T) {
			edit(t, site, map[string]string{"content/help/e.md": "+++\ntitle = \"E\"\n+++\nE's text, see [d](/help/d/).\n"})
			if err := os.Rename(file("content/help/e.md"), file("content/help/b.md")); err != nil {
				t.Fatal(err)
			}
		}, 2},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.do(t)
			res := buildSettled(t, site, out, cache, ns)
			cold := filepath.Join(t.TempDir(), "public")
			buildDisk(t, site, cold, fresh())
			sameTree(t, out, cold)
			if want := step.known; !stamps {
				want = 0
			} else if res.ContentKnown != want {
				t.Errorf("%d content files known again, want %d", res.ContentKnown, want)
			}
			if res.JobsCached == 0 {
				t.Error("no job from the cache")
			}
		})
	}
	if t.Failed() {
		return
	}

	// Racy: a file changed just before the build that kept its stamp is
	// read again by the next one, even with its stamp the same (which on
	// Linux needs an edit within one tick of the kernel's clock: here it
	// changes the change time, which catches it too; content's
	// TestIndexKnowsAgain makes the stamp stay).
	t.Run("racy", func(t *testing.T) {
		edit(t, site, map[string]string{"content/help/d.md": "+++\ntitle = \"D\"\n+++\nJust written.\n"})
		buildSettled(t, site, out, cache, 0) // sitefs.Settle: d.md, just written, is not settled
		sameSize(t, file("content/help/d.md"))
		res := buildSettled(t, site, out, cache, 0)
		cold := filepath.Join(t.TempDir(), "public")
		buildDisk(t, site, cold, fresh())
		sameTree(t, out, cold)
		if res.ContentKnown >= 3 {
			t.Errorf("%d content files known again, d.md among them; want it read again", res.ContentKnown)
		}
	})
}

// TestContentIndexUntrusted: a content index that is damaged, of another
// signpost binary, or restored onto a fresh copy of the site (every file
// with another stamp) costs a full read, never another output.
func TestContentIndexUntrusted(t *testing.T) {
	fresh := compressed(t)
	for _, tc := range []struct {
		name string
		do   func(t *testing.T, site, cache string) string // returns the site to build
	}{
		{"damaged", func(t *testing.T, site, cache string) string {
			entries, _ := filepath.Glob(filepath.Join(cache, contentSpace, "*", "*"))
			if len(entries) != 1 {
				t.Fatalf("content index entries %v, want one", entries)
			}
			b, err := os.ReadFile(entries[0])
			if err != nil {
				t.Fatal(err)
			}
			b[len(b)-3] ^= 1
			if err := os.WriteFile(entries[0], b, 0o600); err != nil {
				t.Fatal(err)
			}
			return site
		}},
		{"another binary", func(t *testing.T, site, cache string) string {
			c, _ := offline.OpenCache(cache)
			ci := openContentIndex(c, site)
			x := ci.load()
			if x.Len() == 0 {
				t.Fatal("no index kept")
			}
			c.PutEntry(contentSpace, ci.key, x.Encode("another signpost"))
			return site
		}},
		{"restored onto a fresh copy", func(t *testing.T, site, cache string) string {
			copyTree(t, site, site+".new")
			if err := os.RemoveAll(site); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(site+".new", site); err != nil {
				t.Fatal(err)
			}
			return site
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, cache := offlineSite(t, map[string]string{"content/help/a.md": "+++\ntitle = \"A\"\n+++\nA page.\n"}), fresh()
			out := filepath.Join(t.TempDir(), "public")
			buildSettled(t, site, out, cache, time.Nanosecond)
			if res := buildSettled(t, site, out, cache, time.Nanosecond); res.ContentKnown == 0 && (runtime.GOOS == "linux") {
				t.Fatal("an untouched site: no content file known again")
			}
			site = tc.do(t, site, cache)
			edit(t, site, map[string]string{"content/about/privacy.md": "+++\ntitle = \"Privacy\"\n+++\nEdited.\n"})
			res := buildSettled(t, site, out, cache, time.Nanosecond)
			if res.ContentKnown != 0 {
				t.Errorf("%d content files known again from an untrusted index", res.ContentKnown)
			}
			cold := filepath.Join(t.TempDir(), "public")
			buildDisk(t, site, cold, fresh())
			sameTree(t, out, cold)
			if res := buildSettled(t, site, out, cache, time.Nanosecond); res.ContentKnown == 0 && runtime.GOOS == "linux" {
				t.Error("the build after: no content file known again (the index was not kept again)")
			}
		})
	}
}

// copyTree copies the files of a folder into a new one.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
