package build

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// The spare: a warm build updates the output before last in place.
//
// A build with the job cache on keeps the output it replaces, instead of
// removing it, as the spare (".NAME.spare" beside the output), and the
// next such build takes the spare as its temporary folder and updates it
// into the new output rather than writing a fresh tree:
//
//   - a file the job cache answers whose file in the spare still has the
//     recorded stamp (inode, size, modification time: the very file the
//     last build published, shared by a hard link) is left alone;
//   - any other file is written (or linked from the previous output) under
//     a temporary name in its folder and renamed over the old one: never
//     written through, since the spare's files are hard links shared with
//     the live output and with the job cache's blobs;
//   - a file the spare holds that this build did not make is removed, and
//     so is a folder left empty: what the spare holds is what its marker
//     lists and what a walk of it finds (anything someone put there);
//   - Commit exchanges the spare and the output with RENAME_EXCHANGE as
//     it does a fresh tree, and the previous output becomes the next spare.
//
// So a warm build of 10,000 pages with one edit makes a few dozen files
// and a stat for each other, in place of 40,000 links, 10,000 folders and
// the removal of 40,000 entries. While a build updates the spare it holds
// it under a temporary name (".NAME.tmp-*-spare", locked like any other),
// so a build that is killed half-way leaves a leftover that the next build
// removes, never a half-updated spare: the next spare is always a complete
// earlier output. A spare without a marker listing its files (not written
// by this signpost) is removed, not used. Only where the exchange is atomic
// (Linux) and outside a mount point; a build without the job cache removes
// any spare and writes a fresh tree.

// spareSuffix ends the name of a spare being updated (a temporary folder).
const spareSuffix = "-spare"

func sparePath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".spare")
}

// spareState is what a DiskOutput knows of the spare it updates.
type spareState struct {
	listed  fileSet        // what the spare's marker lists
	walk    chan spareWalk // the walk for what else it holds; nil once received
	touched atomic.Bool    // something in it was changed
	n       atomic.Int64   // numbers temporary names
}

// spareWalk is what a walk of the spare found besides its marker's list.
type spareWalk struct {
	others []string // files the marker does not list
	empty  []string // folders with nothing in them
	err    error
}

// takeSpare claims the spare beside o.dest as the build's temporary
// folder: it locks it, checks it is a spare of this signpost (a marker with
// its list of files), and renames it to a temporary name. It returns the
// folder and the function releasing the lock; "" when there is no spare to
// take (one that is not usable is removed).
func (o *DiskOutput) takeSpare() (string, func()) {
	sp := sparePath(o.dest)
	f, ok := lockOpen(sp)
	if !ok {
		return "", nil // none, or another build is taking it
	}
	unlock := func() { f.Close() }
	held, err1 := f.Stat()
	now, err2 := os.Lstat(sp)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) || !now.IsDir() {
		unlock()
		return "", nil
	}
	data, err := os.ReadFile(filepath.Join(sp, Marker))
	listed := parseMarker(data)
	if err != nil || listed == nil {
		_ = removeAll(sp)
		unlock()
		return "", nil
	}
	tmp := filepath.Join(filepath.Dir(o.dest), besidePrefix(o.dest)+strconv.FormatUint(rand.Uint64(), 36)+spareSuffix)
	if err := os.Rename(sp, tmp); err != nil {
		unlock()
		return "", nil
	}
	o.spare = &spareState{listed: listed}
	return tmp, unlock
}

// dropSpare removes the spare beside o.dest, if no build is taking it: a
// build without the job cache would leave it to go stale.
func (o *DiskOutput) dropSpare() {
	sp := sparePath(o.dest)
	if _, err := os.Lstat(sp); err != nil || held(sp) {
		return
	}
	_ = removeAll(sp)
}

// walkSpare lists, in the background, the files of the spare that its
// marker does not list and its empty folders: Commit waits for it and
// removes them, so that nothing but what the build made is published.
func (o *DiskOutput) walkSpare() {
	s := o.spare
	s.walk = make(chan spareWalk, 1)
	root := o.tmp
	go func() {
		var w spareWalk
		full := map[string]bool{} // folder -> it has an entry
		w.err = walkTree(root, func(rel string, dir bool) bool {
			full[path.Dir(rel)] = true
			top, _, _ := strings.Cut(rel, "/")
			if rel == Marker || isKept(top) && top == rel {
				return false
			}
			if dir {
				if _, seen := full[rel]; !seen {
					full[rel] = false
				}
			} else if !s.listed[rel] {
				w.others = append(w.others, rel)
			}
			return true
		})
		for d, has := range full {
			if !has {
				w.empty = append(w.empty, d)
			}
		}
		s.walk <- w
	}()
}

// put writes file full of the spare: under a temporary name in its
// folder, renamed over what is there.
func (o *DiskOutput) put(full string, data []byte) error {
	o.spare.touched.Store(true)
	tmp := full + ".signpost-new-" + strconv.FormatInt(o.spare.n.Add(1), 36)
	if err := o.fs.write(tmp, data); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return o.replace(tmp, full)
}

// replace renames tmp over full, removing a folder of the spare's in the
// way (the previous output had a folder where this one has a file).
func (o *DiskOutput) replace(tmp, full string) error {
	err := o.fs.rename(tmp, full)
	if err != nil {
		if fi, lerr := os.Lstat(full); lerr == nil && fi.IsDir() {
			if rerr := removeAll(full); rerr == nil {
				err = o.fs.rename(tmp, full)
			}
		}
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

// mkdirSpare creates folder dir of the spare, removing a file of the
// spare's in the way (the previous output had a file where this one has a
// folder).
func (o *DiskOutput) mkdirSpare(dir string) error {
	err := os.MkdirAll(dir, 0o755)
	if err == nil || !errors.Is(err, syscall.ENOTDIR) && !errors.Is(err, fs.ErrExist) {
		return err
	}
	rel, rerr := filepath.Rel(o.tmp, dir)
	if rerr != nil || !filepath.IsLocal(rel) {
		return err
	}
	at := o.tmp
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		at = filepath.Join(at, part)
		if fi, lerr := os.Lstat(at); lerr == nil && !fi.IsDir() {
			o.spare.touched.Store(true)
			if rerr := os.Remove(at); rerr != nil {
				return err
			}
			break
		}
	}
	return os.MkdirAll(dir, 0o755)
}

// reuseSpare is reuse for a spare: each of ps still in the spare with its
// stamp is left alone, any other is linked from the previous output under
// a temporary name and renamed over. The caller holds mu shared.
func (o *DiskOutput) reuseSpare(ps []string, stamps []fileStamp) bool {
	for i, p := range ps {
		if checkOutputPath(p) != nil {
			return false
		}
		full := filepath.Join(o.tmp, filepath.FromSlash(p))
		if fi, err := os.Lstat(full); err == nil && fi.Mode().IsRegular() {
			if s, ok := stampOf(fi); ok && s == stamps[i] {
				if o.state != writing {
					return false
				}
				o.record(p)
				continue
			}
		}
		// Not the published file: link the previous output's, if that is.
		if o.prev == "" || o.listed != nil && !o.listed[p] {
			return false
		}
		from := filepath.Join(o.prev, filepath.FromSlash(p))
		fi, err := os.Lstat(from)
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
		if s, ok := stampOf(fi); !ok || s != stamps[i] {
			return false
		}
		full, err = o.prepare(p)
		if err != nil {
			return false
		}
		tmp := full + ".signpost-new-" + strconv.FormatInt(o.spare.n.Add(1), 36)
		o.spare.touched.Store(true)
		if os.Link(from, tmp) != nil || o.replace(tmp, full) != nil {
			return false // the caller writes them all
		}
	}
	return true
}

// tidySpare removes from the spare, before the marker is written, every
// file that this build did not make (of its marker's list, and what the
// walk found besides) and the folders that leaves empty. The caller holds
// mu.
func (o *DiskOutput) tidySpare() error {
	s := o.spare
	w := <-s.walk
	s.walk = nil
	if w.err != nil {
		return fmt.Errorf("cannot read the spare output %s: %w", o.tmp, w.err)
	}
	made := make(fileSet, len(o.written))
	for _, p := range o.written {
		made[p] = true
	}
	stale := w.others
	for p := range s.listed {
		if !made[p] {
			stale = append(stale, p)
		}
	}
	slices.Sort(stale)
	stale = slices.Compact(stale)
	dirs := map[string]bool{}
	for _, p := range stale {
		if made[p] {
			continue // found by the walk, then written
		}
		err := o.fs.remove(filepath.Join(o.tmp, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) { // gone with a folder written over
			if fi, lerr := os.Lstat(filepath.Join(o.tmp, filepath.FromSlash(p))); lerr == nil && fi.IsDir() {
				continue // a folder of this output now (written files are inside it)
			}
			return fmt.Errorf("cannot remove %s from the spare output %s: %w", p, o.tmp, err)
		}
		s.touched.Store(true)
		if err == nil {
			dirs[path.Dir(p)] = true
		}
	}
	for _, d := range w.empty {
		dirs[d] = true
	}
	// Remove emptied folders deepest first, then their parents in turn
	// (a folder that is not empty stays).
	for len(dirs) > 0 {
		list := slices.Collect(maps.Keys(dirs))
		slices.SortFunc(list, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
		dirs = map[string]bool{}
		for _, d := range list {
			if d != "." && syscall.Rmdir(filepath.Join(o.tmp, filepath.FromSlash(d))) == nil {
				dirs[path.Dir(d)] = true
			}
		}
	}
	return nil
}

// retire disposes of the previous output, moved to old by the swap: it
// becomes the spare where the build keeps one, else it is removed.
func (o *DiskOutput) retire(old string) error {
	if o.keepSpare {
		sp := sparePath(o.dest)
		if _, err := os.Lstat(sp); errors.Is(err, fs.ErrNotExist) {
			if os.Rename(old, sp) == nil {
				return nil
			}
		}
	}
	return removeAll(old)
}
