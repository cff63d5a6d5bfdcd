// Package postcode reads UK postcodes for the local helpline finder: what a
// person types into the finder (Normalise), and the areas a local service
// lists in its front matter (ParseArea). It decides which services cover a
// postcode and which of them is the most local (Area.Covers, Match).
//
// # Shapes
//
// A UK postcode is an outward code, a space and an inward code: "LS6 1AA".
// The outward code is the postcode area (one or two letters, "LS") and the
// district: A9, A99, AA9, AA99, A9A or AA9A ("M1", "B33", "LS6", "LS16",
// "W1A", "EC1A"). The inward code is a digit and two letters ("1AA").
//
// Only the shape is checked, not the letters Royal Mail leaves unused (no Q,
// V or X first, no C, I, K, M, O or V in the inward code, ...): a postcode
// that does not exist simply matches no local service, and the finder then
// shows the national ones. Non-geographic and overseas codes that do not
// fit the shape are rejected: GIR 0AA (Girobank), BFPO numbers, and codes
// like ASCN 1ZZ.
//
// # What a person types
//
// Normalise accepts a full postcode, just the outward code, or just the
// area, in any case, with or without the space between outward and inward
// code, and with any spaces around ("ls61aa", " Ls6  1aa ", "LS6", "ls"),
// since people type in a hurry on a phone. Spaces elsewhere are an error
// ("L S6", "LS6 1A A"): they are more likely a mistake than a postcode.
// Spaces are ASCII white space and the no-break space (U+00A0); anything
// else that is not an ASCII letter or digit is an error.
// postcode.js (see [JS]) does the same in the browser.
//
// # What authors write
//
// A service's areas entries are postcode areas ("LS") or outward codes
// ("LS6", "EC1A"), written exactly so: capitals, no spaces. A district that
// is split into sub-districts covers them: "W1" covers W1A, W1B and so on,
// and "E1" covers E1W.
//
// This package does not load service files, render the finder, or look
// postcodes up in any directory.
package postcode

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
)

// JS is the source of postcode.js: a dependency-free ES2017 function
//
//	normalisePostcode(input) -> {area, outward, full} | null
//
// that behaves exactly as [Normalise]: the same fields, with "" where Go
// has "", and null where Go returns an error. Treat JS as a constant.
//
//go:embed postcode.js
var JS string

// Postcode is a normalised postcode, or the part of one that was given.
type Postcode struct {
	Area    string // the postcode area: "LS"
	Outward string // the outward code: "LS6"; "" when only the area was given
	Full    string // "LS6 1AA", with one space; "" when no inward code was given
}

// String returns the most precise form given: Full, else Outward, else Area.
func (p Postcode) String() string {
	switch {
	case p.Full != "":
		return p.Full
	case p.Outward != "":
		return p.Outward
	}
	return p.Area
}

const (
	errEmpty    = "enter a postcode, like LS6 1AA; you can also enter just the first part, like LS6"
	errNotAlnum = "a postcode has only letters and numbers, like LS6 1AA; you can also enter just the first part, like LS6"
	errShape    = "that does not look like a UK postcode: a postcode looks like LS6 1AA; you can also enter just the first part, like LS6"
	errInward   = "the second part of a postcode is a number and two letters, like the 1AA in LS6 1AA; you can also enter just the first part, like LS6"
)

// Normalise reads a postcode as a person typed it: a full postcode, an
// outward code or a postcode area, in any case, with or without the space.
// The error says what a postcode looks like, for showing to that person.
func Normalise(input string) (Postcode, error) {
	parts := strings.FieldsFunc(input, isSpace)
	if len(parts) == 0 {
		return Postcode{}, errors.New(errEmpty)
	}
	for _, part := range parts {
		for i := 0; i < len(part); i++ {
			if c := part[i]; !isLetter(c) && !isLower(c) && !isDigit(c) {
				return Postcode{}, errors.New(errNotAlnum)
			}
		}
	}
	switch s := upper(parts[0]); {
	case len(parts) == 2 && isOutward(s):
		inward := upper(parts[1])
		if !isInward(inward) {
			return Postcode{}, errors.New(errInward)
		}
		return Postcode{Area: areaOf(s), Outward: s, Full: s + " " + inward}, nil
	case len(parts) > 1:
		return Postcode{}, errors.New(errShape)
	case isFull(s):
		outward, inward := s[:len(s)-3], s[len(s)-3:]
		return Postcode{Area: areaOf(outward), Outward: outward, Full: outward + " " + inward}, nil
	case isOutward(s):
		return Postcode{Area: areaOf(s), Outward: s}, nil
	case isArea(s):
		return Postcode{Area: s}, nil
	}
	return Postcode{}, errors.New(errShape)
}

// Area is one entry of a service's areas: a postcode area ("LS") or an
// outward code ("LS6"). The zero Area covers nothing.
type Area struct {
	code string
}

// ParseArea parses an areas entry from a service file. It must be written
// exactly: capitals, no spaces, an area or an outward code and no more.
func ParseArea(s string) (Area, error) {
	if isArea(s) || isOutward(s) {
		return Area{code: s}, nil
	}
	trimmed := strings.TrimFunc(s, isSpace)
	fixed := upper(trimmed)
	if p, err := Normalise(s); err == nil && p.Full != "" {
		return Area{}, fmt.Errorf(`area %q is a full postcode; write its first part, %q, to cover that district`, s, p.Outward)
	}
	switch {
	case trimmed == "":
		return Area{}, fmt.Errorf(`area %q is empty; write a postcode area like "LS" or an outward code like "LS6"`, s)
	case !isArea(fixed) && !isOutward(fixed):
		return Area{}, fmt.Errorf(`area %q is not a postcode area like "LS" or an outward code like "LS6"`, s)
	case trimmed != s:
		return Area{}, fmt.Errorf(`area %q has spaces around it; write %q`, s, fixed)
	}
	return Area{}, fmt.Errorf(`area %q must be in capitals; write %q`, s, fixed)
}

// String returns the area as written: "LS" or "LS6".
func (a Area) String() string { return a.code }

// Specificity says how local an area is, for ranking the services that
// cover one postcode: 1 for a postcode area ("LS"), 2 for a district
// ("LS6", "W1"), 3 for a sub-district ("W1A", "EC1A"); 0 for the zero Area.
// A higher number is more local.
func (a Area) Specificity() int {
	switch {
	case a.code == "":
		return 0
	case isArea(a.code):
		return 1
	case isLetter(a.code[len(a.code)-1]):
		return 3
	}
	return 2
}

// Covers reports whether the area includes the postcode. A postcode area
// covers every postcode in it; an outward code covers postcodes with that
// outward code and, when it ends in a digit, its sub-districts ("W1" covers
// "W1A 1AA"). A postcode given only as an area ("LS") is covered by that
// area alone, not by its districts.
func (a Area) Covers(p Postcode) bool {
	switch a.Specificity() {
	case 0:
		return false
	case 1:
		return p.Area == a.code
	case 2:
		return p.Outward == a.code ||
			len(p.Outward) == len(a.code)+1 && strings.HasPrefix(p.Outward, a.code) && isLetter(p.Outward[len(a.code)])
	}
	return p.Outward == a.code
}

// Match returns the most specific of areas that covers p (the first, if
// two are equally specific), and false if none does. The finder sorts the
// local services for a postcode by the Specificity of their best Match,
// most specific first; services with no areas are national.
func Match(p Postcode, areas []Area) (best Area, ok bool) {
	for _, a := range areas {
		if a.Covers(p) && a.Specificity() > best.Specificity() {
			best, ok = a, true
		}
	}
	return best, ok
}

// isOutward reports whether s is an upper-case outward code: one or two
// letters, a digit, then optionally a digit or a letter.
func isOutward(s string) bool {
	n := len(areaOf(s))
	rest := s[n:]
	switch {
	case n == 0 || len(rest) == 0 || len(rest) > 2 || !isDigit(rest[0]):
		return false
	case len(rest) == 2:
		return isDigit(rest[1]) || isLetter(rest[1])
	}
	return true
}

// isFull reports whether s is an upper-case full postcode with no space.
func isFull(s string) bool {
	return len(s) >= 5 && isOutward(s[:len(s)-3]) && isInward(s[len(s)-3:])
}

// isInward reports whether s is an upper-case inward code: a digit and two
// letters.
func isInward(s string) bool {
	return len(s) == 3 && isDigit(s[0]) && isLetter(s[1]) && isLetter(s[2])
}

// isArea reports whether s is an upper-case postcode area: one or two letters.
func isArea(s string) bool {
	return len(s) >= 1 && len(s) <= 2 && len(areaOf(s)) == len(s)
}

// areaOf returns the leading upper-case letters of s, at most two.
func areaOf(s string) string {
	n := 0
	for n < len(s) && n < 2 && isLetter(s[n]) {
		n++
	}
	return s[:n]
}

// isSpace reports whether r is one of the spaces Normalise ignores.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0':
		return true
	}
	return false
}

// upper upper-cases ASCII letters only, so that no other letter can turn
// into one ("ſ" is "S" to strings.ToUpper).
func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if isLower(c) {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
