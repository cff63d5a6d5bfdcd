package diff_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diff"
	"github.com/signpost-dev/signpost/internal/snapshot"
)

var update = flag.Bool("update", false, "rewrite the want.* sections of testdata/*.txtar")

// base is the small site every fixture starts from: its old/ files
// replace or add to these to make the old site, and its new/ files replace
// or add to the old site's to make the new one.
var base = map[string]string{
	"site.toml": "title = \"T\"\nbase_url = \"https://example.org/\"\n\n[emergency]\ntext = \"In an emergency, call 999.\"\nno_voice = [\"relay-uk\"]\n",
	// A way to 999 without a voice, which emergency and urgent outcomes need.
	"content/services/relay-uk.md": "+++\ntitle = \"Relay UK\"\nsummary = \"Reach 999 without a voice call.\"\n\n[[contact]]\nmode = \"relay\"\nvalue = \"18000\"\n\n[[contact]]\nmode = \"emergency-sms\"\nvalue = \"999\"\nregister = \"register\"\n+++\n",
	"pathways/p.toml": `title = "P"
start = "danger"

[[question]]
id = "danger"
text = "Are you in danger?"
hint = "For example, you are hurt."

  [[question.answer]]
  label = "Yes"
  outcome = "call-999"

  [[question.answer]]
  label = "No"
  next = "low"

[[question]]
id = "low"
text = "How low do you feel?"

  [[question.answer]]
  label = "Very low"
  outcome = "helpline"

  [[question.answer]]
  label = "A bit low"
  outcome = "self-care"
`,
	"content/outcomes/call-999.md":  "+++\ntitle = \"Call 999\"\nurgency = \"emergency\"\ncall = \"999\"\n+++\nCall 999 now.\n",
	"content/outcomes/helpline.md":  "+++\ntitle = \"Call a helpline\"\nurgency = \"urgent\"\nsignposts = [\"line\"]\n+++\nCall today.\n",
	"content/outcomes/self-care.md": "+++\ntitle = \"Look after yourself\"\nurgency = \"self-care\"\n+++\nRest.\n",
	"content/outcomes/see-gp.md":    "+++\ntitle = \"See your GP\"\nurgency = \"routine\"\n+++\nBook.\n",
	"content/services/line.md": `+++
title = "Line"
summary = "A helpline."
audience = "Adults"

[[contact]]
mode = "phone"
value = "0800 123 456"
hours = "24/7"
+++
Free.
`,
}

func snapshots(t *testing.T, files map[string]string) map[string]*snapshot.Pathway {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	m, diags := build.Load(fsys, build.Options{Preview: true})
	if m == nil || diags.HasErrors() {
		t.Fatalf("the fixture site has errors: %v", diags.Err())
	}
	return m.Snapshots()
}

// TestGolden compares two sites per fixture and checks the text, CSV and
// Markdown against the fixture's want.txt, want.csv and want.md.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			old, new := map[string]string{}, map[string]string{}
			for k, v := range base {
				old[k], new[k] = v, v
			}
			want := map[string]int{}
			for _, f := range a.Files {
				if name, ok := strings.CutPrefix(f.Name, "old/"); ok {
					old[name], new[name] = string(f.Data), string(f.Data)
				}
			}
			for i, f := range a.Files {
				if name, ok := strings.CutPrefix(f.Name, "new/"); ok {
					if strings.TrimSpace(string(f.Data)) == "(deleted)" {
						delete(new, name)
					} else {
						new[name] = string(f.Data)
					}
				}
				if strings.HasPrefix(f.Name, "want.") {
					want[f.Name] = i
				}
			}
			cs := diff.Sites(snapshots(t, old), snapshots(t, new))
			for _, w := range []struct {
				name  string
				write func(*bytes.Buffer) error
			}{
				{"want.txt", func(b *bytes.Buffer) error { return diff.Text(b, cs) }},
				{"want.csv", func(b *bytes.Buffer) error { return diff.CSV(b, cs) }},
				{"want.md", func(b *bytes.Buffer) error { return diff.Markdown(b, cs) }},
			} {
				var b bytes.Buffer
				if err := w.write(&b); err != nil {
					t.Fatal(err)
				}
				i, ok := want[w.name]
				if *update {
					if !ok {
						a.Files = append(a.Files, txtar.File{Name: w.name})
						i = len(a.Files) - 1
						want[w.name] = i
					}
					a.Files[i].Data = b.Bytes()
					continue
				}
				if !ok {
					t.Fatalf("no %s section (run go test -update)", w.name)
				}
				if got := b.String(); got != string(a.Files[i].Data) {
					t.Errorf("%s:\n%s\nwant:\n%s", w.name, got, a.Files[i].Data)
				}
			}
			if *update {
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestLessUrgentFirst: whatever else changed, a route made less urgent is
// the first change listed, and its pathway the first pathway.
func TestLessUrgentFirst(t *testing.T) {
	cs := []diff.Change{
		{Pathway: "a", Kind: diff.Wording, What: "x"},
		{Pathway: "b", Kind: diff.RouteAdded, What: "y"},
		{Pathway: "b", Kind: diff.LessUrgent, What: "route z"},
	}
	diff.Sort(cs)
	if cs[0].Kind != diff.LessUrgent || cs[1].Pathway != "b" || cs[2].Pathway != "a" {
		t.Errorf("order %+v", cs)
	}
}

// TestSameSiteNoChanges: a site compared with itself has no changes.
func TestSameSiteNoChanges(t *testing.T) {
	s := snapshots(t, base)
	if cs := diff.Sites(s, snapshots(t, base)); len(cs) != 0 {
		t.Errorf("changes between identical sites: %+v", cs)
	}
}
