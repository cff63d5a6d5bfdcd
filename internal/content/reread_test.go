package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
)

// TestReread: in a site over Options.RereadOver an ordinary page holds no
// body and Markdown reads it from its file, refusing a file changed since;
// the home page, outcomes and services hold theirs, and every page does in
// a site at or under it, or with no RereadOver.
func TestReread(t *testing.T) {
	fsys := fstest.MapFS{
		"content/index.md":           {Data: []byte("+++\ntitle = \"Home\"\n+++\nHome text.\n")},
		"content/help/privacy.md":    {Data: []byte("+++\ntitle = \"Privacy\"\n+++\n\nWhat we keep.\n")},
		"content/outcomes/call.md":   {Data: []byte("+++\ntitle = \"Call\"\nurgency = \"routine\"\n+++\nCall your GP.\n")},
		"content/services/helper.md": {Data: []byte("+++\ntitle = \"Helper\"\nsummary = \"Helps.\"\n[[contact]]\nmode = \"web\"\nvalue = \"https://example.org/\"\n+++\nIt helps.\n")},
	}
	for _, tc := range []struct {
		over   int
		reread bool
	}{{0, false}, {4, false}, {3, true}, {1, true}} {
		reread := tc.reread
		var diags diag.List
		set := Load(fsys, Options{RereadOver: tc.over}, &diags)
		if diags.HasErrors() {
			t.Fatalf("reread=%v: %v", reread, diags.Err())
		}
		want := map[string]string{"content/index.md": "Home text.\n", "content/help/privacy.md": "\nWhat we keep.\n", "content/outcomes/call.md": "Call your GP.\n", "content/services/helper.md": "It helps.\n"}
		for _, p := range set.Pages {
			held := !reread || p.Kind != Ordinary
			if got := p.Body != nil; got != held {
				t.Errorf("reread=%v: %s holds its body: %v, want %v", reread, p.File, got, held)
			}
			md, err := p.Markdown()
			if err != nil || string(md) != want[p.File] {
				t.Errorf("reread=%v: %s Markdown() = %q, %v; want %q", reread, p.File, md, err, want[p.File])
			}
			if p.File == "content/help/privacy.md" && p.BodyLine != 4 {
				t.Errorf("%s: BodyLine %d, want 4", p.File, p.BodyLine)
			}
		}
	}

	var diags diag.List
	set := Load(fsys, Options{RereadOver: 1}, &diags)
	fsys["content/help/privacy.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Privacy\"\n+++\n\nWhat we keep, edited.\n")}
	for _, p := range set.Pages {
		md, err := p.Markdown()
		switch p.File {
		case "content/help/privacy.md":
			if err == nil || !strings.Contains(err.Error(), "changed while signpost was building") {
				t.Errorf("a file changed since it was loaded: Markdown() = %q, %v; want the error that says so", md, err)
			}
		default:
			if err != nil {
				t.Errorf("%s: %v", p.File, err)
			}
		}
	}
	delete(fsys, "content/help/privacy.md")
	i := slices.IndexFunc(set.Pages, func(p *Page) bool { return p.File == "content/help/privacy.md" })
	if md, err := set.Pages[i].Markdown(); err == nil {
		t.Errorf("a file removed since it was loaded: Markdown() = %q, want an error", md)
	}
}
