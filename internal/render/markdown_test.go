package render

import (
	stdhtml "html"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

func TestTooDeep(t *testing.T) {
	deep := strings.Repeat("  ", maxDepth+1) + "- item"
	for _, tt := range []struct {
		name string
		src  string
		line int
		ok   bool
	}{
		{"flat", "# Title\n\n- a\n  - b\n", 0, true},
		{"at the limit", strings.Repeat(">", maxDepth) + " q\n", 0, true},
		{"quotes over the limit", "x\n" + strings.Repeat(">", maxDepth+1) + " q\n", 2, false},
		{"indentation over the limit", "a\nb\n" + deep + "\n", 3, false},
		{"tabs count four spaces", strings.Repeat("\t", maxDepth/2+1) + "x\n", 1, false},
		{"fenced code is not nesting", "```\n" + deep + "\n```\n", 0, true},
		{"tilde fences too", "~~~go\n" + deep + "\n~~~\nafter\n" + deep + "\n", 5, false},
	} {
		line, ok := tooDeep([]byte(tt.src))
		if line != tt.line || ok != tt.ok {
			t.Errorf("%s: got line %d ok %v, want line %d ok %v", tt.name, line, ok, tt.line, tt.ok)
		}
	}
}

// TestTooManyLinksIsRefusedCheaply: "[a](" repeated (quadratic in goldmark:
// 15 s at 50,000) is refused at the line where the paragraph passes
// maxLinks, before parsing; a page of many short paragraphs of links is
// not.
func TestTooManyLinksIsRefusedCheaply(t *testing.T) {
	md := newMarkdown(false, "", nil)
	many := strings.Repeat("See [a](/a/) and [b](/b/).\n\n", 2000)
	for _, tt := range []struct {
		name, src, want string
	}{
		{"50,000 unclosed links", "Intro\n\n" + strings.Repeat("[a](", 50000) + "\n", "content/a.md:7:1: this paragraph has more than 500 link brackets"},
		{"reference brackets", strings.Repeat("[a][", 50000), "content/a.md:5:1: this paragraph has more than 500"},
		{"over lines of one paragraph", strings.Repeat("[a](\n", 600), "content/a.md:505:1:"},
		{"many paragraphs of links", many, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			start := time.Now()
			md.Render("content/a.md", []byte(tt.src), 5, &d)
			took := time.Since(start)
			got := ""
			if ds := d.Sorted(); len(ds) > 0 {
				got = ds[0].String()
			}
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.want != "" && took > time.Second {
				t.Errorf("took %s to refuse", took)
			}
		})
	}
}

// TestMarkdownBase (issue 17, sub-paths): the root-relative links and
// images an author writes mean the site's root, so under a base path they
// are written under it; other links are left as written, and a site at the
// root is unchanged.
func TestMarkdownBase(t *testing.T) {
	src := "[Services](/services/) [finder](/services/#finder) [q](#q2) [rel](about/) [ext](https://example.org/x) [mail](mailto:a@example.org) [tel](tel:999) <https://example.org/auto>\n\n" +
		"![Map](/assets/img/map.svg)\n\n[ref][r]\n\n[r]: /help/going-to-ae/\n"
	for _, tt := range []struct {
		base site.Base
		want []string
	}{
		{site.Root, []string{`href="/services/"`, `href="/services/#finder"`, `src="/assets/img/map.svg"`, `href="/help/going-to-ae/"`}},
		{"/mysite/", []string{`href="/mysite/services/"`, `href="/mysite/services/#finder"`, `src="/mysite/assets/img/map.svg"`, `href="/mysite/help/going-to-ae/"`}},
	} {
		var d diag.List
		out := string(newMarkdown(false, tt.base, nil).Render("content/a.md", []byte(src), 1, &d))
		if d.HasErrors() {
			t.Fatalf("%s: %v", tt.base, d.Err())
		}
		for _, w := range append(tt.want, `href="#q2"`, `href="about/"`, `href="https://example.org/x"`, `href="mailto:a@example.org"`, `href="tel:999"`, `href="https://example.org/auto"`) {
			if !strings.Contains(out, w) {
				t.Errorf("base %s: no %s in\n%s", tt.base, w, out)
			}
		}
	}
}

// TestSimpleRef: a destination simpleRef accepts parses, as checkURL and
// assetRef read it, to a URL with no scheme and no host; those it refuses
// are the ones that might not, or might name another scheme.
func TestSimpleRef(t *testing.T) {
	for _, dest := range []string{"/", "/section-01/page-00123/", "#top", "services/", "../a/", " /a/ ", "/a b/", "/é/", "/a?x=1#y", "/a;b@c+d=e"} {
		if !simpleRef(dest) {
			t.Errorf("simpleRef(%q) = false", dest)
			continue
		}
		u, err := url.Parse(strings.TrimSpace(stdhtml.UnescapeString(dest)))
		if err != nil || u.Scheme != "" || u.Host != "" {
			t.Errorf("%q: url.Parse gives scheme %q, host %q, error %v", dest, u.Scheme, u.Host, err)
		}
	}
	for _, dest := range []string{"javascript:alert(1)", "jav&#x61;script:x", "https://example.org/", "//example.org/", " //example.org/", "/a%zz", `\a\b`, "a\x00b", "a\tb", "mailto:x@example.org", "&#47;&#47;evil"} {
		if simpleRef(dest) {
			t.Errorf("simpleRef(%q) = true", dest)
		}
	}
}

// TestLinkTextProblem holds the check's shortcut to what it stands for:
// what tomldoc.TextProblem of the link's text has the check report.
func TestLinkTextProblem(t *testing.T) {
	md := newMarkdown(false, "", nil)
	for _, src := range []string{
		"[x](/a/)", "[](/a/)", "[\u200b](/a/)", "[ \u200b ](/a/)", "[`code`](/a/)", "[*é*](/a/)",
		"[é](/a/)", "[\x01](/a/)", "[a\x01](/a/)", "[![alt](/i.svg)](/a/)", "[![](/i.svg)](/a/)",
		"[**](/a/)", "[\u0301](/a/)", "[one *two* `three`](/a/)",
	} {
		doc := md.md.Parser().Parse(text.NewReader([]byte(src)))
		links := 0
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := n.(*ast.Link); ok && entering {
				links++
				// What the check reports: a problem but "contains".
				report := func(p string) string {
					if strings.HasPrefix(p, "contains") {
						return ""
					}
					return p
				}
				want := report(tomldoc.TextProblem(inlineText(l, []byte(src))))
				if got := report(linkTextProblem(l, []byte(src))); got != want {
					t.Errorf("%q: linkTextProblem = %q, TextProblem = %q", src, got, want)
				}
			}
			return ast.WalkContinue, nil
		})
		if links != 1 {
			t.Errorf("%q parsed as %d links", src, links)
		}
	}
}
