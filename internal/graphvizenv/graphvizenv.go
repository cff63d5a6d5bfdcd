// Package graphvizenv gives github.com/goccy/go-graphviz a compilation cache
// that belongs to the user who runs signpost, before that package's init.
//
// go-graphviz (v0.2.10) compiles its WebAssembly module in an init
// function, keeping the compiled code in os.TempDir()/go-graphviz, a folder
// shared by every user of the machine. A second user then cannot read the
// first user's files there, and go-graphviz panics at start-up: every
// signpost command, not only the preview that draws maps, died with
// "panic: open /tmp/go-graphviz/...: permission denied".
//
// This package's init points TMPDIR at the user's cache folder
// (os.UserCacheDir()/signpost, so the compiled code lands in
// .../signpost/go-graphviz) for go-graphviz's init, and Restore, called by
// package pathmap's init (which runs after go-graphviz's, since pathmap
// imports it), puts TMPDIR back, so nothing else of the process or its
// children sees the change.
//
// The order is the language's: since Go 1.21 packages are initialized in
// the order of their import paths, each as soon as its imports are. This
// package imports only os, path/filepath and sync, which go-graphviz's
// WebAssembly runtime (github.com/tetratelabs/wazero) imports too, and
// "github.com/signpost-dev/..." sorts before "github.com/tetratelabs/...",
// so this init always runs before wazero's and so before go-graphviz's.
// TestUserOwnCache in cmd/signpost runs the binary as another user to prove
// it. Where the user has no cache folder, nothing is changed.
package graphvizenv

import (
	"os"
	"path/filepath"
	"sync"
)

// restore puts TMPDIR back as it was before init. It is set once, by init,
// and run at most once.
var restore = func() {}

func init() {
	dir, err := os.UserCacheDir()
	if err != nil {
		return
	}
	dir = filepath.Join(dir, "signpost")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	old, had := os.LookupEnv("TMPDIR")
	if os.Setenv("TMPDIR", dir) != nil {
		return
	}
	restore = sync.OnceFunc(func() {
		if had {
			os.Setenv("TMPDIR", old)
		} else {
			os.Unsetenv("TMPDIR")
		}
	})
}

// Restore puts TMPDIR back as it was when the process started. Package
// pathmap calls it from its init, after go-graphviz's init has run.
func Restore() { restore() }
