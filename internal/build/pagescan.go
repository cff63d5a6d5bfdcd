package build

import (
	"bytes"
	"cmp"
	"html"
	"slices"
	"strings"
)

// scanPage reads an HTML page the build wrote for what the link check
// needs: the ids (id on any element, name on <a>) and the distinct href
// values of <a> and <area>.
//
// It finds what tdewolff's HTML lexer (the minifier's) would find, and
// scanPage once did with it, at a fifth of the cost (the lexer took
// 60 µs a page): it jumps from '<' to '<', skips comments, end tags and
// raw text, and reads each start tag's attributes as the lexer splits
// them. Where HTML and that lexer disagree, it follows the lexer: the
// text of script, style, textarea, title, xmp and iframe runs to its end
// tag (noscript, noembed and noframes are ordinary elements), plaintext's
// to the end of the page; svg, math and xml elements are skipped whole,
// their attributes too, and a NUL byte in one ends the scan; a tag's
// name runs to a space, '>' or "/>", so <a/href=x> is no <a>.
// pagescan_test.go holds the lexer's version and checks that the two
// agree, on tricky cases, the default site's pages, random pages and
// fuzzed input.
func scanPage(data []byte) *pageLinks {
	lists := make([][]byte, 32) // room for most pages' ids (8) and hrefs (24)
	s := pageScanner{data: data, ids: lists[:0:8], hrefs: lists[8:8]}
	s.scan()
	return s.links()
}

// pageScanner holds the values found so far: slices of the page, or of
// a value's unescaped copy.
type pageScanner struct {
	data  []byte
	ids   [][]byte
	hrefs [][]byte // in page order, repeats and all
}

// tagKind is what a start tag is to the scan.
type tagKind uint8

const (
	ordinaryTag  tagKind = iota
	aTag                 // <a>: name is an id, href a link
	areaTag              // <area>: href a link
	rawTextTag           // text to the end tag, where "<a" is no tag
	plaintextTag         // text to the end of the page
	xmlTag               // svg, math, xml: skipped to the end tag, with its attributes
)

// kindOf classifies a start tag by its name, in any case.
func kindOf(name []byte) tagKind {
	switch len(name) {
	case 1:
		if name[0]|0x20 == 'a' {
			return aTag
		}
	case 3:
		if foldEq(name, "svg") || foldEq(name, "xml") {
			return xmlTag
		}
		if foldEq(name, "xmp") {
			return rawTextTag
		}
	case 4:
		if foldEq(name, "area") {
			return areaTag
		}
		if foldEq(name, "math") {
			return xmlTag
		}
	case 5:
		if foldEq(name, "title") || foldEq(name, "style") {
			return rawTextTag
		}
	case 6:
		if foldEq(name, "script") || foldEq(name, "iframe") {
			return rawTextTag
		}
	case 8:
		if foldEq(name, "textarea") {
			return rawTextTag
		}
	case 9:
		if foldEq(name, "plaintext") {
			return plaintextTag
		}
	}
	return ordinaryTag
}

// foldEq reports whether b is lower, a word of lowercase ASCII letters,
// in any case.
func foldEq(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range len(b) {
		if b[i]|0x20 != lower[i] { // only 'x' and 'X' give 'x'
			return false
		}
	}
	return true
}

// space is the lexer's white space: no \v.
func space(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func letter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// letters returns the end of the run of ASCII letters at i.
func letters(data []byte, i int) int {
	for i < len(data) && letter(data[i]) {
		i++
	}
	return i
}

// past returns the index after the first c at or after i, or len(data).
func past(data []byte, i int, c byte) int {
	if j := bytes.IndexByte(data[i:], c); j >= 0 {
		return i + j + 1
	}
	return len(data)
}

// scan reads the page from '<' to '<'. Each step returns where the
// next text starts: len(data) when the page ends inside a tag,
// comment or raw text.
func (s *pageScanner) scan() {
	data := s.data
	n := len(data)
	for i := 0; i < n; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 || i+j+1 == n {
			return
		}
		i += j
		switch c := data[i+1]; {
		case letter(c):
			i = s.startTag(i + 1)
		case c == '/' && i+2 < n && data[i+2] != '>':
			i = past(data, i+2, '>') // an end tag, or a bogus comment </...>
		case c == '!':
			i = markupEnd(data, i+2)
		case c == '?':
			i = past(data, i+2, '>') // a bogus comment <?...>
		default:
			i++ // text: "</>", "</" at the end, "< ", "<1"...
		}
	}
}

// markupEnd returns the end of the comment, CDATA section, doctype or
// bogus comment whose "<!" ends at i.
func markupEnd(data []byte, i int) int {
	n := len(data)
	switch rest := data[i:]; {
	case bytes.HasPrefix(rest, []byte("--")):
		// To "-->" or "--!>", from after "<!--": "<!-->" is not closed.
		for k := i + 2; ; k++ {
			j := bytes.Index(data[k:], []byte("--"))
			if j < 0 {
				return n
			}
			k += j
			if k+2 < n && data[k+2] == '>' {
				return k + 3
			}
			if k+3 < n && data[k+2] == '!' && data[k+3] == '>' {
				return k + 4
			}
		}
	case bytes.HasPrefix(rest, []byte("[CDATA[")):
		if j := bytes.Index(data[i+7:], []byte("]]>")); j >= 0 {
			return i + 7 + j + 3
		}
		return n
	}
	return past(data, i, '>') // <!doctype ...> or a bogus comment
}

// startTag reads the start tag whose name begins at i, and the text of a
// raw text element after it; it returns where the next text starts.
func (s *pageScanner) startTag(i int) int {
	data := s.data
	n := len(data)
	k := i
	for k < n {
		if c := data[k]; space(c) || c == '>' || c == '/' && k+1 < n && data[k+1] == '>' {
			break
		}
		k++
	}
	name := data[i:k]
	kind := kindOf(name)
	if kind == xmlTag {
		return xmlEnd(data, k, name)
	}
	for {
		for k < n && space(data[k]) {
			k++
		}
		if k == n {
			return n
		}
		if data[k] == '>' {
			k++
			break
		}
		if data[k] == '/' && k+1 < n && data[k+1] == '>' {
			k += 2
			break
		}
		// An attribute: its name runs to '=', a space, '>' or "/>"
		// (a '/' before anything else is part of it).
		key := k
		for k < n {
			if c := data[k]; c == '=' || space(c) || c == '>' || c == '/' && k+1 < n && data[k+1] == '>' {
				break
			}
			k++
		}
		keyEnd := k
		for k < n && space(data[k]) {
			k++
		}
		var val []byte
		if k < n && data[k] == '=' {
			k++
			for k < n && space(data[k]) {
				k++
			}
			v := k
			if k < n && (data[k] == '"' || data[k] == '\'') {
				k = past(data, k+1, data[k]) // or to the end, unclosed
			} else {
				for k < n && data[k] != '>' && !space(data[k]) {
					k++
				}
			}
			val = data[v:k]
		} else {
			k = keyEnd // no value: what follows is the next attribute
		}
		s.attr(kind, data[key:keyEnd], val)
	}
	switch kind {
	case plaintextTag:
		return n
	case rawTextTag:
		return rawTextEnd(data, k, name)
	}
	return k
}

// attr keeps an attribute's value if the link check needs it: quotes
// trimmed (all of them, either kind, at both ends) and entities
// unescaped, as the lexer's version did.
func (s *pageScanner) attr(kind tagKind, key, val []byte) {
	id := foldEq(key, "id") || kind == aTag && foldEq(key, "name")
	href := !id && (kind == aTag || kind == areaTag) && foldEq(key, "href")
	if !id && !href {
		return
	}
	for len(val) > 0 && (val[0] == '"' || val[0] == '\'') {
		val = val[1:]
	}
	for len(val) > 0 && (val[len(val)-1] == '"' || val[len(val)-1] == '\'') {
		val = val[:len(val)-1]
	}
	if bytes.IndexByte(val, '&') >= 0 {
		val = []byte(html.UnescapeString(string(val)))
	}
	if id {
		s.ids = append(s.ids, val)
	} else {
		s.hrefs = append(s.hrefs, val)
	}
}

// rawTextEnd returns the start of the end tag of the raw text element
// name whose text starts at i ("</" and the name in any case, followed by
// anything but a letter), or len(data). In a script, the text of a
// "<!--" runs to "-->" unless a "</script" in it ends the script; one
// after a "<script" in it does not.
func rawTextEnd(data []byte, i int, name []byte) int {
	n := len(data)
	script := foldEq(name, "script")
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return n
		}
		i += j
		switch {
		case i+1 < n && data[i+1] == '/':
			end := letters(data, i+2)
			if bytes.EqualFold(data[i+2:end], name) {
				return i
			}
			i = end
		case script && bytes.HasPrefix(data[i+1:], []byte("!--")):
			var ended bool
			if i, ended = escapedScriptEnd(data, i+4); ended {
				return i
			}
		default:
			i++
		}
	}
}

// escapedScriptEnd reads a script's "<!--" text from i: it returns the
// index after its "-->", or the start of the "</script" that ends the
// script (and true), or len(data) (and true).
func escapedScriptEnd(data []byte, i int) (int, bool) {
	n := len(data)
	close := n // the first "-->": nothing the loop passes contains '-'
	if j := bytes.Index(data[i:], []byte("-->")); j >= 0 {
		close = i + j
	}
	nested := false // after a "<script"
	for {
		j := bytes.IndexByte(data[i:close], '<')
		if j < 0 {
			if close == n {
				return n, true
			}
			return close + 3, false
		}
		lt := i + j
		end := lt+1 < n && data[lt+1] == '/'
		i = lt + 1
		if end {
			i++
		}
		word := i
		i = letters(data, i)
		if foldEq(data[word:i], "script") {
			switch {
			case !end:
				nested = true
			case !nested:
				return lt, true
			default:
				nested = false
			}
		}
	}
}

// xmlEnd returns the index after the end tag of the svg, math or xml
// element name whose start tag's name ends at i, as the lexer reads it
// (nested elements of the same name counted, a '<' between double quotes
// ignored), or len(data) if there is none or a NUL byte comes first: the
// lexer stops at a NUL byte there.
func xmlEnd(data []byte, i int, name []byte) int {
	n := len(data)
	nested := 0
	quoted := false
	for i < n {
		switch c := data[i]; {
		case c == '"':
			quoted = !quoted
			i++
		case c == '<' && !quoted:
			end := i+1 < n && data[i+1] == '/'
			i++
			if end {
				i++
			}
			word := i
			i = letters(data, i)
			if !end && i < n && data[i] == '/' {
				continue // <svg/>: not nested
			}
			if bytes.EqualFold(data[word:i], name) {
				switch {
				case !end:
					nested++
				case nested > 0:
					nested--
				default:
					for ; i < n && data[i] != 0; i++ {
						if data[i] == '>' {
							return i + 1
						}
					}
					return n
				}
			}
		case c == 0:
			return n
		default:
			i++
		}
	}
	return n
}

// links makes the page's pageLinks: ids sorted, each once; hrefs each
// once, in page order; the strings cut from one string, the two lists
// from one array.
func (s *pageScanner) links() *pageLinks {
	ids := s.ids
	slices.SortFunc(ids, bytes.Compare)
	ids = slices.CompactFunc(ids, bytes.Equal)
	hrefs := distinct(s.hrefs)
	if len(ids)+len(hrefs) == 0 {
		return &pageLinks{}
	}
	all := make([]string, len(ids)+len(hrefs))
	size := 0
	for _, v := range ids {
		size += len(v)
	}
	for _, v := range hrefs {
		size += len(v)
	}
	var b strings.Builder
	b.Grow(size)
	for _, v := range ids {
		b.Write(v)
	}
	for _, v := range hrefs {
		b.Write(v)
	}
	text, off := b.String(), 0
	cut := func(i int, v []byte) {
		all[i] = text[off : off+len(v)]
		off += len(v)
	}
	for i, v := range ids {
		cut(i, v)
	}
	for i, v := range hrefs {
		cut(len(ids)+i, v)
	}
	return &pageLinks{ids: all[:len(ids):len(ids)], hrefs: all[len(ids):]}
}

// distinct returns vs without repeats, keeping each value's first, in
// order; in vs's array. A page's few links are compared with each
// other; many (an index page's) are sorted first.
func distinct(vs [][]byte) [][]byte {
	out := vs[:0]
	if len(vs) <= 32 {
	next:
		for _, v := range vs {
			for _, w := range out {
				if bytes.Equal(v, w) {
					continue next
				}
			}
			out = append(out, v)
		}
		return out
	}
	order := make([]int32, len(vs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := bytes.Compare(vs[a], vs[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	repeat := make([]bool, len(vs))
	for k := 1; k < len(order); k++ {
		if bytes.Equal(vs[order[k]], vs[order[k-1]]) {
			repeat[order[k]] = true
		}
	}
	for i, v := range vs {
		if !repeat[i] {
			out = append(out, v)
		}
	}
	return out
}
