package build

import (
	"bytes"
	"html"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// scanPageLexer is what scanPage must find: what lexerScanPage finds in
// a copy of data.
func scanPageLexer(data []byte) *pageLinks {
	return lexerScanPage(bytes.Clone(data))
}

// lexerScanPage is scanPage as it was, with tdewolff's HTML lexer. It
// writes to data: the lexer lowercases tag and attribute names in place,
// and writes a NUL after the page when data has room for it.
func lexerScanPage(data []byte) *pageLinks {
	var ids, hrefs []string
	var seen map[string]bool // hrefs, once there are many
	l := htmllex.NewLexer(parse.NewInputBytes(data))
	var a, area bool // the tag whose attributes follow
lex:
	for {
		tt, _ := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			break lex
		case htmllex.StartTagToken:
			tag := l.Text()
			a, area = bytes.EqualFold(tag, []byte("a")), bytes.EqualFold(tag, []byte("area"))
		case htmllex.AttributeToken:
			// Only the attributes the check needs become strings: a page
			// has many more (class, rel, ...), and this runs on every page.
			key := l.AttrKey()
			id := bytes.EqualFold(key, []byte("id")) || a && bytes.EqualFold(key, []byte("name"))
			href := !id && (a || area) && bytes.EqualFold(key, []byte("href"))
			if !id && !href {
				continue
			}
			val := html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))
			switch {
			case id:
				ids = append(ids, val)
			case seen != nil && !seen[val]:
				seen[val] = true
				hrefs = append(hrefs, val)
			case seen == nil && !slices.Contains(hrefs, val):
				hrefs = append(hrefs, val)
				if len(hrefs) == 32 {
					seen = make(map[string]bool, 64)
					for _, h := range hrefs {
						seen[h] = true
					}
				}
			}
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	// One string holds every value, one array both lists.
	all := slices.Concat(ids, hrefs)
	n := 0
	for _, v := range all {
		n += len(v)
	}
	var b strings.Builder
	b.Grow(n)
	for _, v := range all {
		b.WriteString(v)
	}
	text, off := b.String(), 0
	for i, v := range all {
		all[i] = text[off : off+len(v)]
		off += len(v)
	}
	return &pageLinks{ids: all[:len(ids):len(ids)], hrefs: all[len(ids):]}
}

// sameLinks says how got and want differ ("" when they do not).
func sameLinks(got, want *pageLinks) string {
	var diff []string
	if !slices.Equal(got.ids, want.ids) {
		diff = append(diff, "ids "+quoted(got.ids)+", want "+quoted(want.ids))
	}
	if !slices.Equal(got.hrefs, want.hrefs) {
		diff = append(diff, "hrefs "+quoted(got.hrefs)+", want "+quoted(want.hrefs))
	}
	return strings.Join(diff, "; ")
}

func quoted(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(q, " ") + "]"
}

// scanCases are pages where a scanner that is not the lexer could read
// differently: each with what the lexer finds in it, so that a case that
// stops testing what it says fails.
var scanCases = []struct {
	name, page string
	ids        []string
	hrefs      []string
}{
	{"plain", `<h1 id=t>T</h1><a href="/a/">a</a>`, []string{"t"}, []string{"/a/"}},
	{"uppercase tags and attributes", `<A HREF="/a/" NAME=n>x</A><AREA Href=/b/><DIV ID=d></DIV>`, []string{"d", "n"}, []string{"/a/", "/b/"}},
	{"name is an id on a only", `<a name=top></a><input name=q><form name=f><area name=m href=/m/>`, []string{"top"}, []string{"/m/"}},
	{"href on other elements", `<link href=/s.css><base href=/x/><div href=/d/>`, nil, nil},
	{"unquoted values", `<a href=/a/?x=1&amp;y=2 id=u>`, []string{"u"}, []string{"/a/?x=1&y=2"}},
	{"unquoted value runs to a space or >, not to />", `<a href=/a/>x</a><a href=/b/ >`, nil, []string{"/a/", "/b/"}},
	{"unquoted value with quotes inside", `<a href=a"b'c id=x'y>`, []string{"x'y"}, []string{`a"b'c`}},
	{"quotes trimmed at both ends, either kind; a quoted value ends at its quote", `<a href="'/a/'" id='"q"'><a href=''/b/'>`, []string{"q"}, []string{"/a/", ""}},
	{"entities and quotes in values", `<a href="/a?b=&quot;c&quot;&amp;d=&#39;e">` + `<h2 id="r&amp;d&lt;&gt;&#x41;&nosuch;">`, []string{"r&d<>A&nosuch;"}, []string{`/a?b="c"&d='e`}},
	{"an entity that unescapes to a quote is kept", `<a href="&quot;/a/&quot;">`, nil, []string{`"/a/"`}},
	{"> inside a quoted value", `<a href="/a>b/" id='c>d'>`, []string{"c>d"}, []string{"/a>b/"}},
	{"spaces around =", "<a href = \"/a/\"\tid\n=\fx>", []string{"x"}, []string{"/a/"}},
	{"\\v is no space", "<a\vhref=/a/ href\v=/b/>", nil, nil},
	{"attributes without values", `<a href id><area href><p id>`, []string{""}, []string{""}},
	{"attribute without value, then one with", `<a download href=/a/ hidden id=i>`, []string{"i"}, []string{"/a/"}},
	{"duplicate attributes", `<a href=/a/ href=/b/ id=x id=y><p id=x>`, []string{"x", "y"}, []string{"/a/", "/b/"}},
	{"a/href=x is a tag named a/href=x", `<a/href=x><a/id=y>`, nil, nil},
	{"/ between attributes", `<a / href=/a/ /id=i id=j/>`, []string{"j/"}, []string{"/a/"}},
	{"a self-closing a", `<a href=/a/ /><a href=/b//>`, nil, []string{"/a/", "/b//"}},
	{"/ in a tag name", `<a/ href=/a/><p/id=p>`, nil, nil},
	{"an attribute named =", `<a =href=/a/ ==id=x id=y>`, []string{"y"}, nil},
	{"area", `<map><area shape=rect href="/r/" id=r><AREA href="/s/"></map>`, []string{"r"}, []string{"/r/", "/s/"}},
	{"hrefs each once in page order", `<a href=/b/><a href=/a/><area href=/b/><a href=/c/><a href=/a/>`, nil, []string{"/b/", "/a/", "/c/"}},
	{"many hrefs, each once", many(40) + many(40) + `<a href=/39/>`, nil, manyHrefs(40)},
	{"ids sorted, each once", `<p id=b><p id=a><p id=b><p id=>`, []string{"", "a", "b"}, nil},
	{"a comment", `<!-- <a href=/no/ id=no> --><a href=/yes/>`, nil, []string{"/yes/"}},
	{"a comment ends at --!>", `<!-- x --!><a href=/yes/>`, nil, []string{"/yes/"}},
	{"<!--> does not end a comment", `<!--><a href=/no/>--><a href=/yes/>`, nil, []string{"/yes/"}},
	{"<!---> does not end a comment", `<!---><a href=/no/>--><a href=/yes/>`, nil, []string{"/yes/"}},
	{"---> ends a comment", `<!-- x ---><a href=/yes/>`, nil, []string{"/yes/"}},
	{"an unterminated comment", `<a href=/yes/><!-- <a href=/no/>`, nil, []string{"/yes/"}},
	{"doctype and bogus comments", `<!DOCTYPE html><!x <a href=/no/>><? <a href=/no/> ?><a href=/yes/>`, nil, []string{"/yes/"}},
	{"CDATA", `<![CDATA[ <a href=/no/> ]]><a href=/yes/><![cdata[<a href=/lower/>]]>`, nil, []string{"/yes/"}}, // <![cdata[ is a bogus comment, to the first >
	{"end tags skipped to >", `</a href=/no/></ a href=/no2/><a href=/yes/>`, nil, []string{"/yes/"}},
	{"</> and < are text", `</><a href=/a/> < a href=/no/> <1<a href=/b/>`, nil, []string{"/a/", "/b/"}},
	{"raw text elements", `<script><a href=/no1/></script><style><a href=/no2/></style><textarea><a href=/no3/></textarea><title><a href=/no4/></title><xmp><a href=/no5/></xmp><iframe><a href=/no6/></iframe><a href=/yes/>`, nil, []string{"/yes/"}},
	{"raw text ends at its own end tag, any case", `<script>"</style><a href=/no/>"</SCRIPT ><a href=/yes/>`, nil, []string{"/yes/"}},
	{"raw text end tag is a run of letters", `<script></scripts><a href=/no/></script2><a href=/yes/>`, nil, []string{"/yes/"}},
	{"attributes of raw text elements count", `<script id=s src=/x.js></script><title id=t></title>`, []string{"s", "t"}, nil},
	{"a self-closed raw text element still has text", `<script/><a href=/no/></script><a href=/yes/>`, nil, []string{"/yes/"}},
	{"noscript, noembed and noframes are ordinary", `<noscript><a href=/a/></noscript><noembed><a href=/b/></noembed><noframes><a href=/c/></noframes>`, nil, []string{"/a/", "/b/", "/c/"}},
	{"unterminated raw text", `<a href=/yes/><script><a href=/no/>`, nil, []string{"/yes/"}},
	{"plaintext to the end", `<plaintext id=p><a href=/no/></plaintext><a href=/no2/>`, []string{"p"}, nil},
	{"escaped script", `<script><!-- </script><a href=/yes/>`, nil, []string{"/yes/"}},
	{"escaped script with a nested script", `<script><!-- <script></script><a href=/no/> --></script><a href=/yes/>`, nil, []string{"/yes/"}},
	{"escaped script, --> then the end tag", `<script><!-- x --> <a href=/no/></script><a href=/yes/>`, nil, []string{"/yes/"}},
	{"escaped script, nested, unterminated", `<script><!--<script></script><a href=/no/>`, nil, nil},
	{"<!-- in a style is text", `<style><!-- </style><a href=/yes/> --></style>`, nil, []string{"/yes/"}},
	{"svg skipped whole, attributes and all", `<svg id=s><a href=/no/></a><svg><a href=/no2/></svg></svg><a href=/yes/>`, nil, []string{"/yes/"}},
	{"svg: a < in double quotes", `<svg><text x="</svg>"><a href=/no/></text></svg><a href=/yes/>`, nil, []string{"/yes/"}},
	{"svg: a < in single quotes is a tag", `<svg><text x='</svg>'><a href=/yes/>`, nil, []string{"/yes/"}},
	{"svg: a self-closed nested svg", `<svg><svg/><a href=/no/></svg><a href=/yes/>`, nil, []string{"/yes/"}},
	{"math and xml", `<MATH><a href=/no/></math><xml><a id=no></XML><a href=/yes/>`, nil, []string{"/yes/"}},
	{"unterminated svg", `<a href=/yes/><svg><a href=/no/>`, nil, []string{"/yes/"}},
	{"a NUL in an svg ends the scan", "<a href=/yes/><svg>\x00</svg><a href=/no/>", nil, []string{"/yes/"}},
	{"a NUL in an svg's end tag ends the scan", "<svg></svg \x00><a href=/no/>", nil, nil},
	{"a NUL elsewhere is a byte", "<a href=/a\x00/ id=\x00><p\x00 id=y>\x00<a href=/b/>", []string{"\x00", "y"}, []string{"/a\x00/", "/b/"}},
	{"unterminated tag at the end", `<a href=/yes/ id=x`, []string{"x"}, []string{"/yes/"}},
	{"unterminated quoted value at the end", `<a id=y href="/yes/`, []string{"y"}, []string{"/yes/"}},
	{"attribute without value at the end", `<a href`, nil, []string{""}},
	{"= at the end", `<a href=`, nil, []string{""}},
	{"<a at the end", `<p id=x><a`, []string{"x"}, nil},
	{"< at the end", `<p id=x><`, []string{"x"}, nil},
	{"</ at the end", `<p id=x></`, []string{"x"}, nil},
	{"<! at the end", `<p id=x><!`, []string{"x"}, nil},
	{"empty", ``, nil, nil},
	{"invalid UTF-8 and non-ASCII", "<a href=/\xff\xfe/ id=é><a href=/ü/ \u212aid=k>", []string{"é"}, []string{"/\xff\xfe/", "/ü/"}},
}

// TestScanPageMatchesLexer: on each tricky case scanPage finds what the
// lexer's version finds, and that is what the case says.
func TestScanPageMatchesLexer(t *testing.T) {
	for _, tc := range scanCases {
		t.Run(tc.name, func(t *testing.T) {
			want := &pageLinks{ids: tc.ids, hrefs: tc.hrefs}
			if d := sameLinks(scanPageLexer([]byte(tc.page)), want); d != "" {
				t.Fatalf("the case is wrong about the lexer: the lexer's %s", d)
			}
			if d := sameLinks(scanPage([]byte(tc.page)), want); d != "" {
				t.Errorf("scanPage(%q): %s", tc.page, d)
			}
		})
	}
}

// TestScanPageBuiltPages: scanPage agrees with the lexer's version on
// every page of the default site, and does not write to the page.
func TestScanPageBuiltPages(t *testing.T) {
	pages := builtPages(t, os.DirFS("../.."))
	for _, p := range pages {
		orig := bytes.Clone(p.data)
		got := scanPage(p.data)
		if !bytes.Equal(p.data, orig) {
			t.Fatalf("%s: scanPage changed the page", p.path)
		}
		if d := sameLinks(got, scanPageLexer(p.data)); d != "" {
			t.Errorf("%s: %s (the lexer's)", p.path, d)
		}
	}
}

// scanFragments are the pieces of HTML that make the lexer take one way
// or another: random sequences of them reach its corners sooner than
// random bytes do.
var scanFragments = []string{
	"<", ">", "/", "/>", "</", "<!", "<!--", "-->", "--!>", "-", "<?", "<![CDATA[", "]]>", "<!DOCTYPE html>",
	"<a", "<A", "<area", "<p", "<svg", "</svg>", "<svg/>", "<math", "</MATH>", "<xml", "</xml>",
	"<script", "</script>", "<SCRIPT", "</Script", "<script>", "<!--<script>", "<style", "</style>", "<title", "</title>",
	"<textarea", "</textarea>", "<xmp", "</xmp>", "<iframe", "</iframe>", "<plaintext", "<noscript", "</noscript>",
	" ", "\t", "\n", "\f", "\v", "\r", "=", " = ", `"`, "'", "href", "HREF", "id", "ID", "name", "Name", "a", "A", "area", "svg",
	"x", "/x/", "#y", "&amp;", "&quot;", "&#39;", "&lt;", "&", ";", "\x00", "é", "\xff", "1",
	"<a href=", "<a href=\"", " id=", " id='", "<p id=", "<area href=", " name=",
}

// fromFragments reads b as a sequence of scanFragments, a byte each.
func fromFragments(b []byte) []byte {
	var page []byte
	for _, c := range b {
		page = append(page, scanFragments[int(c)%len(scanFragments)]...)
	}
	return page
}

// checkScan fails t if scanPage and the lexer's version differ on page,
// or if scanPage's ids are not sorted and distinct.
func checkScan(t *testing.T, page []byte) {
	t.Helper()
	got := scanPage(page)
	if d := sameLinks(got, scanPageLexer(page)); d != "" {
		t.Errorf("scanPage(%q): %s (the lexer's)", page, d)
	}
	if !slices.IsSorted(got.ids) || len(slices.Compact(slices.Clone(got.ids))) != len(got.ids) {
		t.Errorf("scanPage(%q): ids %q are not sorted and distinct", page, got.ids)
	}
}

// TestScanPageRandomPages: scanPage agrees with the lexer's version on
// random pages of scanFragments (the same ones every run).
func TestScanPageRandomPages(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 5000
	}
	r := rand.New(rand.NewPCG(14, 1))
	b := make([]byte, 60)
	for range n {
		b = b[:1+r.IntN(cap(b))]
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		checkScan(t, fromFragments(b))
		if t.Failed() {
			return
		}
	}
}

// FuzzScanPage: scanPage and the lexer's version agree on any input,
// and on the input read as a sequence of scanFragments.
func FuzzScanPage(f *testing.F) {
	for _, tc := range scanCases {
		f.Add([]byte(tc.page))
	}
	if !testing.Short() {
		for _, p := range builtPages(f, os.DirFS("../..")) {
			f.Add(p.data)
		}
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		checkScan(t, page)
		if len(page) <= 200 {
			checkScan(t, fromFragments(page))
		}
	})
}

// BenchmarkScanPage scans every built page of the default site and of a
// generated 300-page site, with scanPage and with the lexer's version
// (each page: ns/page).
func BenchmarkScanPage(b *testing.B) {
	gen := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(gen, sitegen.Options{Pages: 300}); err != nil {
		b.Fatal(err)
	}
	for _, site := range []struct {
		name string
		fsys fs.FS
	}{{"default", os.DirFS("../..")}, {"sitegen300", sitefs.Dir(gen)}} {
		pages := builtPages(b, site.fsys)
		size := 0
		for _, p := range pages {
			size += len(p.data)
		}
		for _, scan := range []struct {
			name string
			f    func([]byte) *pageLinks
		}{{"scanPage", scanPage}, {"lexer", lexerScanPage}} {
			b.Run("site="+site.name+"/"+scan.name, func(b *testing.B) {
				own := make([][]byte, len(pages)) // lexerScanPage writes to them
				for i, p := range pages {
					own[i] = bytes.Clone(p.data)
				}
				b.SetBytes(int64(size))
				for b.Loop() {
					for _, p := range own {
						scan.f(p)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
			})
		}
	}
}

type builtPage struct {
	path string
	data []byte
}

// builtPages builds the site in fsys in memory and returns its HTML
// pages, by path.
func builtPages(tb testing.TB, fsys fs.FS) []builtPage {
	tb.Helper()
	files := buildMem(tb, fsys, Options{})
	var pages []builtPage
	for p, data := range files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, builtPage{p, data})
		}
	}
	slices.SortFunc(pages, func(a, b builtPage) int { return strings.Compare(a.path, b.path) })
	if len(pages) == 0 {
		tb.Fatal("the site has no pages")
	}
	return pages
}
