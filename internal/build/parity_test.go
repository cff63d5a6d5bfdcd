package build

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// TestCheckFindsWhatBuildFinds: signpost check and signpost build run one
// pipeline (load, validate, render, budgets, link check, cases) and differ
// only in their output, so for every failing site in testdata/parity they
// report the same diagnostics, each at its site-relative file and line
// (and column where it has one), and build writes nothing. The fixtures
// are what used to disagree or lose their place: backslash paths of
// assets in Markdown images and links (pages and pathway hints) and in
// layouts, a layout's runtime errors (printed as "about/index.html:
// template page.html: template: page.html:3:12: ..." and only by build's
// error, not as a diagnostic), assets written by their source path,
// broken links, a page over its budget, invisible text, a NUL byte.
// A fixture's "want" lists every error, each line the start of one.
func TestCheckFindsWhatBuildFinds(t *testing.T) {
	base := sitetest.Load(t, "testdata/parity/base.txtar", nil)
	files, _ := filepath.Glob("testdata/parity/*.txtar")
	if len(files) < 10 {
		t.Fatalf("%d fixtures", len(files))
	}
	for _, file := range files {
		if filepath.Base(file) == "base.txtar" {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fx := sitetest.Load(t, file, nil)
			site := map[string]string{}
			for name, f := range base.FS {
				site[name] = string(f.Data)
			}
			for name, f := range fx.FS {
				site[name] = strings.ReplaceAll(string(f.Data), "WORDS", randomWords(60_000))
			}
			dir := t.TempDir()
			src, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
			sitetest.Write(t, src, site)

			_, checked, checkErr := Build(src, "", Options{})
			_, built, buildErr := Build(src, dest, Options{})
			if checkErr == nil || buildErr == nil {
				t.Fatalf("check err %v, build err %v: want both to fail", checkErr, buildErr)
			}
			var fromCheck, fromBuild []string
			for _, d := range checked.Errors() {
				fromCheck = append(fromCheck, d.String())
				if d.File == "" || d.Line == 0 {
					t.Errorf("an error without its file and line: %q", d.String())
				}
			}
			for _, d := range built.Errors() {
				fromBuild = append(fromBuild, d.String())
			}
			if !slices.Equal(fromCheck, fromBuild) {
				t.Errorf("check and build disagree:\ncheck:\n%s\nbuild:\n%s", strings.Join(fromCheck, "\n"), strings.Join(fromBuild, "\n"))
			}
			if buildErr.Error() != checkErr.Error() {
				t.Errorf("build's error %q is not check's %q", buildErr, checkErr)
			}
			if len(fromCheck) != len(fx.Want) {
				t.Errorf("%d errors, want %d:\n%s", len(fromCheck), len(fx.Want), strings.Join(fromCheck, "\n"))
			}
			for _, w := range fx.Want {
				if !slices.ContainsFunc(fromCheck, func(g string) bool { return strings.HasPrefix(g, w) }) {
					t.Errorf("no error starting %q in:\n%s", w, strings.Join(fromCheck, "\n"))
				}
			}
			if _, err := os.Stat(dest); !os.IsNotExist(err) {
				t.Errorf("build wrote %s (%v) for a site with errors", dest, err)
			}
		})
	}
}

// randomWords is n bytes of words that do not compress well, the same on
// every run.
func randomWords(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < n {
		for range 2 + r.IntN(8) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		b.WriteByte(' ')
	}
	return b.String()
}
