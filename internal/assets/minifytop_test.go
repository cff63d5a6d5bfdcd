package assets

import (
	"bytes"
	"testing"
)

// headTops are the starts of pages as render's head-top.html writes them:
// with an inline stylesheet or a linked one, with and without scripts.
func headTops() []string {
	const start = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-x'\">\n<meta name=\"referrer\" content=\"no-referrer\">"
	return []string{
		start + "\n<link rel=\"manifest\" href=\"/manifest.webmanifest\">\n<script>document.documentElement.className='js'</script>\n<style>body{margin:0}a>b{color:red}</style>",
		start + "\n<style>:root{--brand:#005eb8}</style>",
		start + "\n<link rel=\"stylesheet\" href=\"/assets/style.1234.css\">",
		start + "\n<script>if(a<b&&c>d)e()</script>\n<link rel=\"stylesheet\" href=\"/s.css\">",
	}
}

// pageRests are what follows a head top: a page's title, head and body.
func pageRests() []string {
	return []string{
		"\n<title>Help now</title>\n<meta name=\"description\" content=\"Call  or   text\">\n</head>\n<body>\n<p> Hello   <b>there</b> </p>\n<pre>  keep \n me </pre>\n</body>\n</html>",
		"<title>x</title></head><body>  <span> a </span>  </body></html>",
		"\n\n  <TITLE>A &amp; B</TITLE>\n<link rel=icon href=/i.svg>\n</head><body><template> <p> t </p> </template></body>",
		"\n<title></title>\n<script>var a = 1 < 2;</script></head><body></body>",
	}
}

// TestMinifyHTMLAfter: a page minified as a shared top and its rest is
// byte for byte the page minified whole.
func TestMinifyHTMLAfter(t *testing.T) {
	s := &Set{html: newHTMLMinifier()}
	for i, top := range headTops() {
		mt, ok := s.MinifyTop([]byte(top))
		if !ok {
			t.Fatalf("top %d refused", i)
		}
		for j, rest := range pageRests() {
			got, ok, err := s.MinifyHTMLAfter(mt, []byte(rest))
			if err != nil || !ok {
				t.Fatalf("top %d rest %d: ok %v, %v", i, j, ok, err)
			}
			want, err := s.MinifyHTML([]byte(top + rest))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("top %d rest %d:\n got %q\nwant %q", i, j, got, want)
			}
		}
	}
}

// TestMinifyTopRefuses: tops after which the minifier's or the lexer's
// state would carry into the rest, and rests that do not start with
// <title>, are minified whole.
func TestMinifyTopRefuses(t *testing.T) {
	s := &Set{html: newHTMLMinifier()}
	top := headTops()[0]
	for _, bad := range []string{
		"",
		top + "\n",                          // ends in text
		top + "\n<style>",                   // the rest would be its raw text
		top + "<script>",                    // likewise
		top + "<title>",                     // likewise (RCDATA)
		top + "<!-- a >",                    // an open comment
		top + "<meta content=\"a>",          // an open attribute value
		top + "<pre>a</pre><meta x=1>",      // <pre> state
		top + "<template><meta></template>", // <template> state
		top + "<svg><g/></svg>",
		top + "<textarea>a</textarea>",
		top + "<!-- a -->",                  // a comment
		top + "<p>a</p>",                    // not a head element
		"0000<A0>0<A0>",                     // text and unknown elements (found by the fuzzer)
		"<html><head><meta x=1>a<meta y=2>", // text in the head
	} {
		if _, ok := s.MinifyTop([]byte(bad)); ok {
			t.Errorf("MinifyTop(...%q) accepted", bad[max(0, len(bad)-40):])
		}
	}
	mt, ok := s.MinifyTop([]byte(top))
	if !ok {
		t.Fatal("the built-in top refused")
	}
	for _, bad := range []string{"", "\n", "<meta x=1><title>x</title>", "text<title>", "<titles>", "\n<titlex>", "<title/0> 0", "<title lang=en>x"} {
		if _, ok, _ := s.MinifyHTMLAfter(mt, []byte(bad)); ok {
			t.Errorf("MinifyHTMLAfter(%q) accepted", bad)
		}
	}
}

func FuzzMinifyHTMLAfter(f *testing.F) {
	for _, top := range headTops() {
		for _, rest := range pageRests() {
			f.Add(top, rest)
		}
	}
	f.Add("<p>a</p>", "<title>b")
	f.Add("<b>a</b>", " <title>b</title>x")
	s := &Set{html: newHTMLMinifier()}
	f.Fuzz(func(t *testing.T, top, rest string) {
		mt, ok := s.MinifyTop([]byte(top))
		if !ok {
			return
		}
		got, ok, err := s.MinifyHTMLAfter(mt, []byte(rest))
		if !ok || err != nil {
			return
		}
		want, err := s.MinifyHTML([]byte(top + rest))
		if err != nil {
			t.Fatalf("whole page: %v; in parts: %q", err, got)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("top %q rest %q:\n got %q\nwant %q", top, rest, got, want)
		}
	})
}
