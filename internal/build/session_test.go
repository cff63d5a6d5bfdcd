package build

import (
	"fmt"
	"maps"
	"path/filepath"
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

// TestOutputPaths: both outputs refuse a path that is not clean and
// relative inside the output folder, and write one that is.
func TestOutputPaths(t *testing.T) {
	disk, err := NewDiskOutput(t.TempDir(), filepath.Join(t.TempDir(), "public"), OutputOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Abort()
	outputs := map[string]Output{"disk": disk, "memory": NewMemOutput()}
	for _, p := range []string{"", ".", "..", "../x", "a/../../x", "/etc/x", "a/./b", "a//b", "a/", `a\b`} {
		for name, out := range outputs {
			if err := out.Write(p, []byte("x")); err == nil {
				t.Errorf("%s output wrote %q", name, p)
			}
		}
	}
	for name, out := range outputs {
		if err := out.Write("a/b/index.html", []byte("x")); err != nil {
			t.Errorf("%s output: %v", name, err)
		}
	}
}

// TestSessionKeepsWarnings: an incremental rebuild reports the warnings of
// the sources as they are now, not only of the files it parsed again: a
// warning in a pathway, or about an outcome no pathway reaches, stays in
// the preview's list after an unrelated page is saved, and goes when the
// file it is about is fixed.
func TestSessionKeepsWarnings(t *testing.T) {
	fx := sitetest.Load(t, "testdata/offline/site.txtar", nil)
	pw := string(fx.FS["pathways/crisis.toml"].Data)
	fx.FS["pathways/crisis.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(pw, `start = "danger"`,
		"start = \"danger\"\n\n[review]\nowner = \"Test\"\nreviewed = 2026-11-01\nnext_review = 2026-05-01", 1))}
	fx.FS["content/outcomes/lonely.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Lonely\"\nurgency = \"routine\"\n+++\nNobody links here.\n")}
	warnings := func(u *Update) []string {
		var w []string
		for _, d := range u.Diags.Sorted() {
			w = append(w, d.File)
		}
		slices.Sort(w)
		return w
	}
	s := NewSession(fx.FS, Options{Preview: true, BaseURL: "http://127.0.0.1:1313/"}, SessionOptions{})
	u := s.Rebuild(nil)
	want := []string{"content/outcomes/lonely.md", "pathways/crisis.toml"}
	if !u.OK() || !slices.Equal(warnings(u), want) {
		t.Fatalf("first build: OK %v, warnings in %v, want %v", u.OK(), warnings(u), want)
	}
	fx.FS["content/about/privacy.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Privacy\"\n+++\nWe keep nothing at all.\n")}
	if u := s.Rebuild([]string{"content/about/privacy.md"}); u.Full || !slices.Equal(warnings(u), want) {
		t.Errorf("after saving a page: Full %v, warnings in %v, want %v", u.Full, warnings(u), want)
	}
	delete(fx.FS, "content/outcomes/lonely.md")
	if u := s.Rebuild([]string{"content/outcomes/lonely.md"}); !slices.Equal(warnings(u), want[1:]) {
		t.Errorf("after deleting the outcome: warnings in %v, want %v", warnings(u), want[1:])
	}
	fx.FS["pathways/crisis.toml"] = &fstest.MapFile{Data: []byte(pw)}
	if u := s.Rebuild([]string{"pathways/crisis.toml"}); len(warnings(u)) != 0 {
		t.Errorf("after fixing the pathway: warnings in %v, want none", warnings(u))
	}
}

// TestSessionOneMessageForABrokenOutcome: after an edit breaks an outcome's
// front matter, the preview's incremental rebuild reports that one error,
// as a full build does (testdata/errors/outcome-wrong-key.txtar): no "no
// outcome ...: create ..." from the pathway, no "no pathway reaches".
func TestSessionOneMessageForABrokenOutcome(t *testing.T) {
	fx := sitetest.Load(t, "testdata/errors/outcome-wrong-key.txtar", baseSite)
	broken := fx.FS["content/outcomes/help.md"].Data
	fx.FS["content/outcomes/help.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(broken), "signpost =", "signposts =", 1))}
	s := NewSession(fx.FS, Options{Preview: true, BaseURL: "http://127.0.0.1:1313/"}, SessionOptions{})
	if u := s.Rebuild(nil); !u.OK() || u.Diags.Len() != 0 {
		t.Fatalf("first build: %v", u.Diags.Sorted())
	}
	fx.FS["content/outcomes/help.md"] = &fstest.MapFile{Data: broken}
	u := s.Rebuild([]string{"content/outcomes/help.md"})
	var got []string
	for _, d := range u.Diags.Sorted() {
		got = append(got, d.String())
	}
	if u.Full || !slices.Equal(got, fx.Want) {
		t.Errorf("full %v, diagnostics:\n%s\nwant:\n%s", u.Full, strings.Join(got, "\n"), strings.Join(fx.Want, "\n"))
	}
}

// TestSessionCasesReadUrgency: the preview runs a pathway's test cases
// again when what they read of an outcome changes, its urgency (a case
// with at_least checks it), and not when only its advice changes; the
// pathway page, which shows the advice, is rendered again all the same.
func TestSessionCasesReadUrgency(t *testing.T) {
	fx := sitetest.Load(t, "testdata/offline/site.txtar", nil)
	outcome := "+++\ntitle = \"Get help today\"\nurgency = \"%s\"\nsignposts = [\"shout\"]\n+++\n%s\n"
	fx.FS["content/outcomes/help-today.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(outcome, "urgent", "Ask for help today."))}
	pw := string(fx.FS["pathways/crisis.toml"].Data)
	fx.FS["pathways/crisis.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(pw, "label = \"No\"\n  outcome = \"call-999\"", "label = \"No\"\n  outcome = \"help-today\"", 1))}
	fx.FS["pathways/crisis.cases.toml"] = &fstest.MapFile{Data: []byte("[[case]]\nname = \"Danger\"\nanswers = [\"Yes\"]\noutcome = \"call-999\"\n\n[[case]]\nname = \"Not in danger: never less than urgent\"\nanswers = [\"No\"]\nat_least = \"urgent\"\n")}
	s := NewSession(fx.FS, Options{Preview: true, BaseURL: "http://127.0.0.1:1313/"}, SessionOptions{})
	if u := s.Rebuild(nil); !u.OK() || u.Diags.Len() != 0 {
		t.Fatalf("first build: %v", u.Diags.Sorted())
	}
	first := s.Model().Pathways[0]
	save := func(urgency, advice string) *Update {
		fx.FS["content/outcomes/help-today.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(outcome, urgency, advice))}
		return s.Rebuild([]string{"content/outcomes/help-today.md"})
	}

	u := save("soon", "Ask for help today.")
	var got []string
	for _, d := range u.Diags.Errors() {
		got = append(got, d.String())
	}
	want := `pathways/crisis.cases.toml:9:12: case "Not in danger: never less than urgent" expects at least urgent but reaches "help-today" (soon)`
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Fatalf("after making the outcome less urgent, errors:\n%s\nwant one starting %s", strings.Join(got, "\n"), want)
	}
	if u := save("urgent", "Ask for help today."); !u.OK() || u.Diags.Len() != 0 {
		t.Fatalf("after making it urgent again: %v", u.Diags.Sorted())
	}
	again := s.Model().Pathways[0]
	if again == first {
		t.Fatal("the urgency changed but the pathway and its cases were not read again")
	}

	u = save("urgent", "Ask your GP or NHS 111 for help today.")
	if !u.OK() {
		t.Fatalf("after editing the advice: %v", u.Diags.Sorted())
	}
	if s.Model().Pathways[0] != again {
		t.Error("only the advice changed, but the pathway and its cases were read and run again")
	}
	if page := string(u.Written["pathways/crisis/index.html"]); !strings.Contains(page, "Ask your GP or NHS 111") {
		t.Errorf("the pathway page was not rendered again with the new advice (written: %v)", slices.Sorted(maps.Keys(u.Written)))
	}
}
