package sitegen

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/content"
)

func TestTriageFiles(t *testing.T) {
	opt := Options{Pages: 4, Services: 2, Pathways: 3, Outcomes: 10, Seed: 7}
	files := collect(t, opt)
	want := 2 + 4 + 2 + 3 + 10 + NationalServices
	if len(files) != want {
		t.Errorf("%d files, want %d", len(files), want)
	}
	for _, name := range []string{PathwayPath(1), PathwayPath(3), OutcomePath(1), OutcomePath(10), NationalServicePath(NationalServices)} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	site := string(files["site.toml"])
	for _, w := range []string{"[emergency]", "[exit]", ExitURL} {
		if !strings.Contains(site, w) {
			t.Errorf("site.toml lacks %s:\n%s", w, site)
		}
	}
	// Every outcome is the end of some answer, and every urgency is used.
	var all strings.Builder
	for p := 1; p <= opt.Pathways; p++ {
		all.Write(files[PathwayPath(p)])
	}
	for o := 1; o <= opt.Outcomes; o++ {
		if !strings.Contains(all.String(), fmt.Sprintf("outcome = %q", outcomeID(o))) {
			t.Errorf("no answer ends in %s", outcomeID(o))
		}
	}
	for _, u := range content.Urgencies { // the model's, not triage.go's copy
		found := false
		for o := 1; o <= opt.Outcomes; o++ {
			found = found || bytes.Contains(files[OutcomePath(o)], []byte(fmt.Sprintf("urgency = %q", u)))
		}
		if !found {
			t.Errorf("no outcome has urgency %s", u)
		}
	}
	// Answers only point forward: no cycle.
	for p := 1; p <= opt.Pathways; p++ {
		var q int
		for _, line := range strings.Split(string(files[PathwayPath(p)]), "\n") {
			if _, err := fmt.Sscanf(line, "id = \"q%d\"", &q); err == nil {
				continue
			}
			var next int
			if _, err := fmt.Sscanf(strings.TrimSpace(line), "next = \"q%d\"", &next); err == nil && next <= q {
				t.Errorf("%s: q%d goes back to q%d", PathwayPath(p), q, next)
			}
		}
	}
}

func TestTriageLeavesOtherSitesAlone(t *testing.T) {
	plain := collect(t, Options{Pages: 5, Services: 3, Seed: 1})
	triage := collect(t, Options{Pages: 5, Services: 3, Seed: 1, Pathways: 2})
	if len(triage) <= len(plain) {
		t.Fatalf("%d files with pathways, %d without", len(triage), len(plain))
	}
	for name, data := range plain {
		if name != "site.toml" && !bytes.Equal(data, triage[name]) {
			t.Errorf("%s differs when pathways are added", name)
		}
	}
}

func TestTriageOptionErrors(t *testing.T) {
	for _, opt := range []Options{
		{Outcomes: 3},                  // outcomes no pathway reaches
		{Pathways: 1, Outcomes: 7},     // more than one pathway's answers reach
		{Pathways: 1, Hugo: true},      // the Hugo twin has no pathways
		{Pathways: -1},                 // negative
		{Pathways: 100, Outcomes: 100}, // too many
	} {
		if err := Generate(t.TempDir(), opt); err == nil {
			t.Errorf("%+v: accepted", opt)
		}
	}
}
