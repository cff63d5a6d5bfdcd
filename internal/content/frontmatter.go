package content

import (
	"bytes"

	"github.com/signpost-dev/signpost/internal/diag"
)

const fence = "+++"

// Split separates a Markdown file into its TOML front matter and its body.
// The file must open with a line "+++" and the front matter ends at the
// next such line. fmLine and bodyLine are the 1-based lines on which the
// front matter and the body start, so positions inside either can be
// reported against the whole file. A UTF-8 byte order mark is allowed.
func Split(src []byte) (fm []byte, fmLine int, body []byte, bodyLine int, err *SplitError) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != fence {
		return nil, 0, nil, 0, &SplitError{Pos: diag.Pos{Line: 1, Col: 1}, Msg: "the file must start with front matter: a line +++, then title = \"...\", then a line +++"}
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest) + 1
		if end >= 0 {
			l = rest[off : off+end]
			next = off + end + 1
		} else {
			l = rest[off:]
		}
		if string(bytes.TrimRight(l, " \t\r")) == fence {
			body := []byte{}
			if next <= len(rest) {
				body = rest[next:]
			}
			return rest[:off], 2, body, line + 1, nil
		}
		off = next
		line++
	}
	return nil, 0, nil, 0, &SplitError{Pos: diag.Pos{Line: 1, Col: 1}, Msg: "the front matter opened here is never closed: add a line +++ after its last key"}
}

// SplitError is a malformed front matter fence.
type SplitError struct {
	Pos diag.Pos
	Msg string
}

func (e *SplitError) Error() string { return e.Msg }
