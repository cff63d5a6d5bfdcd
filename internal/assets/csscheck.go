package assets

import (
	"bytes"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/site"
)

// A site's CSS is checked before it is minified, because site.css is
// inlined into a <style> element of every page and every stylesheet is
// published as it is:
//
//   - the text "</style" anywhere (in a string, a comment, an escape the
//     minifier might decode) would end the element and let the rest of the
//     file write markup into every page (a <meta http-equiv="refresh">
//     sends the reader to another site; the CSP does not stop it): an error;
//   - @import fetches another stylesheet (from another origin, or one the
//     build neither fingerprints nor precaches): an error;
//   - url(), src() and image-set() naming another origin (a scheme other
//     than data:, or //host) would be a third-party request: an error. A
//     path naming a file of assets/ is rewritten to the file's fingerprinted
//     URL; a path naming no file of assets/ is an error (it would be
//     broken);
//   - a byte-order mark at the start is dropped; text that is not UTF-8 is
//     an error.
//
// Every error is at the file, line and column of what was found.

// cssRef is a url() in a stylesheet naming a file of assets/: the bytes
// src[start:end] are replaced by url(<fingerprinted URL>).
type cssRef struct {
	start, end int
	quoted     bool   // a string inside url( ), src( ), image-set( ): replaced by a string
	asset      string // path relative to assets/
	pos        diag.Pos
}

var utf8BOM = []byte("\xef\xbb\xbf")

// checkCSS checks a stylesheet of the site and returns it without a BOM,
// with the references to assets it makes. ok is false when it has errors.
func checkCSS(file string, src []byte, diags *diag.List) (out []byte, refs []cssRef, ok bool) {
	src = bytes.TrimPrefix(src, utf8BOM)
	if pos, valid := diag.FirstInvalidUTF8(src); !valid {
		diags.Errorf(file, pos, "the stylesheet is not UTF-8 text: save it as UTF-8")
		return nil, nil, false
	}
	var found diag.List
	if i := indexFold(src, "</style"); i >= 0 {
		found.Errorf(file, diag.PosOf(src, i), "a stylesheet cannot contain \"</style\": it would end the page's <style> element and let the rest of the file write into every page; remove it")
	}
	if i := bytes.IndexFunc(src, diag.IsControl); i >= 0 {
		r, _ := utf8.DecodeRune(src[i:])
		found.Errorf(file, diag.PosOf(src, i), "the stylesheet contains the invisible control character %U here: remove it", r)
	}
	refs = lexCSS(file, src, 0, len(src), &found)
	diags.Merge(&found)
	return src, refs, !found.HasErrors()
}

// lexCSS checks the tokens of whole[from:to] and returns its references
// to assets; positions are of whole.
func lexCSS(file string, whole []byte, from, to int, diags *diag.List) []cssRef {
	var refs []cssRef
	dir := path.Dir(strings.TrimPrefix(file, Dir+"/"))
	l := css.NewLexer(parse.NewInputBytes(whole[from:to]))
	off := from
	var fn string // the function whose arguments are being read: url, src, image-set
	depth := 0
	for {
		tt, data := l.Next()
		if tt == css.ErrorToken {
			break
		}
		start := off
		off += len(data)
		pos := diag.PosOf(whole, start)
		ref := func(u string) {
			if asset, ok := checkCSSURL(file, dir, u, pos, diags); ok {
				refs = append(refs, cssRef{start: start, end: off, quoted: tt == css.StringToken, asset: asset, pos: pos})
			}
		}
		switch tt {
		case css.AtKeywordToken:
			if strings.EqualFold(unescapeCSS(string(data[1:])), "import") {
				diags.Errorf(file, pos, "@import fetches another stylesheet, which signpost does not fingerprint or keep offline: copy its rules into this file")
			}
		case css.URLToken:
			ref(urlTokenValue(string(data)))
		case css.BadURLToken:
			diags.Errorf(file, pos, "this url() is not valid CSS: quote the address, url(\"...\")")
		case css.FunctionToken:
			name := strings.ToLower(unescapeCSS(strings.TrimSuffix(string(data), "(")))
			switch {
			case fn != "":
				depth++
			case slices.Contains([]string{"url", "src", "image-set", "-webkit-image-set", "image", "cross-fade"}, name):
				fn, depth = name, 1
			}
		case css.LeftParenthesisToken:
			if fn != "" {
				depth++
			}
		case css.RightParenthesisToken:
			if fn != "" {
				if depth--; depth == 0 {
					fn = ""
				}
			}
		case css.StringToken:
			if fn != "" {
				ref(unescapeCSS(string(data[1 : len(data)-1])))
			}
		case css.CustomPropertyValueToken:
			// A custom property's value is one token; its url()s are a
			// request as much as any other once the property is used.
			refs = append(refs, lexCSS(file, whole, start, off, diags)...)
		}
	}
	return refs
}

// checkCSSURL reports a URL in a stylesheet that would fetch from another
// origin, and returns the asset a path names (relative to assets/; a
// relative path is relative to dir, the stylesheet's folder in assets/).
func checkCSSURL(file, dir, u string, pos diag.Pos, diags *diag.List) (asset string, ok bool) {
	u = strings.TrimSpace(u)
	lower := strings.ToLower(u)
	switch {
	case u == "" || strings.HasPrefix(u, "#"):
		return "", false
	case strings.HasPrefix(lower, "data:"):
		return "", false
	case strings.HasPrefix(u, "//") || strings.HasPrefix(u, `\`) || strings.HasPrefix(u, `/\`) || hasScheme(u):
		diags.Errorf(file, pos, "%q is on another site: a stylesheet may use only files of assets/ (a third-party request tells another site who reads these pages); copy the file into assets/", u)
		return "", false
	}
	p, _, _ := strings.Cut(u, "?")
	p, _, _ = strings.Cut(p, "#")
	if !strings.HasPrefix(p, "/") {
		p = "/assets/" + path.Join(dir, p)
	}
	if rel, in := strings.CutPrefix(path.Clean(p), "/assets/"); in {
		return rel, true
	}
	diags.Errorf(file, pos, "%q names no file of assets/: write the path of a file in assets/, like /assets/img/map.svg", u)
	return "", false
}

// rewriteCSS replaces each reference to an asset by its fingerprinted URL,
// and reports the references that name no file.
func rewriteCSS(file string, src []byte, refs []cssRef, urls map[string]string, base site.Base, diags *diag.List) []byte {
	var b bytes.Buffer
	last := 0
	for _, r := range refs {
		u, ok := urls[r.asset]
		if !ok {
			diags.Errorf(file, r.pos, "no file assets/%s: the stylesheet would load nothing; add the file or correct the path", r.asset)
			continue
		}
		b.Write(src[last:r.start])
		u = base.URL(u)
		if r.quoted {
			b.WriteString(strconv.Quote(u)) // a fingerprinted path is plain ASCII
		} else {
			b.WriteString("url(" + u + ")")
		}
		last = r.end
	}
	b.Write(src[last:])
	return b.Bytes()
}

// hasScheme reports whether u starts with a URL scheme (https:, javascript:).
func hasScheme(u string) bool {
	for i, c := range u {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// urlTokenValue is the address of an unquoted url(...) token, unescaped.
func urlTokenValue(tok string) string {
	i := strings.IndexByte(tok, '(')
	v := strings.TrimSuffix(tok[i+1:], ")")
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return unescapeCSS(v)
}

// unescapeCSS decodes CSS escapes (\68 ttps, \:), as a browser does before
// it uses a name or address.
func unescapeCSS(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(s) && j < i+7 && isHex(s[j]) {
			j++
		}
		if j == i+1 { // \ and one character: that character
			if s[j] != '\n' {
				b.WriteByte(s[j])
			}
			i = j
			continue
		}
		n, _ := strconv.ParseUint(s[i+1:j], 16, 32)
		r := rune(n)
		if r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			j++
		}
		i = j - 1
	}
	return b.String()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// indexFold is the offset of the first match of ASCII needle in s, ignoring
// case, or -1.
func indexFold(s []byte, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if strings.EqualFold(string(s[i:i+len(needle)]), needle) {
			return i
		}
	}
	return -1
}
