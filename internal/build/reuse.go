package build

import (
	"os"
	"path/filepath"
)

// Reusing the previous output's files (the job cache's fast path).
//
// A warm build whose job made the same bytes as in an earlier build need
// not write them again: if the output folder being replaced still holds
// the file that build wrote (the same inode, size and modification time,
// recorded when it was written), the new output gets a hard link to it,
// and its .gz and .br siblings likewise. Replacing the output stays
// atomic (Commit swaps the folders as for written files); a file changed
// or replaced since it was recorded differs in its stamp and is written
// instead. A hard link is never written through: a file that cannot be
// linked whole, with every sibling, is removed and written afresh.

// fileStamp is what identifies a written output file on disk.
type fileStamp struct {
	Ino, Size  uint64
	ModTimeNs  int64
	Recordable bool // false where the platform gives no inode
}

// stamp returns the stamp of file p of the new output, just written.
func (o *DiskOutput) stamp(p string) (fileStamp, bool) {
	fi, err := os.Lstat(filepath.Join(o.tmp, filepath.FromSlash(p)))
	if err != nil || !fi.Mode().IsRegular() {
		return fileStamp{}, false
	}
	return stampOf(fi)
}

// reuse links files ps of the previous output (the one DiskOutput
// verified as signpost's) into the new output if each is still the file of
// its stamp; it reports whether all were. It is LinkPrevious with the
// stamp check in place of Previous's. Updating a spare, a file still there
// with its stamp is left alone instead (reuseSpare).
func (o *DiskOutput) reuse(ps []string, stamps []fileStamp) bool {
	if o.spare != nil {
		o.mu.RLock()
		defer o.mu.RUnlock()
		return o.reuseSpare(ps, stamps)
	}
	if o.prev == "" {
		return false
	}
	for i, p := range ps {
		if checkOutputPath(p) != nil || o.listed != nil && !o.listed[p] {
			return false
		}
		fi, err := os.Lstat(filepath.Join(o.prev, filepath.FromSlash(p)))
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
		if s, ok := stampOf(fi); !ok || s != stamps[i] {
			return false
		}
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	for i, p := range ps {
		full, err := o.prepare(p)
		if err == nil {
			err = os.Link(filepath.Join(o.prev, filepath.FromSlash(p)), full)
		}
		if err != nil {
			for _, q := range ps[:i] {
				_ = os.Remove(filepath.Join(o.tmp, filepath.FromSlash(q)))
			}
			return false
		}
	}
	return true
}
