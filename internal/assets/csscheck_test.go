package assets

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
)

// TestSiteCSSIsCheckedAtItsLine: what a stylesheet must not do, each an
// error at the file, line and column where it is written.
func TestSiteCSSIsCheckedAtItsLine(t *testing.T) {
	for _, tt := range []struct {
		name, css, want string // want: the whole first diagnostic; "" for none
	}{
		{"plain", "body { color: #111 }\n", ""},
		{"end of style element", "a{color:red}\n</style><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">\n", `assets/site.css:2:1: a stylesheet cannot contain "</style"`},
		{"in upper case, in a string", "a::after{content:\"</STYLE>\"}\n", `assets/site.css:1:19: a stylesheet cannot contain "</style"`},
		{"in a comment", "/* </style> */\n", `assets/site.css:1:4: a stylesheet cannot contain "</style"`},
		{"@import of another site", "\n@import url(https://fonts.example/x.css);\n", "assets/site.css:2:1: @import fetches another stylesheet"},
		{"@import escaped", "@\\69mport \"x.css\";\n", "assets/site.css:1:1: @import fetches another stylesheet"},
		{"url() of another site", "body{\n  background: url(https://track.example/p.gif)\n}\n", `assets/site.css:2:15: "https://track.example/p.gif" is on another site`},
		{"quoted url()", "a{background:url( 'http://x.example/a.png' )}", `assets/site.css:1:14: "http://x.example/a.png" is on another site`},
		{"protocol-relative", "a{background:url(//x.example/a.png)}", `assets/site.css:1:14: "//x.example/a.png" is on another site`},
		{"backslash as slash", "a{background:url(\\\\x.example/a.png)}", `is on another site`},
		{"escaped scheme", "a{background:url(h\\74tps://x.example/a.png)}", `assets/site.css:1:14: "https://x.example/a.png" is on another site`},
		{"font src", "@font-face{font-family:f;src:url(\"https://f.example/f.woff2\") format(\"woff2\")}", `"https://f.example/f.woff2" is on another site`},
		{"image-set", "a{background:image-set(\"https://x.example/a.png\" 1x)}", `"https://x.example/a.png" is on another site`},
		{"in a custom property", ":root{--bg: url(https://x.example/a.png)}\n", `"https://x.example/a.png" is on another site`},
		{"data: is no request", "a{background:url(data:image/png;base64,AAAA)}", ""},
		{"fragment", "a{filter:url(#f)}", ""},
		{"an asset by path", "a{background:url(/assets/img/a.svg)}", ""},
		{"an asset relative", "a{background:url(\"img/a.svg\")}", ""},
		{"a missing asset", "a{background:url(/assets/img/none.svg)}", "assets/site.css:1:14: no file assets/img/none.svg"},
		{"outside assets/", "a{background:url(/content/x.png)}", `assets/site.css:1:14: "/content/x.png" names no file of assets/`},
		{"byte-order mark is dropped", "\ufeffbody{color:#111}", ""},
		{"not UTF-8", "body{}\na{content:\"\xff\"}", "assets/site.css:2:12: the stylesheet is not UTF-8 text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"assets/site.css":  {Data: []byte(tt.css)},
				"assets/img/a.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
			}
			var d diag.List
			s := Load(fsys, 1<<20, &d)
			got := ""
			if ds := d.Sorted(); len(ds) > 0 {
				got = ds[0].String()
			}
			switch {
			case tt.want == "" && got != "":
				t.Fatalf("got %s, want no diagnostic", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Fatalf("got %q, want one containing %q", got, tt.want)
			}
			if strings.Contains(strings.ToLower(s.Style.Code), "</style") || strings.Contains(s.Style.Code, "\ufeff") {
				t.Errorf("the inlined stylesheet holds what was refused: %q", s.Style.Code)
			}
		})
	}
}

// TestCSSReferencesAreFingerprinted: a stylesheet's url() of an asset
// becomes the asset's fingerprinted URL (the unfingerprinted path is not
// written, so it would be broken).
func TestCSSReferencesAreFingerprinted(t *testing.T) {
	fsys := fstest.MapFS{
		"assets/site.css":      {Data: []byte("a{background:url(img/a.svg)}b{background:url(\"/assets/img/a.svg\")}")},
		"assets/css/print.css": {Data: []byte("a{background:url(../img/a.svg)}")},
		"assets/img/a.svg":     {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	}
	var d diag.List
	s := Load(fsys, 1<<20, &d)
	if d.Len() > 0 {
		t.Fatal(d.Err())
	}
	u, _ := s.URL("img/a.svg")
	if n := strings.Count(s.Style.Code, u); n != 2 || strings.Contains(s.Style.Code, "img/a.svg)") {
		t.Errorf("site.css names %s %d times, want 2: %s", u, n, s.Style.Code)
	}
	for _, f := range s.Files() {
		if f.Source == "assets/css/print.css" && !strings.Contains(string(f.Data), u) {
			t.Errorf("print.css: %s, want %s", f.Data, u)
		}
	}
}

// TestTextAssetsAreText: every text file of assets/ (SVG, which is also
// inlined as the icon's data: URL, JavaScript, JSON, a web manifest, plain
// text), like a stylesheet, has its byte-order mark dropped and is refused
// when it is not UTF-8 or holds a control character, at the line and
// column. Binary files are copied as they are.
func TestTextAssetsAreText(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg"><title>é</title></svg>`
	for _, tt := range []struct {
		file, data, want string // want: the first diagnostic's start; "" for none
	}{
		{"assets/icon.svg", svg, ""},
		{"assets/icon.svg", "\ufeff" + svg, ""},
		{"assets/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<title>\xe9</title></svg>", "assets/icon.svg:2:8: the file is not UTF-8 text"},
		{"assets/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n\t<title>é\x00</title></svg>", "assets/icon.svg:2:10: the file contains the invisible control character U+0000"},
		{"assets/x.js", "\ufeffvar a = 1;\n", ""},
		{"assets/x.js", "var a = '\x1b';\n", "assets/x.js:1:10: the file contains the invisible control character U+001B"},
		{"assets/data.json", "{\"a\": \"\xff\"}", "assets/data.json:1:8: the file is not UTF-8 text"},
		{"assets/app.webmanifest", "\ufeff{\"name\": \"x\"}", ""},
		{"assets/notes.txt", "ok\n\x00", "assets/notes.txt:2:1: the file contains the invisible control character U+0000"},
		{"assets/img/photo.png", "\x89PNG\r\n\x1a\n\x00\x00\xff", ""},
	} {
		var d diag.List
		s := Load(fstest.MapFS{tt.file: {Data: []byte(tt.data)}}, 1<<20, &d)
		got := ""
		if ds := d.Sorted(); len(ds) > 0 {
			got = ds[0].String()
		}
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s %q: got %q, want %q", tt.file, tt.data, got, tt.want)
			continue
		}
		for _, f := range s.Files() {
			if strings.HasPrefix(string(f.Data), "\ufeff") {
				t.Errorf("%s: published with its byte-order mark", f.Path)
			}
		}
		if tt.want != "" && len(s.Files()) != 0 {
			t.Errorf("%s: refused, yet published as %s", tt.file, s.Files()[0].Path)
		}
	}
}
