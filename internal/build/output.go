package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Marker is written into every output folder, so that a later build knows
// the folder is signpost's to replace. A non-empty folder without it is
// never replaced.
const Marker = ".signpost-output"

const markerText = "This folder is written by signpost build and replaced whole on every build.\n"

// DiskOutput writes a build into a temporary folder beside the destination
// and, on Commit, swaps it in whole.
type DiskOutput struct {
	dest string
	tmp  string
	dirs sync.Map // folders already created, so each costs one mkdir
}

// NewDiskOutput prepares to write into dest. It refuses destinations that a
// build must never replace: the filesystem root, the user's home, the site
// folder or any folder containing it, and non-empty folders that were not
// written by signpost.
func NewDiskOutput(site, dest string) (*DiskOutput, error) {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	absSite, err := filepath.Abs(site)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(absSite); err == nil {
		absSite = real
	}
	if parent, err := filepath.EvalSymlinks(filepath.Dir(absDest)); err == nil {
		absDest = filepath.Join(parent, filepath.Base(absDest))
	}
	home, _ := os.UserHomeDir()
	switch {
	case absDest == filepath.Dir(absDest):
		return nil, fmt.Errorf("refusing to write the output to %s, the filesystem root: give -d a folder of its own, such as public", absDest)
	case home != "" && absDest == filepath.Clean(home):
		return nil, fmt.Errorf("refusing to replace your home folder %s: give -d a folder of its own, such as public", absDest)
	case absDest == absSite || within(absSite, absDest):
		return nil, fmt.Errorf("refusing to replace %s: it holds the site's sources; give -d a folder of its own, such as public", absDest)
	}
	if fi, err := os.Lstat(absDest); err == nil {
		if fi.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("refusing to replace %s: it is a symbolic link; give -d a real folder", absDest)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("refusing to replace %s: it is a file, not a folder", absDest)
		}
		if !ownedOrEmpty(absDest) {
			return nil, fmt.Errorf("refusing to replace %s: it is not empty and was not written by signpost (no %s file); remove it or give -d another folder", absDest, Marker)
		}
	}
	if err := os.MkdirAll(filepath.Dir(absDest), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(absDest), "."+filepath.Base(absDest)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary folder beside %s: %w", absDest, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	o := &DiskOutput{dest: absDest, tmp: tmp}
	if err := o.Write(Marker, []byte(markerText)); err != nil {
		o.Abort()
		return nil, err
	}
	return o, nil
}

// within reports whether path is inside dir (or is dir).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func ownedOrEmpty(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return true
	}
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
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
	if err := checkOutputPath(p); err != nil {
		return err
	}
	full := filepath.Join(o.tmp, filepath.FromSlash(p))
	dir := filepath.Dir(full)
	if _, done := o.dirs.Load(dir); !done {
		// Mostly the parent exists: one mkdir, without MkdirAll's stats.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		o.dirs.Store(dir, true)
	}
	return writeFile(full, data)
}

// Commit swaps the new output in. Where the kernel can exchange two paths
// atomically (renameat2 RENAME_EXCHANGE) readers see the old or the new
// output, never a mix; elsewhere the old folder is moved aside first.
func (o *DiskOutput) Commit() error {
	if _, err := os.Lstat(o.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(o.tmp, o.dest)
	}
	if err := exchange(o.tmp, o.dest); err == nil {
		return os.RemoveAll(o.tmp) // now holds the previous output
	}
	old := o.tmp + ".old"
	if err := os.Rename(o.dest, old); err != nil {
		o.Abort()
		return fmt.Errorf("cannot move the previous output aside: %w", err)
	}
	if err := os.Rename(o.tmp, o.dest); err != nil {
		_ = os.Rename(old, o.dest)
		o.Abort()
		return fmt.Errorf("cannot move the new output into place: %w", err)
	}
	return os.RemoveAll(old)
}

// Abort removes the temporary folder, leaving the destination untouched.
func (o *DiskOutput) Abort() { _ = os.RemoveAll(o.tmp) }
