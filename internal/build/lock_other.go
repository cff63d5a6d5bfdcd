//go:build !unix

package build

import (
	"os"
	"time"
)

// lockDir has no lock to take here: held goes by age instead.
func lockDir(string) func() { return func() {} }

// held guesses that a temporary folder changed in the last hour belongs to
// a build that is still running.
func held(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && time.Since(fi.ModTime()) < time.Hour
}

// lockOpen cannot lock here, so no build takes a spare (none is kept).
func lockOpen(string) (*os.File, bool) { return nil, false }
