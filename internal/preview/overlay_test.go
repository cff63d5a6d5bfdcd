package preview

import (
	"strconv"
	"testing"
)

// TestOverlayShowsSourceLines: the errors the overlay receives carry the
// text of the line each is at, and a duplicate's related place (the first
// use) with its own line, read from the site as it is; the one-line text
// form (what the terminal prints) is unchanged.
func TestOverlayShowsSourceLines(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	edit{file: "pathways/crisis.toml", from: `label = "Not now"`, to: `label = "Yes"`}.apply(t, dir)
	u := newSession(dir, false, "http://127.0.0.1:1313/").Rebuild(nil)
	if u.OK() {
		t.Fatal("a pathway with one label twice built")
	}
	s := &Server{opts: Options{Dir: dir}}
	var found bool
	for _, d := range s.jsonDiags(u.Diags.Errors()) {
		if d.File != "pathways/crisis.toml" || d.Related == nil {
			continue
		}
		found = true
		if d.Source != `  label = "Yes"` || d.Related.Source != `  [[question.answer]]` || d.Related.Line >= d.Line {
			t.Errorf("source %q at line %d, related %+v", d.Source, d.Line, *d.Related)
		}
		if want := "pathways/crisis.toml:" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Col) + ": " + d.Message; d.Text != want {
			t.Errorf("text %q, want %q", d.Text, want)
		}
	}
	if !found {
		t.Errorf("no error with a related place among %v", u.Diags.Errors())
	}
}
