//go:build unix

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestDirOpenDoesNotBlock: Dir opens a named pipe without waiting for a
// writer, and refuses a final symbolic link, so that a file swapped in
// after Read's check is caught by the check on the open handle.
func TestDirOpenDoesNotBlock(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, "pipe"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(root, "zero")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := Dir(root).Open("pipe")
		if err == nil {
			var info fs.FileInfo
			info, err = f.Stat()
			if err == nil && info.Mode()&fs.ModeNamedPipe == 0 {
				err = errors.New("not a pipe")
			}
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("open pipe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Dir.Open blocked on a named pipe")
	}
	if f, err := Dir(root).Open("zero"); err == nil {
		f.Close()
		t.Error("Dir.Open followed a final symbolic link")
	}
}
