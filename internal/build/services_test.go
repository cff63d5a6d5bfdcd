package build

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/finder"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// An outcome that no pathway reaches is a warning, at line 1 of its file;
// outcomes a pathway reaches are not; the build still succeeds.
func TestWarnUnreached(t *testing.T) {
	outcome := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\nurgency = \"soon\"\n+++\nBody.\n")}
	}
	fsys := fstest.MapFS{
		"site.toml":                       {Data: []byte(baseSite["site.toml"])},
		"content/outcomes/reached.md":     outcome("Reached"),
		"content/outcomes/orphan.md":      outcome("Orphan"),
		"content/outcomes/also-orphan.md": outcome("Also orphan"),
		"pathways/p.toml": {Data: []byte(`title = "P"
start = "q"

[[question]]
id = "q"
text = "Q?"

  [[question.answer]]
  label = "Yes"
  outcome = "reached"

  [[question.answer]]
  label = "No"
  outcome = "reached"
`)},
	}
	got := check(fsys)
	want := []string{
		`content/outcomes/also-orphan.md:1: warning: no pathway reaches outcome "also-orphan": link it from a pathway answer (outcome = "also-orphan") or remove it`,
		`content/outcomes/orphan.md:1: warning: no pathway reaches outcome "orphan": link it from a pathway answer (outcome = "orphan") or remove it`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Warnings do not stop the build.
	files := buildMem(t, fsys, Options{})
	if _, ok := files["outcomes/orphan/index.html"]; !ok {
		t.Error("an unreached outcome is not built")
	}
	// With no pathways at all, every outcome is unreached.
	delete(fsys, "pathways/p.toml")
	if got := check(fsys); len(got) != 3 {
		t.Errorf("no pathways: %d diagnostics, want 3:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// The default site's build has the finder's data and a page per postcode
// area, all of them build outputs (so the service worker precaches them).
func TestServiceOutputs(t *testing.T) {
	files := buildMem(t, os.DirFS("../.."), Options{})
	raw, ok := files[site.FinderFile]
	if !ok {
		t.Fatalf("no %s", site.FinderFile)
	}
	var data finder.Data
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	if data.V != finder.Version || len(data.Areas["LS"]) == 0 || len(data.Areas["LS6"]) == 0 || len(data.National) == 0 {
		t.Errorf("finder data: %+v", data)
	}
	for _, p := range []string{"services/index.html", "services/areas/index.html", "services/areas/ls/index.html", "services/areas/m/index.html", "services/areas/wc/index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("no %s", p)
		}
	}
	ls := string(files["services/areas/ls/index.html"])
	for _, want := range []string{"Example Leeds crisis line", "Example North West Leeds", "tel:01134960606", "Monday to Friday, 5pm to 2am"} {
		if !strings.Contains(ls, want) {
			t.Errorf("/services/areas/ls/ lacks %q", want)
		}
	}
	if strings.Contains(ls, "Manchester") {
		t.Error("/services/areas/ls/ lists a Manchester service")
	}
}

// A directory of 1,000 generated local services: the finder's data and
// the largest area page, measured as the build's budgets count (gzip).
func TestGeneratedServices(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,000 services")
	}
	fsys := fstest.MapFS{}
	for name, data := range sitegen.Files(sitegen.Options{Services: 1000}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	files := buildMem(t, fsys, Options{})
	data := files[site.FinderFile]
	t.Logf("%s: %d bytes, %d bytes gzip", site.FinderFile, len(data), assets.GzipSize(data))
	largest, largestPath, pages := 0, "", 0
	for p, b := range files {
		if strings.HasPrefix(p, "services/areas/") && strings.HasSuffix(p, ".html") {
			pages++
			if n := assets.GzipSize(b); n > largest {
				largest, largestPath = n, p
			}
		}
	}
	idx := assets.GzipSize(files["services/index.html"])
	t.Logf("%d area pages; largest %s, %d bytes gzip; services/index.html %d bytes gzip", pages, largestPath, largest, idx)
	if pages < 10 {
		t.Errorf("only %d area pages", pages)
	}
	if budget := 14 << 10; largest > budget || idx > budget {
		t.Errorf("an area page or the services index is over the %d-byte page budget", budget)
	}
}
