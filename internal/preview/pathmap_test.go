package preview

import (
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestMapMarksProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want map[string][]string // node key -> problems it must have
		bad  int                 // answers marked as a problem
	}{
		{
			name: "good",
			src: `start = "a"
[[question]]
id = "a"
text = "A?"
  [[question.answer]]
  label = "Yes"
  next = "b"
  [[question.answer]]
  label = "No"
  outcome = "call-999"
[[question]]
id = "b"
text = "B?"
  [[question.answer]]
  label = "Ok"
  outcome = "talk"`,
			want: map[string][]string{"q:a": nil, "q:b": nil, "o:call-999": nil, "o:talk": nil},
		},
		{
			name: "unreachable and dead end",
			src: `start = "a"
[[question]]
id = "a"
text = "A?"
  [[question.answer]]
  label = "Yes"
  outcome = "talk"
[[question]]
id = "orphan"
text = "Nobody asks?"`,
			want: map[string][]string{"q:a": nil, "q:orphan": {"dead end: no answers", "unreachable from start"}},
		},
		{
			name: "answer to nowhere, missing question, unknown outcome",
			src: `start = "a"
[[question]]
id = "a"
text = "A?"
  [[question.answer]]
  label = "Yes"
  [[question.answer]]
  label = "No"
  next = "gone"
  [[question.answer]]
  label = "Maybe"
  outcome = "nope"`,
			want: map[string][]string{"x:1": {"dead end: the answer has neither next nor outcome"}, "x:2": {"next names no question"}, "o:nope": {"no outcome page content/outcomes/nope.md"}},
			bad:  1,
		},
		{
			name: "loop",
			src: `start = "a"
[[question]]
id = "a"
text = "A?"
  [[question.answer]]
  label = "Next"
  next = "b"
[[question]]
id = "b"
text = "B?"
  [[question.answer]]
  label = "Back"
  next = "a"
  [[question.answer]]
  label = "Out"
  outcome = "talk"`,
			want: map[string][]string{"q:a": {"on a loop"}, "q:b": nil},
			bad:  1,
		},
		{
			name: "start names no question",
			src: `start = "zz"
[[question]]
id = "a"
text = "A?"
  [[question.answer]]
  label = "Yes"
  outcome = "talk"`,
			want: map[string][]string{"q:a": {"unreachable: start names no question"}},
		},
	}
	outcomes := map[string]string{"call-999": "emergency", "talk": "soon"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d draftFile
			if _, err := toml.Decode(tt.src, &d); err != nil {
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
