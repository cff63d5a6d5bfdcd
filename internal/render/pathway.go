package render

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/site"
)

// PathwayView is a whole pathway on one page: every question, and the
// essentials of every outcome it can reach, so no answer needs the network.
// Fragments are neutral (#q3, #o2): they say nothing of what was asked.
type PathwayView struct {
	ID, Title, Summary string
	Start              string // the first question's anchor ("q1")
	// Icon is the site's icon.svg as a data: URL: Chromium fetches a page's
	// icon again on every fragment change, and an answer must not make a
	// request. Empty when the site has no icon.svg.
	Icon      template.URL
	Questions []QuestionView // breadth first from the start
	Outcomes  []*OutcomeView // in first-reached order; Anchor set
}

// QuestionView is one question as the template sees it.
type QuestionView struct {
	Anchor  string // "q3"
	Start   bool
	Text    string
	Hint    template.HTML
	Answers []AnswerView
}

// AnswerView is one answer: a link to the next question or outcome.
type AnswerView struct {
	Label string
	Href  string // "#q4" or "#o1"
}

// NewPathwayView lays out a validated pathway.
func (r *Renderer) NewPathwayView(p *pathway.Pathway, set *content.Set, diags *diag.List) *PathwayView {
	v := &PathwayView{ID: p.ID, Title: p.Title, Summary: p.Summary, Icon: r.icon}
	outcomeAnchor := map[string]string{}
	for i, id := range p.Outcomes() {
		op, ok := set.Outcome(id)
		if !ok {
			continue // reported when the pathway was loaded
		}
		ov := r.outcomeView(op, set, fmt.Sprintf("o%d", i+1), diags)
		html, err := r.pathwayStep(ov)
		if err != nil {
			diags.Errorf(op.File, diag.Pos{}, "%v", err)
		}
		ov.HTML = html
		outcomeAnchor[id] = ov.Anchor
		v.Outcomes = append(v.Outcomes, ov)
	}
	// Questions in page order, #q1 first: by N, which Load gives every
	// question of a valid pathway (1 to len, breadth first from start).
	qs := slices.DeleteFunc(slices.Clone(p.Questions), func(q *pathway.Question) bool { return q.N < 1 || q.N > len(p.Questions) })
	slices.SortStableFunc(qs, func(a, b *pathway.Question) int { return a.N - b.N })
	v.Questions = make([]QuestionView, 0, len(qs))
	for _, q := range qs {
		qv := QuestionView{Anchor: fmt.Sprintf("q%d", q.N), Start: q == p.Start, Text: q.Text}
		if qv.Start {
			v.Start = qv.Anchor
		}
		if q.Hint != "" {
			qv.Hint = r.InlineMarkdown(p.File, q.HintPos, q.Hint, diags)
		}
		for _, a := range q.Answers {
			av := AnswerView{Label: a.Label}
			if a.Next != nil {
				av.Href = fmt.Sprintf("#q%d", a.Next.N)
			} else {
				av.Href = "#" + outcomeAnchor[a.Outcome]
			}
			qv.Answers = append(qv.Answers, av)
		}
		v.Questions = append(v.Questions, qv)
	}
	return v
}

// iconData returns the site's assets/icon.svg as a data: URL, or "". The
// assets do not change for the life of a Renderer, so New calls it once.
func iconData(as *assets.Set) template.URL {
	for _, f := range as.Files() {
		if f.Source == assets.Dir+"/icon.svg" {
			return svgData(f.Data)
		}
	}
	return ""
}

// svgData is an SVG image as a data: URL, percent-encoded rather than in
// base64 (which the minifier picks when it is shorter): the text of an SVG
// compresses with the page around it, and base64 hardly compresses at all.
// Its attributes' double quotes become single ones, which need no escape.
func svgData(svg []byte) template.URL {
	return template.URL("data:image/svg+xml," + url.PathEscape(strings.ReplaceAll(string(svg), `"`, `'`)))
}

// PathwayPage renders /pathways/<id>/.
func (r *Renderer) PathwayPage(p *pathway.Pathway, set *content.Set, c *Common, diags *diag.List) (Page, error) {
	v := &View{URL: site.PathwayURL(p.ID), Title: p.Title, Summary: p.Summary,
		Pathway: r.NewPathwayView(p, set, diags)}
	if p.Review != nil {
		v.Review = r.reviewView(p.Review.Reviewed, p.Review.NextReview)
	}
	return r.page(v, c, site.Pathway)
}

// Special renders a page that has no source file: site.Offline or
// site.NotFound.
func (r *Renderer) Special(kind site.Kind, set *content.Set, c *Common) (Page, error) {
	v := &View{}
	switch kind.Name {
	case site.Offline.Name:
		v.URL = site.OfflineURL
		v.Title = r.text.T("offline_title")
		v.Summary = r.text.T("offline_summary")
	case site.NotFound.Name:
		v.Title = r.text.T("notfound_title")
		v.Summary = r.text.T("notfound_summary")
	}
	// Help now: the national services you can text, message or call.
	sv := r.byMode(set)
	sv.Email, sv.Web, sv.Local = nil, nil, nil
	v.Services = sv
	return r.page(v, c, kind)
}

// OutcomeCost is roughly what one outcome's step adds to a pathway page:
// the gzip size of its minified HTML on its own.
type OutcomeCost struct {
	ID, File string
	Gzip     int
}

// OutcomeCosts measures the outcome steps of pathway p's page, costliest
// first, for the message of a pathway page over its budget.
func (r *Renderer) OutcomeCosts(p *pathway.Pathway, set *content.Set) []OutcomeCost {
	var costs []OutcomeCost
	var discard diag.List // reported when the page itself was rendered
	for _, o := range r.NewPathwayView(p, set, &discard).Outcomes {
		small, err := r.assets.MinifyHTML([]byte(o.HTML))
		if err != nil {
			small = []byte(o.HTML)
		}
		costs = append(costs, OutcomeCost{ID: o.ID, File: outcomeFile(set, o.ID), Gzip: assets.GzipSize(small)})
	}
	slices.SortStableFunc(costs, func(a, b OutcomeCost) int { return b.Gzip - a.Gzip })
	return costs
}

func outcomeFile(set *content.Set, id string) string {
	if p, ok := set.Outcome(id); ok {
		return p.File
	}
	return ""
}
