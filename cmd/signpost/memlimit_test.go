package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestLimitHeap: signpost build and check set heapLimit, unless
// GOMEMLIMIT sets a limit of its own.
func TestLimitHeap(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	site := t.TempDir()
	for name, text := range map[string]string{
		"site.toml":        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
		"content/index.md": "+++\ntitle = \"Home\"\n+++\nHello.\n",
	} {
		file := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commands := map[string][]string{
		"build": {"build", "-s", site, "-d", filepath.Join(t.TempDir(), "public"), "--cache-dir", "off"},
		"check": {"check", "-s", site, "--cache-dir", "off"},
	}
	for name, args := range commands {
		t.Run(name, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", "")
			os.Unsetenv("GOMEMLIMIT")
			debug.SetMemoryLimit(1 << 40)
			if code, _, stderr := runCmd(t, args...); code != exitOK {
				t.Fatalf("signpost %s: exit %d\n%s", name, code, stderr)
			}
			if got := debug.SetMemoryLimit(-1); got != heapLimit {
				t.Errorf("GOMEMLIMIT unset: signpost %s left the limit at %d, want %d", name, got, heapLimit)
			}
			t.Setenv("GOMEMLIMIT", "2GiB")
			debug.SetMemoryLimit(2 << 30)
			if code, _, stderr := runCmd(t, args...); code != exitOK {
				t.Fatalf("signpost %s: exit %d\n%s", name, code, stderr)
			}
			if got := debug.SetMemoryLimit(-1); got != 2<<30 {
				t.Errorf("GOMEMLIMIT=2GiB: signpost %s changed the limit to %d, want GOMEMLIMIT's %d left alone", name, got, int64(2<<30))
			}
		})
	}
}
