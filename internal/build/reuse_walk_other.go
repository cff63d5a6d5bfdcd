//go:build !linux

package build

import (
	"errors"
	"io/fs"
	"path/filepath"
)

// walkTree calls visit for every entry below root (not root itself), with
// its slash-separated path relative to root and whether it is a folder;
// visit returns false to leave a folder out. Entries that go while it
// walks are skipped.
func walkTree(root string, visit func(rel string, dir bool) bool) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p == root {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if !visit(filepath.ToSlash(rel), d.IsDir()) && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
}
