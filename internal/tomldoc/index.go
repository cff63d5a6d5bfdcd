package tomldoc

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/signpost-dev/signpost/internal/diag"
)

// index records where every table, array element, key and value of a TOML
// document starts. Paths are concrete: array elements are numbered, so the
// label of the second answer of the third question is "question.2.answer.1.label".
//
// The scanner assumes the document has already parsed (BurntSushi/toml
// reports syntax errors); on malformed input it stops early and never loops
// or panics, so positions are best effort and the caller falls back to the
// nearest known ancestor.
type index struct {
	keys   map[string]diag.Pos // where a key (or table header, or array element) starts
	values map[string]diag.Pos // where a key's value starts
}

func (ix *index) key(path string) (diag.Pos, bool) {
	p, ok := ix.keys[path]
	return p, ok
}

func (ix *index) value(path string) (diag.Pos, bool) {
	if p, ok := ix.values[path]; ok {
		return p, ok
	}
	return ix.key(path)
}

func joinPath(parent, seg string) string {
	if parent == "" {
		return seg
	}
	return parent + "." + seg
}

type scanner struct {
	src       []byte
	i         int
	line, col int
	ix        *index
	arrays    map[string]int // array-of-tables path -> number of elements so far
}

func buildIndex(src []byte, firstLine int) *index {
	s := &scanner{
		src:    src,
		line:   firstLine,
		col:    1,
		ix:     &index{keys: map[string]diag.Pos{}, values: map[string]diag.Pos{}},
		arrays: map[string]int{},
	}
	s.document()
	return s.ix
}

func (s *scanner) pos() diag.Pos { return diag.Pos{Line: s.line, Col: s.col} }

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) advance() {
	if s.eof() {
		return
	}
	c := s.src[s.i]
	if c == '\n' {
		s.line++
		s.col = 1
		s.i++
		return
	}
	_, size := utf8.DecodeRune(s.src[s.i:])
	s.i += size
	s.col++
}

func (s *scanner) hasPrefix(p string) bool {
	return strings.HasPrefix(string(s.src[s.i:min(len(s.src), s.i+len(p))]), p)
}

// skipSpace skips blanks and comments, and newlines too when nl is set.
func (s *scanner) skipSpace(nl bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '\n' && nl:
			s.advance()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.advance()
	}
}

func (s *scanner) document() {
	table := ""
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.i
		switch {
		case s.hasPrefix("[["):
			at := s.pos()
			s.advance()
			s.advance()
			table = s.header(s.keyPath(), true, at)
		case s.peek() == '[':
			at := s.pos()
			s.advance()
			table = s.header(s.keyPath(), false, at)
		default:
			s.keyValue(table)
		}
		s.skipLine()
		if s.i == start { // no progress: malformed; give up
			return
		}
	}
}

// header resolves a table header to its concrete path, numbering arrays of
// tables, and records where it starts.
func (s *scanner) header(segs []string, array bool, at diag.Pos) string {
	path := ""
	for n, seg := range segs {
		path = joinPath(path, seg)
		last := n == len(segs)-1
		if last && array {
			k := s.arrays[path]
			s.arrays[path] = k + 1
			s.ix.keys[path] = at // the array itself: its first header
			if k > 0 {
				s.ix.keys[path] = s.ix.keys[path+".0"]
			}
			path = joinPath(path, strconv.Itoa(k))
		} else if k := s.arrays[path]; k > 0 {
			path = joinPath(path, strconv.Itoa(k-1))
		}
	}
	if _, seen := s.ix.keys[path]; !seen || array {
		s.ix.keys[path] = at
	}
	return path
}

// keyPath reads a dotted key: bare, "basic" or 'literal' segments.
func (s *scanner) keyPath() []string {
	var segs []string
	for {
		s.skipSpace(false)
		var seg strings.Builder
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			s.advance()
			for !s.eof() && s.peek() != c && s.peek() != '\n' {
				if c == '"' && s.peek() == '\\' {
					s.advance()
				}
				seg.WriteByte(s.peek())
				s.advance()
			}
			s.advance()
		case isBare(c):
			for !s.eof() && isBare(s.peek()) {
				seg.WriteByte(s.peek())
				s.advance()
			}
		default:
			return segs
		}
		segs = append(segs, seg.String())
		s.skipSpace(false)
		if s.peek() != '.' {
			return segs
		}
		s.advance()
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// keyValue reads key = value inside table.
func (s *scanner) keyValue(table string) {
	at := s.pos()
	segs := s.keyPath()
	if len(segs) == 0 {
		return
	}
	path := table
	for _, seg := range segs {
		path = joinPath(path, seg)
		if _, seen := s.ix.keys[path]; !seen {
			s.ix.keys[path] = at
		}
	}
	s.ix.keys[path] = at
	s.skipSpace(false)
	if s.peek() != '=' {
		return
	}
	s.advance()
	s.skipSpace(false)
	s.value(path)
}

func (s *scanner) value(path string) {
	s.ix.values[path] = s.pos()
	switch {
	case s.hasPrefix(`"""`), s.hasPrefix(`'''`):
		s.multiline(string(s.src[s.i : s.i+3]))
	case s.peek() == '"' || s.peek() == '\'':
		q := s.peek()
		s.advance()
		for !s.eof() && s.peek() != q && s.peek() != '\n' {
			if q == '"' && s.peek() == '\\' {
				s.advance()
			}
			s.advance()
		}
		s.advance()
	case s.peek() == '[':
		s.array(path)
	case s.peek() == '{':
		s.inlineTable(path)
	default:
		for !s.eof() && !strings.ContainsRune(",]}\n#", rune(s.peek())) {
			s.advance()
		}
	}
}

func (s *scanner) multiline(delim string) {
	for range 3 {
		s.advance()
	}
	for !s.eof() {
		switch {
		case delim[0] == '"' && s.peek() == '\\':
			s.advance()
			s.advance()
		case s.hasPrefix(delim):
			// A closing delimiter may be preceded by up to two quotes that
			// belong to the string: consume the whole run.
			for n := 0; n < 5 && s.peek() == delim[0]; n++ {
				s.advance()
			}
			return
		default:
			s.advance()
		}
	}
}

func (s *scanner) array(path string) {
	s.advance()
	for n := 0; ; n++ {
		s.skipSpace(true)
		if s.eof() || s.peek() == ']' {
			s.advance()
			return
		}
		start := s.i
		elem := joinPath(path, strconv.Itoa(n))
		s.ix.keys[elem] = s.pos()
		s.value(elem)
		s.skipSpace(true)
		if s.peek() == ',' {
			s.advance()
		}
		if s.i == start {
			return
		}
	}
}

func (s *scanner) inlineTable(path string) {
	s.advance()
	for {
		s.skipSpace(true)
		if s.eof() || s.peek() == '}' {
			s.advance()
			return
		}
		start := s.i
		s.keyValue(path)
		s.skipSpace(true)
		if s.peek() == ',' {
			s.advance()
		}
		if s.i == start {
			return
		}
	}
}
