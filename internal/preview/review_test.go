package preview

import (
	"bytes"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/approval"
	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/reviewpack"
	"github.com/signpost-dev/signpost/internal/snapshot"
)

// TestReviewPack: the preview serves the review pack of each pathway, the
// document `signpost review` writes (from the same model: cases, coverage
// and the changes since the last approval), with the live script added;
// an edit changes it; while the site has errors (here a case that an
// outcome made less urgent now fails) it lists them instead.
func TestReviewPack(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	writeFile(t, dir, "pathways/crisis.cases.toml", `[[case]]
name = "In danger"
answers = ["Yes"]
outcome = "call-999"

[[case]]
name = "Not in danger, wants to talk: never less than soon"
answers = ["No", "Yes"]
at_least = "soon"

[[case]]
name = "Not now"
answers = ["No", "Not now"]
outcome = "talk"
`)
	// Approve the pathway as it is, as signpost approve does.
	m, diags := build.Load(os.DirFS(dir), build.Options{Preview: true})
	if m == nil || diags.HasErrors() {
		t.Fatalf("the site does not load: %v", diags.Err())
	}
	if _, err := approval.Append(dir, snapshot.Take(m.Pathways[0], m.Content), approval.Record{By: "Dr Test", Role: "Clinical lead", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, dir)
	const packPath = "/_signpost/pathways/crisis/review/"
	getPack := func(t *testing.T) (int, http.Header, string) {
		t.Helper()
		resp, err := http.Get(strings.TrimSuffix(srv.URL(), "/") + packPath)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.StatusCode, resp.Header, b.String()
	}

	if _, page := srv.get(t, "/_signpost/pathways/crisis/"); !strings.Contains(page, `href="`+packPath+`"`) {
		t.Error("the map page does not link the review pack")
	}
	if _, index := srv.get(t, "/_signpost/"); !strings.Contains(index, `href="`+packPath+`"`) {
		t.Error("the list of maps does not link the review pack")
	}
	code, h, pack := getPack(t)
	if code != 200 || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET %s = %d %s", packPath, code, h.Get("Content-Type"))
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'self' "+reviewpack.StyleSource) || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("the pack's policy does not allow its style sheet by hash: %q", csp)
	}
	for _, want := range []string{`<script src="/_signpost/live.js" data-own></script>`, "Is anyone in danger now?", "this content was approved by Dr Test (Clinical lead)", "3 cases passed, 0 failed."} {
		if !strings.Contains(pack, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
	// The same document as signpost review's, but for the script and the
	// time it was made.
	generated := regexp.MustCompile(`<dt>Generated</dt><dd>[^<]*</dd>`)
	command := func() string {
		m, diags := build.Load(os.DirFS(dir), build.Options{Preview: true})
		if m == nil || diags.HasErrors() {
			t.Fatalf("the site does not load: %v", diags.Err())
		}
		approvals := approval.Load(os.DirFS(dir), map[string]bool{"crisis": true}, &diag.List{})
		var b bytes.Buffer
		if err := reviewpack.Write(&b, reviewpack.FromModel(m, m.Pathways[0], approvals["crisis"], "", time.Now())); err != nil {
			t.Fatal(err)
		}
		return generated.ReplaceAllString(b.String(), "")
	}
	served := func(pack string) string {
		return generated.ReplaceAllString(strings.Replace(pack, "\n<script src=\"/_signpost/live.js\" data-own></script>", "", 1), "")
	}
	if served(pack) != command() {
		t.Error("the preview's pack differs from signpost review's beyond the script and the time")
	}

	_, ch := srv.events(t)
	waitFor := func(name string) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
			if ev := next(t, ch); ev.Name == name {
				return
			}
		}
		t.Fatalf("no %s event", name)
	}
	writeFile(t, dir, "pathways/crisis.toml", strings.Replace(readFile(t, dir, "pathways/crisis.toml"), "Is anyone in danger now?", "Is anyone in danger right now?", 1))
	waitFor("reload")
	_, _, pack = getPack(t)
	for _, want := range []string{"Is anyone in danger right now?", "changed since the last approval", "Is anyone in danger now?"} {
		if !strings.Contains(pack, want) {
			t.Errorf("after the edit, the pack lacks %q", want)
		}
	}
	if served(pack) != command() {
		t.Error("after the edit, the preview's pack differs from signpost review's")
	}

	talk := readFile(t, dir, "content/outcomes/talk.md")
	writeFile(t, dir, "content/outcomes/talk.md", strings.Replace(talk, `urgency = "soon"`, `urgency = "routine"`, 1))
	waitFor("errors")
	code, _, pack = getPack(t)
	if code != http.StatusServiceUnavailable || !strings.Contains(pack, `case &#34;Not in danger, wants to talk: never less than soon&#34; expects at least soon but reaches &#34;talk&#34; (routine)`) ||
		!strings.Contains(pack, `<script src="/_signpost/live.js"></script>`) || strings.Contains(pack, "Sign-off") {
		t.Errorf("with a failing case: %d, %.600s", code, pack)
	}
	writeFile(t, dir, "content/outcomes/talk.md", talk)
	waitFor("reload")
	if code, _, pack = getPack(t); code != 200 || !strings.Contains(pack, "3 cases passed, 0 failed.") {
		t.Errorf("after the fix: %d, %.300s", code, pack)
	}

	for _, p := range []string{"/_signpost/pathways/nope/review/", "/_signpost/pathways/crisis/review/x"} {
		if code, _ := srv.get(t, p); code != 404 {
			t.Errorf("GET %s = %d, want 404", p, code)
		}
	}
	if resp, err := http.Get(strings.TrimSuffix(srv.URL(), "/") + "/_signpost/pathways/crisis/review"); err != nil || resp.Request.URL.Path != packPath {
		t.Errorf("review without its slash is not redirected to the pack: %v", err)
	}
}
