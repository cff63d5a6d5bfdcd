package diff

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// Summary counts the changes and the routes made less urgent.
func Summary(cs []Change) string {
	less := 0
	for _, c := range cs {
		if c.Kind == LessUrgent && strings.HasPrefix(c.What, "route ") {
			less++
		}
	}
	switch {
	case len(cs) == 0:
		return "no changes"
	case less > 0:
		return fmt.Sprintf("%s; %s less urgent", plural(len(cs), "change"), plural(less, "route"))
	}
	return fmt.Sprintf("%s; no route less urgent", plural(len(cs), "change"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// groups splits sorted changes by pathway, keeping their order.
func groups(cs []Change) [][]Change {
	var out [][]Change
	for i, c := range cs {
		if i == 0 || c.Pathway != cs[i-1].Pathway {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], c)
	}
	return out
}

// Text writes the changes for a terminal: a line per change under its
// pathway, with old and new text indented below where there are any.
func Text(w io.Writer, cs []Change) error {
	var b strings.Builder
	fmt.Fprintln(&b, Summary(cs))
	for _, g := range groups(cs) {
		fmt.Fprintf(&b, "\npathway %s: %s\n", g[0].Pathway, Summary(g))
		for _, c := range g {
			label := c.Kind
			if c.Kind == LessUrgent {
				label = "LESS URGENT"
			}
			fmt.Fprintf(&b, "  %s: %s\n", label, c.What)
			for _, side := range []struct{ name, text string }{{"old", c.Old}, {"new", c.New}} {
				if side.text == "" {
					continue
				}
				fmt.Fprintf(&b, "      %s: %s\n", side.name, strings.ReplaceAll(side.text, "\n", "\n           "))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CSV writes a header and one row per change: pathway, change, what, old, new.
func CSV(w io.Writer, cs []Change) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"pathway", "change", "what", "old", "new"})
	for _, c := range cs {
		cw.Write([]string{c.Pathway, string(c.Kind), c.What, c.Old, c.New})
	}
	cw.Flush()
	return cw.Error()
}

// Markdown writes the changes for a pull-request comment: a heading and a
// table per pathway, less urgent routes in bold.
func Markdown(w io.Writer, cs []Change) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Pathway changes: %s\n", Summary(cs))
	for _, g := range groups(cs) {
		fmt.Fprintf(&b, "\n#### `%s`: %s\n\n", g[0].Pathway, Summary(g))
		b.WriteString("| change | what | old | new |\n|---|---|---|---|\n")
		for _, c := range g {
			kind := string(c.Kind)
			if c.Kind == LessUrgent {
				kind = "**less urgent**"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", kind, cell(c.What), cell(c.Old), cell(c.New))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes text safe in a Markdown table cell: no line breaks, no pipes,
// no HTML or emphasis taken from the content.
func cell(s string) string {
	r := strings.NewReplacer("\r\n", "<br>", "\n", "<br>", "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
		"*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`)
	return r.Replace(s)
}
