package pathmap

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// defaultSite is the repository root, which is the default site.
const defaultSite = "../../.."

// lay parses src and lays out its map, failing the test on any error.
func lay(t testing.TB, file string, src []byte, outcomes map[string]OutcomeInfo) *Layout {
	t.Helper()
	var l diag.List
	d := pathway.Parse(file, src, &l)
	if d == nil {
		t.Fatalf("%s: %v", file, l.Sorted())
	}
	lay, err := Lay(context.Background(), New(d, l.Sorted(), outcomes))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return lay
}

// TestDefaultPathwayGeometry lays out the default site's pathways with
// their real outcomes and checks the map cannot mislead: see checkGeometry.
func TestDefaultPathwayGeometry(t *testing.T) {
	m, diags := build.Load(os.DirFS(defaultSite), build.Options{})
	if m == nil || diags.HasErrors() {
		t.Fatalf("the default site does not load: %v", diags.Errors())
	}
	outcomes := map[string]OutcomeInfo{}
	for id, p := range m.Content.Outcomes {
		outcomes[id] = OutcomeInfo{Title: p.Title, Urgency: string(p.Outcome.Urgency)}
	}
	if len(m.Pathways) == 0 {
		t.Fatal("the default site has no pathway")
	}
	for _, p := range m.Pathways {
		l, err := Lay(context.Background(), New(p.Draft, nil, outcomes))
		if err != nil {
			t.Fatal(err)
		}
		checkGeometry(t, p.ID, l)
		// Every outcome box shows its title and its urgency.
		for _, b := range l.Boxes {
			if b.Node.Kind != Outcome {
				continue
			}
			all := ""
			for _, tx := range b.Lines {
				all += tx.S + " "
			}
			o := outcomes[b.Node.ID]
			if !strings.Contains(all, strings.Fields(o.Title)[0]) || !strings.Contains(all, o.Urgency) || b.Node.Urgency != o.Urgency {
				t.Errorf("%s: outcome box %q says %q", p.ID, b.Node.ID, all)
			}
		}
	}
}

// TestGeneratedPathwayGeometry checks generated pathways (internal/sitegen,
// as cmd/sitegen writes them) of up to 60 questions, and of 120 and 200
// with SIGNPOST_MAP_LARGE=1.
func TestGeneratedPathwayGeometry(t *testing.T) {
	sizes := []int{5, 6, 25, 60}
	if testing.Short() {
		sizes = []int{6, 25}
	}
	// 200 questions take minutes of dot's time each: run them on demand.
	if os.Getenv("SIGNPOST_MAP_LARGE") != "" {
		sizes = append(sizes, 120, 200)
	}
	for _, n := range sizes {
		for seed := range uint64(2) {
			t.Run(fmt.Sprintf("%d questions seed %d", n, seed), func(t *testing.T) {
				opt := sitegen.Options{Pathways: 2, Questions: n, Seed: seed}
				outcomes := map[string]OutcomeInfo{}
				var files = map[string][]byte{}
				for name, data := range sitegen.Files(opt) {
					files[name] = data
					if id, ok := strings.CutPrefix(name, "content/outcomes/"); ok {
						id = strings.TrimSuffix(id, ".md")
						outcomes[id] = OutcomeInfo{Title: "Outcome " + id, Urgency: "soon"}
					}
				}
				for _, p := range []int{1, 2} {
					file := sitegen.PathwayPath(p)
					src, ok := files[file]
					if !ok {
						t.Fatalf("sitegen wrote no %s", file)
					}
					l := lay(t, file, src, outcomes)
					if len(l.Boxes) < n {
						t.Fatalf("%d boxes for %d questions", len(l.Boxes), n)
					}
					checkGeometry(t, file, l)
				}
			})
		}
	}
}

// checkGeometry checks that no answer's path crosses a box other than the
// two it joins, that no answer label overlaps another label or any box, and
// that every box and label lies inside the drawing (nothing clipped).
func checkGeometry(t *testing.T, name string, l *Layout) {
	t.Helper()
	for _, p := range geometryProblems(name, l) {
		t.Error(p)
	}
}

func geometryProblems(name string, l *Layout) []string {
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	inside := Rect{0, 0, l.Width, l.Height}
	for i, b := range l.Boxes {
		if !contains(inside, b.Rect) {
			errorf("%s: box %d (%q) %v is not inside the drawing %v", name, i, b.Node.Text, b.Rect, inside)
		}
	}
	for k, p := range l.Paths {
		e := p.Edge
		if len(p.Spline) < 4 {
			errorf("%s: answer %d %q has no path", name, k, e.Label)
			continue
		}
		pts := sample(p.Spline, 24)
		for i, b := range l.Boxes {
			if i == e.From || i == e.To {
				continue
			}
			r := shrink(b.Rect, 0.5)
			for s := 1; s < len(pts); s++ {
				if segmentHitsRect(pts[s-1], pts[s], r) {
					errorf("%s: answer %q from %q to %q passes through box %q", name, e.Label, l.Boxes[e.From].Node.Text, l.Boxes[e.To].Node.Text, b.Node.Text)
					break
				}
			}
		}
		if p.Label == (Rect{}) {
			continue
		}
		if !contains(inside, p.Label) {
			errorf("%s: label %q %v is not inside the drawing", name, e.Label, p.Label)
		}
		for _, b := range l.Boxes {
			if overlap(p.Label, b.Rect) {
				errorf("%s: label %q overlaps box %q", name, e.Label, b.Node.Text)
			}
		}
		for j := k + 1; j < len(l.Paths); j++ {
			if q := l.Paths[j]; q.Label != (Rect{}) && overlap(p.Label, q.Label) {
				errorf("%s: labels %q and %q overlap", name, e.Label, q.Edge.Label)
			}
		}
	}
	return problems
}

// TestGeometryCatchesOverlaps makes sure the checks can fail.
func TestGeometryCatchesOverlaps(t *testing.T) {
	if !segmentHitsRect(Pt{0, 5}, Pt{10, 5}, Rect{4, 0, 2, 10}) || segmentHitsRect(Pt{0, 20}, Pt{10, 20}, Rect{4, 0, 2, 10}) {
		t.Error("segmentHitsRect")
	}
	if !segmentHitsRect(Pt{5, 5}, Pt{5, 6}, Rect{0, 0, 10, 10}) {
		t.Error("a segment inside a box hits it")
	}
	if !overlap(Rect{0, 0, 10, 10}, Rect{5, 5, 10, 10}) || overlap(Rect{0, 0, 10, 10}, Rect{11, 0, 10, 10}) {
		t.Error("overlap")
	}
	// A drawn layout whose answer runs straight through a third box.
	g := &Graph{Nodes: []*Node{{Text: "a"}, {Text: "b"}, {Text: "c"}}, Edges: []*Edge{{From: 0, To: 2, Label: "x"}}}
	l := &Layout{Graph: g, Width: 100, Height: 300,
		Boxes: []Box{{Node: g.Nodes[0], Rect: Rect{0, 0, 50, 20}}, {Node: g.Nodes[1], Rect: Rect{0, 100, 50, 20}}, {Node: g.Nodes[2], Rect: Rect{0, 200, 50, 20}}},
		Paths: []Path{{Edge: g.Edges[0], Spline: []Pt{{25, 20}, {25, 80}, {25, 140}, {25, 200}}, Label: Rect{10, 105, 20, 10}}}}
	got := geometryProblems("hand-made", l)
	if len(got) != 2 || !strings.Contains(got[0], `passes through box "b"`) || !strings.Contains(got[1], `label "x" overlaps box "b"`) {
		t.Errorf("problems found: %q", got)
	}
}

func contains(outer, r Rect) bool {
	const eps = 0.5
	return r.X >= outer.X-eps && r.Y >= outer.Y-eps && r.X+r.W <= outer.X+outer.W+eps && r.Y+r.H <= outer.Y+outer.H+eps
}

func shrink(r Rect, d float64) Rect { return Rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d} }

func overlap(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// sample returns n points on each cubic segment of a spline.
func sample(sp []Pt, n int) []Pt {
	out := []Pt{sp[0]}
	for i := 1; i+2 < len(sp); i += 3 {
		p0, p1, p2, p3 := sp[i-1], sp[i], sp[i+1], sp[i+2]
		for k := 1; k <= n; k++ {
			t := float64(k) / float64(n)
			u := 1 - t
			out = append(out, Pt{
				u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
				u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
			})
		}
	}
	return out
}

// segmentHitsRect reports whether segment ab touches the inside of r
// (Liang-Barsky clipping).
func segmentHitsRect(a, b Pt, r Rect) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [4][2]float64{{-dx, a.X - r.X}, {dx, r.X + r.W - a.X}, {-dy, a.Y - r.Y}, {dy, r.Y + r.H - a.Y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
