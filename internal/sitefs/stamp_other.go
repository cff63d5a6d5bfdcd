//go:build !(linux || openbsd || solaris || illumos || darwin || freebsd || netbsd)

package sitefs

import "io/fs"

// stampOf: no change time or inode here (Windows gives neither through
// os.FileInfo), so no stamp.
func stampOf(fs.FileInfo) (Stamp, bool) { return Stamp{}, false }
