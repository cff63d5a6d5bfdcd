package build

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// TestSessionFullRebuildRemoves: a rebuild of the whole site (here because
// site.toml changed) reports the files of the previous output that are gone,
// as an incremental one does; the preview would otherwise go on serving a
// deleted page.
func TestSessionFullRebuildRemoves(t *testing.T) {
	fx := sitetest.Load(t, "testdata/offline/site.txtar", nil)
	s := NewSession(fx.FS, Options{Preview: true, BaseURL: "http://127.0.0.1:1313/"}, SessionOptions{})
	if u := s.Rebuild(nil); !u.OK() || len(u.Removed) != 0 {
		t.Fatalf("first build: removed %v, %v", u.Removed, u.Diags.Err())
	}
	delete(fx.FS, "content/about/privacy.md")
	toml := string(fx.FS["site.toml"].Data)
	fx.FS["site.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(toml, "Offline test", "Offline test, again", 1))}
	u := s.Rebuild([]string{"content/about/privacy.md", "site.toml"})
	if !u.OK() || !u.Full {
		t.Fatalf("OK %v, Full %v: %v", u.OK(), u.Full, u.Diags.Err())
	}
	if want := []string{"about/privacy/index.html"}; !slices.Equal(u.Removed, want) {
		t.Errorf("removed %v, want %v", u.Removed, want)
	}
	if _, ok := u.Written["about/privacy/index.html"]; ok {
		t.Error("the deleted page was written")
	}
}
