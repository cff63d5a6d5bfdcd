//go:build unix

package offline

import (
	"os"
	"syscall"
)

// shared reports whether a cache file has other names (a blob linked from
// an output folder).
func shared(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink > 1
}
