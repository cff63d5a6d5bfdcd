package preview

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// The pathway map is drawn from a draft: the pathway file read leniently
// (TOML syntax only, unknown keys ignored), so that the problems the
// compiler rejects (an unreachable question, an answer that leads nowhere,
// a loop) can be drawn where they are. When the file cannot be read even
// that far, the map falls back to the last good version.

// draftFile is the shape of a pathway file, read without validation.
type draftFile struct {
	Title    string          `toml:"title"`
	Summary  string          `toml:"summary"`
	Start    string          `toml:"start"`
	Question []draftQuestion `toml:"question"`
}

type draftQuestion struct {
	ID     string        `toml:"id"`
	Text   string        `toml:"text"`
	Answer []draftAnswer `toml:"answer"`
}

type draftAnswer struct {
	Label   string `toml:"label"`
	Next    string `toml:"next"`
	Outcome string `toml:"outcome"`
}

// fromPathway turns a compiled pathway into a draft.
func fromPathway(p *pathway.Pathway) *draftFile {
	d := &draftFile{Title: p.Title, Summary: p.Summary}
	if p.Start != nil {
		d.Start = p.Start.ID
	}
	for _, q := range p.Questions {
		dq := draftQuestion{ID: q.ID, Text: q.Text}
		for _, a := range q.Answers {
			da := draftAnswer{Label: a.Label, Outcome: a.Outcome}
			if a.Next != nil {
				da.Next = a.Next.ID
			}
			dq.Answer = append(dq.Answer, da)
		}
		d.Question = append(d.Question, dq)
	}
	return d
}

// Kinds of node on the map.
const (
	nodeQuestion = "q"
	nodeOutcome  = "o"
	nodeMissing  = "missing"
)

// mapNode is one box of the map.
type mapNode struct {
	Key      string // "q:<id>" or "o:<id>" or "x:<n>"
	Kind     string
	ID       string
	Text     string
	Urgency  string
	Start    bool
	Problems []string // why it is highlighted; none when it is fine
	Answers  []*mapEdge

	layer, order int
	X, Y, W, H   float64
	Lines        []string
	in           []*mapEdge
	reached      bool
}

// mapEdge is one answer: an arrow from a question.
type mapEdge struct {
	From, To *mapNode
	Label    string
	Problem  string // "" when fine
	back     bool   // closes a loop
}

// pathwayMap is a drawn pathway.
type pathwayMap struct {
	Nodes  []*mapNode
	Edges  []*mapEdge
	Width  float64
	Height float64
}

// newMap builds the map of a draft. outcomes gives each known outcome's
// urgency; an outcome it does not know is marked.
func newMap(d *draftFile, outcomes map[string]string) *pathwayMap {
	m := &pathwayMap{}
	byKey := map[string]*mapNode{}
	node := func(key, kind, id string) *mapNode {
		if n := byKey[key]; n != nil {
			return n
		}
		n := &mapNode{Key: key, Kind: kind, ID: id}
		byKey[key] = n
		m.Nodes = append(m.Nodes, n)
		return n
	}
	questions := map[string]*mapNode{}
	for i, q := range d.Question {
		key := "q:" + q.ID
		if q.ID == "" || questions[q.ID] != nil {
			key = fmt.Sprintf("q#%d", i)
		}
		n := node(key, nodeQuestion, q.ID)
		n.Text = q.Text
		if q.ID == "" {
			n.Problems = append(n.Problems, "no id")
		} else if questions[q.ID] != nil {
			n.Problems = append(n.Problems, "id used twice")
		} else {
			questions[q.ID] = n
		}
	}
	missing := 0
	for i, q := range d.Question {
		from := m.Nodes[i]
		if len(q.Answer) == 0 {
			from.Problems = append(from.Problems, "dead end: no answers")
		}
		for _, a := range q.Answer {
			var targets []*mapNode
			problem := ""
			if a.Next != "" {
				to := questions[a.Next]
				if to == nil {
					missing++
					to = node(fmt.Sprintf("x:%d", missing), nodeMissing, a.Next)
					to.Text = "No question " + a.Next
					to.Problems = append(to.Problems, "next names no question")
				}
				targets = append(targets, to)
			}
			if a.Outcome != "" {
				to := node("o:"+a.Outcome, nodeOutcome, a.Outcome)
				to.Text = a.Outcome
				if u, ok := outcomes[a.Outcome]; ok {
					to.Urgency = u
				} else if len(to.Problems) == 0 {
					to.Problems = append(to.Problems, "no outcome page content/outcomes/"+a.Outcome+".md")
				}
				targets = append(targets, to)
			}
			switch {
			case len(targets) == 0:
				missing++
				to := node(fmt.Sprintf("x:%d", missing), nodeMissing, "")
				to.Text = "Nowhere"
				to.Problems = append(to.Problems, "dead end: the answer has neither next nor outcome")
				targets = append(targets, to)
				problem = "leads nowhere"
			case len(targets) == 2:
				problem = "has both next and outcome"
			}
			for _, to := range targets {
				e := &mapEdge{From: from, To: to, Label: a.Label, Problem: problem}
				from.Answers = append(from.Answers, e)
				to.in = append(to.in, e)
				m.Edges = append(m.Edges, e)
			}
		}
	}
	start := questions[d.Start]
	if start != nil {
		start.Start = true
		queue := []*mapNode{start}
		start.reached = true
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, e := range n.Answers {
				if !e.To.reached {
					e.To.reached = true
					queue = append(queue, e.To)
				}
			}
		}
	}
	for _, n := range m.Nodes {
		if !n.reached && n.Kind == nodeQuestion {
			if start == nil {
				n.Problems = append(n.Problems, "unreachable: start names no question")
			} else {
				n.Problems = append(n.Problems, "unreachable from start")
			}
		}
	}
	m.markLoops(start)
	m.layout(start)
	return m
}

// markLoops marks the answers that close a loop (back edges of a depth
// first walk from start, then from every node not yet visited).
func (m *pathwayMap) markLoops(start *mapNode) {
	state := map[*mapNode]int{} // 1 on the walk, 2 done
	var walk func(n *mapNode)
	walk = func(n *mapNode) {
		state[n] = 1
		for _, e := range n.Answers {
			switch state[e.To] {
			case 0:
				walk(e.To)
			case 1:
				e.back = true
				if e.Problem == "" {
					e.Problem = "loops back to an earlier question"
				}
				if !slices.Contains(e.To.Problems, "on a loop") {
					e.To.Problems = append(e.To.Problems, "on a loop")
				}
			}
		}
		state[n] = 2
	}
	if start != nil {
		walk(start)
	}
	for _, n := range m.Nodes {
		if state[n] == 0 {
			walk(n)
		}
	}
}

const (
	nodeW   = 190.0
	lineH   = 16.0
	padY    = 10.0
	gapX    = 28.0
	gapY    = 80.0
	margin  = 20.0
	maxLine = 26
)

// layout puts every node in a layer (its longest path from a source, start
// first) and orders each layer by the mean position of its parents.
func (m *pathwayMap) layout(start *mapNode) {
	// Longest path over the graph without its loop-closing answers, in
	// topological order (Kahn), sources being start and every node that
	// nothing leads to.
	indeg := map[*mapNode]int{}
	for _, e := range m.Edges {
		if !e.back {
			indeg[e.To]++
		}
	}
	var queue []*mapNode
	if start != nil && indeg[start] == 0 {
		queue = append(queue, start)
	}
	for _, n := range m.Nodes {
		if indeg[n] == 0 && n != start {
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range n.Answers {
			if e.back {
				continue
			}
			e.To.layer = max(e.To.layer, n.layer+1)
			indeg[e.To]--
			if indeg[e.To] == 0 {
				queue = append(queue, e.To)
			}
		}
	}
	// Outcomes sit on the layer below the deepest question, so a reviewer
	// reads every ending on one row.
	deepest := 0
	for _, n := range m.Nodes {
		if n.Kind != nodeOutcome {
			deepest = max(deepest, n.layer)
		}
	}
	for _, n := range m.Nodes {
		if n.Kind == nodeOutcome {
			n.layer = deepest + 1
		}
	}
	var layers [][]*mapNode
	for _, n := range m.Nodes {
		for len(layers) <= n.layer {
			layers = append(layers, nil)
		}
		layers[n.layer] = append(layers[n.layer], n)
	}
	// Order: file order first, then two sweeps of the barycentre heuristic.
	for i := range layers {
		for j, n := range layers[i] {
			n.order = j
		}
	}
	for range 2 {
		for i := 1; i < len(layers); i++ {
			bary := map[*mapNode]float64{}
			for _, n := range layers[i] {
				sum, k := 0.0, 0
				for _, e := range n.in {
					if !e.back {
						sum += float64(e.From.order)
						k++
					}
				}
				bary[n] = float64(n.order)
				if k > 0 {
					bary[n] = sum / float64(k)
				}
			}
			slices.SortStableFunc(layers[i], func(a, b *mapNode) int {
				switch {
				case bary[a] < bary[b]:
					return -1
				case bary[a] > bary[b]:
					return 1
				}
				return 0
			})
			for j, n := range layers[i] {
				n.order = j
			}
		}
	}
	// Coordinates.
	widest := 0
	for _, l := range layers {
		widest = max(widest, len(l))
	}
	m.Width = 2*margin + float64(widest)*nodeW + float64(max(widest-1, 0))*gapX
	y := margin
	for _, l := range layers {
		rowH := 0.0
		for _, n := range l {
			n.Lines = wrap(n.Text, maxLine, 4)
			if n.ID != "" && n.Kind != nodeOutcome {
				n.Lines = append(n.Lines, "id: "+n.ID)
			}
			for _, p := range n.Problems {
				n.Lines = append(n.Lines, wrap("! "+p, maxLine, 2)...)
			}
			n.W = nodeW
			n.H = 2*padY + float64(len(n.Lines))*lineH
			rowH = max(rowH, n.H)
		}
		rowW := float64(len(l))*nodeW + float64(max(len(l)-1, 0))*gapX
		x := (m.Width - rowW) / 2
		for _, n := range l {
			n.X, n.Y = x, y
			x += nodeW + gapX
		}
		y += rowH + gapY
	}
	m.Height = y - gapY + margin
}

// wrap breaks s into lines of at most width characters, at most max lines.
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

// SVG writes the map as an SVG element.
func (m *pathwayMap) SVG(title string) template.HTML {
	var b bytes.Buffer
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="map-t map-d">`,
		m.Width, m.Height, m.Width, m.Height)
	q, o, bad := 0, 0, 0
	for _, n := range m.Nodes {
		switch n.Kind {
		case nodeQuestion:
			q++
		case nodeOutcome:
			o++
		}
		if len(n.Problems) > 0 {
			bad++
		}
	}
	fmt.Fprintf(&b, `<title id="map-t">Map of the pathway %s</title><desc id="map-d">%d questions, %d outcomes, %d answers; %d marked with a problem. The table below lists the same.</desc>`,
		esc(title), q, o, len(m.Edges), bad)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="arrow" d="M0 0L10 5L0 10z"/></marker></defs>`)
	for _, e := range m.Edges {
		cls := "edge"
		if e.Problem != "" {
			cls += " bad"
		}
		x1, y1 := e.From.X+e.From.W/2, e.From.Y+e.From.H
		x2, y2 := e.To.X+e.To.W/2, e.To.Y
		var d string
		lx, ly := 0.0, 0.0
		if e.back || y2 <= y1 {
			// Around the right-hand side, back up to the earlier question.
			x1, y1 = e.From.X+e.From.W, e.From.Y+e.From.H/2
			x2, y2 = e.To.X+e.To.W, e.To.Y+e.To.H/2
			bend := max(x1, x2) + 60
			d = fmt.Sprintf("M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f", x1, y1, bend, y1, bend, y2, x2, y2)
			lx, ly = bend-10, (y1+y2)/2
		} else {
			my := (y1 + y2) / 2
			d = fmt.Sprintf("M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f", x1, y1, x1, my, x2, my, x2, y2)
			// The label sits a third of the way down, where arrows from one
			// question have already fanned out.
			t := 0.3
			lx = cubic(x1, x1, x2, x2, t)
			ly = cubic(y1, my, my, y2, t)
		}
		fmt.Fprintf(&b, `<g class="%s"><path d="%s" marker-end="url(#arrow)"/><text x="%.1f" y="%.1f" text-anchor="middle">%s</text></g>`,
			cls, d, lx, ly+4, esc(shorten(e.Label, 22)))
	}
	for _, n := range m.Nodes {
		cls := n.Kind
		if n.Kind == nodeMissing {
			cls = "q"
		}
		if n.Start {
			cls += " start"
		}
		if n.Urgency != "" {
			cls += " u-" + n.Urgency
		}
		if len(n.Problems) > 0 {
			cls += " bad"
		}
		fmt.Fprintf(&b, `<g class="%s"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="6"/>`, cls, n.X, n.Y, n.W, n.H)
		for i, l := range n.Lines {
			lc := ""
			if strings.HasPrefix(l, "id: ") {
				lc = ` class="id"`
			}
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f"%s>%s</text>`, n.X+10, n.Y+padY+float64(i+1)*lineH-4, lc, esc(l))
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func cubic(a, b, c, d, t float64) float64 {
	u := 1 - t
	return u*u*u*a + 3*u*u*t*b + 3*u*t*t*c + t*t*t*d
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// mapPage is what the map template receives.
type mapPage struct {
	ID, Title, File string
	Current         bool // drawn from the file as it is now (else: the last good version)
	ReadError       string
	Errors          []diag.Diagnostic
	Warnings        []diag.Diagnostic
	Map             *pathwayMap
	SVG             template.HTML
	Report          string
	NoReport        string
	Review          *pathway.Review
}

type indexPage struct {
	Pathways []indexEntry
	Errors   []diag.Diagnostic
}

type indexEntry struct {
	ID, File string
	Errors   int
	Good     bool
}

var adminTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"date": func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") },
}).Parse(`
{{define "top"}}<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.}} - signpost preview</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/_signpost/live.css"></head>
<body class="sp-page">{{end}}
{{define "diags"}}<ul class="sp-errors">{{range .}}<li><code class="sp-where">{{.File}}{{if .Line}}:{{.Line}}{{if .Col}}:{{.Col}}{{end}}{{end}}</code> {{if eq .Severity 1}}warning: {{end}}{{.Message}}</li>{{end}}</ul>{{end}}
{{define "index"}}{{template "top" "Pathway maps"}}
<main>
<h1>Pathway maps</h1>
<p>Preview only: these pages are never part of <code>signpost build</code>. <a href="/">Back to the site</a>.</p>
{{if .Pathways}}<ul>{{range .Pathways}}<li><a href="/_signpost/pathways/{{.ID}}/">{{.ID}}</a> ({{.File}}){{if .Errors}} <span class="sp-flag">{{.Errors}} error(s)</span>{{end}}{{if not .Good}} <span class="sp-flag">not on the site</span>{{end}}</li>{{end}}</ul>
{{else}}<p>This site has no pathways (pathways/*.toml).</p>{{end}}
{{if .Errors}}<section class="sp-status bad" aria-labelledby="errs"><h2 id="errs">Errors in the site now</h2>{{template "diags" .Errors}}</section>{{end}}
</main><script src="/_signpost/live.js"></script></body></html>{{end}}
{{define "map"}}{{template "top" (print "Map: " .Title)}}
<main>
<p><a href="/_signpost/">All pathway maps</a> · <a href="/pathways/{{.ID}}/">The pathway page</a></p>
<h1>Map: {{.Title}}</h1>
<p>File <code>{{.File}}</code>.{{with .Review}} Review owner: {{or .Owner "not recorded"}}.{{if not .Reviewed.IsZero}} Reviewed {{date .Reviewed}}.{{end}}{{if not .NextReview.IsZero}} Next review {{date .NextReview}}.{{end}}{{end}}</p>
{{if .Errors}}<section class="sp-status bad" aria-labelledby="errs"><h2 id="errs">{{len .Errors}} error(s) in this pathway now</h2>
<p>The site keeps showing the last good version until they are fixed.{{if .Current}} The map below is drawn from the file as it is now, with the problems marked.{{else}} The file cannot be read ({{.ReadError}}), so the map below is the last good version.{{end}}</p>
{{template "diags" .Errors}}</section>
{{else}}<p class="sp-status">No errors: the map, the site and the route report agree.</p>{{end}}
{{with .Warnings}}<section aria-labelledby="warns"><h2 id="warns">Warnings</h2>{{template "diags" .}}</section>{{end}}
<ul class="sp-legend" aria-label="Key"><li><span class="sp-key q"></span>question (thick border: start)</li><li><span class="sp-key o"></span>outcome</li><li><span class="sp-key bad"></span>problem: unreachable, dead end, loop, missing</li></ul>
<div class="sp-cols">
<div class="sp-map" tabindex="0" role="region" aria-label="Diagram of the pathway (scrolls)">{{.SVG}}</div>
<section class="sp-report" aria-labelledby="report"><h2 id="report">Route report{{if .Errors}} (last good version){{end}}</h2>
{{if .Report}}<pre tabindex="0" aria-labelledby="report">{{.Report}}</pre>{{else}}<p>{{.NoReport}}</p>{{end}}</section>
</div>
{{with .Map}}<h2>Every question and answer</h2>
<table><thead><tr><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Goes to</th></tr></thead><tbody>
{{range .Nodes}}{{if eq .Kind "q"}}{{$q := .}}{{range $i, $e := .Answers}}<tr>{{if eq $i 0}}<th scope="row" rowspan="{{len $q.Answers}}">{{$q.Text}} <code>{{$q.ID}}</code>{{if $q.Start}} (start){{end}}{{range $q.Problems}} <span class="sp-flag">{{.}}</span>{{end}}</th>{{end}}<td>{{$e.Label}}{{with $e.Problem}} <span class="sp-flag">{{.}}</span>{{end}}</td><td>{{if eq $e.To.Kind "o"}}outcome {{end}}{{or $e.To.ID $e.To.Text}}{{range $e.To.Problems}} <span class="sp-flag">{{.}}</span>{{end}}</td></tr>{{else}}<tr><th scope="row">{{$q.Text}} <code>{{$q.ID}}</code>{{range $q.Problems}} <span class="sp-flag">{{.}}</span>{{end}}</th><td colspan="2"><span class="sp-flag">no answers</span></td></tr>{{end}}{{end}}{{end}}
</tbody></table>{{end}}
</main><script src="/_signpost/live.js"></script></body></html>{{end}}
`))

// servePathways serves the index of maps and each map.
func (s *Server) servePathways(w http.ResponseWriter, r *http.Request, p string) {
	s.mu.RLock()
	model := s.model
	all := s.diags
	s.mu.RUnlock()
	fsys := sitefs.Dir(s.opts.Dir)
	var buf bytes.Buffer
	w.Header().Set("Content-Security-Policy", adminCSP)
	if p == Prefix {
		ip := indexPage{Errors: errorsOf(all)}
		var names []string // the files the build reads: its diagnostics say why others are not
		sitefs.Pathways.Walk(fsys, &diag.List{}, func(f string) { names = append(names, f) })
		for _, f := range names {
			e := indexEntry{ID: strings.TrimSuffix(path.Base(f), ".toml"), File: f}
			for _, d := range ip.Errors {
				if d.File == f {
					e.Errors++
				}
			}
			e.Good = goodPathway(model, e.ID) != nil
			ip.Pathways = append(ip.Pathways, e)
		}
		if err := adminTemplates.ExecuteTemplate(&buf, "index", ip); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		send(w, r, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
		return
	}
	id, rest, _ := strings.Cut(strings.TrimPrefix(p, Prefix+"pathways/"), "/")
	if !sitefs.IsSlug(id) {
		s.notFound(w, r)
		return
	}
	if rest != "" || !strings.HasSuffix(p, "/") {
		if rest == "" {
			http.Redirect(w, r, p+"/", http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	file := build.PathwaysDir + "/" + id + ".toml"
	good := goodPathway(model, id)
	page := mapPage{ID: id, File: file, Title: id}
	for _, d := range all {
		if d.File == file {
			if d.Severity == diag.Error {
				page.Errors = append(page.Errors, d)
			} else {
				page.Warnings = append(page.Warnings, d)
			}
		}
	}
	urgency := map[string]string{}
	if model != nil {
		for oid, op := range model.Content.Outcomes {
			urgency[oid] = string(op.Outcome.Urgency)
		}
	}
	var draft *draftFile
	src, err := sitefs.Pathways.Read(fsys, file)
	switch {
	case err != nil && good == nil:
		s.notFound(w, r)
		return
	case errors.Is(err, fs.ErrNotExist):
		page.ReadError = "it is missing"
	case err != nil:
		page.ReadError = err.Error() // refused: a link, a pipe, a device, too large
	default:
		var d draftFile
		if _, deepOK := tomldoc.TooDeep(src); !deepOK {
			page.ReadError = "it is nested too deeply to read"
		} else if _, err := toml.Decode(string(src), &d); err != nil {
			page.ReadError = "it is not valid TOML"
		} else {
			draft, page.Current = &d, true
		}
	}
	if draft == nil && good != nil {
		draft = fromPathway(good)
	}
	if draft != nil {
		page.Map = newMap(draft, urgency)
		page.SVG = page.Map.SVG(draft.Title)
		if draft.Title != "" {
			page.Title = draft.Title
		}
	}
	if good != nil {
		page.Review = good.Review
		var rep bytes.Buffer
		if err := pathway.WriteRoutes(&rep, good, func(o string) string { return urgency[o] }); err == nil {
			page.Report = rep.String()
		}
	} else {
		page.NoReport = "No route report yet: this pathway has not built without errors since the preview started."
	}
	if err := adminTemplates.ExecuteTemplate(&buf, "map", page); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	send(w, r, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

func goodPathway(m *build.Model, id string) *pathway.Pathway {
	if m == nil {
		return nil
	}
	for _, p := range m.Pathways {
		if p.ID == id {
			return p
		}
	}
	return nil
}
