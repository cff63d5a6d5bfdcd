package build

import "golang.org/x/sys/unix"

// exchange swaps two paths atomically.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// canExchange says that exchange is atomic here, which keeping a spare
// needs (reuse_spare.go).
const canExchange = true
