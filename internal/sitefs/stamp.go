package sitefs

import (
	"io/fs"
	"time"
)

// Stamp is what identifies one version of a file on disk without reading
// it, as git's index does: its size, modification and change times (to
// the nanosecond) and inode. The change time is the one no program can set
// back (os.Chtimes sets the modification time and moves the change time
// to now), and a file saved by renaming a new one over it has another
// inode, so an edit that keeps the size and puts the modification time
// back is still seen. A stamp says nothing of a file changed within the
// file system's timestamp granularity of when the stamp was taken: see
// Stamp.Settled.
type Stamp struct {
	Size  int64
	Mtime int64 // modification time, nanoseconds since 1970 (UTC)
	Ctime int64 // change time, likewise
	Ino   uint64
}

// StampOf returns the stamp of a file's information (from fs.Lstat, or
// Stat through an open file) for a file of Dir on a platform that gives
// change times and inodes (Linux, macOS, the BSDs); false elsewhere
// (Windows, an fs.FS of another kind), where no file is known by its
// stamp.
func StampOf(info fs.FileInfo) (Stamp, bool) {
	if info == nil || !info.Mode().IsRegular() {
		return Stamp{}, false
	}
	return stampOf(info)
}

// Settle is how long before a stamp's record was made a file must have
// last changed for the stamp to be trusted: more than the coarsest
// timestamp granularity of the file systems a site is kept on (FAT's two
// seconds; ext3 and HFS+ keep whole seconds) plus the lag of the kernel's
// coarse clock behind the wall clock (a tick, milliseconds). A file that
// changed within that time of the record could change again and keep the
// same stamp (git's "racily clean" entries).
const Settle = 3 * time.Second

// Settled reports whether s, taken after the time at, can be trusted to
// change with any later change to the file: its file last changed (and
// was last modified) more than settle (Settle, or less in tests) before
// at. A file edited in the seconds before a build is read again by the
// next one, which costs that file.
func (s Stamp) Settled(at time.Time, settle time.Duration) bool {
	limit := at.Add(-settle).UnixNano()
	return s.Ctime < limit && s.Mtime < limit
}
