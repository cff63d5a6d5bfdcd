package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCacheDirFlag: --cache-dir keeps the compressed files, so a second
// build takes all of them from it and writes the same output; "off" uses
// none; a folder that cannot be made is a usage error.
func TestCacheDirFlag(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if code, _, stderr := runCmd(t, "new", site); code != exitOK {
		t.Fatalf("new: %s", stderr)
	}
	cache := filepath.Join(dir, "cache")
	code, out, stderr := runCmd(t, "build", "-s", site, "-d", filepath.Join(dir, "a"), "--cache-dir", cache)
	if code != exitOK || !strings.Contains(out, "(0 of ") {
		t.Fatalf("cold build: exit %d, %q %s", code, out, stderr)
	}
	code, out, stderr = runCmd(t, "build", "-s", site, "-d", filepath.Join(dir, "b"), "--cache-dir", cache)
	if code != exitOK {
		t.Fatalf("warm build: exit %d %s", code, stderr)
	}
	out, _, _ = strings.Cut(out, "\n") // the build line; cases follow
	var hits, total int
	if i := strings.Index(out, "("); i < 0 || !strings.Contains(out, "compressed files from the cache") {
		t.Fatalf("warm build says nothing of the cache: %q", out)
	}
	compressed := out[:strings.Index(out, " compressed files from the cache")]
	compressed = compressed[strings.LastIndexAny(compressed, "(;")+1:]
	if _, err := fmt.Sscanf(strings.TrimSpace(compressed), "%d of %d", &hits, &total); err != nil || hits != total || hits == 0 {
		t.Errorf("warm build: %q, want every compressed file from the cache", out)
	}
	a, b := readDir(t, filepath.Join(dir, "a")), readDir(t, filepath.Join(dir, "b"))
	if len(a) != len(b) {
		t.Errorf("cold build wrote %d files, warm %d", len(a), len(b))
	}
	for name, data := range a {
		if b[name] != data {
			t.Errorf("%s differs between the cold and the warm build", name)
		}
	}
	code, out, _ = runCmd(t, "build", "-s", site, "-d", filepath.Join(dir, "c"), "--cache-dir", "off")
	if code != exitOK || strings.Contains(out, "from the cache") {
		t.Errorf("--cache-dir off: exit %d, %q", code, out)
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	code, _, stderr = runCmd(t, "check", "-s", site, "--cache-dir", filepath.Join(file, "x"))
	if code != exitUsage || !strings.Contains(stderr, "--cache-dir") {
		t.Errorf("--cache-dir under a file: exit %d, %q", code, stderr)
	}
}

// readDir reads every file under dir, by slash-separated relative path.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
