package build

// The spare (reuse_spare.go), each rule against real folders:
//
//   - TestSpareWarmIsCold: builds with the job cache after a page is
//     changed, added and removed update the spare into the output, and
//     each output is byte for byte a build's with no cache.
//   - TestSpareTampered: a spare someone changed (a file replaced, edited
//     through, added, a folder added, a file where the output has a
//     folder and the reverse), a spare without a marker's list, a spare
//     another build holds: the output is still a cold build's.
//   - TestSpareFaults: a write or rename failing half-way through the
//     spare, and a failed exchange: the output is untouched, the
//     half-updated spare is discarded, and the next build is right.
//   - TestSpareKept: a build that fails before it writes keeps the spare;
//     one killed while updating it leaves a leftover the next removes; a
//     build without the cache removes the spare; a mount point has none.

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// spareSite is quickSite with a few pages in folders, built twice with
// a job cache into public/ (so a spare is in place), and returns the
// site, the output and the cache folder.
func spareSite(t *testing.T) (site, dest, cache string) {
	t.Helper()
	root := t.TempDir()
	site, dest, cache = filepath.Join(root, "site"), filepath.Join(root, "public"), filepath.Join(root, "cache")
	files := quickSite()
	files["content/about/privacy.md"] = "+++\ntitle = \"Privacy\"\n+++\nWe keep nothing.\n"
	files["content/about/team.md"] = "+++\ntitle = \"Team\"\n+++\nWho we are.\n"
	files["content/help/index.md"] = "+++\ntitle = \"Help\"\n+++\nSee [privacy](/about/privacy/).\n"
	sitetest.Write(t, site, files)
	buildDisk(t, site, dest, cache)
	buildDisk(t, site, dest, cache)
	if _, err := os.Stat(filepath.Join(sparePath(dest), Marker)); err != nil {
		t.Fatalf("no spare after the second build: %v", err)
	}
	return site, dest, cache
}

// coldTree is the tree of a build of site with no cache.
func coldTree(t *testing.T, site string) map[string]string {
	t.Helper()
	cold := filepath.Join(t.TempDir(), "public")
	buildDisk(t, site, cold, "")
	return tree(t, cold)
}

// heldDir is a folder, held open so that its inode is not reused
// once it is removed; is tells whether a folder is it.
type heldDir struct{ f *os.File }

func holdDir(t *testing.T, p string) heldDir {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return heldDir{f}
}

func (h heldDir) is(t *testing.T, p string) bool {
	t.Helper()
	a, err := h.f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.Lstat(p)
	return err == nil && os.SameFile(a, b)
}

func TestSpareWarmIsCold(t *testing.T) {
	if !canExchange {
		t.Skip("no spare without an atomic exchange")
	}
	site, dest, cache := spareSite(t)
	for _, step := range []struct {
		name   string
		files  map[string]string
		linked bool // most pages are unchanged, their files reused
	}{
		{"page changed", map[string]string{"content/about/privacy.md": "+++\ntitle = \"Privacy\"\n+++\nWe keep nothing at all.\n"}, true},
		{"page added in a new folder", map[string]string{"content/news/first.md": "+++\ntitle = \"First\"\n+++\nNews.\n"}, false},
		{"page removed with its folder", map[string]string{"content/news/first.md": ""}, false},
		{"page removed", map[string]string{"content/about/team.md": ""}, false},
		{"nothing changed", nil, true},
		{"home page changed", map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\nHello again\n"}, true},
	} {
		spare := holdDir(t, sparePath(dest))
		edit(t, site, maps.Clone(step.files))
		res := buildDisk(t, site, dest, cache)
		if got, want := tree(t, dest), coldTree(t, site); !maps.Equal(got, want) {
			t.Fatalf("%s: the warm output differs from a cold build's:\n%s", step.name, diffTrees(want, got))
		}
		if !spare.is(t, dest) {
			t.Errorf("%s: the output is not the spare updated", step.name)
		}
		if step.linked && res.JobsLinked == 0 {
			t.Errorf("%s: no job reused its file", step.name)
		}
		if got := leftoversBeside(t, dest); len(got) > 0 {
			t.Errorf("%s: left %v", step.name, got)
		}
	}
}

// TestSpareWarmIsColdCompressed: the same with .gz and .br copies, which a
// reused job's file has as siblings.
func TestSpareWarmIsColdCompressed(t *testing.T) {
	if !canExchange {
		t.Skip("no spare without an atomic exchange")
	}
	fresh := compressed(t)
	site, cache := offlineSite(t, nil), fresh()
	dest := filepath.Join(t.TempDir(), "public")
	want := func() map[string]string {
		cold := filepath.Join(t.TempDir(), "public")
		buildDisk(t, site, cold, fresh())
		return tree(t, cold)
	}
	buildDisk(t, site, dest, cache)
	buildDisk(t, site, dest, cache)
	for i, files := range []map[string]string{
		{"content/about/privacy.md": "+++\ntitle = \"Privacy\"\n+++\nWe keep nothing at all, ever.\n"},
		{"content/about/privacy.md": ""},
		{"content/help/new.md": "+++\ntitle = \"New\"\n+++\nA new page.\n"},
		{"content/index.md": "+++\ntitle = \"Home\"\n+++\nWelcome back.\n"},
	} {
		edit(t, site, files)
		if res := buildDisk(t, site, dest, cache); (i == 0 || i == 3) && res.JobsLinked == 0 {
			t.Errorf("edit %d: no job reused its file", i)
		}
		if got, want := tree(t, dest), want(); !maps.Equal(got, want) {
			t.Fatalf("edit %d: the warm output differs from a cold build's:\n%s", i, diffTrees(want, got))
		}
	}
}

func TestSpareTampered(t *testing.T) {
	if !canExchange {
		t.Skip("no spare without an atomic exchange")
	}
	for _, tt := range []struct {
		name   string
		tamper func(t *testing.T, spare string)
		used   bool // the build still updates the spare
	}{
		{"a file replaced", func(t *testing.T, spare string) {
			p := filepath.Join(spare, "about/privacy/index.html")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			sitetest.Write(t, spare, map[string]string{"about/privacy/index.html": "<p>someone else's"})
		}, true},
		{"a file edited through", func(t *testing.T, spare string) {
			// The spare's file is the output's too: both change.
			f, err := os.OpenFile(filepath.Join(spare, "help/index.html"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("<p>added")
			f.Close()
		}, true},
		{"files added", func(t *testing.T, spare string) {
			sitetest.Write(t, spare, map[string]string{"stray.txt": "x", "about/stray.html": "x", "new/deep/stray.html": "x"})
		}, true},
		{"an empty folder added", func(t *testing.T, spare string) {
			if err := os.MkdirAll(filepath.Join(spare, "empty/inside"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a file where the output has a folder", func(t *testing.T, spare string) {
			if err := os.RemoveAll(filepath.Join(spare, "about")); err != nil {
				t.Fatal(err)
			}
			sitetest.Write(t, spare, map[string]string{"about": "a file"})
		}, true},
		{"a folder where the output has a file", func(t *testing.T, spare string) {
			if err := os.Remove(filepath.Join(spare, "index.html")); err != nil {
				t.Fatal(err)
			}
			sitetest.Write(t, spare, map[string]string{"index.html/inside.html": "x"})
		}, true},
		{"no marker", func(t *testing.T, spare string) {
			if err := os.Remove(filepath.Join(spare, Marker)); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"an older signpost's marker", func(t *testing.T, spare string) {
			sitetest.Write(t, spare, map[string]string{Marker: markerText})
		}, false},
		{"a file, not a folder", func(t *testing.T, spare string) {
			if err := os.RemoveAll(spare); err != nil {
				t.Fatal(err)
			}
			sitetest.Write(t, filepath.Dir(spare), map[string]string{filepath.Base(spare): "x"})
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site, dest, cache := spareSite(t)
			spare := holdDir(t, sparePath(dest))
			tt.tamper(t, sparePath(dest))
			edit(t, site, map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\nHello again\n"})
			buildDisk(t, site, dest, cache)
			if got, want := tree(t, dest), coldTree(t, site); !maps.Equal(got, want) {
				t.Fatalf("the output differs from a cold build's:\n%s", diffTrees(want, got))
			}
			if used := spare.is(t, dest); used != tt.used {
				t.Errorf("the spare was used: %v; want %v", used, tt.used)
			}
			if got := leftoversBeside(t, dest); len(got) > 0 {
				t.Errorf("left %v", got)
			}
		})
	}
	t.Run("held by another build", func(t *testing.T) {
		site, dest, cache := spareSite(t)
		spare := holdDir(t, sparePath(dest))
		f, ok := lockOpen(sparePath(dest))
		if !ok {
			t.Fatal("cannot lock the spare")
		}
		defer f.Close()
		changeSite(t, site)
		buildDisk(t, site, dest, cache)
		if spare.is(t, dest) || !spare.is(t, sparePath(dest)) {
			t.Error("the build took a spare another build holds")
		}
		if got, want := tree(t, dest), coldTree(t, site); !maps.Equal(got, want) {
			t.Fatalf("the output differs from a cold build's:\n%s", diffTrees(want, got))
		}
	})
}

func TestSpareFaults(t *testing.T) {
	if !canExchange {
		t.Skip("no spare without an atomic exchange")
	}
	failAfter := func(n int32, f func(name string) bool) func(name string) bool {
		var calls atomic.Int32
		return func(name string) bool { return f(name) && calls.Add(1) > n }
	}
	isNew := func(name string) bool { return strings.Contains(filepath.Base(name), ".signpost-new-") }
	for _, tt := range []struct {
		name string
		f    func() faults
		want string
	}{
		{"disk full half-way through the spare", func() faults {
			fail := failAfter(2, isNew)
			return faults{write: func(name string, data []byte) error {
				if fail(name) {
					return &os.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
				}
				return writeFile(name, data)
			}, rename: os.Rename, exchange: exchange}
		}, "no space left on device"},
		{"a rename over a spare's file fails", func() faults {
			fail := failAfter(1, isNew)
			return faults{write: writeFile, exchange: exchange, rename: func(a, b string) error {
				if fail(a) {
					return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EIO}
				}
				return os.Rename(a, b)
			}}
		}, "input/output error"},
		{"a stale file cannot be removed", func() faults {
			return faults{write: writeFile, rename: os.Rename, exchange: exchange, remove: func(name string) error {
				return &os.PathError{Op: "remove", Path: name, Err: syscall.EACCES}
			}}
		}, "cannot remove"},
		{"busy at the exchange", func() faults {
			return faults{write: writeFile, rename: os.Rename, exchange: func(a, b string) error {
				return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: syscall.EBUSY}
			}}
		}, "cannot replace"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site, dest, cache := spareSite(t)
			// A removed page, so that the spare has a stale file to remove.
			edit(t, site, map[string]string{"content/about/team.md": "", "content/index.md": "+++\ntitle = \"Home\"\n+++\nHello again\n"})
			f := tt.f()
			failedBuild(t, site, dest, Options{Cache: openCache(t, cache), Output: OutputOptions{faults: &f}}, tt.want)
			if _, err := os.Lstat(sparePath(dest)); err == nil {
				t.Error("the half-updated spare was kept")
			}
			buildDisk(t, site, dest, cache)
			if got, want := tree(t, dest), coldTree(t, site); !maps.Equal(got, want) {
				t.Fatalf("the build after the failure differs from a cold build:\n%s", diffTrees(want, got))
			}
		})
	}
}

func TestSpareKept(t *testing.T) {
	if !canExchange {
		t.Skip("no spare without an atomic exchange")
	}
	t.Run("a build that fails before writing", func(t *testing.T) {
		site, dest, cache := spareSite(t)
		spare := holdDir(t, sparePath(dest))
		before := tree(t, sparePath(dest))
		edit(t, site, map[string]string{"content/bad.md": "+++\ntitle = \n+++\nBody\n"})
		if _, _, err := Build(site, dest, Options{Cache: openCache(t, cache)}); err == nil {
			t.Fatal("a broken page built")
		}
		if after := tree(t, sparePath(dest)); !spare.is(t, sparePath(dest)) || !maps.Equal(after, before) {
			t.Logf("%v\n%s", spare.is(t, sparePath(dest)), diffTrees(before, after))
			t.Error("the untouched spare was not kept as it was")
		}
	})
	t.Run("killed while updating the spare", func(t *testing.T) {
		site, dest, cache := spareSite(t)
		// What a build killed after taking the spare leaves: the spare under
		// a temporary name that no one holds, half-updated.
		killed := filepath.Join(filepath.Dir(dest), besidePrefix(dest)+"123"+spareSuffix)
		if err := os.Rename(sparePath(dest), killed); err != nil {
			t.Fatal(err)
		}
		sitetest.Write(t, killed, map[string]string{"index.html.signpost-new-1": "half", "stray.html": "x"})
		changeSite(t, site)
		buildDisk(t, site, dest, cache)
		if _, err := os.Lstat(killed); err == nil {
			t.Error("the killed build's spare was not removed")
		}
		if got, want := tree(t, dest), coldTree(t, site); !maps.Equal(got, want) {
			t.Fatalf("the output differs from a cold build's:\n%s", diffTrees(want, got))
		}
		if _, err := os.Stat(filepath.Join(sparePath(dest), Marker)); err != nil {
			t.Errorf("no spare for the next build: %v", err)
		}
	})
	t.Run("a build without the cache", func(t *testing.T) {
		site, dest, _ := spareSite(t)
		buildDisk(t, site, dest, "")
		if _, err := os.Lstat(sparePath(dest)); err == nil {
			t.Error("a build without the job cache left the spare")
		}
	})
	t.Run("a folder that cannot be renamed", func(t *testing.T) {
		site, dest, cache := spareSite(t)
		if err := os.RemoveAll(sparePath(dest)); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if _, _, err := Build(site, dest, Options{Cache: openCache(t, cache), Output: OutputOptions{inPlace: true}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := os.Lstat(sparePath(dest)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a swap inside the folder kept a spare: %v", err)
		}
	})
}

func openCache(t *testing.T, dir string) *offline.Cache {
	t.Helper()
	c, err := offline.OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWalkTree: walkTree reports what filepath.WalkDir does, a symbolic
// link to a folder as a file it does not enter, and leaves out the
// folders visit refuses.
func TestWalkTree(t *testing.T) {
	root := t.TempDir()
	sitetest.Write(t, root, map[string]string{"a.html": "x", "b/c.html": "x", "b/d/e.html": "x", "skip/f.html": "x"})
	if err := os.MkdirAll(filepath.Join(root, "empty/inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	err := walkTree(root, func(rel string, dir bool) bool {
		if got[rel] {
			t.Errorf("%s visited twice", rel)
		}
		got[rel] = dir
		return rel != "skip"
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a.html": false, "b": true, "b/c.html": false, "b/d": true, "b/d/e.html": false,
		"skip": true, "empty": true, "empty/inner": true, "link": false}
	if !maps.Equal(got, want) {
		t.Errorf("walked %v\nwant %v", got, want)
	}
	if err := walkTree(filepath.Join(root, "none"), func(string, bool) bool { return true }); err == nil {
		t.Error("a missing root walked")
	}
}
