package render

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
)

// pathwayFixture loads testdata/pathway.txtar: a renderer, the content and
// its one pathway.
func pathwayFixture(t *testing.T) (*Renderer, *content.Set, *pathway.Pathway) {
	t.Helper()
	r, fsys, set := fixture(t, "testdata/pathway.txtar")
	diags := &diag.List{}
	p := pathway.Load("pathways/crisis.toml", fsys["pathways/crisis.toml"].Data,
		func(id string) bool { _, ok := set.Outcomes[id]; return ok }, diags)
	if diags.HasErrors() || p == nil {
		t.Fatalf("the fixture's pathway does not load:\n%v", diags.Err())
	}
	return r, set, p
}

func TestNewPathwayView(t *testing.T) {
	r, set, p := pathwayFixture(t)
	diags := &diag.List{}
	v := r.NewPathwayView(p, set, diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if v.Start != "q1" {
		t.Errorf("Start = %q, want q1", v.Start)
	}
	type question struct {
		anchor, text string
		start, hint  bool
		hrefs        []string
	}
	// Breadth first from the start, answers in file order: the shared
	// question (quokka-coping) is q3, reached from q2 before q4 reaches it.
	want := []question{
		{"q1", "Is anyone in danger right now?", true, true, []string{"#o1", "#q2"}},
		{"q2", "Who needs help?", false, false, []string{"#q3", "#q4"}},
		{"q3", "How are you coping?", false, false, []string{"#o2", "#o3"}},
		{"q4", "Are you with them now?", false, true, []string{"#q3", "#o2"}},
	}
	var got []question
	for _, q := range v.Questions {
		var hrefs []string
		for _, a := range q.Answers {
			hrefs = append(hrefs, a.Href)
		}
		got = append(got, question{q.Anchor, q.Text, q.Start, q.Hint != "", hrefs})
	}
	if len(got) != len(want) {
		t.Fatalf("got %d questions, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].anchor != want[i].anchor || got[i].text != want[i].text || got[i].start != want[i].start ||
			got[i].hint != want[i].hint || !slices.Equal(got[i].hrefs, want[i].hrefs) {
			t.Errorf("question %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// Outcomes in the order a breadth-first walk first reaches them.
	var outcomes []string
	for _, o := range v.Outcomes {
		outcomes = append(outcomes, o.Anchor+"="+o.ID)
	}
	if w := []string{"o1=ring-999", "o2=helpline", "o3=self-care"}; !slices.Equal(outcomes, w) {
		t.Errorf("outcomes = %v, want %v", outcomes, w)
	}
	if h := string(v.Questions[0].Hint); !strings.Contains(h, "<strong>badly hurt</strong>") {
		t.Errorf("hint Markdown not rendered: %q", h)
	}
}

// TestPathwayPage checks the rendered page against the issue's
// requirements that do not need a browser; test/browser/pathway.test.mjs
// checks the rest.
func TestPathwayPage(t *testing.T) {
	r, set, p := pathwayFixture(t)
	diags := &diag.List{}
	page, err := htmlOf(r.PathwayPage(p, set, &Common{}, diags))
	if err != nil || diags.HasErrors() {
		t.Fatalf("PathwayPage: %v %v", err, diags.Err())
	}
	html := string(page)
	attr := func(name, value string) string { return name + `="?` + regexp.QuoteMeta(value) + `"?[ >]` }
	has := func(what, pattern string) {
		t.Helper()
		if !regexp.MustCompile(pattern).MatchString(html) {
			t.Errorf("%s: no match for %s", what, pattern)
		}
	}
	hasNot := func(what, pattern string) {
		t.Helper()
		if m := regexp.MustCompile(pattern).FindString(html); m != "" {
			t.Errorf("%s: found %q", what, m)
		}
	}

	for _, step := range []string{"q1", "q2", "q3", "q4", "o1", "o2", "o3"} {
		has("step "+step, `<section class="?step[^>]*`+attr("id", step))
		has("focusable heading of "+step, `<h2 `+attr("id", step+"-h")+`tabindex=-?1`)
	}
	has("start step", `<section class="step start" `+attr("id", "q1"))
	// Hints are associated with their answers; questions without a hint
	// point at nothing.
	has("hint of q1", `<p class=hint `+attr("id", "q1-hint"))
	has("q1 answers described by hint", `<ul class=answers `+attr("aria-labelledby", "q1-h")+`aria-describedby=q1-hint>`)
	has("q2 answers named by heading", `<ul class=answers `+`aria-labelledby=q2-h>`)
	hasNot("hint reference without a hint", `aria-describedby="?q[23]-hint`)

	// Privacy: every in-page link is a neutral fragment, and no question id
	// appears anywhere in the page.
	markup := regexp.MustCompile(`(?s)<script>.*?</script>`).ReplaceAllString(html, "")
	for _, m := range regexp.MustCompile(`href="?#([^" >]*)`).FindAllStringSubmatch(markup, -1) {
		if !regexp.MustCompile(`^([qo][0-9]+|main)$`).MatchString(m[1]) {
			t.Errorf("fragment #%s is not neutral", m[1])
		}
	}
	for _, id := range []string{"zebra", "yak", "okapi", "quokka"} {
		if strings.Contains(html, id) {
			t.Errorf("question id %q leaks into the page", id)
		}
	}

	// The icon is inline: Chromium fetches a page's icon again on every
	// fragment change, and answering must not make a request.
	has("icon as a data: URL", `<link rel=icon href="?data:image/svg\+xml[,;]`)
	hasNot("icon by URL", `/assets/icon\.`)

	// The emergency banner comes before the first question.
	if b, q := strings.Index(html, "class=emergency"), strings.Index(html, "id=q1"); b < 0 || q < 0 || b > q {
		t.Errorf("emergency banner at %d, first question at %d: the banner must come first", b, q)
	}

	// The script's controls are hidden until it runs; the live region is
	// there from the start, so screen readers track it.
	has("Back is a real button, hidden without JS", `<button type=button class=pw-back id=pw-back hidden>Back</button>`)
	has("summary hidden without JS", `<details class=pw-sum id=pw-sum hidden><summary>Change your answers</summary>`)
	has("start again goes to the start", `<p id=pw-again hidden><a href=#q1>Start again</a>`)
	has("one polite live region", `<div class=visually-hidden role=status id=pw-say></div>`)
	if n := strings.Count(html, "role=status") + strings.Count(html, "aria-live=polite"); n != 1 {
		t.Errorf("%d polite live regions, want 1", n)
	}

	// pathway.js is inlined and allowed by the CSP, by hash.
	js, ok := r.assets.Script("pathway")
	if !ok {
		t.Fatal("no built-in pathway script")
	}
	if !strings.Contains(html, "<script>"+js.Code+"</script>") {
		t.Error("pathway.js is not inlined")
	}
	if !strings.Contains(html, "'"+js.Hash+"'") {
		t.Error("the CSP does not allow pathway.js by its hash")
	}
	if strings.Contains(html, "unsafe-inline") {
		t.Error("the CSP allows unsafe-inline")
	}
}
