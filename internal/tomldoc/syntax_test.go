package tomldoc

import (
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// TestSyntaxErrorsInPlainWords: each common TOML mistake is one error, at
// its cause, in words a content designer can act on.
func TestSyntaxErrorsInPlainWords(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string
	}{
		{"unclosed quote", "title = \"A\"\nsummary = \"unclosed\nurgency = \"soon\"\n",
			`f.toml:2:11: this quote is never closed: add a closing " before the end of the line (text that runs over several lines goes between """ and """)`},
		{"unclosed quote at the end of the file", "summary = \"unclosed",
			`f.toml:1:11: this quote is never closed: add a closing " before the end of the line (text that runs over several lines goes between """ and """)`},
		{"unclosed single quote", "summary = 'unclosed\n",
			`f.toml:1:11: this quote is never closed: add a closing ' before the end of the line (text that runs over several lines goes between ''' and ''')`},
		{"unclosed quote after a closed one", "signposts = [\"a\", \"b]\n",
			`f.toml:1:19: this quote is never closed: add a closing " before the end of the line (text that runs over several lines goes between """ and """)`},
		{"unclosed triple quote", "title = \"A\"\nbody = \"\"\"\nsome\ntext\n",
			`f.toml:2:8: this """ text is never closed: add """ after its last line`},
		{"missing = before a value", "title \"A\"\n",
			`f.toml:1:7: "=" is missing after title: write title = "A"`},
		{"colon for =", "title: \"A\"\n",
			`f.toml:1:6: a key and its value are joined with =, not a colon: write title = ...`},
		{"key with no value or =", "title = \"A\"\nsummary\n",
			`f.toml:2:1: "summary" has no value: write summary = "..." (text goes in double quotes)`},
		{"no value after =", "title = \n",
			`f.toml:1:9: title has no value after =: write title = "..." (text goes in double quotes)`},
		{"no value at the end of the file", "[emergency]\nphone =",
			`f.toml:2:8: phone has no value after =: write phone = "..." (text goes in double quotes)`},
		{"text without quotes", "title = Get help now\n",
			`f.toml:1:9: text must be in double quotes: write title = "Get help now"`},
		{"text with a slash without quotes", "hours = 24/7\n",
			`f.toml:1:9: text must be in double quotes: write hours = "24/7"`},
		{"curly quotes", "title = “Get help”\n",
			`f.toml:1:9: “ is a curly quote: TOML needs straight quotes ("); retype the quotes, or turn off smart quotes in your editor`},
		{"True in capitals", "draft = True\n",
			`f.toml:1:9: write true or false in lower case, without quotes: draft = true`},
		{"yes for true", "helpline_finder = yes\n",
			`f.toml:1:19: write true or false in lower case, without quotes: helpline_finder = true`},
		{"phone number without quotes, leading zero", "value = 0113 496 0000\n",
			`f.toml:1:9: a phone number is text and goes in double quotes: write value = "0113 496 0000"`},
		{"phone number without quotes, spaces", "call = 116 123\n",
			`f.toml:1:8: a phone number is text and goes in double quotes: write call = "116 123"`},
		{"international number without quotes", "value = +44 113 496 0000\n",
			`f.toml:1:9: a phone number is text and goes in double quotes: write value = "+44 113 496 0000"`},
		{"number with a leading zero", "max_routes = 0100\n",
			`f.toml:1:14: a phone number is text and goes in double quotes: write max_routes = "0100"`},
		{"duplicate key", "title = \"A\"\nsummary = \"S\"\ntitle = \"B\"\n",
			`f.toml:3:1: title is set twice in the same table (first on line 1): keep one`},
		{"duplicate key in a table", "[emergency]\nphone = \"999\"\nphone = \"112\"\n",
			`f.toml:3:1: phone is set twice in the same table (first on line 2): keep one`},
		{"duplicate table", "[emergency]\nphone = \"999\"\n[emergency]\ntext = \"x\"\n",
			`f.toml:3:1: the table [emergency] is already on line 1: put its keys in that one table, or remove this one`},
		{"table for an array of tables", "[[question]]\nid = \"a\"\n[question]\nid = \"b\"\n",
			`f.toml:3:1: [question] is already a list of tables ([[question]] on line 1): write [[question]] here too`},
		{"unclosed table header", "[emergency\nphone = \"999\"\n",
			`f.toml:1:1: this table header is never closed: write [emergency]`},
		{"unclosed array-of-tables header", "[[question]\nid = \"a\"\n",
			`f.toml:1:1: this table header is never closed: write [[question]]`},
		{"one ] too many", "[[question]]]\n",
			`f.toml:1:13: one ] too many: write [[question]]`},
		{"space in a table name", "[emergency banner]\n",
			`f.toml:1:1: a table name cannot contain spaces: write the name as one word, like [emergency]`},
		{"empty table name", "[]\n",
			`f.toml:1:1: [] has no table name: write the name between the brackets, like [emergency]`},
		{"space in a key", "helpline finder = true\n",
			`f.toml:1:1: a key cannot contain spaces: "helpline finder = true" is not a key; check the spelling (keys are single words like helpline_finder)`},
		{"unclosed list", "signposts = [\"a\", \"b\"\nurgency = \"soon\"\n",
			`f.toml:1:13: the list of signposts is never closed: add ] after its last item`},
		{"unclosed list at the end of the file", "signposts = [\"a\",\n",
			`f.toml:1:13: the list of signposts is never closed: add ] after its last item`},
		{"missing comma in a list", "signposts = [\"a\" \"b\"]\n",
			`f.toml:1:18: the items of a list are separated by commas: add a comma before this`},
		{"two keys on a line", "title = \"A\" summary = \"B\"\n",
			`f.toml:1:12: only one key = value goes on a line: start summary = "B" on a new line`},
		{"quote inside text", "title = \"Say \"hello\" now\"\n",
			`f.toml:1:15: the text ends at the quote before this, and more follows on the line: write \" for a quote inside double-quoted text, or put the text in 'single quotes'`},
		{"unclosed inline table", "review = {owner = \"A\"\n",
			`f.toml:1:22: a { ... } table must close with } on the same line, with commas between its keys (or write it as a [table] of its own)`},
		{"backslash in text", "note = \"C:\\Users\\jo\"\n",
			`f.toml:1:8: \U in double-quoted text starts an escape: write \\ for a backslash, or put the text in 'single quotes'`},
		{"bad escape", "note = \"a \\q b\"\n",
			`f.toml:1:8: \q in double-quoted text starts an escape: write \\ for a backslash, or put the text in 'single quotes'`},
		{"bad date", "reviewed = 2026-13-01\n",
			`f.toml:1:12: 2026-13-01 is not a date: write a date as year-month-day, like 2026-10-01`},
		{"no key before =", "= \"A\"\n",
			`f.toml:1:1: there is no key before =: write name = value`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			if Parse("f.toml", "f.toml", []byte(tt.src), 1, diag.Pos{Line: 1}, &l) != nil {
				t.Fatal("parsed")
			}
			var got []string
			for _, d := range l.Sorted() {
				got = append(got, d.String())
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("%q:\n got %s\nwant %s", tt.src, strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// FuzzSyntaxErrors: explaining any syntax error must not panic, and every
// error has a message and a line inside the document.
func FuzzSyntaxErrors(f *testing.F) {
	for _, s := range []string{"a = \"x\n", "[t\n", "[[t]\n", "a = [1,\n", "a = 1\na = 2\n", "x = {a = 1\n", "\"\"\"", "= =", "[a]\n[a]\n", "a = '''\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var l diag.List
		Parse("f.toml", "f.toml", []byte(src), 1, diag.Pos{Line: 1}, &l)
		lines := strings.Count(src, "\n") + 1
		for _, d := range l.Sorted() {
			if d.Message == "" || d.Line < 1 || d.Line > lines {
				t.Fatalf("%q: %v", src, d)
			}
		}
	})
}
