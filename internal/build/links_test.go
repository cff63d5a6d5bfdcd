package build

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
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
		{"ids sorted, each once", `<h2 id=b></h2><p id=a></p><div id=b></div>`, []string{"a", "b"}, nil},
		{"many links, each once", many(40) + many(40), nil, manyHrefs(40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pl := scanPage([]byte(tc.page))
			ids := pl.ids // sorted, each once
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("ids = %q, want %q", ids, tc.ids)
			}
			if !slices.Equal(pl.hrefs, tc.hrefs) {
				t.Errorf("hrefs = %q, want %q", pl.hrefs, tc.hrefs)
			}
			for _, id := range tc.ids {
				if !pl.has(id) {
					t.Errorf("has(%q) = false", id)
				}
			}
			if pl.has("nowhere") {
				t.Errorf(`has("nowhere") = true`)
			}
		})
	}
}

// many is a page of n links, /0/ to /n-1/; manyHrefs their hrefs.
func many(n int) string {
	var b strings.Builder
	for _, h := range manyHrefs(n) {
		fmt.Fprintf(&b, "<a href=%q>x</a>", h)
	}
	return b.String()
}

func manyHrefs(n int) []string {
	var hrefs []string
	for i := range n {
		hrefs = append(hrefs, fmt.Sprintf("/%d/", i))
	}
	return hrefs
}

// TestPlainPath: an href plainPath accepts resolves, by url.Parse and
// ResolveReference as resolveLink does for the rest, to itself with no
// fragment on any page; and the hrefs it refuses are those that might
// not.
func TestPlainPath(t *testing.T) {
	plain := []string{"/", "/services/", "/a/b", "/a//b/", "/A_b-c~d/", "/a:b/", "/a;b", "/a@b+c&d=e", "/a!$'()*,/", "/section-01/page-00123/"}
	for _, href := range plain {
		if !plainPath(href) {
			t.Errorf("plainPath(%q) = false", href)
			continue
		}
		for _, page := range []string{"/", "/x/", "/x/y/z/", "/sub/path/"} {
			u, err := url.Parse(href)
			if err != nil {
				t.Fatalf("url.Parse(%q): %v", href, err)
			}
			got := (&url.URL{Path: page}).ResolveReference(u)
			if got.Path != href || got.Fragment != "" || got.Scheme != "" || got.Host != "" {
				t.Errorf("%q on %s resolves to %q (fragment %q), not to itself", href, page, got.Path, got.Fragment)
			}
		}
	}
	for _, href := range []string{"", "#", "#top", "services/", "./a/", "/a/../b/", "/a/./b", "/a%20b/", "/a?x=1", "/a/#top", "//example.org/", `/a\b`, "/a b/", " /a/", "/é/", "mailto:x@example.org", "https://example.org/", "/assets/style.css"} {
		if plainPath(href) {
			t.Errorf("plainPath(%q) = true", href)
		}
	}
}
