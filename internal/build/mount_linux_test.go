package build

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// mountTmpfs mounts a tmpfs of size bytes at dir for the test, or skips
// the test where mounting is not allowed (not root, no CAP_SYS_ADMIN).
func mountTmpfs(t *testing.T, dir string, size string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v): TestSwapInsideFolder and TestOutputFaults cover these paths with injected faults", err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
}

// TestMountPointOutput: -d naming a mount point (an empty container
// volume) builds, and builds again, with the folder kept in place.
// Before, every build failed with "device or resource busy".
func TestMountPointOutput(t *testing.T) {
	site, _ := builtSite(t)
	dest := filepath.Join(t.TempDir(), "volume")
	mountTmpfs(t, dest, "8m")
	if !cannotRename(dest) {
		t.Fatal("the mount point is not seen as one")
	}
	before, _ := os.Stat(dest)
	for i, text := range []string{"First", "Second"} {
		sitetest.Write(t, site, map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\n" + text + "\n"})
		if _, _, err := Build(site, dest, Options{}); err != nil {
			t.Fatalf("build %d into a mount point: %v", i+1, err)
		}
		if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); !strings.Contains(string(got), text) {
			t.Errorf("build %d: index.html is not the new output", i+1)
		}
		if left := leftoversBeside(t, dest); len(left) > 0 {
			t.Errorf("build %d left %v", i+1, left)
		}
	}
	if after, _ := os.Stat(dest); !os.SameFile(before, after) {
		t.Error("the mount point was replaced")
	}
}

// TestDiskFull: a real full disk (a small tmpfs holding the output's
// parent) stops the build with "no space left on device", and leaves the
// previous output as it was and nothing beside it.
func TestDiskFull(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	sitetest.Write(t, site, quickSite())
	disk := filepath.Join(root, "disk")
	mountTmpfs(t, disk, "512k")
	dest := filepath.Join(disk, "public")
	if _, _, err := Build(site, dest, Options{}); err != nil {
		t.Fatalf("the first build does not fit: %v", err)
	}
	// A page that does not fit beside the previous output.
	sitetest.Write(t, site, map[string]string{"content/big.md": "+++\ntitle = \"Big\"\n+++\n" + strings.Repeat("A sentence of a very long page. ", 20000) + "\n"})
	before := tree(t, dest)
	_, _, err := Build(site, dest, Options{})
	if err == nil || !errors.Is(err, unix.ENOSPC) || !strings.Contains(err.Error(), "is full: free some space") {
		t.Fatalf("err %v; want no space left on device", err)
	}
	if after := tree(t, dest); !maps.Equal(before, after) {
		t.Errorf("the previous output changed:\n%s", diffTrees(before, after))
	}
	if left := leftoversBeside(t, dest); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}
