package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// TestSiteText: a site's i18n/<language>.toml changes the built-in text of
// every page, key by key, and the preview picks up an edit to it.
func TestSiteText(t *testing.T) {
	fx := sitetest.Load(t, "testdata/offline/site.txtar", nil)
	fx.FS["i18n/en-GB.toml"] = &fstest.MapFile{Data: []byte("skip_link = \"Jump to the content\"\n")}
	files := buildMem(t, fx.FS, Options{})
	home := string(files["index.html"])
	if !strings.Contains(home, ">Jump to the content</a>") || strings.Contains(home, "Skip to main content") {
		t.Errorf("the home page has not the site's skip link:\n%s", home)
	}
	if !strings.Contains(home, "Services you can contact") {
		t.Error("a key the site did not override lost its built-in text")
	}

	s := NewSession(fx.FS, Options{Preview: true, BaseURL: "http://127.0.0.1:1313/"}, SessionOptions{})
	if u := s.Rebuild(nil); !u.OK() {
		t.Fatal(u.Diags.Err())
	}
	fx.FS["i18n/en-GB.toml"] = &fstest.MapFile{Data: []byte("skip_link = \"Go to the content\"\n")}
	u := s.Rebuild([]string{"i18n/en-GB.toml"})
	if !u.OK() || !strings.Contains(string(u.Written["index.html"]), ">Go to the content</a>") {
		t.Errorf("after an edit of i18n/en-GB.toml the preview's home page is not rebuilt with it (OK %v)", u.OK())
	}
}
