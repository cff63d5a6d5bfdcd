package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// dangerous matches markup that could run script: script-like elements,
// event handler attributes, and script or data URLs in attributes.
var dangerous = regexp.MustCompile(`<(script|iframe|object|embed|style)|<[a-z][^>]*\son[a-z]+=|(href|src)="\s*(javascript|vbscript|data):`)

// FuzzMarkdown renders any Markdown with the site's settings (raw HTML
// refused): no panic, and nothing that could run script gets through.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with *emphasis* and a [link](/a/).\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"<script>alert(1)</script>",
		"[x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<img src=x onerror=alert(1)>",
		"```\n<script>\n```\n",
		"[x]: javascript:alert(1)\n\n[x]\n",
		"www.example.com https://example.com <https://example.com>",
		// link syntax, the quadratic shape (refused past maxLinks)
		strings.Repeat("[a](", 600),
		strings.Repeat("[a][", 600),
		strings.Repeat("[a](", 400) + strings.Repeat(")", 400),
		strings.Repeat("![", 300) + strings.Repeat("](x)", 300),
		strings.Repeat("[", 2000) + "x" + strings.Repeat("](/)", 200),
	} {
		f.Add(s)
	}
	md := newMarkdown(false, "", nil)
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		var html string
		sitetest.Bounded(t, "rendering this Markdown", func() { html = string(md.Render("content/a.md", []byte(src), 5, &diags)) })
		out := strings.ToLower(html)
		if bad := dangerous.FindString(out); bad != "" && !diags.HasErrors() {
			t.Fatalf("%q in the output without an error for input %q:\n%s", bad, src, out)
		}
		for _, d := range diags.Sorted() {
			if d.Line < 5 {
				t.Fatalf("diagnostic before the body's first line: %v", d)
			}
		}
	})
}
