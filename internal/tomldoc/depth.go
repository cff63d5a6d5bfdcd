package tomldoc

import "github.com/signpost-dev/signpost/internal/diag"

// MaxDepth is how deeply arrays and inline tables may nest in a TOML
// value. The decoder's cost grows much faster than the input with depth
// (8,000 nested inline tables in 32 KB took 9 s and 2.8 GB; 100,000 nested
// arrays 10 GB), and no site file needs more than a few levels, so Parse
// refuses deeper input before the decoder sees it.
const MaxDepth = 32

// TooDeep scans src once, skipping strings and comments, and returns the
// offset of the first [ or { that opens a level deeper than MaxDepth; ok
// is true when there is none. It costs one pass and no allocation.
func TooDeep(src []byte) (off int, ok bool) {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(src, i)
		case '[', '{':
			if depth++; depth > MaxDepth {
				return i, false
			}
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return 0, true
}

// skipString returns the offset of the last byte of the string starting at
// src[i] (a quote): basic or literal, one-line or multi-line.
func skipString(src []byte, i int) int {
	q := src[i]
	multi := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	if multi {
		i += 3
	} else {
		i++
	}
	for ; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\' && q == '"':
			i++ // the escaped byte
		case c == '\n' && !multi:
			return i // unterminated: the decoder reports it
		case c == q && !multi:
			return i
		case c == q && i+2 < len(src) && src[i+1] == q && src[i+2] == q:
			return i + 2
		}
	}
	return len(src) - 1
}

// depthError reports nesting deeper than MaxDepth at its line and column.
func depthError(file string, src []byte, firstLine, off int, diags *diag.List) {
	pos := diag.PosOf(src, off)
	pos.Line += firstLine - 1
	diags.Errorf(file, pos, "values are nested more than %d levels deep (arrays or inline tables inside each other): flatten them", MaxDepth)
}
