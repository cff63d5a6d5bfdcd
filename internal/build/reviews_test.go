package build

import (
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

var reviewSite = map[string]string{
	"site.toml": "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezone = \"Pacific/Auckland\"\n",
	"pathways/p.toml": "title = \"P\"\nstart = \"a\"\n[review]\nnext_review = 2026-12-03\n" +
		"[[question]]\nid = \"a\"\ntext = \"A?\"\n  [[question.answer]]\n  label = \"Yes\"\n  outcome = \"o\"\n  [[question.answer]]\n  label = \"No\"\n  outcome = \"o\"\n",
	"content/outcomes/o.md": "+++\ntitle = \"O\"\nurgency = \"soon\"\n\n[review]\nowner = \"Team\"\nreviewed = 2026-01-01\nnext_review = 2026-12-02\n+++\nGo.\n",
	"content/about.md":      "+++\ntitle = \"About\"\n+++\nHello.\n",
	"content/help.md":       "+++\ntitle = \"Help\"\n[review]\nnext_review = 2099-01-01\n+++\nHelp.\n",
}

func diagLines(t *testing.T, opts Options, files ...map[string]string) []string {
	t.Helper()
	m, diags := Load(sitetest.MapFS(files...), opts)
	if m == nil {
		t.Fatalf("no model: %v", diags.Err())
	}
	var out []string
	for _, d := range diags.Sorted() {
		out = append(out, d.String())
	}
	return out
}

// TestReviewDates: past next_review is a warning (an error with Release),
// judged in the site's timezone; a page with no review is warned about once
// the site keeps review dates, and refused by a release.
func TestReviewDates(t *testing.T) {
	// 2026-12-02 12:00 UTC is already 3 December in Auckland: the outcome
	// (due 2 December) is overdue there, the pathway (due 3 December) not.
	noon := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	got := diagLines(t, Options{Today: noon}, reviewSite)
	want := []string{
		`content/about.md:1: warning: this page has no review date: add [review] with owner, reviewed and next_review (a release needs every page reviewed)`,
		`content/outcomes/o.md:5:1: warning: outcome "o" was due for review on 2026-12-02 (today is 2026-12-03 in Pacific/Auckland): review it and update [review] reviewed and next_review`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = diagLines(t, Options{Today: noon, Release: true}, reviewSite)
	joined := strings.Join(got, "\n")
	for _, w := range []string{
		`content/about.md:1: this page has no review date`,
		`content/outcomes/o.md:5:1: outcome "o" was due for review on 2026-12-02`,
		`pathways/p.toml:1: pathway "p" has no clinical approval`,
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("release: no %q in:\n%s", w, joined)
		}
	}
	if strings.Contains(joined, "warning: ") {
		t.Errorf("release: warnings, not errors:\n%s", joined)
	}
	// A day earlier in Auckland nothing is overdue; a site without review
	// dates is not warned about them.
	if got := diagLines(t, Options{Today: noon.Add(-24 * time.Hour)}, reviewSite); len(got) != 1 {
		t.Errorf("the day before: %q, want only the missing review of about.md", got)
	}
	plain := map[string]string{"content/help.md": "+++\ntitle = \"Help\"\n+++\n", "content/outcomes/o.md": "+++\ntitle = \"O\"\nurgency = \"soon\"\n+++\nGo.\n", "pathways/p.toml": strings.Replace(reviewSite["pathways/p.toml"], "[review]\nnext_review = 2026-12-03\n", "", 1)}
	if got := diagLines(t, Options{Today: noon}, reviewSite, plain); len(got) != 0 {
		t.Errorf("a site without review dates: %q", got)
	}
}

// TestReviewRecordRules: the [review] table of a page is read strictly.
func TestReviewRecordRules(t *testing.T) {
	got := diagLines(t, Options{Preview: true}, reviewSite, map[string]string{
		"content/about.md":      "+++\ntitle = \"About\"\n[review]\nowner = \" \"\nreviewed = \"2026-01-01\"\nnext_review = 2025-01-01\nnext = 1\n+++\n",
		"content/services/s.md": "+++\ntitle = \"S\"\nsummary = \"S.\"\ncontacts_checked = \"yesterday\"\n[[contact]]\nmode = \"phone\"\nvalue = \"0800 123 456\"\n+++\n",
	})
	joined := strings.Join(got, "\n")
	for _, w := range []string{
		`content/about.md:4:9: "owner" is empty`,
		`content/about.md:5:12: "reviewed" must be a date`,
		`content/about.md:7:1: unknown key "next" in [review]`,
		`content/services/s.md:4:20: "contacts_checked" must be a date`,
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("no %q in:\n%s", w, joined)
		}
	}
}

// TestReviewShown: a page with [review] says when it was last reviewed and
// when its next review is due, as NHS.UK pages do.
func TestReviewShown(t *testing.T) {
	out := buildMem(t, sitetest.MapFS(reviewSite), Options{Preview: true})
	for file, want := range map[string]string{
		"outcomes/o/index.html": `<p class=reviewed>Page last reviewed: 1 January 2026<br>Next review due: 2 December 2026</p>`,
		"pathways/p/index.html": `<p class=reviewed>Next review due: 3 December 2026</p>`,
	} {
		if !strings.Contains(string(out[file]), want) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
	if strings.Contains(string(out["about/index.html"]), "class=reviewed") {
		t.Error("a page without [review] says it was reviewed")
	}
}
