package reviewpack_test

import (
	"bytes"
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/reviewpack"
)

// TestDefaultSitePack makes the default pathway's pack and checks that it
// holds what a reviewer must see: every question's hint, every outcome's
// advice and services with hours, the routes, the cases and the sign-off.
func TestDefaultSitePack(t *testing.T) {
	m, diags := build.Load(os.DirFS("../.."), build.Options{Preview: true})
	if m == nil || diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	p := m.Pathways[0]
	r := m.Cases[p.ID]
	var b bytes.Buffer
	err := reviewpack.Write(&b, reviewpack.Input{
		SiteTitle: m.Config.Title, Language: "en-GB", Pathway: p, Content: m.Content,
		Markdown: func(f string, body []byte, line int) template.HTML {
			return m.Renderer.Markdown(f, body, line, &diag.List{})
		},
		Commit: "abc123", Generated: time.Date(2026, 12, 3, 9, 0, 0, 0, m.Config.Location),
		Cases: r.Cases, Result: r.Result, Coverage: r.Coverage,
	})
	if err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		"git commit <code>abc123</code>", "sha256:", "3 December 2026, 09:00 GMT",
		"Hint: For example, someone is about to act on thoughts of ending their life",
		"Call 999 now", "Samaritans", "phone: 116 123; 24 hours a day, every day",
		"13 cases passed, 0 failed.", "25 of 25 answers are given by some case.",
		`danger &#34;No&#34; -&gt; harmed &#34;Yes, but they feel OK at the moment&#34;`,
		"never approved", "Signature", "signpost approve mental-health-crisis --by NAME --role ROLE",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "<h2 id=") {
		t.Error("the pack has a script, or advice headings not nested under their outcome")
	}
}
