//go:build unix

package build

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on a folder for as long as the process
// holds it (the kernel drops it when the process dies, however it dies),
// and returns the function that releases it.
func lockDir(dir string) func() {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return func() {}
	}
	return sync.OnceFunc(func() { f.Close() })
}

// held reports whether a running build holds the lock on dir.
func held(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		return err == unix.EWOULDBLOCK
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}

// lockOpen opens folder dir and takes the lock on it, if no one holds it;
// closing the file releases it.
func lockOpen(dir string) (*os.File, bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, false
	}
	return f, true
}
