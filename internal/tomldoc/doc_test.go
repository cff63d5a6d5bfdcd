package tomldoc

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
)

const pathwaySrc = `title = "Crisis"   # a comment
start = "danger"
tags = ["a",
  "b", 3]

[review]
owner = "Lead"
reviewed = 2026-10-01

[[question]]
id = "danger"
text = """Are you
in danger?"""

  [[question.answer]]
  label = "Yes"
  outcome = "call-999"

  [[question.answer]]
  labl = "No"
  next = "harm"

[[question]]
id = "harm"
answer = [{ label = "Yes", outcome = 5 }, { label = "No" }]
`

func TestPositions(t *testing.T) {
	var l diag.List
	root := Parse("p.toml", "the pathway file", []byte(pathwaySrc), 1, diag.Pos{Line: 1}, &l)
	if root == nil {
		t.Fatalf("parse failed: %v", l.Err())
	}
	qs := root.Tables("question", true)
	if len(qs) != 2 {
		t.Fatalf("got %d questions", len(qs))
	}
	a0 := qs[0].Tables("answer", true)
	a1 := qs[1].Tables("answer", true)
	tests := []struct {
		name string
		got  diag.Pos
		want diag.Pos
	}{
		{"start key", root.KeyPos("start"), diag.Pos{Line: 2, Col: 1}},
		{"start value", root.ValuePos("start"), diag.Pos{Line: 2, Col: 9}},
		{"tags[1]", root.ElemPos("tags", 1), diag.Pos{Line: 4, Col: 3}},
		{"review table", root.Table("review").Pos(), diag.Pos{Line: 6, Col: 1}},
		{"second question header", qs[1].Pos(), diag.Pos{Line: 23, Col: 1}},
		{"question 1 text", qs[0].KeyPos("text"), diag.Pos{Line: 12, Col: 1}},
		{"answer 2 of q1", a0[1].Pos(), diag.Pos{Line: 19, Col: 3}},
		{"answer 2 next value", a0[1].ValuePos("next"), diag.Pos{Line: 21, Col: 10}},
		{"inline answer 2", a1[1].Pos(), diag.Pos{Line: 25, Col: 43}},
		{"inline outcome value", a1[0].ValuePos("outcome"), diag.Pos{Line: 25, Col: 38}},
		{"missing key falls back to table", a1[1].KeyPos("next"), diag.Pos{Line: 25, Col: 43}},
		{"missing top-level key falls back to fence", root.KeyPos("nope"), diag.Pos{Line: 1}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d:%d, want %d:%d", tt.name, tt.got.Line, tt.got.Col, tt.want.Line, tt.want.Col)
		}
	}
}

func TestStrictReading(t *testing.T) {
	var l diag.List
	root := Parse("p.toml", "the pathway file", []byte(pathwaySrc), 1, diag.Pos{Line: 1}, &l)
	root.String("title", true)
	root.String("start", true)
	root.String("summary", true) // missing
	root.Strings("tags")         // element 3 is a number
	rv := root.Table("review")
	rv.String("owner", false)
	rv.Date("reviewed")
	rv.Check()
	for _, q := range root.Tables("question", true) {
		q.String("id", true)
		q.String("text", true)
		for _, a := range q.Tables("answer", true) {
			a.String("label", true)
			a.String("next", false)
			a.String("outcome", false)
			a.Check()
		}
		q.Check()
	}
	root.Check()
	var got []string
	for _, d := range l.Sorted() {
		got = append(got, d.String())
	}
	want := []string{
		`p.toml:1: the pathway file is missing the required key "summary": add summary = ...`,
		`p.toml:4:8: element 3 of "tags" must be a string in quotes, not a number`,
		`p.toml:19:3: [[question.answer]] is missing the required key "label": add label = ...`,
		`p.toml:20:3: unknown key "labl" in [[question.answer]]: did you mean "label"?`,
		`p.toml:23:1: [[question]] is missing the required key "text": add text = ...`,
		`p.toml:25:38: "outcome" must be a string in quotes, not a number`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSyntaxErrorIsPositioned(t *testing.T) {
	var l diag.List
	src := "title = \"x\"\nstart = \n"
	if Parse("f.md", "front matter", []byte(src), 2, diag.Pos{Line: 1}, &l) != nil {
		t.Fatal("want nil table on syntax error")
	}
	errs := l.Errors()
	if len(errs) != 1 || errs[0].Line != 3 || !strings.Contains(errs[0].Message, "start has no value") {
		t.Fatalf("got %v", errs)
	}
}

func TestDateRejectsStrings(t *testing.T) {
	var l diag.List
	root := Parse("f.toml", "x", []byte("reviewed = \"2026-10-01\"\n"), 1, diag.Pos{Line: 1}, &l)
	if _, ok := root.Date("reviewed"); ok || !l.HasErrors() {
		t.Fatalf("a quoted date must be an error: %v", l.Sorted())
	}
}

func FuzzIndex(f *testing.F) {
	f.Add([]byte(pathwaySrc))
	f.Add([]byte(`a = """x""""` + "\n" + `b = '''y'''`))
	f.Add([]byte("[[a.b]]\n[a.b.c]\nx=1\n[[a.b]]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		buildIndex(src, 1) // must terminate without panicking on any input
	})
}

func TestSyntaxErrorColumnCountsCharacters(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want diag.Pos
	}{
		// BurntSushi points at the gap before the stray x: the same
		// character column whatever the width of the characters before it.
		{"title = \"eee\" x\n", diag.Pos{Line: 1, Col: 14}},
		{"title = \"日本\" x\n", diag.Pos{Line: 1, Col: 13}},
	} {
		var l diag.List
		Parse("f.toml", "x", []byte(tt.src), 1, diag.Pos{Line: 1}, &l)
		errs := l.Errors()
		if len(errs) != 1 || (diag.Pos{Line: errs[0].Line, Col: errs[0].Col}) != tt.want {
			t.Errorf("%q: got %v, want %d:%d", tt.src, errs, tt.want.Line, tt.want.Col)
		}
	}
}

func TestNestedArrayMessages(t *testing.T) {
	var l diag.List
	root := Parse("p.toml", "the file", []byte("[[question]]\nanswer = \"Yes\"\n"), 1, diag.Pos{Line: 1}, &l)
	root.Tables("question", true)[0].Tables("answer", true)
	root.Tables("missing", true)
	var got []string
	for _, d := range l.Sorted() {
		got = append(got, d.String())
	}
	want := []string{
		`p.toml:1: the file needs at least one [[missing]] table: add one`,
		`p.toml:2:10: "answer" must be an array of tables, written [[question.answer]], not a string`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDeepNestingIsRefusedCheaply: nesting past MaxDepth is an error at the
// bracket that goes too deep, found before the decoder runs (the decoder
// took 9 s and 2.8 GB on 8,000 nested inline tables); brackets in strings
// and comments do not count.
func TestDeepNestingIsRefusedCheaply(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string // want: "" for no depth error
	}{
		{"at the limit", "a = " + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + "\n", ""},
		{"arrays over", "x = 1\na = " + strings.Repeat("[", 100000) + "\n", "f.toml:2:37: values are nested more than 32 levels deep"},
		{"inline tables over", "a = " + strings.Repeat("{b = ", 8000) + "1" + strings.Repeat("}", 8000) + "\n", "f.toml:1:" + fmt.Sprint(5+5*MaxDepth) + ": values are nested"},
		{"in a string", "a = \"" + strings.Repeat("[", 1000) + "\"\n", ""},
		{"in a literal string", "a = '" + strings.Repeat("{", 1000) + "'\n", ""},
		{"in a multi-line string", "a = \"\"\"\n" + strings.Repeat("[", 1000) + "\n\"\"\"\n", ""},
		{"after an escaped quote", "a = \"\\\"" + strings.Repeat("[", 1000) + "\"\n", ""},
		{"in a comment", "# " + strings.Repeat("[", 1000) + "\na = 1\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			start := time.Now()
			Parse("f.toml", "the file", []byte(tt.src), 1, diag.Pos{Line: 1}, &d)
			took := time.Since(start)
			got := ""
			for _, x := range d.Sorted() {
				if strings.Contains(x.Message, "nested more than") {
					got = x.String()
				}
			}
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.want != "" && took > time.Second {
				t.Errorf("took %s to refuse; the check must run before the decoder", took)
			}
		})
	}
}
