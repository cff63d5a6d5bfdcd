// Package pathmap draws the preview's map of a pathway for clinical
// reviewers: the compiler's own model, never a second reading of the file.
//
// New turns a *pathway.Draft (the file as far as it can be read, from
// pathway.Parse) into a Graph of boxes and answers, and marks each box and
// answer with the compiler's diagnostics for the file, matched by position:
// a diagnostic belongs to the last question or answer that starts at or
// before it. So whatever the compiler says about a question is shown on
// that question, in the compiler's words, and the map cannot disagree with
// it. Diagnostics before the first question (title, start) are the
// pathway's own.
//
// Lay runs Graphviz's dot (github.com/goccy/go-graphviz: Graphviz compiled
// to WebAssembly, run by wazero, no cgo) on the graph and returns a Layout:
// plain data, in pixels with y going down, holding every box, every answer's
// spline, arrowhead and label box. The layout is what the geometric tests
// check (no answer crosses a box other than its ends, no label overlaps
// another label or a box) and what SVG draws; SVG adds nothing to it but
// markup.
//
// It does not own the HTTP page around the map (package preview), the
// pathway rules (package pathway) or the outcome pages' content (the caller
// passes each outcome's title and urgency).
package pathmap

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
)

// Kind is what a box stands for.
type Kind int

const (
	Question Kind = iota
	Outcome
	Missing // what an answer names that does not exist, or nowhere
)

// OutcomeInfo is what the map shows of an outcome page.
type OutcomeInfo struct {
	Title   string
	Urgency string // emergency, urgent, soon, routine, self-care
}

// Node is one box of the map.
type Node struct {
	Kind    Kind
	ID      string // question or outcome id as written; "" for nowhere or no id
	Text    string // the question, the outcome's title, or what is missing
	Urgency string // outcomes only; "" when unknown
	Start   bool
	Line    int               // the line of the question's header; 0 for others
	Diags   []diag.Diagnostic // the compiler's, about this question
	Problem string            // for Missing boxes: what is missing (drawn, not a diagnostic)
}

// Bad reports whether the box is drawn as a problem: it is missing, or the
// compiler reported an error or warning at it.
func (n *Node) Bad() bool { return n.Kind == Missing || len(n.Diags) > 0 }

// Edge is one answer, from a question to where it leads. An answer with
// both next and outcome is two edges.
type Edge struct {
	From, To int // indexes into Graph.Nodes
	Label    string
	Line     int               // the answer's header line
	Diags    []diag.Diagnostic // the compiler's, about this answer
}

// Graph is a pathway as the map draws it.
type Graph struct {
	Title string
	File  string
	Nodes []*Node
	Edges []*Edge
	Diags []diag.Diagnostic // the compiler's, about the pathway as a whole
}

// New builds the graph of a draft. diags are the compiler's diagnostics;
// those for other files are ignored. outcomes gives the title and urgency
// of each outcome page that exists.
func New(d *pathway.Draft, diags []diag.Diagnostic, outcomes map[string]OutcomeInfo) *Graph {
	g := &Graph{Title: d.Title, File: d.File}
	byID := map[string]int{}
	outcome := map[string]int{}
	type anchor struct {
		pos  diag.Pos
		node int   // question: index into Nodes, else -1
		edge []int // answer: its edges
	}
	var anchors []anchor
	qnode := make([]int, len(d.Questions))
	for i, q := range d.Questions {
		n := &Node{Kind: Question, ID: q.ID.Name, Text: q.Text, Line: q.Pos.Line}
		qnode[i] = len(g.Nodes)
		if _, dup := byID[q.ID.Name]; q.ID.OK && !dup {
			byID[q.ID.Name] = len(g.Nodes)
		}
		g.Nodes = append(g.Nodes, n)
		anchors = append(anchors, anchor{pos: q.Pos, node: qnode[i]})
	}
	if i, ok := byID[d.Start.Name]; ok && d.Start.OK {
		g.Nodes[i].Start = true
	}
	missing := func(id, text, problem string) int {
		g.Nodes = append(g.Nodes, &Node{Kind: Missing, ID: id, Text: text, Problem: problem})
		return len(g.Nodes) - 1
	}
	for i, q := range d.Questions {
		// An outcome is drawn once per question that ends in it, beside
		// that question: a reviewer reads each ending where it happens, and
		// no answer runs the length of the map to a shared box.
		clear(outcome)
		for _, a := range q.Answers {
			var to []int
			if r := a.Next; r.Set {
				j, ok := byID[r.Name]
				if !ok || !r.OK {
					j = missing(r.Name, "No question "+r.Name, "next names no question")
				}
				to = append(to, j)
			}
			if r := a.Outcome; r.Set {
				j, ok := outcome[r.Name]
				if !ok {
					info, exists := outcomes[r.Name]
					switch {
					case exists && r.OK:
						g.Nodes = append(g.Nodes, &Node{Kind: Outcome, ID: r.Name, Text: cmp.Or(info.Title, r.Name), Urgency: info.Urgency})
						j = len(g.Nodes) - 1
					default:
						j = missing(r.Name, "No outcome "+r.Name, "no page content/outcomes/"+r.Name+".md")
					}
					outcome[r.Name] = j
				}
				to = append(to, j)
			}
			if len(to) == 0 {
				to = append(to, missing("", "Nowhere", "the answer has neither next nor outcome"))
			}
			an := anchor{pos: a.Pos, node: -1}
			for _, j := range to {
				an.edge = append(an.edge, len(g.Edges))
				g.Edges = append(g.Edges, &Edge{From: qnode[i], To: j, Label: a.Label, Line: a.Pos.Line})
			}
			anchors = append(anchors, an)
		}
	}

	// Match the compiler's diagnostics to the last question or answer that
	// starts at or before them.
	less := func(a, b diag.Pos) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) }
	slices.SortStableFunc(anchors, func(a, b anchor) int { return less(a.pos, b.pos) })
	for _, dg := range diags {
		if dg.File != d.File {
			continue
		}
		p := diag.Pos{Line: dg.Line, Col: dg.Col}
		k, found := slices.BinarySearchFunc(anchors, p, func(a anchor, p diag.Pos) int { return less(a.pos, p) })
		if !found {
			k--
		}
		switch {
		case dg.Line == 0 || k < 0:
			g.Diags = append(g.Diags, dg)
		case anchors[k].node >= 0:
			n := g.Nodes[anchors[k].node]
			n.Diags = append(n.Diags, dg)
		default:
			for _, e := range anchors[k].edge {
				g.Edges[e].Diags = append(g.Edges[e].Diags, dg)
			}
		}
	}
	return g
}

// Counts returns the number of questions, outcomes, answers (edges) and
// boxes or answers marked with a problem.
func (g *Graph) Counts() (questions, outcomes, answers, marked int) {
	for _, n := range g.Nodes {
		switch n.Kind {
		case Question:
			questions++
		case Outcome:
			outcomes++
		}
		if n.Bad() {
			marked++
		}
	}
	for _, e := range g.Edges {
		if len(e.Diags) > 0 {
			marked++
		}
	}
	return questions, outcomes, len(g.Edges), marked
}

// lines is what a box says, line by line: its text wrapped, then its id
// (questions) or urgency (outcomes), then a short note of each problem.
func (n *Node) lines() (text []string, extra []string) {
	text = wrap(n.Text, 30, 6)
	if len(text) == 0 {
		text = []string{"(no text)"}
	}
	switch n.Kind {
	case Question:
		if n.ID != "" {
			extra = append(extra, "id: "+n.ID)
		}
	case Outcome:
		extra = append(extra, "Outcome · "+cmp.Or(n.Urgency, "urgency unknown"))
	case Missing:
		extra = append(extra, "! "+n.Problem)
	}
	errors, warnings := 0, 0
	for _, d := range n.Diags {
		if d.Severity == diag.Error {
			errors++
		} else {
			warnings++
		}
	}
	if errors > 0 {
		extra = append(extra, fmt.Sprintf("! %d error%s: see line %d", errors, plural(errors), n.Diags[0].Line))
	}
	if warnings > 0 {
		extra = append(extra, fmt.Sprintf("! %d warning%s", warnings, plural(warnings)))
	}
	return text, extra
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// wrap breaks s into lines of at most width characters, at most maxLines
// lines, marking what it cuts with an ellipsis.
func wrap(s string, width, maxLines int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > width {
			lines[i] = string(r[:width-1]) + "…"
		}
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		r := []rune(lines[maxLines-1])
		if len(r) > width-1 {
			r = r[:width-1]
		}
		lines[maxLines-1] = string(r) + "…"
	}
	return lines
}

// Row is a question and its answers, for the table that lists what the
// map draws.
type Row struct {
	Question *Node
	Answers  []RowAnswer
}

// RowAnswer is one answer of a Row and the box it leads to.
type RowAnswer struct {
	*Edge
	To *Node
}

// Rows returns the questions in file order, each with its answers.
func (g *Graph) Rows() []Row {
	var rows []Row
	at := map[int]int{}
	for i, n := range g.Nodes {
		if n.Kind == Question {
			at[i] = len(rows)
			rows = append(rows, Row{Question: n})
		}
	}
	for _, e := range g.Edges {
		r := &rows[at[e.From]]
		r.Answers = append(r.Answers, RowAnswer{Edge: e, To: g.Nodes[e.To]})
	}
	return rows
}
