// Package tomldoc decodes the TOML that content authors write (site.toml,
// pathway files, Markdown front matter) strictly and with positions.
//
// A document is parsed by BurntSushi/toml into plain maps, and a scanner
// records where every key, value, table header and array element starts.
// Callers then read each table through a Table, naming the keys they expect
// and their types; Check reports every key the caller did not read. So a
// typo in clinical content ("labl" for "label"), a missing required key or a
// value of the wrong type each becomes a diagnostic at its own file, line
// and column, and all of them are reported at once rather than the first.
//
// Where a problem has no line of its own (a missing key), it is reported at
// the table that lacks it: its [header], its { for an inline table, or the
// document's fence for top-level keys.
//
// This package knows TOML, not signpost's content model: which keys exist
// and what they mean belongs to the packages that call it.
package tomldoc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/signpost-dev/signpost/internal/diag"
)

// Doc is a parsed document.
type Doc struct {
	file      string
	what      string   // how messages name the top level: "front matter", "site.toml", ...
	fence     diag.Pos // where to point when nothing closer is known
	src       []byte
	firstLine int
	ix        *index // built from src on the first position asked for; see positions
	diags     *diag.List
}

// positions returns the document's index, scanning src the first time. An
// ordinary page without mistakes never asks for a position, so most front
// matter is never scanned.
func (d *Doc) positions() *index {
	if d.ix == nil {
		d.ix = buildIndex(d.src, d.firstLine)
	}
	return d.ix
}

// Parse parses src, which starts at line firstLine of file. what names the
// top-level table in messages ("front matter"); fence is the position of
// the fence or file start used when nothing closer is known. Syntax errors
// are added to diags and Parse returns nil.
func Parse(file, what string, src []byte, firstLine int, fence diag.Pos, diags *diag.List) *Table {
	if off, ok := TooDeep(src); !ok {
		depthError(file, src, firstLine, off, diags)
		return nil
	}
	// The decoder's column for a control character is one short; callers
	// check whole files with diag.CheckText first, and this is the same
	// rule for a document handed in on its own.
	var text diag.List
	if !diag.CheckText(file, src, &text) {
		for _, d := range text.Sorted() {
			d.Line += firstLine - 1
			diags.Add(d)
		}
		return nil
	}
	var m map[string]any
	if _, err := toml.NewDecoder(strings.NewReader(string(src))).Decode(&m); err != nil {
		pos := fence
		msg := "TOML syntax error: " + err.Error()
		if pe, ok := err.(toml.ParseError); ok {
			sp := explain(pe, string(src), firstLine)
			msg = sp.msg
			if sp.line > 0 {
				// BurntSushi counts bytes; authors count characters.
				pos = diag.Pos{Line: sp.line + firstLine - 1, Col: charCol(src, sp.line, sp.col)}
			}
		}
		diags.Errorf(file, pos, "%s", msg)
		return nil
	}
	d := &Doc{file: file, what: what, fence: fence, src: src, firstLine: firstLine, diags: diags}
	return &Table{doc: d, m: m, seen: map[string]bool{}}
}

// charCol turns a 1-based byte column on a 1-based line of src into a
// character column.
func charCol(src []byte, line, byteCol int) int {
	lines := strings.SplitN(string(src), "\n", line+1)
	if line < 1 || line > len(lines) || byteCol < 1 {
		return byteCol
	}
	l := lines[line-1]
	if byteCol-1 > len(l) {
		return byteCol
	}
	return len([]rune(l[:byteCol-1])) + 1
}

// Table is one table of a document: the top level, a [table], an element
// of an [[array]] or an inline {table}.
type Table struct {
	doc  *Doc
	m    map[string]any
	path string // concrete path, "" for the top level
	name string // how messages name it: "[[question]]", "[review]"
	seen map[string]bool
}

func (t *Table) describe() string {
	if t.name == "" {
		return t.doc.what
	}
	return t.name
}

func (t *Table) keyPath(key string) string { return joinPath(t.path, key) }

// Pos is where the table starts, or the nearest enclosing thing that has a
// position.
func (t *Table) Pos() diag.Pos { return t.doc.nearest(t.path, false) }

// KeyPos is where key starts, or the table's position if it is absent.
func (t *Table) KeyPos(key string) diag.Pos { return t.doc.nearest(t.keyPath(key), false) }

// ValuePos is where key's value starts, or the table's position.
func (t *Table) ValuePos(key string) diag.Pos { return t.doc.nearest(t.keyPath(key), true) }

// ElemPos is where element i of the array key starts.
func (t *Table) ElemPos(key string, i int) diag.Pos {
	return t.doc.nearest(joinPath(t.keyPath(key), strconv.Itoa(i)), true)
}

func (d *Doc) nearest(path string, value bool) diag.Pos {
	ix := d.positions()
	for {
		var p diag.Pos
		var ok bool
		if value {
			p, ok = ix.value(path)
		} else {
			p, ok = ix.key(path)
		}
		if ok {
			return p
		}
		if path == "" {
			return d.fence
		}
		value = false
		if i := strings.LastIndexByte(path, '.'); i >= 0 {
			path = path[:i]
		} else {
			path = ""
		}
	}
}

// Errorf reports an error at pos.
func (t *Table) Errorf(pos diag.Pos, format string, args ...any) {
	t.doc.diags.Errorf(t.doc.file, pos, format, args...)
}

// Warnf reports a warning at pos.
func (t *Table) Warnf(pos diag.Pos, format string, args ...any) {
	t.doc.diags.Warnf(t.doc.file, pos, format, args...)
}

// Has reports whether key is set, and marks it as read.
func (t *Table) Has(key string) bool {
	t.seen[key] = true
	_, ok := t.m[key]
	return ok
}

func (t *Table) get(key string, required bool) (any, bool) {
	t.seen[key] = true
	v, ok := t.m[key]
	if !ok && required {
		t.Errorf(t.Pos(), "%s is missing the required key %q: add %s = ...", t.describe(), key, key)
	}
	return v, ok
}

// arrayName is how an array of tables under key is written: [[a.b]].
func (t *Table) arrayName(key string) string {
	return "[[" + genericPath(t.keyPath(key)) + "]]"
}

func (t *Table) typeError(key, want string, v any) {
	t.Errorf(t.ValuePos(key), "%q must be %s, not %s", key, want, typeName(v))
}

func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case time.Time:
		return "a date"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// String reads a string. A missing required key and a value of another type
// are reported; either way the result is "".
func (t *Table) String(key string, required bool) string {
	v, ok := t.get(key, required)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.typeError(key, "a string in quotes", v)
	}
	return s
}

// Bool reads true or false; set says whether the key was present and valid.
func (t *Table) Bool(key string) (v, set bool) {
	raw, ok := t.get(key, false)
	if !ok {
		return false, false
	}
	b, ok := raw.(bool)
	if !ok {
		t.typeError(key, "true or false", raw)
	}
	return b, ok
}

// Int reads a whole number.
func (t *Table) Int(key string) (v int64, set bool) {
	raw, ok := t.get(key, false)
	if !ok {
		return 0, false
	}
	n, ok := raw.(int64)
	if !ok {
		t.typeError(key, "a whole number", raw)
	}
	return n, ok
}

// Number reads a number, whole or not.
func (t *Table) Number(key string) (v float64, set bool) {
	raw, ok := t.get(key, false)
	if !ok {
		return 0, false
	}
	switch n := raw.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	t.typeError(key, "a number", raw)
	return 0, false
}

// Date reads a TOML local date (2026-10-01, no quotes, no time).
func (t *Table) Date(key string) (v time.Time, set bool) {
	raw, ok := t.get(key, false)
	if !ok {
		return time.Time{}, false
	}
	d, ok := raw.(time.Time)
	if !ok || d.Location().String() != "date-local" { // BurntSushi's zone for local dates
		t.Errorf(t.ValuePos(key), "%q must be a date written like 2026-10-01 (no quotes, no time)", key)
		return time.Time{}, false
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
}

// Strings reads an array of strings. Elements of other types are reported.
func (t *Table) Strings(key string) []string {
	raw, ok := t.get(key, false)
	if !ok {
		return nil
	}
	arr, ok := raw.([]any)
	if !ok {
		t.typeError(key, `an array of strings, like ["a", "b"]`, raw)
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.Errorf(t.ElemPos(key, i), "element %d of %q must be a string in quotes, not %s", i+1, key, typeName(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// StringOrStrings reads either one string or an array of strings; single
// says which it was. v is nil when the key is absent or holds another type
// (reported); an array is never nil, even empty.
func (t *Table) StringOrStrings(key string) (v []string, single bool) {
	raw, ok := t.m[key]
	if !ok {
		t.seen[key] = true
		return nil, false
	}
	if s, ok := raw.(string); ok {
		t.seen[key] = true
		return []string{s}, true
	}
	if _, ok := raw.([]any); !ok {
		t.seen[key] = true
		t.typeError(key, `a string or an array of strings, like "24/7" or ["Mon-Fri 09:00-17:00"]`, raw)
		return nil, false
	}
	return t.Strings(key), false
}

// Table reads a sub-table ([name] or name = {...}); nil when absent.
func (t *Table) Table(key string) *Table {
	raw, ok := t.get(key, false)
	if !ok {
		return nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		t.typeError(key, "a table", raw)
		return nil
	}
	name := "[" + t.keyPath(key) + "]"
	return &Table{doc: t.doc, m: m, path: t.keyPath(key), name: name, seen: map[string]bool{}}
}

// Tables reads an array of tables ([[name]] or name = [{...}, ...]).
func (t *Table) Tables(key string, required bool) []*Table {
	raw, ok := t.get(key, false)
	if !ok {
		if required {
			t.Errorf(t.Pos(), "%s needs at least one %s table: add one", t.describe(), t.arrayName(key))
		}
		return nil
	}
	var elems []map[string]any
	switch arr := raw.(type) {
	case []map[string]any:
		elems = arr
	case []any:
		for i, e := range arr {
			m, ok := e.(map[string]any)
			if !ok {
				t.Errorf(t.ElemPos(key, i), "element %d of %q must be a table, not %s", i+1, key, typeName(e))
				continue
			}
			elems = append(elems, m)
		}
	default:
		t.typeError(key, "an array of tables, written "+t.arrayName(key), raw)
		return nil
	}
	out := make([]*Table, len(elems))
	name := t.arrayName(key)
	for i, m := range elems {
		path := joinPath(t.keyPath(key), strconv.Itoa(i))
		out[i] = &Table{doc: t.doc, m: m, path: path, name: name, seen: map[string]bool{}}
	}
	return out
}

func genericPath(path string) string {
	segs := strings.Split(path, ".")
	segs = slices.DeleteFunc(segs, func(s string) bool {
		_, err := strconv.Atoi(s)
		return err == nil
	})
	return strings.Join(segs, ".")
}

// Check reports every key of the table that the caller did not read, with
// the closest known key as a suggestion. Call it after reading the table.
func (t *Table) Check() {
	known := make([]string, 0, len(t.seen))
	for k := range t.seen {
		known = append(known, k)
	}
	slices.Sort(known)
	var unknown []string
	for k := range t.m {
		if !t.seen[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		msg := fmt.Sprintf("unknown key %q in %s", k, t.describe())
		if s := diag.Closest(k, known); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		} else if len(known) > 0 {
			msg += fmt.Sprintf("; the keys allowed here are %s", strings.Join(quoteAll(known), ", "))
		}
		t.Errorf(t.KeyPos(k), "%s", msg)
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// Peek reports whether key is set, without marking it as read: Check
// still reports it unless it is read or dropped.
func (t *Table) Peek(key string) bool {
	_, ok := t.m[key]
	return ok
}

// IsTable reports whether key holds a table ([name] or name = {...}),
// without marking it as read: for a key that may be a value or a table.
func (t *Table) IsTable(key string) bool {
	_, ok := t.m[key].(map[string]any)
	return ok
}

// Drop removes key from the table, so that Check does not report it: for a
// key whose mistake the caller has reported in its own words.
func (t *Table) Drop(key string) { delete(t.m, key) }

// Blank reports whether key holds a string that is empty or only spaces
// (a present key of another type is not blank: String reports it).
func (t *Table) Blank(key string) bool {
	s, ok := t.m[key].(string)
	return ok && strings.TrimSpace(s) == ""
}
