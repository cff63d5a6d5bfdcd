package approval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/diff"
	"github.com/signpost-dev/signpost/internal/snapshot"
)

func snap(text string) *snapshot.Pathway {
	return &snapshot.Pathway{ID: "p", Title: "P", Start: "a", Questions: []snapshot.Question{
		{ID: "a", Text: text, Answers: []snapshot.Answer{{Label: "Yes", Outcome: "o"}}},
	}, Outcomes: []snapshot.Outcome{{ID: "o", Title: "O", Urgency: "urgent", Body: "Go."}}}
}

func record(hash string) string {
	return "[[approval]]\nby = \"Dr A\"\nrole = \"CSO\"\ndate = 2026-12-01\nhash = \"" + hash + "\"\n"
}

func load(files map[string]string) (map[string]*Pathway, []string) {
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	var d diag.List
	out := Load(fsys, map[string]bool{"p": true}, &d)
	var lines []string
	for _, x := range d.Sorted() {
		lines = append(lines, x.String())
	}
	return out, lines
}

// TestLoadRules: every rule of the approvals files, with a failing input.
func TestLoadRules(t *testing.T) {
	s := snap("A?")
	good := map[string]string{"approvals/p.toml": record(s.Hash()), "approvals/p.json": string(s.JSON())}
	if out, lines := load(good); len(lines) != 0 || out["p"] == nil || out["p"].Last().By != "Dr A" {
		t.Fatalf("a good pair: %v %v", out, lines)
	}
	other := snap("B?")
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no pathway", map[string]string{"approvals/q.toml": record(s.Hash())}, `approvals/q.toml:1: no pathway "q" for this approval`},
		{"stray file", map[string]string{"approvals/notes.txt": "x"}, "approvals/notes.txt: approvals/ holds only <pathway>.toml and <pathway>.json"},
		{"json alone", map[string]string{"approvals/p.json": string(s.JSON())}, "approvals/p.json: approvals/p.json has no approvals/p.toml beside it"},
		{"toml alone", map[string]string{"approvals/p.toml": record(s.Hash())}, "approvals/p.toml:1: approvals/p.json is missing"},
		{"empty", map[string]string{"approvals/p.toml": "# nothing\n", "approvals/p.json": string(s.JSON())}, "approvals/p.toml:1: the file has no [[approval]]"},
		{"syntax", map[string]string{"approvals/p.toml": "[[approval]\n", "approvals/p.json": string(s.JSON())}, "approvals/p.toml:1:1: this table header is never closed"},
		{"unknown key", map[string]string{"approvals/p.toml": record(s.Hash()) + "note = \"x\"\n", "approvals/p.json": string(s.JSON())}, `approvals/p.toml:6:1: unknown key "note"`},
		{"blank by", map[string]string{"approvals/p.toml": strings.Replace(record(s.Hash()), `"Dr A"`, `" "`, 1), "approvals/p.json": string(s.JSON())}, `approvals/p.toml:2:6: "by" is empty`},
		{"missing role", map[string]string{"approvals/p.toml": strings.Replace(record(s.Hash()), "role = \"CSO\"\n", "", 1), "approvals/p.json": string(s.JSON())}, `missing the required key "role"`},
		{"date as string", map[string]string{"approvals/p.toml": strings.Replace(record(s.Hash()), "2026-12-01", `"1 Dec"`, 1), "approvals/p.json": string(s.JSON())}, `approvals/p.toml:4:8: "date" must be a date`},
		{"missing date", map[string]string{"approvals/p.toml": strings.Replace(record(s.Hash()), "date = 2026-12-01\n", "", 1), "approvals/p.json": string(s.JSON())}, `approvals/p.toml:1:1: [[approval]] is missing the required key "date"`},
		{"bad hash", map[string]string{"approvals/p.toml": record("abc"), "approvals/p.json": string(s.JSON())}, `approvals/p.toml:5:8: hash "abc" is not a content hash`},
		{"edited json", map[string]string{"approvals/p.toml": record(s.Hash()), "approvals/p.json": string(other.JSON())}, "approvals/p.json: the approved snapshot's hash"},
		{"broken json", map[string]string{"approvals/p.toml": record(s.Hash()), "approvals/p.json": "{"}, "approvals/p.json: cannot read the approved snapshot"},
	} {
		out, lines := load(tt.files)
		if !strings.Contains(strings.Join(lines, "\n"), tt.want) {
			t.Errorf("%s: got %q, want one containing %q", tt.name, lines, tt.want)
		}
		if out["p"] != nil {
			t.Errorf("%s: the broken approval was kept", tt.name)
		}
	}
}

// TestCheck: the same content is approved; a change is not, and the
// message names it.
func TestCheck(t *testing.T) {
	s := snap("A?")
	a := &Pathway{ID: "p", Records: []Record{{By: "Dr A", Role: "CSO", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Hash: s.Hash()}}, Approved: s}
	if st := Check(snap("A?"), a); !st.Approved {
		t.Error("identical content is not approved")
	}
	st := Check(snap("Are you safe?"), a)
	if st.Approved || len(st.Changes) != 1 || st.Changes[0].Kind != diff.Wording {
		t.Fatalf("changed content: %+v", st)
	}
	msg := st.Message("p")
	for _, want := range []string{`since Dr A (CSO) approved it on 2026-12-01`, `wording: question "a" text`, "signpost approve p --by NAME --role ROLE"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if st := Check(s, nil); st.Approved || !strings.Contains(st.Message("p"), "has no clinical approval") {
		t.Errorf("never approved: %+v", st)
	}
}

// TestAppend writes two approvals and reads them back as Load does.
func TestAppend(t *testing.T) {
	dir := t.TempDir()
	s := snap("A?")
	day := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	for _, by := range []string{`Dr "Q" Smith`, "Nurse B"} {
		if _, err := Append(dir, s, Record{By: by, Role: "Clinical safety officer", Date: day}); err != nil {
			t.Fatal(err)
		}
	}
	var d diag.List
	out := Load(os.DirFS(dir), map[string]bool{"p": true}, &d)
	if d.Len() != 0 || out["p"] == nil || len(out["p"].Records) != 2 || out["p"].Records[0].By != `Dr "Q" Smith` || out["p"].Last().Hash != s.Hash() {
		t.Fatalf("read back: %+v %v", out["p"], d.Err())
	}
	if _, err := Append(dir, s, Record{By: " ", Role: "x", Date: day}); err == nil {
		t.Error("a blank name was recorded")
	}
	if _, err := os.Stat(filepath.Join(dir, "approvals", "p.json")); err != nil {
		t.Error(err)
	}
}
