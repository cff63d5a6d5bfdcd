package preview

import (
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

func TestMapMarksProblems(t *testing.T) {
	tests := []struct {
		name  string
		draft string              // testdata/maps.txtar has it as draft.toml
		want  map[string][]string // node key -> problems it must have
		bad   int                 // answers marked as a problem
	}{
		{
			name:  "good",
			draft: "good",
			want:  map[string][]string{"q:a": nil, "q:b": nil, "o:call-999": nil, "o:talk": nil},
		},
		{
			name:  "unreachable and dead end",
			draft: "unreachable",
			want:  map[string][]string{"q:a": nil, "q:orphan": {"dead end: no answers", "unreachable from start"}},
		},
		{
			name:  "answer to nowhere, missing question, unknown outcome",
			draft: "nowhere",
			want:  map[string][]string{"x:1": {"dead end: the answer has neither next nor outcome"}, "x:2": {"next names no question"}, "o:nope": {"no outcome page content/outcomes/nope.md"}},
			bad:   1,
		},
		{
			name:  "loop",
			draft: "loop",
			want:  map[string][]string{"q:a": {"on a loop"}, "q:b": nil},
			bad:   1,
		},
		{
			name:  "start names no question",
			draft: "no-start",
			want:  map[string][]string{"q:a": {"unreachable: start names no question"}},
		},
	}
	drafts := sitetest.Load(t, "testdata/maps.txtar", nil)
	if len(drafts.FS) != len(tests) {
		t.Errorf("testdata/maps.txtar has %d drafts for %d cases", len(drafts.FS), len(tests))
	}
	outcomes := map[string]string{"call-999": "emergency", "talk": "soon"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, ok := drafts.FS[tt.draft+".toml"]
			if !ok {
				t.Fatalf("testdata/maps.txtar has no %s.toml", tt.draft)
			}
			var d draftFile
			if _, err := toml.Decode(string(src.Data), &d); err != nil {
				t.Fatal(err)
			}
			m := newMap(&d, outcomes)
			byKey := map[string]*mapNode{}
			for _, n := range m.Nodes {
				byKey[n.Key] = n
			}
			for key, want := range tt.want {
				n := byKey[key]
				if n == nil {
					t.Errorf("no node %s", key)
					continue
				}
				got := slices.Clone(n.Problems)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s problems = %q, want %q", key, got, want)
				}
			}
			bad := 0
			for _, e := range m.Edges {
				if e.Problem != "" {
					bad++
				}
			}
			if bad != tt.bad {
				t.Errorf("%d answers marked, want %d", bad, tt.bad)
			}
			// Layers go down the page, except loops.
			for _, e := range m.Edges {
				if !e.back && e.To.Y <= e.From.Y {
					t.Errorf("answer %q from %s to %s does not go down", e.Label, e.From.Key, e.To.Key)
				}
			}
			svg := string(m.SVG("T"))
			if !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, `role="img"`) {
				t.Errorf("SVG = %.100s", svg)
			}
		})
	}
}

func TestCleanRequestPath(t *testing.T) {
	tests := []struct {
		uri  string
		want string // "" refused
	}{
		{"/", "/"},
		{"/help/ae/", "/help/ae/"},
		{"/help/ae/?x=1#f", "/help/ae/"},
		{"/assets/icon.1234567890.svg", "/assets/icon.1234567890.svg"},
		{"/a%20b/", "/a b/"},
		{"/%41%62c-%7e/", "/Abc-~/"},
		{"/a+b", "/a+b"},
		{"/../x", ""},
		{"/a/../x", ""},
		{"/a/./x", ""},
		{"/a/..", ""},
		{"/%2e%2e/x", ""},
		{"/%2E%2E/x", ""},
		{"/a%2fb", ""},
		{"/a%5cb", ""},
		{"/a%00b", ""},
		{`/a\b`, ""},
		{"//etc/passwd", ""},
		{"/a//b", ""},
		{"http://host/x", ""},
		{"*", ""},
		{"/%zz", ""},
		{"/%2", ""},
	}
	for _, tt := range tests {
		got, ok := cleanRequestPath(tt.uri)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("cleanRequestPath(%q) = %q, want %q", tt.uri, got, tt.want)
		}
	}
}
