package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestUserOwnCache: a second user of a machine can run signpost. go-graphviz
// compiles its WebAssembly at start-up into $TMPDIR/go-graphviz, shared by
// every user, and panicked when another user's compiled code there could
// not be read; package graphvizenv points it at the user's own cache folder.
func TestUserOwnCache(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run the binary as another user")
	}
	if testing.Short() {
		t.Skip("compiles go-graphviz's module for another user: seconds")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	// Another user's cache, as root leaves it in /tmp: root runs signpost
	// with no cache folder of its own (no HOME), so go-graphviz keeps its
	// compiled code in $TMPDIR/go-graphviz, files only root may read.
	// (Not under dir: asUser gives everything there to the user.)
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	root := exec.Command(bin, "version")
	root.Env = append(os.Environ(), "TMPDIR="+shared, "HOME=", "XDG_CACHE_HOME=")
	if out, err := root.CombinedOutput(); err != nil {
		t.Fatalf("signpost version as root: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(shared, "go-graphviz")); err != nil {
		t.Fatalf("root's run left no shared cache to test with: %v", err)
	}
	cmd := asUser(t, dir, exec.Command(bin, "version"))
	cmd.Env = append(cmd.Env, "TMPDIR="+shared)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("signpost version as another user: %v\n%s", err, out)
	}
	cache := filepath.Join(filepath.Dir(dir), "nobody-cache", "signpost", "go-graphviz")
	if _, err := os.Stat(cache); err != nil {
		t.Errorf("go-graphviz's compiled code is not in the user's cache folder: %v", err)
	}
}
