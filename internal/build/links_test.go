package build

import (
	"slices"
	"testing"
)

// TestScanPage: the ids and the checked links scanPage finds in a page,
// whatever the case of tags and attribute names and however values are
// quoted or escaped.
func TestScanPage(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		ids        []string
		hrefs      []string
	}{
		{"ids of any element", `<h2 id=a>x</h2><P ID="b">y</P><div id='c'></div>`, []string{"a", "b", "c"}, nil},
		{"name on a is an id, on input it is not", `<a name=top></a><A NAME="up"></A><input name=q>`, []string{"top", "up"}, nil},
		{"a and area links, in page order, each once", `<a href="/b/">1</a><AREA HREF=/a/><a href="/b/">2</a>`, nil, []string{"/b/", "/a/"}},
		{"other hrefs are not checked", `<link href="/style.css"><base href="/x/">`, nil, nil},
		{"escaped values", `<a href="/a/?x=1&amp;y=2">x</a><h2 id="r&amp;d">y</h2>`, []string{"r&d"}, []string{"/a/?x=1&y=2"}},
		{"id and href on one a", `<a id=k href="#k">k</a>`, []string{"k"}, []string{"#k"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pl := scanPage([]byte(tc.page))
			var ids []string
			for id := range pl.ids {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("ids = %q, want %q", ids, tc.ids)
			}
			if !slices.Equal(pl.hrefs, tc.hrefs) {
				t.Errorf("hrefs = %q, want %q", pl.hrefs, tc.hrefs)
			}
		})
	}
}
