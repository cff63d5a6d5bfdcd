package build

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// TestInvisibleTextIsRefused: every text field people read, in every kind
// of file, refuses a value with no visible character (a zero-width space,
// a word joiner, a lone combining mark, a no-break space) and one holding
// a control character, at the value's line and column; the same site with
// the field's ordinary text has no error there.
func TestInvisibleTextIsRefused(t *testing.T) {
	// Each field of hostileSite("Safe"), by the text it holds there.
	fields := []struct{ file, value string }{
		{"site.toml", "Safe site"},
		{"site.toml", "Safe emergency"},
		{"content/index.md", "Safe home"},
		{"content/about/page.md", "Safe page summary"},
		{"content/outcomes/end.md", "Safe outcome"},
		{"content/services/svc.md", "Safe service"},
		{"content/services/svc.md", "Safe service summary"},
		{"content/services/svc.md", "Safe audience"},
		{"content/services/svc.md", "Safe keyword"},
		{"pathways/triage.toml", "Safe pathway"},
		{"pathways/triage.toml", "Safe pathway summary"},
		{"pathways/triage.toml", "Safe owner"},
		{"pathways/triage.toml", "Safe question"},
		{"pathways/triage.toml", "Safe yes"},
		{"pathways/triage.toml", "Safe ok"},
	}
	extra := map[string]string{
		"pathways/triage.cases.toml":    "[[case]]\nname = \"Safe case\"\nanswers = [\"Safe yes\"]\noutcome = \"end\"\n",
		"content/services/emergency.md": "+++\ntitle = \"Safe sms\"\nsummary = \"S\"\n\n[[contact]]\nmode = \"emergency-sms\"\nvalue = \"999\"\nregister = \"Safe register\"\n+++\n",
		"content/about/reviewed.md":     "+++\ntitle = \"Safe reviewed\"\n[review]\nowner = \"Safe page owner\"\n+++\n",
		"approvals/triage.toml":         "[[approval]]\nby = \"Safe by\"\nrole = \"Safe role\"\ndate = 2026-12-01\nhash = \"sha256:" + strings.Repeat("0", 64) + "\"\n",
	}
	fields = append(fields,
		struct{ file, value string }{"pathways/triage.cases.toml", "Safe case"},
		struct{ file, value string }{"content/services/emergency.md", "Safe register"},
		struct{ file, value string }{"content/about/reviewed.md", "Safe page owner"},
		struct{ file, value string }{"approvals/triage.toml", "Safe by"},
		struct{ file, value string }{"approvals/triage.toml", "Safe role"},
	)
	base := map[string]string{}
	for name, f := range hostileSite("Safe") {
		base[name] = string(f.Data)
	}
	for k, v := range extra {
		base[k] = v
	}
	errorsAt := func(files map[string]string, at string) []string {
		var found []string
		for _, g := range check(sitetest.MapFS(files)) {
			if strings.HasPrefix(g, at) {
				found = append(found, g)
			}
		}
		return found
	}
	for _, f := range fields {
		quoted := strconv.Quote(f.value)
		src := base[f.file]
		i := strings.Index(src, quoted)
		if i < 0 || strings.Count(src, quoted) != 1 {
			t.Fatalf("%s: %s is not once in the site", f.file, quoted)
		}
		pos := diag.PosOf([]byte(src), i)
		at := fmt.Sprintf("%s:%d:%d: ", f.file, pos.Line, pos.Col)
		if got := errorsAt(base, at); len(got) != 0 {
			t.Fatalf("%s with %s: %q", f.file, quoted, got)
		}
		for _, bad := range []struct{ value, want string }{
			{`"\u200b"`, "has no visible characters (only U+200B)"},
			{`"\u2060 \u200b"`, "has no visible characters (only U+2060 U+0020 U+200B)"},
			{`"\u0301"`, "has no visible characters (only U+0301)"},
			{`"\u00a0"`, "is empty"},
			{`"Safe\u0000"`, "contains the invisible control character U+0000: remove it"},
			{`"Safe\u009b"`, "contains the invisible control character U+009B: remove it"},
		} {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			files[f.file] = src[:i] + bad.value + src[i+len(quoted):]
			got := errorsAt(files, at)
			if len(got) != 1 || !strings.Contains(got[0], bad.want) {
				t.Errorf("%s: %s as %s: errors there %q, want one saying %q", f.file, quoted, bad.value, got, bad.want)
			}
		}
	}
}

// TestControlCharactersAtTheirColumn: a NUL byte or another control
// character in any file read as text is an error at its own line and
// column, counted in characters (a tab, an "é" and a "€" are one column
// each), in Markdown bodies, front matter, pathway, cases and approvals
// TOML, site.toml, stylesheets and layouts. Before, the TOML decoder's
// column was one short and a NUL in a Markdown body was published as U+FFFD.
func TestControlCharactersAtTheirColumn(t *testing.T) {
	pw := "title = \"P\"\nstart = \"q\"\n\n[[question]]\nid = \"q\"\ntext = \"Q\"\n\n  [[question.answer]]\n  label = \"A\"\n  outcome = \"e\"\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"NUL in front matter", map[string]string{"content/a.md": "+++\ntitle = \"A\x00B\"\n+++\nx\n"}, "content/a.md:2:11: the file contains the invisible control character U+0000 (a NUL byte) here: remove it"},
		{"NUL after a tab and multibyte text", map[string]string{"content/a.md": "+++\ntitle = \"é\t€\x00\"\n+++\nx\n"}, "content/a.md:2:13: the file contains the invisible control character U+0000 (a NUL byte) here"},
		{"NUL in a Markdown body", map[string]string{"content/a.md": "+++\ntitle = \"A\"\n+++\nhel\x00lo\n"}, "content/a.md:4:4: the file contains the invisible control character U+0000 (a NUL byte) here"},
		{"escape in a Markdown body", map[string]string{"content/a.md": "+++\ntitle = \"A\"\n+++\n\t«x»\x1b[31m\n"}, "content/a.md:4:5: the file contains the invisible control character U+001B here"},
		{"C1 control in a body", map[string]string{"content/a.md": "+++\ntitle = \"A\"\n+++\nab\u0085\n"}, "content/a.md:4:3: the file contains the invisible control character U+0085 here"},
		{"NUL in site.toml", map[string]string{"site.toml": "title = \"T\"\nbase_url = \"https://example.org/\" \x00\n"}, "site.toml:2:35: the file contains the invisible control character U+0000 (a NUL byte) here"},
		{"DEL in a pathway", map[string]string{"content/outcomes/e.md": "+++\ntitle = \"E\"\nurgency = \"routine\"\n+++\n", "pathways/p.toml": strings.Replace(pw, `"Q"`, "\"Qé\x7f\"", 1)}, "pathways/p.toml:6:11: the file contains the invisible control character U+007F here"},
		{"NUL in cases", map[string]string{"content/outcomes/e.md": "+++\ntitle = \"E\"\nurgency = \"routine\"\n+++\n", "pathways/p.toml": pw, "pathways/p.cases.toml": "[[case]]\nname = \"\x00\"\n"}, "pathways/p.cases.toml:2:9: the file contains the invisible control character U+0000 (a NUL byte) here"},
		{"NUL in approvals", map[string]string{"content/outcomes/e.md": "+++\ntitle = \"E\"\nurgency = \"routine\"\n+++\n", "pathways/p.toml": pw, "approvals/p.toml": "[[approval]]\nby = \"\tA\x00\"\n"}, "approvals/p.toml:2:9: the file contains the invisible control character U+0000 (a NUL byte) here"},
		{"NUL in a stylesheet", map[string]string{"assets/site.css": "body{\n\tcolor:€\x00}\n"}, "assets/site.css:2:9: the stylesheet contains the invisible control character U+0000 here"},
		{"NUL in a layout", map[string]string{"layouts/page.html": "{{define \"main\"}}\n\t<p>é\x00</p>{{end}}\n"}, "layouts/page.html:2:6: the file contains the invisible control character U+0000 (a NUL byte) here"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := check(sitetest.MapFS(baseSite, tt.files))
			if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, tt.want) }) {
				t.Errorf("diagnostics:\n%s\nwant one starting %q", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
