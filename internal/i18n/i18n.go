// Package i18n owns the text a reader sees that a site's content does not
// supply: headings and labels of the built-in templates, the words the Go
// code writes (contact labels, opening hours, dates, urgency, the titles of
// the services, offline and 404 pages) and the messages of the built-in
// scripts. It is the one place to change a word or translate the site.
//
// # The catalog
//
// The built-in catalog is en.toml in this package (embedded; `signpost
// i18n` prints it): one key per text, keyed by a stable id.
//
//	contact_phone = "Call {number}"
//	finder_found = { one = "1 local service found for {postcode}.", other = "{count} local services found for {postcode}." }
//
// {name} is a placeholder, filled in by the caller (T's arguments, or the
// script that reads the text). A text with the placeholder {count} has
// plural forms, chosen by the language's CLDR rules (zero, one, two, few,
// many, other; other is required). <a>...</a> marks the words of a text
// that are a link; only HTML renders it (Catalog.HTML), as a link to the
// caller's href. A built-in entry may list optional placeholders, ones a
// translation may use although the English does not (the 24-hour clock's
// {h24}).
//
// # A site's own text
//
// A site overrides texts key by key in i18n/<language>.toml, as Hugo's
// i18n/<lang>.toml does. Load reads the files for site.toml's language:
// i18n/<base>.toml (the language's first part, "en" for "en-GB") and then
// i18n/<language>.toml, each over the one before; every key they leave out
// keeps its built-in text. Every file in i18n/ is checked as strictly as
// the rest of the content model: a key the catalog does not have is an
// error (with "did you mean"), and so is a placeholder the key does not
// take, one it must keep, a plural form on a text with no {count}, a
// broken <a>...</a> pair, other HTML, and an empty text. A file for
// another language is checked too, and warned about as unused.
//
// # Languages without a built-in catalog
//
// The only built-in catalog is English. A site in another language gets
// English for every key its files leave out, and a warning that says how
// many keys that is and names the first of them, so a partial translation
// builds (and can be previewed) but is never mistaken for a complete one.
// A site in any English (en, en-GB, en-US, ...) gets no such warning.
//
// # What it does not do
//
// It does not choose what a page shows or render pages (package render
// does, with the t template function), and it knows nothing of the
// content model: callers pass the values of placeholders.
package i18n

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// Dir is the site folder of catalog overrides.
const Dir = sitefs.I18nDir

// Source is the built-in catalog, en.toml. Treat it as a constant.
//
//go:embed en.toml
var Source []byte

// forms are the plural forms' names, indexed by plural.Form.
var forms = [...]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many"}

// message is one text: its plural forms (forms[plural.Other] always set;
// the others only on a text with {count}).
type message struct {
	forms [len(forms)]string
}

// spec is what a key takes: its placeholders and whether it is plural or
// has a link. It comes from the built-in catalog.
type spec struct {
	args     []string // every placeholder the key takes, sorted
	required []string // those a text must keep
	plural   bool     // the text has {count}
	link     bool     // the text has <a>...</a>
}

// Catalog is the text of one site in one language. It is immutable and
// safe for concurrent use.
type Catalog struct {
	lang  string       // as site.toml writes it: "en-GB"
	tag   language.Tag // for plural rules
	msgs  map[string]message
	specs map[string]spec // shared with English()
	keys  []string        // in the order of en.toml
}

var placeholderRE = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// English returns the built-in catalog.
var English = sync.OnceValue(func() *Catalog {
	var diags diag.List
	c := parseBuiltin(&diags)
	if diags.HasErrors() {
		panic("i18n: the built-in en.toml: " + diags.Err().Error()) // a test holds it clean
	}
	return c
})

func parseBuiltin(diags *diag.List) *Catalog {
	c := &Catalog{lang: "en", tag: language.English, msgs: map[string]message{}, specs: map[string]spec{}}
	t := tomldoc.Parse("(built-in) internal/i18n/en.toml", "the catalog", Source, 1, diag.Pos{Line: 1}, diags)
	if t == nil {
		return c
	}
	c.keys = builtinKeys(Source)
	for _, k := range c.keys {
		var m message
		var optional []string
		if t.IsTable(k) {
			sub := t.Table(k)
			for f, name := range forms {
				if sub.Has(name) {
					m.forms[f] = sub.String(name, false)
				}
			}
			m.forms[plural.Other] = sub.String("other", true)
			optional = sub.Strings("optional")
			sub.Check()
		} else {
			m.forms[plural.Other] = t.String(k, true)
		}
		other := m.forms[plural.Other]
		used := placeholders(other)
		s := spec{
			args:     slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(used), optional...)))),
			required: slices.DeleteFunc(used, func(a string) bool { return slices.Contains(optional, a) }),
			plural:   slices.Contains(used, "count"),
			link:     strings.Contains(other, "<a>"),
		}
		c.specs[k] = s
		c.msgs[k] = m
		if msg := checkText(k, s, other, true); msg != "" {
			t.Errorf(t.ValuePos(k), "%s", msg)
		}
	}
	t.Check()
	return c
}

// builtinKeys lists the top-level keys of en.toml in the order written:
// each is a line "key = ...". (The map BurntSushi decodes has no order.)
func builtinKeys(src []byte) []string {
	var keys []string
	for _, line := range strings.Split(string(src), "\n") {
		if k, _, ok := strings.Cut(line, " = "); ok && !strings.HasPrefix(k, "#") && !strings.ContainsAny(k, " \t") {
			keys = append(keys, k)
		}
	}
	return keys
}

// placeholders returns the names of the placeholders of s, in order, each once.
func placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// checkText says what is wrong with s as the text (or the plural form
// other, when other is true) of key; "" when nothing is.
func checkText(key string, s spec, text string, other bool) string {
	if strings.TrimSpace(text) == "" && !strings.Contains(key, "separator") {
		return fmt.Sprintf("%s is empty: write the text, or remove the key to keep the built-in text", key)
	}
	used := placeholders(text)
	for _, a := range used {
		if !slices.Contains(s.args, a) {
			msg := fmt.Sprintf("%s has no placeholder {%s}", key, a)
			if c := diag.Closest(a, s.args); c != "" {
				return msg + fmt.Sprintf(": did you mean {%s}?", c)
			}
			if len(s.args) == 0 {
				return msg + ": it takes none"
			}
			return msg + ": it takes " + braced(s.args)
		}
	}
	for _, a := range s.required {
		if !slices.Contains(used, a) && (other || a != "count") {
			return fmt.Sprintf("%s must keep the placeholder {%s}: the page fills it in (it takes %s)", key, a, braced(s.args))
		}
	}
	rest := text
	if s.link {
		open, close := strings.Index(text, "<a>"), strings.Index(text, "</a>")
		if strings.Count(text, "<a>") != 1 || strings.Count(text, "</a>") != 1 || close < open {
			return fmt.Sprintf("%s must have one link, <a>words</a>, around the words that are the link", key)
		}
		rest = strings.Replace(strings.Replace(text, "<a>", "", 1), "</a>", "", 1)
	}
	if tagRE.MatchString(rest) {
		if s.link {
			return fmt.Sprintf("%s may hold no HTML but its one <a>...</a>: write plain text", key)
		}
		return fmt.Sprintf("%s may hold no HTML: write plain text", key)
	}
	return ""
}

var tagRE = regexp.MustCompile(`<[A-Za-z/!?]`)

func braced(names []string) string {
	b := make([]string, len(names))
	for i, n := range names {
		b[i] = "{" + n + "}"
	}
	return strings.Join(b, ", ")
}

// Lang is the language the catalog is for, as site.toml writes it.
func (c *Catalog) Lang() string { return c.lang }

// Keys lists every key, in the order of en.toml.
func (c *Catalog) Keys() []string { return slices.Clone(c.keys) }

// Has reports whether key is in the catalog.
func (c *Catalog) Has(key string) bool { _, ok := c.msgs[key]; return ok }

// Plural reports whether key's text has plural forms ({count}).
func (c *Catalog) Plural(key string) bool { return c.specs[key].plural }

// Link reports whether key's text has a link (<a>...</a>).
func (c *Catalog) Link(key string) bool { return c.specs[key].link }

// Closest is the key nearest to a mistyped one, or "".
func (c *Catalog) Closest(key string) string { return diag.Closest(key, c.keys) }

// Forms returns key's text, or its plural forms by name ("one", "other").
func (c *Catalog) Forms(key string) map[string]string {
	m, ok := c.msgs[key]
	if !ok {
		return nil
	}
	out := map[string]string{}
	for f, text := range m.forms {
		if text != "" {
			out[forms[f]] = text
		}
	}
	return out
}

// text picks key's form for args (pairs of name and value).
func (c *Catalog) text(key string, args pairs) (string, bool) {
	m, ok := c.msgs[key]
	if !ok {
		return "", false
	}
	text := m.forms[plural.Other]
	if n, ok := args.get("count"); ok {
		if f := c.form(n); m.forms[f] != "" {
			text = m.forms[f]
		}
	}
	return text, true
}

// pairs are the arguments of T and HTML: placeholder names, each followed
// by its value. A template passes a handful, so they are searched rather
// than put in a map for every text.
type pairs []any

// get is the value of the placeholder name: that of its last pair, as
// when the pairs were put in a map one by one; a pair whose name is not a
// string names nothing.
func (a pairs) get(name string) (any, bool) {
	for i := len(a) &^ 1; i >= 2; i -= 2 {
		if n, ok := a[i-2].(string); ok && n == name {
			return a[i-1], true
		}
	}
	return nil, false
}

// form is the plural form of the number n in the catalog's language.
func (c *Catalog) form(n any) plural.Form {
	var i int
	switch n := n.(type) {
	case int:
		i = n
	case int64:
		i = int(n)
	default:
		return plural.Other
	}
	if i < 0 {
		i = -i
	}
	return plural.Cardinal.MatchPlural(c.tag, i, 0, 0, 0, 0)
}

// fill replaces the placeholders of text ({name}, as placeholderRE
// matches them, left to right) that args give a value with that value,
// through esc, and leaves the others as they are. It scans text by hand:
// it runs for every text of every page, and a regexp pass was most of
// its cost.
func fill(text string, args pairs, esc func(any) string) string {
	i := strings.IndexByte(text, '{')
	if i < 0 {
		return text // most texts have no placeholder
	}
	var b strings.Builder
	done := 0 // text[:done] is written
	for ; i >= 0; i = nextBrace(text, i+1) {
		n := placeholderAt(text, i)
		if n == 0 {
			continue
		}
		v, ok := args.get(text[i+1 : i+n-1])
		if !ok {
			i += n - 1
			continue
		}
		if done == 0 {
			b.Grow(len(text) + 16)
		}
		b.WriteString(text[done:i])
		b.WriteString(esc(v))
		done = i + n
		i = done - 1
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// nextBrace is the index of the first '{' of text at or after from, or -1.
func nextBrace(text string, from int) int {
	if from >= len(text) {
		return -1
	}
	j := strings.IndexByte(text[from:], '{')
	if j < 0 {
		return -1
	}
	return from + j
}

// placeholderAt is the length of the placeholder placeholderRE matches at
// text[i] (a '{'), or 0: '{', a-z, then a-z, 0-9 or _, then '}'.
func placeholderAt(text string, i int) int {
	j := i + 1
	if j >= len(text) || text[j] < 'a' || text[j] > 'z' {
		return 0
	}
	for j++; j < len(text); j++ {
		switch c := text[j]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
		case c == '}':
			return j - i + 1
		default:
			return 0
		}
	}
	return 0
}

// plainValue is a value as T writes it: fmt.Sprint's text, without its
// work for the strings most values are.
func plainValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// T returns key's text in plain text, with args (pairs of placeholder name
// and value: "number", "116 123") filled in; a link's <a> and </a> are
// dropped. A key that is not in the catalog gives "{key}" (a test holds
// every key the code uses to the catalog).
func (c *Catalog) T(key string, args ...any) string {
	text, ok := c.text(key, args)
	if !ok {
		return "{" + key + "}"
	}
	text = strings.Replace(strings.Replace(text, "<a>", "", 1), "</a>", "", 1)
	return fill(text, args, plainValue)
}

// HTML returns key's text as HTML, with args filled in and escaped
// (template.HTML values as they are). A link's <a> becomes a link to the
// argument href: a template.URL, or a string that is a root-relative URL
// or a fragment.
func (c *Catalog) HTML(key string, args ...any) template.HTML {
	text, ok := c.text(key, args)
	if !ok {
		return template.HTML(template.HTMLEscapeString("{" + key + "}"))
	}
	before, link, after := text, "", ""
	if c.specs[key].link {
		if i := strings.Index(text, "<a>"); i >= 0 {
			if j := strings.Index(text[i:], "</a>"); j >= 0 {
				before, link, after = text[:i], text[i+3:i+j], text[i+j+4:]
			}
		}
	}
	esc := func(v any) string {
		if h, ok := v.(template.HTML); ok {
			return string(h)
		}
		return template.HTMLEscapeString(plainValue(v))
	}
	var b strings.Builder
	b.WriteString(fill(template.HTMLEscapeString(before), args, esc))
	if c.specs[key].link {
		href, _ := pairs(args).get("href")
		b.WriteString(`<a href="` + template.HTMLEscapeString(safeHref(href)) + `">`)
		b.WriteString(fill(template.HTMLEscapeString(link), args, esc))
		b.WriteString("</a>")
		b.WriteString(fill(template.HTMLEscapeString(after), args, esc))
	}
	return template.HTML(b.String())
}

// safeHref is href if it is a template.URL or a root-relative URL or a
// fragment; otherwise html/template's placeholder for an unsafe URL.
func safeHref(href any) string {
	switch h := href.(type) {
	case template.URL:
		return string(h)
	case string:
		if strings.HasPrefix(h, "#") || strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "//") {
			return h
		}
	}
	return "#ZgotmplZ"
}

// Date writes a date with date_long and the month's name (month_1 to
// month_12): "1 November 2026"; "" for the zero time.
func (c *Catalog) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return c.T("date_long", "day", t.Day(), "month", c.T(fmt.Sprintf("month_%d", int(t.Month()))), "year", t.Year())
}

// Load returns the catalog of a site in language lang: the built-in texts
// with the site's i18n/<base>.toml and i18n/<lang>.toml over them (see the
// package doc). Mistakes in any file of i18n/ are added to diags.
func Load(fsys fs.FS, lang string, diags *diag.List) *Catalog {
	en := English()
	c := &Catalog{lang: lang, tag: tagOf(lang), msgs: maps.Clone(en.msgs), specs: en.specs, keys: en.keys}
	base, _, _ := strings.Cut(lang, "-")
	var files map[string]string // "base" or "lang" -> file
	translated := map[string]bool{}
	if fsys != nil {
		files = map[string]string{}
		layers := map[string]map[string]message{}
		sitefs.I18n.Walk(fsys, diags, func(file string) {
			name := strings.TrimSuffix(path.Base(file), ".toml")
			if !languageRE.MatchString(name) {
				diags.Errorf(file, diag.Pos{}, "%q is not a language tag: name the file after site.toml's language, like i18n/%s.toml", name, strings.ToLower(lang))
				return
			}
			src, err := sitefs.I18n.Read(fsys, file)
			if err != nil {
				diags.Errorf(file, diag.Pos{}, "%v", err)
				return
			}
			msgs := readSite(file, src, en, diags)
			switch {
			case strings.EqualFold(name, lang):
				files["lang"], layers["lang"] = file, msgs
			case strings.EqualFold(name, base):
				files["base"], layers["base"] = file, msgs
			default:
				diags.Warnf(file, diag.Pos{}, "not used: the site's language is %s (site.toml), so only i18n/%s.toml and i18n/%s.toml are read; rename the file or remove it", lang, base, lang)
			}
		})
		for _, layer := range []string{"base", "lang"} {
			for k, m := range layers[layer] {
				c.msgs[k] = m
				translated[k] = true
			}
		}
	}
	if !strings.EqualFold(base, "en") {
		var missing []string
		for _, k := range en.keys {
			if !translated[k] {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			file := sitefs.ConfigFile
			where := "add i18n/" + lang + ".toml with their texts in " + lang
			if f := cmpOr(files["lang"], files["base"]); f != "" {
				file, where = f, "add them to "+f
			}
			first := missing[:min(len(missing), 5)]
			more := ""
			if len(missing) > len(first) {
				more = ", ..."
			}
			diags.Warnf(file, diag.Pos{}, "%d of the %d built-in texts have no %s translation and show in English (%s%s): %s; `signpost i18n` lists every key",
				len(missing), len(en.keys), lang, strings.Join(first, ", "), more, where)
		}
	}
	return c
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// languageRE is a language tag, as config checks site.toml's language.
var languageRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// tagOf is the language tag of lang for plural rules; English if x/text
// cannot read it.
func tagOf(lang string) language.Tag {
	t, err := language.Parse(lang)
	if err != nil {
		return language.English
	}
	return t
}

// readSite reads one site catalog file against the built-in catalog en.
func readSite(file string, src []byte, en *Catalog, diags *diag.List) map[string]message {
	t := tomldoc.Parse(file, "the catalog", src, 1, diag.Pos{Line: 1}, diags)
	if t == nil {
		return nil
	}
	out := map[string]message{}
	for _, k := range en.keys {
		if !t.Has(k) {
			continue
		}
		s := en.specs[k]
		var m message
		ok := true
		check := func(pos diag.Pos, text string, other bool) {
			if msg := checkText(k, s, text, other); msg != "" {
				t.Errorf(pos, "%s", msg)
				ok = false
			}
		}
		if t.IsTable(k) {
			sub := t.Table(k)
			if !s.plural {
				t.Errorf(t.ValuePos(k), "%s has no {count}, so it has one text, not plural forms: write %s = \"...\"", k, k)
				continue
			}
			for f, name := range forms {
				if !sub.Has(name) {
					continue
				}
				m.forms[f] = sub.String(name, false)
				check(sub.ValuePos(name), m.forms[f], plural.Form(f) == plural.Other)
			}
			if !sub.Has("other") {
				t.Errorf(t.ValuePos(k), "%s is missing the plural form other, the one used when no other form fits: add other = \"...\"", k)
				ok = false
			}
			sub.Check()
		} else {
			m.forms[plural.Other] = t.String(k, false)
			check(t.ValuePos(k), m.forms[plural.Other], true)
		}
		if ok {
			out[k] = m
		}
	}
	t.Check()
	return out
}

// The marks of the pseudo-locale test (signpost i18n --pseudo).
const (
	PseudoOpen  = "⟦"
	PseudoClose = "⟧"
)

// SiteFile writes every text of the catalog as a site's catalog file
// (i18n/<language>.toml), in the order of en.toml.
func (c *Catalog) SiteFile() []byte {
	var b bytes.Buffer
	for _, k := range c.keys {
		m := c.msgs[k]
		if !c.specs[k].plural {
			fmt.Fprintf(&b, "%s = %s\n", k, tomlString(m.forms[plural.Other]))
			continue
		}
		var parts []string
		for f, text := range m.forms {
			if text != "" {
				parts = append(parts, forms[f]+" = "+tomlString(text))
			}
		}
		fmt.Fprintf(&b, "%s = { %s }\n", k, strings.Join(parts, ", "))
	}
	return b.Bytes()
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Pseudo returns a copy of c with every text marked: open before and close
// after each run of its words (inside and outside a link alike), so a test
// can tell the catalog's text on a page from text that is not (English
// left in code).
func (c *Catalog) Pseudo(open, close string) *Catalog {
	p := &Catalog{lang: c.lang, tag: c.tag, msgs: map[string]message{}, specs: c.specs, keys: c.keys}
	mark := func(s string) string {
		if s == "" {
			return ""
		}
		return open + s + close
	}
	for k, m := range c.msgs {
		for f, text := range m.forms {
			if text == "" {
				continue
			}
			if c.specs[k].link {
				var b bytes.Buffer
				before, rest, _ := strings.Cut(text, "<a>")
				link, after, _ := strings.Cut(rest, "</a>")
				b.WriteString(mark(before) + "<a>" + mark(link) + "</a>" + mark(after))
				text = b.String()
			} else {
				text = mark(text)
			}
			m.forms[f] = text
		}
		p.msgs[k] = m
	}
	return p
}
