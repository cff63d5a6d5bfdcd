package i18n

import (
	"fmt"
	"testing"
)

// fillByRegexp is what fill did before it scanned by hand: every match of
// placeholderRE whose name has a value (the last pair's) replaced by it.
func fillByRegexp(text string, args []any) string {
	vals := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		if name, ok := args[i].(string); ok {
			vals[name] = args[i+1]
		}
	}
	return placeholderRE.ReplaceAllStringFunc(text, func(p string) string {
		v, ok := vals[p[1:len(p)-1]]
		if !ok {
			return p
		}
		return fmt.Sprint(v)
	})
}

// fillArgs are the arguments the fill tests fill with: a repeated name
// (the last wins), a name that is not a string, and an odd one out.
var fillArgs = []any{"a", "A", "count", 3, "a_1", "<&>", "b", "x", 7, "seven", "b", "B", "odd"}

// TestFill: fill replaces exactly what placeholderRE matches and args name.
func TestFill(t *testing.T) {
	for _, text := range []string{
		"", "plain", "{a}", "{a}{b}", "x{a}y{b}z", "{count} of {a_1}", "{{a}}", "{a", "a}", "{}", "{A}", "{1a}",
		"{a-b}", "{ab", "{a}{", "{missing} {a}", "{b}}{{b}", "{ a}", "{a_}{a_1}{a1_}", "{é}{a}", "{{{a}}}",
	} {
		got := fill(text, fillArgs, plainValue)
		if want := fillByRegexp(text, fillArgs); got != want {
			t.Errorf("fill(%q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzFill(f *testing.F) {
	for _, s := range []string{"{a}", "x{a}y{b}z{", "{{count}}", "{a_1}{missing}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := fill(text, fillArgs, plainValue), fillByRegexp(text, fillArgs); got != want {
			t.Errorf("fill(%q) = %q, want %q", text, got, want)
		}
	})
}
