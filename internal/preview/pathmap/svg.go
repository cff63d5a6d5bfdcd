package pathmap

import (
	"fmt"
	"html/template"
	"strings"
)

// SVG draws a layout as an inline SVG element at its natural size (one
// pixel per point), for a scrolling viewport: it is never scaled down, so
// no text becomes too small to read. Each question box links to its line
// in the page's listing of the pathway file (#L<line>), where the
// compiler's diagnostics for that line are shown; the link's name is the
// box's own text, so what a screen reader says is what is shown.
func (l *Layout) SVG() template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="sp-pathmap" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="group" aria-labelledby="map-t" aria-describedby="map-d">`,
		l.Width, l.Height, l.Width, l.Height)
	q, o, a, bad := l.Graph.Counts()
	fmt.Fprintf(&b, `<title id="map-t">Map of the pathway %s</title><desc id="map-d">%d questions, %d outcomes, %d answers; %d marked with a problem. The table below lists the same.</desc>`,
		esc(l.Graph.Title), q, o, a, bad)
	for _, p := range l.Paths {
		cls := "edge"
		if len(p.Edge.Diags) > 0 || l.Graph.Nodes[p.Edge.To].Kind == Missing {
			cls += " bad"
		}
		fmt.Fprintf(&b, `<g class="%s"><path d="%s"/>`, cls, splinePath(p.Spline))
		if len(p.Arrow) > 0 {
			fmt.Fprintf(&b, `<path class="arrow" d="%s"/>`, polygon(p.Arrow))
		}
		for _, t := range p.Lines {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s"%s>%s</text>`, t.X, t.Y, t.Anchor, fit(t), esc(t.S))
		}
		b.WriteString(`</g>`)
	}
	for _, box := range l.Boxes {
		n := box.Node
		cls := [...]string{Question: "q", Outcome: "o", Missing: "q missing"}[n.Kind]
		if n.Start {
			cls += " start"
		}
		if n.Urgency != "" {
			cls += " u-" + n.Urgency
		}
		if n.Bad() {
			cls += " bad"
		}
		link := n.Kind == Question && n.Line > 0
		if link {
			fmt.Fprintf(&b, `<a href="#L%d">`, n.Line)
		}
		fmt.Fprintf(&b, `<g class="%s"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="4"/>`, cls, box.X, box.Y, box.W, box.H)
		for _, t := range box.Lines {
			lc := ""
			if t.Extra {
				lc = ` class="x"`
				if strings.HasPrefix(t.S, "! ") {
					lc = ` class="x p"`
				}
			}
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s"%s%s>%s</text>`, t.X, t.Y, t.Anchor, lc, fit(t), esc(t.S))
		}
		b.WriteString(`</g>`)
		if link {
			b.WriteString(`</a>`)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// fit makes a line of text exactly as wide as dot measured it, whatever
// font the browser has: a wider font would otherwise spill out of its box.
func fit(t Text) string {
	if t.width <= 0 {
		return ""
	}
	return fmt.Sprintf(` textLength="%.1f" lengthAdjust="spacingAndGlyphs"`, t.width)
}

func splinePath(pts []Pt) string {
	if len(pts) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "M%.1f %.1f", pts[0].X, pts[0].Y)
	for i := 1; i+2 < len(pts); i += 3 {
		fmt.Fprintf(&b, "C%.1f %.1f %.1f %.1f %.1f %.1f", pts[i].X, pts[i].Y, pts[i+1].X, pts[i+1].Y, pts[i+2].X, pts[i+2].Y)
	}
	return b.String()
}

func polygon(pts []Pt) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			fmt.Fprintf(&b, "M%.1f %.1f", p.X, p.Y)
		} else {
			fmt.Fprintf(&b, "L%.1f %.1f", p.X, p.Y)
		}
	}
	b.WriteString("z")
	return b.String()
}
