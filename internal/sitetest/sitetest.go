// Package sitetest reads the site fixtures that tests keep as txtar
// archives in testdata/: the files of a small site, and, in a section named
// "want", the diagnostics the test expects, one per line. It is for tests
// only.
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// WantSection is the archive section that holds the expected diagnostics.
const WantSection = "want"

// Fixture is a site read from an archive.
type Fixture struct {
	FS      fstest.MapFS   // every section but "want", by name
	Want    []string       // the lines of "want"; nil when absent
	Archive *txtar.Archive // as parsed, for tests that rewrite it (-update)
}

// MapFS returns the files of every map given (slash-separated names), a
// later map's file replacing an earlier one's of the same name.
func MapFS(files ...map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, m := range files {
		for name, data := range m {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	return fsys
}

// Load reads the archive at file, with base's files under the archive's
// (an archive file of the same name replaces a base file).
func Load(t testing.TB, file string, base map[string]string) Fixture {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fx := Fixture{FS: MapFS(base), Archive: a}
	for _, f := range a.Files {
		if f.Name == WantSection {
			fx.Want = strings.Split(strings.TrimSpace(string(f.Data)), "\n")
			continue
		}
		fx.FS[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fx
}

// Write writes files (slash-separated names, relative) under dir, creating
// folders as needed.
func Write(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
