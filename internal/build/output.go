package build

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/approval"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// The output folder's rules (docs/deploy.md, "The output folder"):
//
//   - A build writes into a temporary folder and swaps it in whole on
//     Commit, so the folder is either the complete new output (exit 0) or
//     the untouched previous one (exit 1).
//   - The marker file lists every file the build wrote. The next build
//     replaces those; the few entries of keptNames (.git, CNAME, ...) are
//     carried into the new output; any other file is refused by name unless
//     the build is told to keep it (OutputOptions.KeepOthers).
//   - Temporary folders of builds that were killed are removed by the next
//     build (each running build holds a lock on its own).
//   - A folder that cannot be renamed (a mount point, or the current
//     folder) has its entries swapped inside it instead.
//   - With the job cache, the output replaced is kept as the spare, which
//     the next build updates into its output in place of a fresh folder
//     (reuse_spare.go); a spare is only ever published whole, by a build
//     that updated all of it.
//   - The output is never a source folder of the site, even one that does
//     not exist yet.

// Marker is written into every output folder, so that a later build knows
// the folder is signpost's to replace. A non-empty folder without it is
// never replaced.
const Marker = ".signpost-output"

// markerHead is the marker's first line; the list of written files follows
// the blank line after markerNote. A marker of an older signpost has the
// first line only (markerText), and all of its folder counts as written.
const (
	markerHead = "This folder is written by signpost build and replaced whole on every build.\n"
	markerNote = "signpost wrote the files below; anything else found here is kept or refused by the next build (see docs/deploy.md, \"The output folder\").\n"
	markerText = markerHead
)

// tmpPrefix names the temporary folders a build writes into: beside the
// output as ".NAME.tmp-*", or inside it as ".signpost-tmp-*" when the
// output folder cannot be renamed. A ".old" suffix holds a previous output
// being removed.
const inPlacePrefix = ".signpost-tmp-"

func besidePrefix(dest string) string { return "." + filepath.Base(dest) + ".tmp-" }

// keptNames are the entries at the top of an output folder that signpost
// never writes and always carries over to the new output: a git checkout of
// a deploy branch and the files hosts read from the published folder.
func keptNames() []string {
	return []string{".git", ".gitattributes", ".gitignore", ".nojekyll", ".well-known", "CNAME"}
}

func isKept(name string) bool { return slices.Contains(keptNames(), name) }

// OutputOptions are the choices a user makes about the output folder.
type OutputOptions struct {
	// KeepOthers carries files that signpost did not write (and that are
	// not kept anyway) into the new output, instead of refusing to build.
	KeepOthers bool
	// inPlace forces the swap inside the folder (a test's stand-in for a
	// mount point).
	inPlace bool
	// spare keeps the previous output as the spare and updates the spare
	// into the new output (reuse_spare.go): a build with the job cache.
	spare bool
	// faults, when set, replace the file system calls that write (tests).
	faults *faults
}

// faults are the file system calls a DiskOutput makes to write and swap;
// tests replace them to fail as a full disk or a busy mount does.
type faults struct {
	write    func(name string, data []byte) error
	rename   func(from, to string) error
	exchange func(a, b string) error
	remove   func(name string) error // nil: os.Remove
}

// DiskOutput writes a build into a temporary folder and, on Commit, swaps
// it in whole.
type DiskOutput struct {
	dest      string
	tmp       string
	inPlace   bool        // dest cannot be renamed: its entries are swapped inside it
	prev      string      // the verified previous output; "" when there is none
	spare     *spareState // tmp is the spare, being updated; nil: a fresh folder
	keepSpare bool        // the previous output becomes the spare
	listed    fileSet     // the files the previous output's marker lists; nil: all (an older marker)
	carry     []string    // paths to carry from the previous output into the new one
	others    chan error  // the walk for files signpost did not write; nil: none running
	lock      func()      // releases the lock on tmp
	destLock  func()      // releases the lock on dest, taken when inPlace

	fs   faults
	dirs sync.Map // folders already created, so each costs one mkdir

	// mu guards state: writes hold it shared, so that Abort (which may come
	// from a signal) waits for the writes in flight and no folder is made
	// again after the temporary folder is removed.
	mu    sync.RWMutex
	state outputState

	wmu     sync.Mutex
	written []string // every path written, for the marker
}

type outputState int

const (
	writing outputState = iota
	committed
	aborted
)

// errAborted is what Write returns once the build was interrupted.
var errAborted = errors.New("the build was interrupted")

type fileSet map[string]bool

// NewDiskOutput prepares to write into dest. It refuses destinations that a
// build must never replace: the filesystem root, the user's home, the site
// folder or any folder containing it, a source folder of the site (existing
// or not), and folders that hold files signpost did not write. It removes
// what killed builds left behind.
func NewDiskOutput(site, dest string, opts OutputOptions) (*DiskOutput, error) {
	absDest, absSite, err := resolveDest(site, dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(absSite, absDest); err != nil {
		return nil, err
	}
	fi, err := os.Lstat(absDest)
	exists := err == nil
	if exists {
		if fi.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("refusing to replace %s: it is a symbolic link; give -d a real folder", absDest)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("refusing to replace %s: it is a file, not a folder", absDest)
		}
	}
	o := &DiskOutput{dest: absDest, fs: faults{writeFile, os.Rename, exchange, os.Remove}, inPlace: exists && (opts.inPlace || cannotRename(absDest))}
	if opts.faults != nil {
		o.fs = *opts.faults
		if o.fs.remove == nil {
			o.fs.remove = os.Remove
		}
	}
	leftovers, err := o.leftovers()
	if err != nil {
		return nil, err
	}
	if exists {
		if err := o.verifyPrevious(leftovers, opts.KeepOthers); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(filepath.Dir(absDest), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder for %s: %w", absDest, err)
	}
	var tmpLock func()
	if o.inPlace {
		// Two swaps inside one folder at once would mix their entries.
		if held(absDest) {
			return nil, fmt.Errorf("another signpost build is writing into %s now: wait for it to end, then build again", absDest)
		}
		o.destLock = lockDir(absDest)
		if o.tmp, err = os.MkdirTemp(absDest, inPlacePrefix); err != nil {
			o.destLock()
		}
	} else {
		if opts.spare && canExchange {
			o.keepSpare = true
			o.tmp, tmpLock = o.takeSpare()
		} else {
			o.dropSpare()
		}
		if o.tmp == "" {
			o.tmp, err = os.MkdirTemp(filepath.Dir(absDest), besidePrefix(absDest))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary folder for %s: %w", absDest, err)
	}
	if tmpLock == nil {
		tmpLock = lockDir(o.tmp)
	}
	o.lock = func() {
		tmpLock()
		if o.destLock != nil {
			o.destLock()
		}
	}
	if err := os.Chmod(o.tmp, 0o755); err != nil {
		o.Abort()
		return nil, err
	}
	o.clean(leftovers)
	if o.spare != nil {
		o.walkSpare()
	}
	return o, nil
}

// Untouched is what a failed build says of its output folder: that it is
// as it was before (every failure but a *StateError leaves it so).
func Untouched(dest string) string {
	if _, err := os.Lstat(dest); err != nil {
		return "nothing was written (there was no previous output)"
	}
	return "nothing was written: " + dest + " is as it was before the build"
}

// resolveDest makes dest and site absolute, with symbolic links in the
// site and in dest's parents resolved (dest itself is not followed: a link
// there is refused).
func resolveDest(site, dest string) (absDest, absSite string, err error) {
	if absDest, err = filepath.Abs(dest); err != nil {
		return "", "", err
	}
	if absSite, err = filepath.Abs(site); err != nil {
		return "", "", err
	}
	if real, err := filepath.EvalSymlinks(absSite); err == nil {
		absSite = real
	}
	if absDest != filepath.Dir(absDest) {
		absDest = filepath.Join(resolveExisting(filepath.Dir(absDest)), filepath.Base(absDest))
	}
	return absDest, absSite, nil
}

// resolveExisting resolves the symbolic links of the longest part of p that
// exists, and keeps the rest as it is (it cannot hold links).
func resolveExisting(p string) string {
	rest := ""
	for {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// sourceDirs are the site's folders that signpost reads: the output may be
// none of them, nor inside one, whether it exists yet or not.
func sourceDirs() []string {
	var dirs []string
	for _, f := range sitefs.Folders() {
		dirs = append(dirs, f.Dir())
	}
	return append(dirs, approval.Dir)
}

// checkDest refuses the destinations no build may write to.
func checkDest(absSite, absDest string) error {
	home, _ := os.UserHomeDir()
	switch {
	case absDest == filepath.Dir(absDest):
		return fmt.Errorf("refusing to write the output to %s, the filesystem root: give -d a folder of its own, such as public", absDest)
	case home != "" && absDest == filepath.Clean(home):
		return fmt.Errorf("refusing to replace your home folder %s: give -d a folder of its own, such as public", absDest)
	case absDest == absSite || within(absSite, absDest):
		return fmt.Errorf("refusing to replace %s: it holds the site's sources; give -d a folder of its own, such as public", absDest)
	}
	return CheckNotSource(absSite, absDest, "the output", "-d")
}

// CheckNotSource refuses a folder (what: "the output", "the review packs")
// that is a source folder of the site, or inside one, whether that folder
// exists yet or not: a build would read what was written there. flag is
// the option that named the folder.
func CheckNotSource(site, dir, what, flag string) error {
	absDir, absSite, err := resolveDest(site, dir)
	if err != nil {
		return err
	}
	for _, src := range sourceDirs() {
		s := filepath.Join(absSite, src)
		if absDir == s {
			return fmt.Errorf("refusing to write %s to %s: it is the site's %s/ folder, which signpost reads (even before it exists); give %s a folder of its own", what, absDir, src, flag)
		}
		if within(absDir, s) {
			return fmt.Errorf("refusing to write %s to %s: it is inside the site's %s/ folder, which signpost reads; give %s a folder of its own", what, absDir, src, flag)
		}
	}
	return nil
}

// within reports whether path is inside dir (or is dir).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// leftover is a temporary folder a killed build left behind.
type leftover struct {
	dir    string
	listed fileSet // what its marker lists, if it has one (an interrupted swap inside the folder)
}

// leftovers lists the temporary folders of earlier builds of this output
// that no running build holds.
func (o *DiskOutput) leftovers() ([]leftover, error) {
	var out []leftover
	scan := func(dir, prefix string) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() || !strings.HasPrefix(name, prefix) {
				continue
			}
			p := filepath.Join(dir, name)
			owner := strings.TrimSuffix(p, ".old")
			if held(owner) {
				continue // a build that is running
			}
			l := leftover{dir: p}
			if data, err := os.ReadFile(filepath.Join(p, Marker)); err == nil {
				l.listed = parseMarker(data)
			}
			out = append(out, l)
		}
	}
	scan(filepath.Dir(o.dest), besidePrefix(o.dest))
	scan(o.dest, inPlacePrefix)
	return out, nil
}

// clean removes leftovers, first moving any kept entry (.git, CNAME) that
// the new output would otherwise lose into the new temporary folder: a
// build killed between moving .git into its temporary folder and the swap
// must not lose it.
func (o *DiskOutput) clean(leftovers []leftover) {
	for _, l := range leftovers {
		for _, name := range keptNames() {
			from := filepath.Join(l.dir, name)
			if _, err := os.Lstat(from); err != nil {
				continue
			}
			if _, err := os.Lstat(filepath.Join(o.dest, name)); err == nil {
				continue
			}
			if os.Rename(from, filepath.Join(o.tmp, name)) == nil && o.spare != nil { // not listed in the marker: kept, not written
				o.spare.touched.Store(true)
			}
		}
		_ = removeAll(l.dir)
	}
}

// verifyPrevious checks that the existing folder may be replaced: it has
// signpost's marker (or holds nothing but kept entries and leftovers), and
// every file in it was written by signpost, is kept, or keep says to carry
// it. A folder with a marker is walked while the build renders (a
// previous output of 10,000 pages is 40,000 entries), and Commit waits for
// the answer (o.others) before it swaps.
func (o *DiskOutput) verifyPrevious(leftovers []leftover, keep bool) error {
	data, err := os.ReadFile(filepath.Join(o.dest, Marker))
	if err != nil {
		others, err := o.findOthers(nil)
		if err != nil {
			return err
		}
		if len(others) > 0 && !keep {
			return fmt.Errorf("refusing to replace %s: it is not empty and was not written by signpost (no %s file): it holds %s; remove it or give -d another folder", o.dest, Marker, listSome(others))
		}
		o.carry = others
		return nil
	}
	o.prev = o.dest
	o.listed = parseMarker(data)
	if o.listed == nil {
		return nil // an older signpost's marker: all of the folder is its
	}
	ours := maps.Clone(o.listed)
	for _, l := range leftovers {
		maps.Copy(ours, l.listed)
	}
	o.others = make(chan error, 1)
	go func() {
		others, err := o.findOthers(ours)
		switch {
		case err != nil:
		case len(others) > 0 && !keep:
			err = fmt.Errorf("refusing to replace %s: it holds %d file(s) signpost did not write: %s; move them out (a file the site should publish belongs in assets/), or build with --keep-others to carry them into the new output", o.dest, len(others), listSome(others))
		default:
			o.carry = others // read by Commit after it receives from o.others
		}
		o.others <- err
	}()
	return nil
}

// findOthers lists the files in the previous output that ours does not
// list (all of them when ours is nil), leaving out the marker, kept
// entries and temporary folders.
func (o *DiskOutput) findOthers(ours fileSet) ([]string, error) {
	var others []string
	err := walkTree(o.dest, func(rel string, dir bool) bool {
		top, _, _ := strings.Cut(rel, "/")
		if isKept(top) || strings.HasPrefix(top, inPlacePrefix) || rel == Marker {
			return false
		}
		if !dir && !ours[rel] {
			others = append(others, rel)
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the previous output %s: %w", o.dest, err)
	}
	return others, nil
}

// listSome names up to five paths.
func listSome(paths []string) string {
	slices.Sort(paths)
	if len(paths) <= 5 {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:5], ", "), len(paths)-5)
}

// parseMarker reads the list of files in a marker; nil for an older
// marker that has none.
func parseMarker(data []byte) fileSet {
	_, list, found := bytes.Cut(data, []byte(markerNote+"\n"))
	if !found {
		return nil
	}
	set := fileSet{}
	sc := bufio.NewScanner(bytes.NewReader(list))
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			set[line] = true
		}
	}
	return set
}

// checkOutputPath refuses a path that is not clean, relative and
// slash-separated inside the output folder: every Output checks with it.
func checkOutputPath(p string) error {
	if p == "" || p == "." || path.Clean(p) != p || strings.HasPrefix(p, "/") ||
		p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "\\") {
		return fmt.Errorf("refusing to write %q: not a clean relative path inside the output folder", p)
	}
	return nil
}

// Write writes one file, creating folders as needed. Paths are
// slash-separated and relative; anything else is refused (checkOutputPath).
func (o *DiskOutput) Write(p string, data []byte) error {
	o.mu.RLock()
	defer o.mu.RUnlock()
	full, err := o.prepare(p)
	if err != nil {
		return err
	}
	if o.spare != nil {
		return o.put(full, data)
	}
	return o.fs.write(full, data)
}

// prepare checks p, records it for the marker and creates its folder. The
// caller holds mu shared.
func (o *DiskOutput) prepare(p string) (string, error) {
	if err := checkOutputPath(p); err != nil {
		return "", err
	}
	if p == Marker {
		return "", fmt.Errorf("refusing to write %q: the build writes its own marker", p)
	}
	if o.state != writing {
		return "", errAborted
	}
	o.record(p)
	full := filepath.Join(o.tmp, filepath.FromSlash(p))
	dir := filepath.Dir(full)
	if _, done := o.dirs.Load(dir); !done {
		// Mostly the parent exists: one mkdir, without MkdirAll's stats.
		// In a spare, a file of the previous output may be in the way.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) || err != nil && o.spare != nil {
			mkdir := func(dir string) error { return os.MkdirAll(dir, 0o755) }
			if o.spare != nil {
				mkdir = o.mkdirSpare
			}
			if err := mkdir(dir); err != nil {
				return "", err
			}
		}
		o.dirs.Store(dir, true)
	}
	return full, nil
}

// record notes p for the marker.
func (o *DiskOutput) record(p string) {
	o.wmu.Lock()
	o.written = append(o.written, p)
	o.wmu.Unlock()
}

// Previous reports whether the previous output holds p as a file signpost
// wrote (and so LinkPrevious may reuse it).
func (o *DiskOutput) Previous(p string) bool {
	if o.prev == "" || checkOutputPath(p) != nil {
		return false
	}
	if o.listed != nil && !o.listed[p] {
		return false
	}
	fi, err := os.Lstat(filepath.Join(o.prev, filepath.FromSlash(p)))
	return err == nil && fi.Mode().IsRegular()
}

// LinkPrevious puts the previous output's file p into the new output as a
// hard link, in place of writing it: the seam for a warm rebuild that
// knows p has not changed. It fails (and the caller writes the file) when
// the previous output does not hold p or the link cannot be made.
func (o *DiskOutput) LinkPrevious(p string) error {
	if !o.Previous(p) {
		return fmt.Errorf("%s: not in the previous output", p)
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	full, err := o.prepare(p)
	if err != nil {
		return err
	}
	from := filepath.Join(o.prev, filepath.FromSlash(p))
	if o.spare != nil {
		tmp := full + ".signpost-new-" + strconv.FormatInt(o.spare.n.Add(1), 36)
		o.spare.touched.Store(true)
		if err := os.Link(from, tmp); err != nil {
			return err
		}
		return o.replace(tmp, full)
	}
	return os.Link(from, full)
}

// marker is the marker file's text: the sorted list of written files.
func (o *DiskOutput) marker() []byte {
	files := slices.Clone(o.written)
	slices.Sort(files)
	files = slices.Compact(files)
	var b bytes.Buffer
	b.WriteString(markerHead)
	b.WriteString(markerNote)
	b.WriteString("\n")
	for _, f := range files {
		b.WriteString(f)
		b.WriteString("\n")
	}
	return b.Bytes()
}

// CleanupError is returned by Commit when the new output is in place,
// complete, but the previous one could not be removed: the build
// succeeded, and the next build tries the removal again.
type CleanupError struct {
	Left string // where the previous output is
	Err  error
}

func (e *CleanupError) Error() string {
	return fmt.Sprintf("the new output is complete, but the previous one could not be removed from %s (%v): remove it yourself, or leave it to the next build", e.Left, e.Err)
}

// StateError is returned when a swap inside the folder failed and could
// not be undone: the folder is a mix of the two outputs.
type StateError struct {
	Dest string
	Err  error
}

func (e *StateError) Error() string {
	return fmt.Sprintf("%s is INCOMPLETE: the swap of its entries failed (%v) and could not be undone, so it holds part of the previous output and part of the new one; do not deploy it, and build again (the next build replaces it)", e.Dest, e.Err)
}

// Commit swaps the new output in. A *CleanupError means the new output is
// in place; any other error means the previous output is as it was (a
// *StateError, which the design should make impossible, says otherwise).
// Where the kernel can exchange two paths atomically (renameat2
// RENAME_EXCHANGE, Linux) readers see the old or the new output, never a
// mix; elsewhere the old folder is moved aside first, and inside a folder
// that cannot be renamed the entries are moved one by one.
func (o *DiskOutput) Commit() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.state != writing {
		return errAborted
	}
	fail := func(err error) error {
		o.abortLocked()
		return err
	}
	if o.others != nil {
		if err := <-o.others; err != nil {
			return fail(err)
		}
		o.others = nil
	}
	write := o.fs.write
	if o.spare != nil {
		if err := o.tidySpare(); err != nil {
			return fail(err)
		}
		write = o.put
	}
	if err := write(filepath.Join(o.tmp, Marker), o.marker()); err != nil {
		return fail(err)
	}
	moved, err := o.carryOver()
	if err != nil {
		o.uncarry(moved)
		return fail(err)
	}
	if o.inPlace {
		return o.swapInside(moved)
	}
	if _, err := os.Lstat(o.dest); errors.Is(err, os.ErrNotExist) {
		if err := o.fs.rename(o.tmp, o.dest); err != nil {
			return fail(fmt.Errorf("cannot move the new output into place: %w", err))
		}
		o.state = committed
		o.lock()
		return nil
	}
	if err := o.fs.exchange(o.tmp, o.dest); err == nil {
		o.state = committed
		o.lock()
		if err := o.retire(o.tmp); err != nil { // now holds the previous output
			return &CleanupError{Left: o.tmp, Err: err}
		}
		return nil
	} else if !errors.Is(err, errors.ErrUnsupported) {
		o.uncarry(moved)
		return fail(fmt.Errorf("cannot replace %s (%w): if it is a mount point, build into a folder inside it or report this", o.dest, err))
	}
	old := o.tmp + ".old"
	if err := o.fs.rename(o.dest, old); err != nil {
		o.uncarry(moved)
		return fail(fmt.Errorf("cannot move the previous output aside: %w", err))
	}
	if err := o.fs.rename(o.tmp, o.dest); err != nil {
		if err2 := o.fs.rename(old, o.dest); err2 != nil {
			return &StateError{Dest: o.dest, Err: fmt.Errorf("%v; the previous output is in %s", err, old)}
		}
		o.uncarry(moved)
		return fail(fmt.Errorf("cannot move the new output into place: %w", err))
	}
	o.state = committed
	o.lock()
	if err := o.retire(old); err != nil {
		return &CleanupError{Left: old, Err: err}
	}
	return nil
}

// carryOver moves the kept entries and the files to carry from the
// previous output into the new one, and returns what it moved.
func (o *DiskOutput) carryOver() ([]string, error) {
	var paths []string
	for _, name := range keptNames() {
		if _, err := os.Lstat(filepath.Join(o.dest, name)); err == nil {
			paths = append(paths, name)
		}
	}
	paths = append(paths, o.carry...)
	var moved []string
	for _, p := range paths {
		to := filepath.Join(o.tmp, filepath.FromSlash(p))
		if _, err := os.Lstat(to); err == nil {
			return moved, fmt.Errorf("cannot keep %s from the previous output: the new output has %s too", p, p)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return moved, err
		}
		if err := o.fs.rename(filepath.Join(o.dest, filepath.FromSlash(p)), to); err != nil {
			return moved, fmt.Errorf("cannot keep %s from the previous output: %w", p, err)
		}
		moved = append(moved, p)
	}
	return moved, nil
}

// uncarry moves carried paths back into the previous output.
func (o *DiskOutput) uncarry(moved []string) {
	for _, p := range slices.Backward(moved) {
		_ = o.fs.rename(filepath.Join(o.tmp, filepath.FromSlash(p)), filepath.Join(o.dest, filepath.FromSlash(p)))
	}
}

// swapInside replaces the entries of a folder that cannot itself be
// renamed: the previous entries go into a folder beside the temporary one,
// the new ones come out of it, and the marker is replaced last (one
// rename), so that the folder always has a marker whose list, with the
// temporary folder's, covers every file in it: a build killed half-way
// leaves a folder the next build accepts and replaces.
func (o *DiskOutput) swapInside(carried []string) error {
	old := o.tmp + ".old"
	if err := os.Mkdir(old, 0o755); err != nil {
		o.uncarry(carried)
		o.abortLocked()
		return fmt.Errorf("cannot create a folder for the previous output in %s: %w", o.dest, err)
	}
	tmpName, oldName := filepath.Base(o.tmp), filepath.Base(old)
	var out, in []string // entries moved out of dest (into old), into dest (from tmp)
	undo := func(cause error) error {
		var errs []error
		for _, e := range slices.Backward(in) {
			errs = append(errs, o.fs.rename(filepath.Join(o.dest, e), filepath.Join(o.tmp, e)))
		}
		for _, e := range slices.Backward(out) {
			errs = append(errs, o.fs.rename(filepath.Join(old, e), filepath.Join(o.dest, e)))
		}
		if err := errors.Join(errs...); err != nil {
			return &StateError{Dest: o.dest, Err: fmt.Errorf("%v; then, undoing it: %v", cause, err)}
		}
		o.uncarry(carried)
		o.abortLocked()
		_ = os.Remove(old)
		return fmt.Errorf("cannot swap the entries of %s: %w", o.dest, cause)
	}
	entries, err := os.ReadDir(o.dest)
	if err != nil {
		return undo(err)
	}
	for _, e := range entries {
		n := e.Name()
		if n == tmpName || n == oldName || n == Marker || isKept(n) || strings.HasPrefix(n, inPlacePrefix) {
			continue
		}
		if err := o.fs.rename(filepath.Join(o.dest, n), filepath.Join(old, n)); err != nil {
			return undo(err)
		}
		out = append(out, n)
	}
	news, err := os.ReadDir(o.tmp)
	if err != nil {
		return undo(err)
	}
	for _, e := range news {
		n := e.Name()
		if n == Marker {
			continue
		}
		if err := o.fs.rename(filepath.Join(o.tmp, n), filepath.Join(o.dest, n)); err != nil {
			return undo(err)
		}
		in = append(in, n)
	}
	if err := o.fs.rename(filepath.Join(o.tmp, Marker), filepath.Join(o.dest, Marker)); err != nil {
		return undo(err)
	}
	o.state = committed
	o.lock()
	if err := errors.Join(removeAll(old), removeAll(o.tmp)); err != nil {
		return &CleanupError{Left: old, Err: err}
	}
	return nil
}

// Abort removes the temporary folder, leaving the destination untouched.
// It may be called at any time, from any goroutine (a signal handler):
// after Commit it does nothing, during Commit it waits for it.
func (o *DiskOutput) Abort() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.state == writing {
		o.abortLocked()
	}
}

func (o *DiskOutput) abortLocked() {
	o.state = aborted
	if o.spare != nil && o.spare.walk != nil {
		<-o.spare.walk // it reads the folder being removed
		o.spare.walk = nil
	}
	if o.spare != nil && !o.spare.touched.Load() {
		// Untouched, the spare is still the complete output it was.
		if _, err := os.Lstat(sparePath(o.dest)); errors.Is(err, fs.ErrNotExist) && os.Rename(o.tmp, sparePath(o.dest)) == nil {
			o.lock()
			return
		}
	}
	_ = removeAll(o.tmp)
	if o.lock != nil {
		o.lock()
	}
}

// removeAll is os.RemoveAll for a folder signpost wrote, which a user may
// have made read-only since: folders are made writable and it tries again.
// The folders at its top are removed in parallel, one worker a core: the
// previous output of a 10,000-page site is 40,000 entries, whose removal
// is most of what a warm build's Commit costs.
func removeAll(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil {
		next := make(chan string)
		var wg sync.WaitGroup
		for range min(len(entries), max(1, runtime.GOMAXPROCS(0))) {
			wg.Go(func() {
				for p := range next {
					_ = os.RemoveAll(p) // what fails is tried again below
				}
			})
		}
		for _, e := range entries {
			if e.IsDir() {
				next <- filepath.Join(dir, e.Name())
			}
		}
		close(next)
		wg.Wait()
	}
	if err := os.RemoveAll(dir); err == nil {
		return nil
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() {
			_ = os.Chmod(p, 0o755) // before WalkDir reads it
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// CheckCacheDir refuses a compression cache folder inside the output
// folder (every build replaces it) or inside a source folder of the site
// (the build would read the cache as the site's files).
func CheckCacheDir(site, dest, cache string) error {
	absCache, _, err := resolveDest(site, cache)
	if err != nil {
		return err
	}
	absDest, _, err := resolveDest(site, dest)
	if err != nil {
		return err
	}
	if within(absCache, absDest) {
		return fmt.Errorf("%s is inside the output folder %s, which every build replaces: keep the cache outside it", absCache, absDest)
	}
	if err := CheckNotSource(site, cache, "the compression cache", "--cache-dir"); err != nil {
		return err
	}
	return nil
}

// isWorkingDir reports whether the resolved folder dir is the current one.
func isWorkingDir(dir string) bool {
	wd, err := os.Getwd()
	if err != nil {
		return false
	}
	w, err := filepath.EvalSymlinks(wd)
	return err == nil && w == dir
}
