package render

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// TestLayoutCheck: what a site's layout may not publish, each an error at
// its line and column; and what it may.
func TestLayoutCheck(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string // want: the first diagnostic; "" for none
	}{
		{"plain", "{{define \"main\"}}<h1>{{.Title}}</h1><img src=\"{{asset \"x.svg\"}}\" alt=\"\">{{end}}", ""},
		{"signpost's scripts", "{{range .BodyScripts}}\n<script>{{.}}</script>{{end}}<script src=\"{{.}}\"></script>", ""},
		{"inline script", "<main>\n  <script>alert(1)</script>\n</main>", "layouts/x.html:2:3: an inline script in a layout is blocked by the page's Content-Security-Policy"},
		{"inline script beside an action", "<script>{{.}}; track()</script>", "layouts/x.html:1:1: an inline script"},
		{"inline style element", "<style>body{color:red}</style>", "layouts/x.html:1:1: an inline style element"},
		{"third-party script", "\n<script src=\"https://cdn.example/x.js\"></script>", `layouts/x.html:2:9: src="https://cdn.example/x.js" loads from another site`},
		{"protocol-relative image", "<img alt=\"\" src=//t.example/p.gif>", `layouts/x.html:1:13: src="//t.example/p.gif" loads from another site`},
		{"third-party stylesheet", "<link rel=\"stylesheet\" href=\"https://fonts.example/css\">", `href="https://fonts.example/css" loads from another site`},
		{"srcset", "<img alt=\"\" srcset=\"/a.png 1x, https://x.example/b.png 2x\">", "loads from another site"},
		{"prefix before an action", "<img alt=\"\" src=\"https://x.example/{{.Title}}\">", "loads from another site"},
		{"link to another site is fine", "<a href=\"https://www.nhs.uk/\">NHS</a>", ""},
		{"event handler", "<button onclick=\"go()\">Go</button>", "layouts/x.html:1:9: the onclick attribute is a script"},
		{"style attribute", "<p style=\"color:red\">x</p>", "layouts/x.html:1:4: a style attribute is blocked"},
		{"meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">", "a layout cannot use <meta http-equiv=\"refresh\">"},
		{"base", "<base href=\"https://evil.example/\">", "layouts/x.html:1:1: a layout cannot use <base>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			checkLayout("layouts/x.html", []byte(tt.src), &d)
			got := ""
			if ds := d.Sorted(); len(ds) > 0 {
				got = ds[0].String()
			}
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBuiltinLayoutsPassTheCheck: a site may copy any built-in template
// into layouts/ as a start, so each passes the check site layouts get.
func TestBuiltinLayoutsPassTheCheck(t *testing.T) {
	files, _ := fs.Glob(BuiltinLayouts, "layouts/*.html")
	if len(files) == 0 {
		t.Fatal("no built-in layouts")
	}
	for _, f := range files {
		b, _ := BuiltinLayouts.ReadFile(f)
		var d diag.List
		checkLayout(f, b, &d)
		if d.Len() > 0 {
			t.Errorf("%v", d.Err())
		}
	}
}
