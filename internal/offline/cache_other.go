//go:build !unix

package offline

import "os"

// shared reports whether a cache file has other names; unknown here.
func shared(os.FileInfo) bool { return false }
