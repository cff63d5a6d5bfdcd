package pathmap

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	graphviz "github.com/goccy/go-graphviz"

	"github.com/signpost-dev/signpost/internal/graphvizenv"
)

// go-graphviz's init has run by now (this package imports it): the TMPDIR
// graphvizenv set for it, to keep its compiled code in the user's own
// cache folder, goes back to what it was.
func init() { graphvizenv.Restore() }

// Pt is a point in pixels, y going down.
type Pt struct{ X, Y float64 }

// Rect is a rectangle in pixels: top left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// Text is one line of text to draw, at its baseline.
type Text struct {
	X, Y   float64
	Anchor string // start, middle or end
	S      string
	Extra  bool // the id, urgency or problem line of a box
	width  float64
}

// Box is a node placed.
type Box struct {
	Node *Node
	Rect
	Lines []Text
}

// Path is an edge placed: a cubic Bézier spline (a start point, then
// three points per segment), its arrowhead and its label.
type Path struct {
	Edge   *Edge
	Spline []Pt
	Arrow  []Pt // the arrowhead polygon at the end
	Label  Rect // zero when the answer has no label
	Lines  []Text
}

// Layout is a graph placed by dot.
type Layout struct {
	Graph         *Graph
	Width, Height float64
	Boxes         []Box // in Graph.Nodes order
	Paths         []Path
}

// Font sizes the layout is computed for; SVG draws with the same.
const (
	boxFont   = 13.0
	labelFont = 11.0
)

// graphvizMu serializes every use of go-graphviz, which runs one
// WebAssembly module per process behind its API (its parser is a package
// function): it is not safe for concurrent use.
var graphvizMu sync.Mutex

// Lay places the graph with Graphviz's dot.
func Lay(ctx context.Context, g *Graph) (*Layout, error) {
	src := dot(g)
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting graphviz: %w", err)
	}
	defer gv.Close()
	gr, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, fmt.Errorf("graphviz cannot read the map: %w", err)
	}
	defer gr.Close()
	var out bytes.Buffer
	if err := gv.Render(ctx, gr, graphviz.Format("json"), &out); err != nil {
		return nil, fmt.Errorf("graphviz layout: %w", err)
	}
	return fromJSON(g, out.Bytes())
}

// dot writes the graph in the DOT language: top to bottom, answers in file
// order left to right, edge labels placed by dot as nodes of their own (so
// they do not overlap boxes or each other).
func dot(g *Graph) []byte {
	var b bytes.Buffer
	b.WriteString("digraph map {\n")
	fmt.Fprintf(&b, "graph [rankdir=TB, ordering=out, nodesep=0.35, ranksep=0.45, fontname=Helvetica];\n")
	fmt.Fprintf(&b, "node [shape=box, fontname=Helvetica, fontsize=%g, margin=\"0.12,0.06\", width=0, height=0];\n", boxFont)
	fmt.Fprintf(&b, "edge [fontname=Helvetica, fontsize=%g, arrowsize=0.8];\n", labelFont)
	for i, n := range g.Nodes {
		text, extra := n.lines()
		var label strings.Builder
		for _, l := range append(text, extra...) {
			label.WriteString(dotEscape(l))
			label.WriteString(`\l`)
		}
		fmt.Fprintf(&b, "n%d [label=\"%s\"];\n", i, label.String())
	}
	for _, e := range g.Edges {
		label := strings.Join(wrap(e.Label, 22, 3), `\n`)
		if label == "" {
			fmt.Fprintf(&b, "n%d -> n%d;\n", e.From, e.To)
			continue
		}
		fmt.Fprintf(&b, "n%d -> n%d [label=\"%s\"];\n", e.From, e.To, dotEscapeKeep(label))
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// dotEscape quotes s for a DOT string, with no escape sequence of
// Graphviz's own (\N, \l, ...) left in it.
func dotEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ").Replace(s)
}

// dotEscapeKeep is dotEscape for text already joined with \n.
func dotEscapeKeep(s string) string {
	parts := strings.Split(s, `\n`)
	for i, p := range parts {
		parts[i] = dotEscape(p)
	}
	return strings.Join(parts, `\n`)
}

// The parts of Graphviz's JSON output the layout reads.
type gvJSON struct {
	BB      string     `json:"bb"`
	Objects []gvObject `json:"objects"`
	Edges   []gvEdge   `json:"edges"`
}

type gvObject struct {
	ID     int      `json:"_gvid"`
	Name   string   `json:"name"`
	Pos    string   `json:"pos"`
	Width  string   `json:"width"`
	Height string   `json:"height"`
	LDraw  []gvDraw `json:"_ldraw_"`
}

type gvEdge struct {
	Tail  int      `json:"tail"`
	Head  int      `json:"head"`
	Draw  []gvDraw `json:"_draw_"`
	HDraw []gvDraw `json:"_hdraw_"`
	LDraw []gvDraw `json:"_ldraw_"`
}

type gvDraw struct {
	Op     string       `json:"op"`
	Points [][2]float64 `json:"points"`
	Pt     [2]float64   `json:"pt"`
	Align  string       `json:"align"`
	Width  float64      `json:"width"`
	Size   float64      `json:"size"`
	Text   string       `json:"text"`
}

// fromJSON reads dot's placement back, flipping y so that it goes down.
func fromJSON(g *Graph, data []byte) (*Layout, error) {
	var j gvJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("reading graphviz's layout: %w", err)
	}
	bb := floats(j.BB)
	if len(bb) != 4 {
		return nil, fmt.Errorf("graphviz's layout has no bounding box")
	}
	// A margin round dot's bounding box, which its rounded box sizes can
	// overrun by a fraction of a point.
	const margin = 8
	l := &Layout{Graph: g, Width: bb[2] + 2*margin, Height: bb[3] + 2*margin, Boxes: make([]Box, len(g.Nodes))}
	flip := func(p [2]float64) Pt { return Pt{p[0] + margin, bb[3] - p[1] + margin} }
	node := map[int]int{} // _gvid -> index into g.Nodes
	for _, o := range j.Objects {
		var i int
		if _, err := fmt.Sscanf(o.Name, "n%d", &i); err != nil || i < 0 || i >= len(g.Nodes) || o.Pos == "" {
			continue // a subgraph
		}
		node[o.ID] = i
		c := floats(o.Pos)
		w, h := num(o.Width)*72, num(o.Height)*72
		if len(c) != 2 {
			return nil, fmt.Errorf("graphviz placed box %s nowhere", o.Name)
		}
		ctr := flip([2]float64{c[0], c[1]})
		box := Box{Node: g.Nodes[i], Rect: Rect{ctr.X - w/2, ctr.Y - h/2, w, h}}
		_, extra := g.Nodes[i].lines()
		texts := texts(o.LDraw, flip)
		for k := range texts {
			texts[k].Extra = k >= len(texts)-len(extra)
		}
		box.Lines = texts
		l.Boxes[i] = box
	}
	if len(node) != len(g.Nodes) {
		return nil, fmt.Errorf("graphviz placed %d of %d boxes", len(node), len(g.Nodes))
	}
	if len(j.Edges) != len(g.Edges) {
		return nil, fmt.Errorf("graphviz placed %d of %d answers", len(j.Edges), len(g.Edges))
	}
	for k, e := range j.Edges {
		p := Path{Edge: g.Edges[k]}
		if node[e.Tail] != p.Edge.From || node[e.Head] != p.Edge.To {
			return nil, fmt.Errorf("graphviz's answer %d does not join the boxes it was given", k)
		}
		for _, d := range e.Draw {
			if d.Op == "b" || d.Op == "B" {
				for _, q := range d.Points {
					p.Spline = append(p.Spline, flip(q))
				}
			}
		}
		for _, d := range e.HDraw {
			if d.Op == "P" || d.Op == "p" {
				for _, q := range d.Points {
					p.Arrow = append(p.Arrow, flip(q))
				}
			}
		}
		p.Lines = texts(e.LDraw, flip)
		p.Label = textBounds(p.Lines, labelFont)
		l.Paths = append(l.Paths, p)
	}
	return l, nil
}

// texts reads the text operations of an xdot drawing.
func texts(ops []gvDraw, flip func([2]float64) Pt) []Text {
	var out []Text
	for _, d := range ops {
		if d.Op != "T" {
			continue
		}
		p := flip(d.Pt)
		anchor := "middle"
		switch d.Align {
		case "l":
			anchor = "start"
		case "r":
			anchor = "end"
		}
		out = append(out, Text{X: p.X, Y: p.Y, Anchor: anchor, S: d.Text, width: d.Width})
	}
	return out
}

// textBounds is the rectangle lines of text of the given size cover.
func textBounds(lines []Text, size float64) Rect {
	if len(lines) == 0 {
		return Rect{}
	}
	x0, y0, x1, y1 := lines[0].X, lines[0].Y, lines[0].X, lines[0].Y
	for _, t := range lines {
		left := t.X
		switch t.Anchor {
		case "middle":
			left -= t.width / 2
		case "end":
			left -= t.width
		}
		x0, x1 = min(x0, left), max(x1, left+t.width)
		y0, y1 = min(y0, t.Y-size), max(y1, t.Y+size*0.3)
	}
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

func floats(s string) []float64 {
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, num(f))
	}
	return out
}

func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
