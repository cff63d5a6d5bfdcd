//go:build !linux

package build

import "path/filepath"

// cannotRename reports whether the folder dir is the current folder, which
// must keep its place. Mount points are found on Linux only; elsewhere
// renaming one fails and the build says so, leaving it untouched.
func cannotRename(dir string) bool {
	real, err := filepath.EvalSymlinks(dir)
	return err == nil && isWorkingDir(real)
}
