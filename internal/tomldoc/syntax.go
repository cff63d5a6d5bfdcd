package tomldoc

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// A syntax error, as BurntSushi/toml reports it, is written for
// programmers ("expected a top-level item to end with a newline, comment,
// or EOF, but got 'b' instead"). explain rewrites the common ones in the
// words of someone editing content, says what to do, and points at the
// cause: the quote that is never closed, not the end of its line.

// syntaxProblem is a syntax error in plain words, at a line of src and a
// byte column on it (both 1-based).
type syntaxProblem struct {
	line, col int
	msg       string
}

var (
	gotRE      = regexp.MustCompile(`(?:got|found) (?:'((?:\\.|[^'])*)'|"((?:\\.|[^"])*)"|(end of file))`)
	keyRE      = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*=`)
	phoneish   = regexp.MustCompile(`^\+?[0-9][0-9 ]*$`)
	definedRE  = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)
	escapeRE   = regexp.MustCompile(`invalid escape in string '(\\.)'|after '(\\[xuU])'`)
	curlyQuote = "“”‘’„«»"
)

// explain turns a BurntSushi parse error into a syntaxProblem; the
// original message is kept, after "TOML syntax error:", for the errors it
// does not know. src starts at line firstLine of its file, which messages
// that name another line count from.
func explain(pe toml.ParseError, src string, firstLine int) syntaxProblem {
	lines := strings.Split(src, "\n")
	p := syntaxProblem{line: pe.Position.Line, col: pe.Position.Col}
	if p.line < 1 || p.line > len(lines) {
		p.line, p.col = max(1, min(p.line, len(lines))), 0
	}
	text := strings.TrimRight(lines[p.line-1], "\r")
	if p.col > len(text)+1 {
		p.col = len(text) + 1
	}
	m := pe.Message
	got := gotWhat(m)
	key := lastSegment(pe.LastKey)
	if k := keyRE.FindStringSubmatch(text); k != nil {
		key = lastSegment(k[1]) // LastKey may be the enclosing table's
	}
	value := ""
	if i := strings.IndexByte(text, '='); i >= 0 {
		value = strings.TrimSpace(stripComment(text[i+1:]))
	}
	at := func(col int, format string, args ...any) syntaxProblem {
		return syntaxProblem{line: p.line, col: col, msg: fmt.Sprintf(format, args...)}
	}
	valueCol := func() int {
		if i := strings.IndexByte(text, '='); i >= 0 {
			return i + 2 + len(text[i+1:]) - len(strings.TrimLeft(text[i+1:], " \t"))
		}
		return firstCol(text)
	}
	switch {
	case m == "strings cannot contain newlines" || m == `unexpected EOF; expected '"'` || m == `unexpected EOF; expected "'"`:
		q := openingQuote(text)
		if q < 0 {
			break
		}
		return at(q+1, "this quote is never closed: add a closing %c before the end of the line (text that runs over several lines goes between %s and %s)",
			text[q], strings.Repeat(text[q:q+1], 3), strings.Repeat(text[q:q+1], 3))

	case m == `unexpected EOF; expected '"""'` || m == `unexpected EOF; expected "'''"`:
		fence := `"""`
		if strings.Contains(m, "'''") {
			fence = "'''"
		}
		// The opening fence is the last one in the file: it was never closed.
		i := strings.LastIndex(src, fence)
		if i < 0 {
			break
		}
		line := strings.Count(src[:i], "\n") + 1
		col := i - strings.LastIndexByte(src[:i], '\n')
		return syntaxProblem{line: line, col: col, msg: fmt.Sprintf("this %s text is never closed: add %s after its last line", fence, fence)}

	case strings.HasPrefix(m, "expected '.' or '=', but got "):
		name := strings.TrimSpace(text[:min(len(text), max(p.col-1, 0))])
		start := firstCol(text)
		switch {
		case got == "\\n" || got == "end of file" || got == "#":
			return at(start, "%q has no value: write %s = \"...\" (text goes in double quotes)", name, name)
		case got == ":":
			return at(p.col, "a key and its value are joined with =, not a colon: write %s = ...", name)
		case got == "]":
			return at(start, "this table header has no opening [: write [%s]", strings.TrimRight(strings.TrimSpace(text), "]"))
		case strings.Contains(name, " ") || isWordChar(got):
			return at(start, "a key cannot contain spaces: %q is not a key; check the spelling (keys are single words like helpline_finder)", strings.TrimSpace(stripComment(text)))
		default:
			return at(p.col, "\"=\" is missing after %s: write %s = %s", name, name, strings.TrimSpace(text[min(len(text), max(p.col-1, 0)):]))
		}

	case strings.HasPrefix(m, "expected value but found "):
		col := valueCol()
		switch {
		case got == "\\n" || got == "end of file" || got == "#":
			return at(col, "%s has no value after =: write %s = \"...\" (text goes in double quotes)", key, key)
		case strings.ContainsAny(got, curlyQuote):
			return at(col, "%s is a curly quote: TOML needs straight quotes (\"); retype the quotes, or turn off smart quotes in your editor", got)
		case strings.EqualFold(got, "true") || strings.EqualFold(got, "false") || strings.EqualFold(got, "yes") || strings.EqualFold(got, "no"):
			return at(col, "write true or false in lower case, without quotes: %s = %s", key, yesNo(got))
		case got == "=":
			return at(col, "there is one = too many: write %s = ...", key)
		case phoneish.MatchString(value):
			return phoneProblem(p.line, col, key, value)
		default:
			return at(col, "text must be in double quotes: write %s = %q", key, value)
		}

	case strings.Contains(m, "cannot have leading zeroes") || strings.Contains(m, "is out of range for int64"):
		if phoneish.MatchString(value) {
			return phoneProblem(p.line, valueCol(), key, value)
		}
		return at(valueCol(), "%s is not a number TOML can read: if it is a code or a phone number, put it in double quotes: %s = %q", value, key, value)

	case strings.HasPrefix(m, "expected a top-level item to end with a newline, comment, or EOF, but got "):
		trimmed := strings.TrimSpace(text)
		switch {
		case got == "]" && strings.HasPrefix(trimmed, "["):
			return at(p.col, "one ] too many: write %s", strings.TrimRight(trimmed, "]")+strings.Repeat("]", strings.Count(trimmed, "[")))
		case phoneish.MatchString(value):
			return phoneProblem(p.line, valueCol(), key, value)
		case keyRE.MatchString(text[min(len(text), max(p.col-1, 0)):]):
			return at(p.col, "only one key = value goes on a line: start %s on a new line", strings.TrimSpace(text[min(len(text), max(p.col-1, 0)):]))
		case strings.HasPrefix(value, `"`) || strings.HasPrefix(value, "'"):
			return at(p.col, "the text ends at the quote before this, and more follows on the line: write \\\" for a quote inside double-quoted text, or put the text in 'single quotes'")
		default:
			return at(valueCol(), "text must be in double quotes: write %s = %q", key, value)
		}

	case definedRE.MatchString(m):
		full := definedRE.FindStringSubmatch(m)[1]
		trimmed := strings.TrimSpace(text)
		if strings.HasPrefix(trimmed, "[") {
			if n := findLine(lines, p.line, regexp.MustCompile(`^\s*\[\[\s*`+regexp.QuoteMeta(full)+`\s*\]\]`)); n > 0 && !strings.HasPrefix(trimmed, "[[") {
				return at(firstCol(text), "[%s] is already a list of tables ([[%s]] on line %d): write [[%s]] here too", full, full, n+firstLine-1, full)
			}
			if n := findLine(lines, p.line, regexp.MustCompile(`^\s*\[\s*`+regexp.QuoteMeta(full)+`\s*\]`)); n > 0 {
				return at(firstCol(text), "the table [%s] is already on line %d: put its keys in that one table, or remove this one", full, n+firstLine-1)
			}
			return at(firstCol(text), "%q is already set above: a table cannot have the name of a key; rename one of them", full)
		}
		short := lastSegment(full)
		if n := findLine(lines, p.line, regexp.MustCompile(`^\s*`+regexp.QuoteMeta(short)+`\s*=`)); n > 0 {
			return at(firstCol(text), "%s is set twice in the same table (first on line %d): keep one", short, n+firstLine-1)
		}
		return at(firstCol(text), "%s is set twice in the same table: keep one", short)

	case strings.HasPrefix(m, "expected '.' or ']' to end table name, but got "), strings.HasPrefix(m, "expected end of table array name delimiter ']'"):
		// BurntSushi reports an unclosed header on the line after it.
		l := findLine(lines, p.line+1, regexp.MustCompile(`^\s*\[`))
		if l == 0 {
			break
		}
		h := strings.TrimSpace(stripComment(strings.TrimRight(lines[l-1], "\r")))
		col := strings.IndexByte(lines[l-1], '[') + 1
		if l == p.line && got != "\\n" && got != "end of file" && got != "#" {
			return syntaxProblem{line: l, col: col, msg: "a table name cannot contain spaces: write the name as one word, like [emergency]"}
		}
		closing := "]"
		if strings.HasPrefix(h, "[[") {
			closing = "]]"
		}
		return syntaxProblem{line: l, col: col, msg: fmt.Sprintf("this table header is never closed: write %s%s", strings.TrimRight(h, "]"), closing)}

	case strings.HasPrefix(m, "unexpected end of table name"):
		return at(firstCol(text), "[] has no table name: write the name between the brackets, like [emergency]")

	case strings.HasPrefix(m, "expected a comma (',') or array terminator (']'), but got "), m == "unexpected EOF; expected value" && strings.Contains(src, "["):
		open := 0
		if list := lastSegment(pe.LastKey); list != "" {
			open = findLine(lines, p.line+1, regexp.MustCompile(`^\s*`+regexp.QuoteMeta(list)+`\s*=\s*\[`))
			if open > 0 {
				key = list
			}
		}
		if m == "unexpected EOF; expected value" && open == 0 {
			return at(valueCol(), "%s has no value after =: write %s = \"...\" (text goes in double quotes)", key, key)
		}
		// What follows the list is the next key or table: the ] is missing.
		next := got == "end of file" || m == "unexpected EOF; expected value" ||
			open > 0 && open < p.line && (keyRE.MatchString(text) || strings.HasPrefix(strings.TrimSpace(text), "["))
		if next && open > 0 {
			t := lines[open-1]
			return syntaxProblem{line: open, col: strings.IndexByte(t, '[') + 1, msg: fmt.Sprintf("the list of %s is never closed: add ] after its last item", key)}
		}
		if next {
			return at(p.col, "a list is never closed before this: add ] after its last item")
		}
		return at(p.col, "the items of a list are separated by commas: add a comma before this")

	case strings.HasPrefix(m, "expected a comma or an inline table terminator '}'") || m == "newlines not allowed within inline tables":
		return at(p.col, "a { ... } table must close with } on the same line, with commas between its keys (or write it as a [table] of its own)")

	case escapeRE.MatchString(m):
		e := escapeRE.FindStringSubmatch(m)
		esc := e[1] + e[2]
		return at(valueCol(), "%s in double-quoted text starts an escape: write \\\\ for a backslash, or put the text in 'single quotes'", esc)

	case strings.HasPrefix(m, "invalid datetime: "):
		return at(valueCol(), "%s is not a date: write a date as year-month-day, like 2026-10-01", value)

	case m == "unexpected '=': key name appears blank":
		return at(firstCol(text), "there is no key before =: write name = value")
	}
	p.msg = "TOML syntax error: " + m
	return p
}

func phoneProblem(line, col int, key, value string) syntaxProblem {
	return syntaxProblem{line: line, col: col, msg: fmt.Sprintf("a phone number is text and goes in double quotes: write %s = %q", key, value)}
}

// gotWhat is what a BurntSushi message says it found: "b", "\n", "end of
// file"; "" if it does not say.
func gotWhat(m string) string {
	g := gotRE.FindStringSubmatch(m)
	if g == nil {
		return ""
	}
	return g[1] + g[2] + g[3]
}

func lastSegment(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// openingQuote is the byte index of the quote that opens the value on a
// line `key = "...`, or -1.
func openingQuote(text string) int {
	eq := strings.IndexByte(text, '=')
	if eq < 0 {
		return strings.IndexAny(text, `"'`)
	}
	// The unclosed quote is the last one that opens a string: skip the
	// closed strings of an array or inline table before it.
	open, in := -1, byte(0)
	for i := eq + 1; i < len(text); i++ {
		c := text[i]
		switch {
		case in == 0 && (c == '"' || c == '\''):
			open, in = i, c
		case in == '"' && c == '\\':
			i++
		case in != 0 && c == in:
			in = 0
		case in == 0 && c == '#':
			return open
		}
	}
	return open
}

// stripComment removes a # comment outside quotes.
func stripComment(s string) string {
	in := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in == 0 && (c == '"' || c == '\''):
			in = c
		case in == '"' && c == '\\':
			i++
		case in != 0 && c == in:
			in = 0
		case in == 0 && c == '#':
			return s[:i]
		}
	}
	return s
}

// findLine is the 1-based number of the last line before line `before`
// that matches re, or 0.
func findLine(lines []string, before int, re *regexp.Regexp) int {
	for n := min(before-1, len(lines)); n >= 1; n-- {
		if re.MatchString(lines[n-1]) {
			return n
		}
	}
	return 0
}

// firstCol is the byte column of the first character that is not a space.
func firstCol(text string) int {
	return len(text) - len(strings.TrimLeft(text, " \t")) + 1
}

func isWordChar(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func yesNo(s string) string {
	if strings.EqualFold(s, "true") || strings.EqualFold(s, "yes") {
		return "true"
	}
	return "false"
}
