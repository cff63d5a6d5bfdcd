package build

// The output folder's rules (docs/deploy.md, "The output folder"), each
// against a real folder on disk:
//
//   - TestOutputIntoSourceFolderIsRefused: -d naming a source folder that
//     does not exist yet (or a folder inside one), absolute, relative, with
//     ./ or a trailing slash, or through a symbolic link.
//   - TestUserFilesInPreviousOutput: kept entries (.git, CNAME, ...) are
//     carried over; other files signpost did not write are refused by name,
//     and the previous output is untouched, unless KeepOthers.
//   - TestLeftoversAreRemoved: temporary folders of killed builds go on the
//     next build, a running build's stays, and a .git moved into a killed
//     build's folder is rescued.
//   - TestSwapInsideFolder: a folder that cannot be renamed (a mount point,
//     the current folder) gets its entries replaced inside it; a failure at
//     any step of that swap leaves the previous output as it was.
//   - TestOutputFaults: a full disk while writing, a failed marker, a busy
//     rename at the swap: exit with the previous output untouched, and the
//     error says what failed.
//   - TestRenderErrorsComeWithRefusal: content errors are reported even when
//     the output folder is refused.
//   - TestLinkPrevious: the seam for a warm rebuild.
//   - TestCacheDirIsChecked: --cache-dir inside the output or a source
//     folder is refused.

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// tree is sitetest.Tree.
func tree(t *testing.T, dir string) map[string]string { return sitetest.Tree(t, dir) }

// diffTrees says how two trees differ, briefly.
func diffTrees(a, b map[string]string) string {
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			d = append(d, "- "+k)
		} else if v != w {
			d = append(d, "~ "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, "+ "+k)
		}
	}
	slices.Sort(d)
	if len(d) > 10 {
		d = append(d[:10], fmt.Sprintf("... %d more", len(d)-10))
	}
	return strings.Join(d, "\n")
}

// quickSite is minimalSite without compressed copies, which cost seconds
// a build and are not what these tests are about.
func quickSite() map[string]string {
	files := maps.Clone(minimalSite)
	files["site.toml"] = "precompress = []\n" + files["site.toml"]
	return files
}

// builtSite writes quickSite into a new folder and builds it into
// public/ beside it, and returns both.
func builtSite(t *testing.T) (site, dest string) {
	t.Helper()
	root := t.TempDir()
	site = filepath.Join(root, "site")
	sitetest.Write(t, site, quickSite())
	dest = filepath.Join(root, "public")
	if _, _, err := Build(site, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	return site, dest
}

// changeSite edits the home page, so that the next build differs.
func changeSite(t *testing.T, site string) {
	t.Helper()
	sitetest.Write(t, site, map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\nHello again\n"})
}

// leftoversBeside lists the temporary folders beside dest and inside it.
func leftoversBeside(t *testing.T, dest string) []string {
	t.Helper()
	var out []string
	for _, dir := range []string{filepath.Dir(dest), dest} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), besidePrefix(dest)) || strings.HasPrefix(e.Name(), inPlacePrefix) {
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	return out
}

func TestOutputIntoSourceFolderIsRefused(t *testing.T) {
	root := t.TempDir()
	// A site with none of its optional folders: the output must not
	// become one of them.
	site := filepath.Join(root, "site")
	sitetest.Write(t, site, map[string]string{
		"site.toml":        minimalSite["site.toml"],
		"content/index.md": minimalSite["content/index.md"],
	})
	if err := os.Symlink(site, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(site)
	for _, src := range sourceDirs() {
		if src == "content" {
			continue // exists: the same rule, tested below
		}
		for _, dest := range []string{
			filepath.Join(site, src),
			src,
			"./" + src,
			src + "/",
			"./" + src + "/",
			filepath.Join(root, "link", src),
			filepath.Join(site, src, "out"),
			filepath.Join("..", "site", src),
		} {
			t.Run(src+"/"+dest, func(t *testing.T) {
				_, _, err := Build(site, dest, Options{})
				if err == nil || !strings.Contains(err.Error(), "the site's "+src+"/ folder") {
					t.Fatalf("Build(-d %s): %v; want a refusal naming the site's %s/ folder", dest, err, src)
				}
				if _, err := os.Lstat(filepath.Join(site, src)); err == nil {
					t.Errorf("%s/ was created", src)
				}
			})
		}
	}
	_, _, err := Build(site, "content/out/", Options{})
	if err == nil || !strings.Contains(err.Error(), "inside the site's content/ folder") {
		t.Errorf("Build(-d content/out/): %v", err)
	}
	if got := leftoversBeside(t, filepath.Join(site, "assets")); len(got) > 0 {
		t.Errorf("left %v", got)
	}
}

func TestUserFilesInPreviousOutput(t *testing.T) {
	kept := map[string]string{
		".git/HEAD":                   "ref: refs/heads/gh-pages\n",
		".git/objects/ab/cdef":        "x",
		"CNAME":                       "help.example.org\n",
		".nojekyll":                   "",
		".well-known/security.txt":    "Contact: mailto:security@example.org\n",
		".gitignore":                  "*.tmp\n",
		".gitattributes":              "* -text\n",
		".git/refs/heads/gh-pages":    "0123\n",
		".well-known/assetlinks.json": "[]\n",
	}
	for _, tt := range []struct {
		name   string
		add    map[string]string
		keep   bool
		marker bool   // the previous output was built by signpost
		want   string // "" for success
	}{
		{name: "kept entries", add: kept, marker: true},
		{name: "kept entries in a fresh deploy-branch checkout", add: kept},
		{name: "a verification file at the top", add: map[string]string{"google1234.html": "x"}, marker: true, want: "holds 1 file(s) signpost did not write: google1234.html; move them out"},
		{name: "a file inside a signpost folder", add: map[string]string{"about/notes.txt": "x", "assets/mine.js": "y"}, marker: true, want: "holds 2 file(s) signpost did not write: about/notes.txt, assets/mine.js"},
		{name: "others, with KeepOthers", add: map[string]string{"google1234.html": "x", "assets/mine.js": "y", "CNAME": "a.example\n"}, marker: true, keep: true},
		{name: "a folder signpost never wrote", add: map[string]string{"index.html": "mine", "notes/a.md": "x"}, want: "it is not empty and was not written by signpost (no .signpost-output file): it holds index.html, notes/a.md"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site, dest := builtSite(t)
			if !tt.marker {
				if err := os.RemoveAll(dest); err != nil {
					t.Fatal(err)
				}
			}
			sitetest.Write(t, dest, tt.add)
			changeSite(t, site)
			before := tree(t, dest)
			_, _, err := Build(site, dest, Options{Output: OutputOptions{KeepOthers: tt.keep}})
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err %v; want one containing %q", err, tt.want)
				}
				if after := tree(t, dest); !maps.Equal(before, after) {
					t.Errorf("a refused build changed the previous output:\n%s", diffTrees(before, after))
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				for p, text := range tt.add {
					if got, err := os.ReadFile(filepath.Join(dest, p)); err != nil || string(got) != text {
						t.Errorf("%s: %q, %v; want it kept as %q", p, got, err, text)
					}
				}
				if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); !strings.Contains(string(got), "Hello again") {
					t.Error("index.html is not the new build's")
				}
				marker, _ := os.ReadFile(filepath.Join(dest, Marker))
				for p := range tt.add {
					if parseMarker(marker)[p] {
						t.Errorf("the marker lists %s as written by signpost", p)
					}
				}
			}
			if got := leftoversBeside(t, dest); len(got) > 0 {
				t.Errorf("left %v", got)
			}
		})
	}
}

// TestMarkerListsWhatWasWritten: the marker lists every file of the output
// but itself, sorted, and a stale page of the previous output (not written
// again) is gone after the next build.
func TestMarkerListsWhatWasWritten(t *testing.T) {
	site, dest := builtSite(t)
	sitetest.Write(t, site, map[string]string{"content/gone.md": "+++\ntitle = \"Gone\"\n+++\nSoon gone\n"})
	if _, _, err := Build(site, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content", "gone.md")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Build(site, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone", "index.html")); err == nil {
		t.Error("the removed page is still in the output")
	}
	data, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		t.Fatal(err)
	}
	listed := parseMarker(data)
	var files []string
	for p, v := range tree(t, dest) {
		if !strings.HasPrefix(v, "d") && p != Marker {
			files = append(files, p)
		}
	}
	if len(files) < 10 || !maps.Equal(listed, fileSetOf(files)) {
		t.Errorf("the marker lists %d files, the output has %d:\n%s", len(listed), len(files), diffTrees(map[string]string(stringSet(listed)), map[string]string(stringSet(fileSetOf(files)))))
	}
}

func fileSetOf(paths []string) fileSet {
	s := fileSet{}
	for _, p := range paths {
		s[p] = true
	}
	return s
}

func stringSet(s fileSet) map[string]string {
	out := map[string]string{}
	for k := range s {
		out[k] = ""
	}
	return out
}

func TestLeftoversAreRemoved(t *testing.T) {
	site, dest := builtSite(t)
	parent := filepath.Dir(dest)
	killed := filepath.Join(parent, besidePrefix(dest)+"111")
	killedOld := filepath.Join(parent, besidePrefix(dest)+"222.old")
	inside := filepath.Join(dest, inPlacePrefix+"333")
	running := filepath.Join(parent, besidePrefix(dest)+"444")
	sitetest.Write(t, killed, map[string]string{"index.html": "half", "about/index.html": "half", Marker: markerText})
	sitetest.Write(t, killedOld, map[string]string{"index.html": "old"})
	sitetest.Write(t, inside, map[string]string{"index.html": "half"})
	sitetest.Write(t, running, map[string]string{"index.html": "being written"})
	release := lockDir(running)
	defer release()
	// A build killed after it moved the deploy branch's .git into its
	// folder, before the swap: the output has none now.
	sitetest.Write(t, killed, map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n"})

	if _, _, err := Build(site, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{killed, killedOld, inside} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	if _, err := os.Stat(running); err != nil {
		t.Errorf("the running build's folder was removed: %v", err)
	}
	if got, err := os.ReadFile(filepath.Join(dest, ".git", "HEAD")); err != nil || string(got) != "ref: refs/heads/gh-pages\n" {
		t.Errorf(".git/HEAD: %q, %v; want it rescued from the killed build's folder", got, err)
	}
	release()
	if _, _, err := Build(site, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := leftoversBeside(t, dest); len(got) > 0 {
		t.Errorf("left %v once no build holds them", got)
	}
}

// TestSwapInsideFolder: the output folder keeps its identity (a mount
// point cannot be renamed; the current folder should not be), and holds
// exactly what a normal build writes.
func TestSwapInsideFolder(t *testing.T) {
	site, dest := builtSite(t)
	sitetest.Write(t, dest, map[string]string{".git/HEAD": "x", "CNAME": "a.example\n"})
	changeSite(t, site)
	normal := filepath.Join(t.TempDir(), "public")
	if _, _, err := Build(site, normal, Options{}); err != nil {
		t.Fatal(err)
	}
	want := tree(t, normal)
	want[".git"], want[".git/HEAD"], want["CNAME"] = "", "", ""

	same := func(t *testing.T, dir string, before os.FileInfo) {
		t.Helper()
		after, err := os.Stat(dir)
		if err != nil || !os.SameFile(before, after) {
			t.Errorf("the output folder was replaced, not its entries")
		}
		got := tree(t, dir)
		got[".git"], got[".git/HEAD"], got["CNAME"] = "", "", ""
		if !maps.Equal(got, want) {
			t.Errorf("the output differs from a normal build's:\n%s", diffTrees(want, got))
		}
	}
	t.Run("forced (a mount point)", func(t *testing.T) {
		before, _ := os.Stat(dest)
		if _, _, err := Build(site, dest, Options{Output: OutputOptions{inPlace: true}}); err != nil {
			t.Fatal(err)
		}
		same(t, dest, before)
	})
	t.Run("the current folder", func(t *testing.T) {
		t.Chdir(dest)
		before, _ := os.Stat(".")
		if !cannotRename(dest) {
			t.Fatal("the current folder is not seen as one to keep in place")
		}
		if _, _, err := Build(site, ".", Options{}); err != nil {
			t.Fatal(err)
		}
		same(t, dest, before)
	})
	t.Run("another build swapping at the same time", func(t *testing.T) {
		release := lockDir(dest) // as a build swapping inside dest holds it
		defer release()
		before := tree(t, dest)
		_, _, err := Build(site, dest, Options{Output: OutputOptions{inPlace: true}})
		if err == nil || !strings.Contains(err.Error(), "another signpost build is writing into "+dest) {
			t.Fatalf("err %v; want a refusal while another build swaps", err)
		}
		if after := tree(t, dest); !maps.Equal(before, after) {
			t.Errorf("the refused build changed the folder:\n%s", diffTrees(before, after))
		}
		release()
		if _, _, err := Build(site, dest, Options{Output: OutputOptions{inPlace: true}}); err != nil {
			t.Fatalf("after the other build ended: %v", err)
		}
	})
	// Fail the n-th rename of the swap, for every n: each failure is
	// undone, the previous output is as it was, and the error is not a
	// *StateError.
	t.Run("a failure at each step", func(t *testing.T) {
		changeSite2 := map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\nA third version\n"}
		sitetest.Write(t, site, changeSite2)
		before := tree(t, dest)
		failed := 0
		for n := 1; ; n++ {
			count := 0
			f := &faults{write: writeFile, exchange: exchange, rename: func(a, b string) error {
				count++
				if count == n {
					return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EIO}
				}
				return os.Rename(a, b)
			}}
			_, _, err := Build(site, dest, Options{Output: OutputOptions{inPlace: true, faults: f}})
			if err == nil {
				if n < 5 {
					t.Fatalf("only %d renames", n-1)
				}
				break
			}
			failed++
			var state *StateError
			if errors.As(err, &state) || !strings.Contains(err.Error(), "input/output error") {
				t.Fatalf("rename %d failed: %v", n, err)
			}
			if after := tree(t, dest); !maps.Equal(before, after) {
				t.Fatalf("rename %d failed, and the previous output changed:\n%s", n, diffTrees(before, after))
			}
		}
		if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); !strings.Contains(string(got), "A third version") {
			t.Error("the build after the failures did not write the new output")
		}
		t.Logf("%d failing renames, each undone", failed)
	})
}

func TestOutputFaults(t *testing.T) {
	enospc := func(after int) func(string, []byte) error {
		var n atomic.Int32 // pages are written from several goroutines
		return func(name string, data []byte) error {
			if n.Add(1) > int32(after) {
				return &os.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
			}
			return writeFile(name, data)
		}
	}
	for _, tt := range []struct {
		name string
		f    faults
		want string
	}{
		{"disk full while writing", faults{write: enospc(5), rename: os.Rename, exchange: exchange}, "no space left on device"},
		{"disk full at the marker", faults{write: func(name string, data []byte) error {
			if filepath.Base(name) == Marker {
				return &os.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
			}
			return writeFile(name, data)
		}, rename: os.Rename, exchange: exchange}, "no space left on device"},
		{"busy at the swap", faults{write: writeFile, rename: os.Rename, exchange: func(a, b string) error {
			return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: syscall.EBUSY}
		}}, "cannot replace"},
		{"busy at the swap, without exchange", faults{write: writeFile, rename: func(a, b string) error {
			if filepath.Base(a) == "public" {
				return &os.LinkError{Op: "rename", Old: a, New: b, Err: syscall.EBUSY}
			}
			return os.Rename(a, b)
		}, exchange: func(string, string) error { return errors.ErrUnsupported }}, "cannot move the previous output aside"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site, dest := builtSite(t)
			sitetest.Write(t, dest, map[string]string{".git/HEAD": "x"})
			changeSite(t, site)
			failedBuild(t, site, dest, Options{Output: OutputOptions{faults: &tt.f}}, tt.want)
			if msg := Untouched(dest); !strings.Contains(msg, dest+" is as it was before the build") {
				t.Errorf("Untouched: %q", msg)
			}
		})
	}
}

// failedBuild builds site into dest with opts, and fails the test unless
// the build fails with an error containing want, leaving dest as it was
// and no temporary folder.
func failedBuild(t *testing.T, site, dest string, opts Options, want string) {
	t.Helper()
	before := tree(t, dest)
	_, _, err := Build(site, dest, opts)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err %v; want one containing %q", err, want)
	}
	if after := tree(t, dest); !maps.Equal(before, after) {
		t.Errorf("the previous output changed:\n%s", diffTrees(before, after))
	}
	if got := leftoversBeside(t, dest); len(got) > 0 {
		t.Errorf("left %v", got)
	}
}

func TestRenderErrorsComeWithRefusal(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	files := quickSite()
	files["content/bad.md"] = "+++\ntitle = \"Bad\"\n+++\n[x](/no/such/page/)\n"
	sitetest.Write(t, site, files)
	dest := filepath.Join(root, "public")
	sitetest.Write(t, dest, map[string]string{"mine.txt": "not signpost's"})
	_, diags, err := Build(site, dest, Options{})
	var refusal *OutputError
	if !errors.As(err, &refusal) || !strings.Contains(err.Error(), "was not written by signpost") {
		t.Fatalf("err %v; want the output refusal as an *OutputError", err)
	}
	if !diags.HasErrors() || !strings.Contains(diags.Err().Error(), "content/bad.md:4:") {
		t.Errorf("diagnostics %v; want the broken link in content/bad.md", diags.Err())
	}
}

func TestLinkPrevious(t *testing.T) {
	site, dest := builtSite(t)
	o, err := NewDiskOutput(site, dest, OutputOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !o.Previous("index.html") || o.Previous("nope.html") || o.Previous(Marker) {
		t.Errorf("Previous: index.html %v, nope.html %v, marker %v", o.Previous("index.html"), o.Previous("nope.html"), o.Previous(Marker))
	}
	if err := o.LinkPrevious("nope.html"); err == nil {
		t.Error("linked a file the previous output does not have")
	}
	old, _ := os.Stat(filepath.Join(dest, "index.html"))
	if err := o.LinkPrevious("index.html"); err != nil {
		t.Fatal(err)
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	now, err := os.Stat(filepath.Join(dest, "index.html"))
	if err != nil || !os.SameFile(old, now) {
		t.Errorf("index.html is not the previous output's file: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, Marker)); !parseMarker(data)["index.html"] {
		t.Error("the marker does not list the linked file")
	}
}

func TestCacheDirIsChecked(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	sitetest.Write(t, site, quickSite())
	dest := filepath.Join(site, "public")
	for _, tt := range []struct{ cache, want string }{
		{filepath.Join(dest, "cache"), "is inside the output folder"},
		{dest, "is inside the output folder"},
		{filepath.Join(site, "assets", "cache"), "inside the site's assets/ folder"},
		{filepath.Join(site, "layouts"), "the site's layouts/ folder"},
		{filepath.Join(site, ".cache"), ""},
		{filepath.Join(root, "cache"), ""},
	} {
		err := CheckCacheDir(site, dest, tt.cache)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("CheckCacheDir(%s): %v; want %q", tt.cache, err, tt.want)
		}
	}
}

// BenchmarkPreviousOutput is what the output rules cost a build over a
// previous output of 10,000 pages (three files each, as with the default
// .gz and .br copies): reading the marker's list, walking the folder for
// files signpost did not write (in the background of a real build), and
// making the new marker. Setting up the folder is not timed.
func BenchmarkPreviousOutput(b *testing.B) {
	site := b.TempDir()
	dest := filepath.Join(b.TempDir(), "public")
	o := &DiskOutput{}
	for i := range 10000 {
		for _, ext := range []string{"", ".gz", ".br"} {
			p := fmt.Sprintf("p%05d/index.html%s", i, ext)
			o.written = append(o.written, p)
			full := filepath.Join(dest, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(full, nil, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	marker := o.marker()
	if err := os.WriteFile(filepath.Join(dest, Marker), marker, 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(marker)), "marker-bytes")
	b.ResetTimer()
	for b.Loop() {
		o, err := NewDiskOutput(site, dest, OutputOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(o.listed) != 30000 {
			b.Fatalf("%d listed", len(o.listed))
		}
		if err := <-o.others; err != nil { // the walk, done while a build renders
			b.Fatal(err)
		}
		o.others = nil
		o.written = slices.Collect(maps.Keys(o.listed))
		_ = o.marker()
		o.Abort()
	}
}
