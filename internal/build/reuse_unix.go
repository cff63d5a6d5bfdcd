//go:build unix

package build

import (
	"os"
	"syscall"
)

func stampOf(fi os.FileInfo) (fileStamp, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStamp{}, false
	}
	return fileStamp{Ino: uint64(st.Ino), Size: uint64(fi.Size()), ModTimeNs: fi.ModTime().UnixNano(), Recordable: true}, true
}
