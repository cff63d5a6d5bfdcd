// Package diag is the one positioned diagnostic type of signpost.
//
// Every stage of the pipeline (config, content, pathway, render, build)
// reports problems in content as a Diagnostic: a site-relative file, a line
// and column, and a message that says what is wrong and what to do. Stages
// collect diagnostics into a List rather than stopping at the first, so the
// author sees every mistake in one run; the build then fails once.
//
// The text form is the one editors and CI annotators read:
//
//	pathways/crisis.toml:12:9: answer "Yes" has both next and outcome; keep one
//	content/outcomes/a.md:3: warning: no pathway reaches this outcome
//
// A diagnostic may point to one other place as well (Related): for a name
// used twice, where it is used first. The text form keeps to one line (the
// message says "already used by the answer at line 53"); the preview's
// overlay shows both places with their source lines.
//
// The preview server shows the same diagnostics in its error overlay. This
// package owns the type, its formatting and ordering; it does not decide what
// is an error. Closest gives the "did you mean ...?" of messages.
package diag

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is printed but the build goes on.
	Warning
)

// Diagnostic is one problem found in a site's files.
type Diagnostic struct {
	File     string // site-relative, with forward slashes; empty for site-wide problems
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Message  string
	Related  Related // another place the problem is about; zero for none
}

// Related is another place a diagnostic is about, such as the first use of
// a name used twice.
type Related struct {
	File    string // site-relative; "" for none
	Line    int
	Col     int
	Message string // what is there: "the answer that has this label first"
}

// Has reports whether r names a place.
func (r Related) Has() bool { return r.File != "" }

// String formats the diagnostic as path:LINE:COL: message. The column (and
// the line) are omitted when unknown.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Col > 0 {
				fmt.Fprintf(&b, ":%d", d.Col)
			}
		}
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Pos is a line and column in a file, both 1-based; zero means unknown.
type Pos struct {
	Line, Col int
}

// List collects diagnostics. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Errorf adds an error at file:pos.
func (l *List) Errorf(file string, pos Pos, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: pos.Line, Col: pos.Col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// ErrorfRelated adds an error at file:pos that is also about the place rel.
func (l *List) ErrorfRelated(file string, pos Pos, rel Related, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: pos.Line, Col: pos.Col, Severity: Error, Message: fmt.Sprintf(format, args...), Related: rel})
}

// Warnf adds a warning at file:pos.
func (l *List) Warnf(file string, pos Pos, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: pos.Line, Col: pos.Col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add appends d.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// All returns the diagnostics in the order they were added (a copy).
func (l *List) All() []Diagnostic { return slices.Clone(l.items) }

// Len is the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Sorted returns the diagnostics ordered by file, line, column and message,
// with exact duplicates removed, so output is deterministic however the
// stages were scheduled.
func (l *List) Sorted() []Diagnostic {
	out := slices.Clone(l.items)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Related.File, b.Related.File),
			cmp.Compare(a.Related.Line, b.Related.Line),
			cmp.Compare(a.Related.Col, b.Related.Col),
			cmp.Compare(a.Related.Message, b.Related.Message),
		)
	})
	return slices.Compact(out)
}

// Errors returns only the errors, sorted.
func (l *List) Errors() []Diagnostic {
	return slices.DeleteFunc(l.Sorted(), func(d Diagnostic) bool { return d.Severity != Error })
}

// Err returns nil when the list holds no errors, and otherwise an error
// whose text is every error, one per line.
func (l *List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &Errors{List: errs}
}

// Errors is the error returned by List.Err.
type Errors struct {
	List []Diagnostic
}

func (e *Errors) Error() string {
	lines := make([]string, len(e.List))
	for i, d := range e.List {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// FirstInvalidUTF8 returns the position of the first byte of src that is not
// valid UTF-8, and false; or true when src is valid.
func FirstInvalidUTF8(src []byte) (Pos, bool) {
	if utf8.Valid(src) {
		return Pos{}, true
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return Pos{Line: line, Col: col}, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return Pos{Line: line, Col: col}, false
}

// PosOf is the position of byte offset off in src: its line, and its
// column counted in characters, as FirstInvalidUTF8 counts them.
func PosOf(src []byte, off int) Pos {
	off = min(max(off, 0), len(src))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return Pos{Line: line, Col: 1 + utf8.RuneCount(src[start:off])}
}

// CheckText reports, at its line and column, the first thing in src that
// is not text a person edits: a byte that is not UTF-8 ("save it as
// UTF-8"), or a control character other than tab, newline and carriage
// return (a NUL byte, an escape, DEL, a C1 control), which no editor shows
// and no parser after this one should see. Every file of the site that is
// read as text is checked with it before it is parsed, so a column is
// counted in characters on the line the author sees, tabs and multibyte
// characters each one. It returns false when it reported something.
func CheckText(file string, src []byte, diags *List) bool {
	if pos, ok := FirstInvalidUTF8(src); !ok {
		diags.Errorf(file, pos, "the file is not UTF-8 text: save it as UTF-8")
		return false
	}
	if i := indexControl(src); i >= 0 {
		r, _ := utf8.DecodeRune(src[i:])
		name := ""
		if r == 0 {
			name = " (a NUL byte)"
		}
		diags.Errorf(file, PosOf(src, i), "the file contains the invisible control character %U%s here: remove it", r, name)
		return false
	}
	return true
}

// indexControl is bytes.IndexFunc(src, IsControl) for valid UTF-8, with a
// byte loop first: every file of a site goes through it, and almost none
// holds a control character. In UTF-8 a C0 control or DEL is its own
// byte, and a C1 control is 0xC2 followed by 0x80-0x9F. The loop passes
// over eight bytes at a time when all are printable ASCII (0x20-0x7E), as
// most words of a Markdown file are, and looks at the bytes of the others.
func indexControl(src []byte) int {
	for i := 0; i < len(src); {
		if i+8 <= len(src) && printableASCII(binary.LittleEndian.Uint64(src[i:])) {
			i += 8
			continue
		}
		for end := min(i+8, len(src)); i < end; i++ {
			if b := src[i]; b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f || b == 0xc2 && i+1 < len(src) && src[i+1] <= 0x9f {
				return bytes.IndexFunc(src, IsControl)
			}
		}
	}
	return -1
}

// printableASCII reports whether each byte of w is from 0x20 to 0x7E: none
// has its high bit, none is below 0x20 (the subtraction borrows into the
// high bit of a byte only then) and none is 0x7F (a zero byte of w^0x7F...).
func printableASCII(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below20 := (w - 0x20*ones) &^ w & highs
	del := w ^ 0x7f*ones
	isDel := (del - ones) &^ del & highs
	return (w&highs)|below20|isDel == 0
}

// IsControl reports a control character that text may not hold: C0 but
// tab, newline and carriage return, DEL, and C1.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f
}
