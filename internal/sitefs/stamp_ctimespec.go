//go:build darwin || freebsd || netbsd

package sitefs

import (
	"io/fs"
	"syscall"
)

func stampOf(info fs.FileInfo) (Stamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Stamp{}, false
	}
	return Stamp{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Ctime: syscall.TimespecToNsec(st.Ctimespec), Ino: uint64(st.Ino)}, true
}
