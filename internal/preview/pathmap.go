package preview

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/preview/pathmap"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// The pathway map draws the compiler's own model: the file as it is now,
// read by pathway.Parse into a Draft (so the problems the compiler rejects,
// an unreachable question, an answer that leads nowhere, a loop, are drawn
// where they are), marked with the diagnostics of the last rebuild, matched
// by position (package pathmap). When the file cannot be read even that
// far, the map is the last good version's Draft.

// listingLine is one line of the pathway file on the map page, with the
// diagnostics reported at it.
type listingLine struct {
	N     int
	Text  string
	Diags []diag.Diagnostic
}

func fileListing(src []byte, ds []diag.Diagnostic) []listingLine {
	var out []listingLine
	for i, l := range strings.Split(strings.TrimSuffix(string(src), "\n"), "\n") {
		out = append(out, listingLine{N: i + 1, Text: strings.TrimRight(l, "\r")})
	}
	for _, d := range ds {
		if d.Line >= 1 && d.Line <= len(out) {
			out[d.Line-1].Diags = append(out[d.Line-1].Diags, d)
		}
	}
	return out
}

// mapPage is what the map template receives.
type mapPage struct {
	ID, Title, File string
	Current         bool // drawn from the file as it is now (else: the last good version)
	ReadError       string
	Errors          []diag.Diagnostic
	Warnings        []diag.Diagnostic
	Map             *pathmap.Graph
	SVG             template.HTML
	LayoutError     string
	Source          []listingLine
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
{{define "filediags"}}<ul class="sp-errors">{{range .}}<li>{{if .Line}}<a class="sp-where" href="#L{{.Line}}">line {{.Line}}{{if .Col}}:{{.Col}}{{end}}</a>{{else}}<code class="sp-where">{{.File}}</code>{{end}} {{if eq .Severity 1}}warning: {{end}}{{.Message}}</li>{{end}}</ul>{{end}}
{{define "index"}}{{template "top" "Pathway maps"}}
<main>
<h1>Pathway maps</h1>
<p>Preview only: these pages are never part of <code>signpost build</code>. <a href="/">Back to the site</a>.</p>
{{if .Pathways}}<ul>{{range .Pathways}}<li><a href="/_signpost/pathways/{{.ID}}/">{{.ID}}</a> ({{.File}}){{if .Good}} · <a href="/_signpost/pathways/{{.ID}}/review/" aria-label="Review pack of {{.ID}}">review pack</a>{{end}}{{if .Errors}} <span class="sp-flag">{{.Errors}} error(s)</span>{{end}}{{if not .Good}} <span class="sp-flag">not on the site</span>{{end}}</li>{{end}}</ul>
{{else}}<p>This site has no pathways (pathways/*.toml).</p>{{end}}
{{if .Errors}}<section class="sp-status bad" aria-labelledby="errs"><h2 id="errs">Errors in the site now</h2>{{template "diags" .Errors}}</section>{{end}}
</main><script src="/_signpost/live.js"></script></body></html>{{end}}
{{define "map"}}{{template "top" (print "Map: " .Title)}}
<main>
<p><a href="/_signpost/">All pathway maps</a> · <a href="/pathways/{{.ID}}/">The pathway page</a> · <a href="/_signpost/pathways/{{.ID}}/review/">Review pack</a> (to read, print and sign){{if .Source}} · <a href="#source">The file, line by line</a>{{end}}</p>
<h1>Map: {{.Title}}</h1>
<p>File <code>{{.File}}</code>.{{with .Review}} Review owner: {{or .Owner "not recorded"}}.{{if not .Reviewed.IsZero}} Reviewed {{date .Reviewed}}.{{end}}{{if not .NextReview.IsZero}} Next review {{date .NextReview}}.{{end}}{{end}}</p>
{{if .Errors}}<section class="sp-status bad" aria-labelledby="errs"><h2 id="errs">{{len .Errors}} error(s) in this pathway now</h2>
<p>The site keeps showing the last good version until they are fixed.{{if .Current}} The map below is drawn from the file as it is now, with the problems marked.{{else}} The file cannot be read ({{.ReadError}}), so the map below is the last good version.{{end}}</p>
{{if .Source}}{{template "filediags" .Errors}}{{else}}{{template "diags" .Errors}}{{end}}</section>
{{else}}<p class="sp-status">No errors: the map, the site and the route report agree.</p>{{end}}
{{with .Warnings}}<section aria-labelledby="warns"><h2 id="warns">Warnings</h2>{{if $.Source}}{{template "filediags" .}}{{else}}{{template "diags" .}}{{end}}</section>{{end}}
<ul class="sp-legend" aria-label="Key"><li><span class="sp-key q"></span>question (thick border: start; select it to see its lines in the file)</li><li><span class="sp-key o u-emergency"></span>outcome, coloured by urgency: emergency, <span class="sp-key o u-urgent"></span>urgent, <span class="sp-key o"></span>soon or later</li><li><span class="sp-key bad"></span>problem the compiler reports, or something missing</li></ul>
<h2 id="map">Map</h2>
{{if .LayoutError}}<p class="sp-status bad">The map cannot be laid out: {{.LayoutError}}. The table below lists every question and answer.</p>{{end}}
<div class="sp-map" tabindex="0" role="region" aria-label="Diagram of the pathway (scrolls both ways)">{{.SVG}}</div>
{{with .Map}}<h2>Every question and answer</h2>
<table><thead><tr><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Goes to</th></tr></thead><tbody>
{{range .Rows}}{{$q := .Question}}{{$row := .}}{{range $i, $a := .Answers}}<tr>{{if eq $i 0}}<th scope="row" rowspan="{{len $row.Answers}}">{{template "qcell" $q}}</th>{{end}}<td>{{$a.Label}}{{range $a.Diags}} <span class="sp-flag">{{.Message}}</span>{{end}}</td><td>{{template "tocell" $a.To}}</td></tr>{{else}}<tr><th scope="row">{{template "qcell" $q}}</th><td colspan="2"><span class="sp-flag">no answers</span></td></tr>{{end}}{{end}}
</tbody></table>{{end}}
<section class="sp-report" aria-labelledby="report"><h2 id="report">Route report{{if .Errors}} (last good version){{end}}</h2>
{{if .Report}}<pre tabindex="0" aria-labelledby="report">{{.Report}}</pre>{{else}}<p>{{.NoReport}}</p>{{end}}</section>
{{with .Source}}<section aria-labelledby="source"><h2 id="source">The file, line by line</h2>
<ol class="sp-src" tabindex="0" aria-labelledby="source">{{range .}}<li id="L{{.N}}"><code>{{.Text}}</code>{{range .Diags}}<span class="sp-flag">{{if eq .Severity 1}}warning: {{end}}{{.Message}}</span>{{end}}</li>{{end}}</ol></section>{{end}}
</main><script src="/_signpost/live.js"></script></body></html>{{end}}
{{define "nopack"}}{{template "top" (print "Review pack: " .ID)}}
<main>
<p><a href="/_signpost/pathways/{{.ID}}/">The map of {{.ID}}</a> · <a href="/_signpost/">All pathway maps</a></p>
<h1>No review pack while the site has errors</h1>
<p>The review pack is made from the site as it is now, as <code>signpost review</code> does, and the files have {{len .Errors}} error(s). Fix them and save: this page becomes the pack by itself.</p>
{{template "diags" .Errors}}
</main><script src="/_signpost/live.js"></script></body></html>{{end}}
{{define "qcell"}}{{if .Line}}<a href="#L{{.Line}}">{{.Text}}</a>{{else}}{{.Text}}{{end}} <code>{{.ID}}</code>{{if .Start}} (start){{end}}{{range .Diags}} <span class="sp-flag">{{.Message}}</span>{{end}}{{end}}
{{define "tocell"}}{{if eq .Kind 1}}outcome {{.ID}}: {{.Text}} ({{or .Urgency "urgency unknown"}}){{else if eq .Kind 2}}<span class="sp-flag">{{.Text}}: {{.Problem}}</span>{{else}}{{.ID}}{{end}}{{end}}
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
	if rest == "review/" {
		s.serveReviewPack(w, r, id, model, all)
		return
	}
	if rest != "" || !strings.HasSuffix(p, "/") {
		if rest == "" || rest == "review" {
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
	outcomes := map[string]pathmap.OutcomeInfo{}
	if model != nil {
		for oid, op := range model.Content.Outcomes {
			urgency[oid] = string(op.Outcome.Urgency)
			outcomes[oid] = pathmap.OutcomeInfo{Title: op.Title, Urgency: urgency[oid]}
		}
	}
	var draft *pathway.Draft
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
		// The rebuild's diagnostics are the compiler's; Parse's own are
		// the same ones and not needed again.
		if d := pathway.Parse(file, src, &diag.List{}); d == nil {
			page.ReadError = "it is not valid TOML"
		} else {
			draft, page.Current = d, true
			page.Source = fileListing(src, append(slices.Clone(page.Errors), page.Warnings...))
		}
	}
	if draft == nil && good != nil {
		draft = good.Draft
	}
	if draft != nil {
		var marks []diag.Diagnostic
		if page.Current {
			marks = append(slices.Clone(page.Errors), page.Warnings...)
		}
		page.Map = pathmap.New(draft, marks, outcomes)
		if l, err := pathmap.Lay(context.Background(), page.Map); err != nil {
			page.LayoutError = err.Error()
		} else {
			page.SVG = l.SVG()
		}
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
