// Package reviewpack writes the review pack of a pathway: one
// self-contained HTML document a clinician can read on screen, print and
// sign. It holds the version (the git commit where there is one, and the
// content hash an approval records), the date it was made, every question
// with its hint and answers, every outcome with its full advice and the
// services it lists (contacts, hours, who they are for), the routes grouped
// by outcome, the test cases and their coverage, what changed since the
// last approval, and a sign-off block.
//
// The document has no script and loads nothing: its style is inline, with
// print rules (A4 margins, page breaks before each part, links written
// out). It is made from the loaded model (FromModel); it does not load
// files or decide where the document is written or served (`signpost
// review` writes it; the preview serves it, with its live-reload script
// added, Input.Script, and StyleSource in its Content-Security-Policy).
package reviewpack

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"regexp"
	"strconv"
	"time"

	"github.com/signpost-dev/signpost/internal/approval"
	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/cases"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/diff"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/snapshot"
)

//go:embed pack.html
var packHTML string

var packTmpl = template.Must(template.New("pack").Parse(packHTML))

// Input is what a pack is made from.
type Input struct {
	SiteTitle string
	Language  string
	Pathway   *pathway.Pathway
	Content   *content.Set
	Markdown  func(file string, body []byte, line int) template.HTML // the site's renderer
	Commit    string                                                 // "" outside git
	Generated time.Time                                              // in the site's timezone
	Cases     *cases.File                                            // nil: no cases file
	Result    *cases.Result
	Coverage  *cases.Coverage
	Approvals *approval.Pathway // nil: never approved
	Script    string            // the preview only: a script URL added at the end (live reload); "" for none
}

// FromModel is the Input for pathway p of a loaded site: its content, the
// site's Markdown renderer, its test cases and what they found, and the
// approvals recorded for it (nil for none).
func FromModel(m *build.Model, p *pathway.Pathway, approvals *approval.Pathway, commit string, generated time.Time) Input {
	in := Input{
		SiteTitle: m.Config.Title, Language: m.Config.Language, Pathway: p, Content: m.Content,
		Markdown: func(file string, body []byte, line int) template.HTML {
			return m.Renderer.Markdown(file, body, line, &diag.List{})
		},
		Commit: commit, Generated: generated.In(m.Config.Location), Approvals: approvals,
	}
	if r := m.Cases[p.ID]; r != nil {
		in.Cases, in.Result, in.Coverage = r.Cases, r.Result, r.Coverage
	}
	return in
}

// StyleSource is the Content-Security-Policy source that allows the
// pack's inline style sheet (a hash: the style is the same in every pack).
var StyleSource = func() string {
	m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(packHTML)
	sum := sha256.Sum256([]byte(m[1]))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

type view struct {
	Input
	Hash      string
	Date      string
	Questions []question
	Outcomes  []outcome
	Routes    []routeGroup
	Status    approval.Status
	Changes   []diff.Change
	Summary   string
	Gaps      []string
	Unreached []string
	Cases     []caseView
}

type question struct {
	N                int
	ID, Text, Hint   string
	Answers          []answer
	NextN, OutcomeID string
}

type answer struct {
	Label, Goes string
}

type outcome struct {
	ID, Title, Summary, Urgency, Call string
	Advice                            template.HTML
	Finder                            bool
	Services                          []service
}

type service struct {
	Title, Summary, Audience, Areas, Checked string
	Contacts                                 []string
}

type routeGroup struct {
	Outcome, Title, Urgency string
	Routes                  []string
}

type caseView struct {
	Name, Answers, Expects string
}

// Write writes the pack of in.Pathway to w.
func Write(w io.Writer, in Input) error {
	p := in.Pathway
	snap := snapshot.Take(p, in.Content)
	v := view{Input: in, Hash: snap.Hash(), Date: in.Generated.Format("2 January 2006, 15:04 MST")}
	for _, q := range cases.Questions(p) {
		qv := question{N: q.N, ID: q.ID, Text: q.Text, Hint: q.Hint}
		for _, a := range q.Answers {
			goes := "outcome: " + a.Outcome
			if a.Next != nil {
				goes = "next: question " + strconv.Itoa(a.Next.N) + " (" + a.Next.ID + ")"
			} else if o, ok := in.Content.Outcomes[a.Outcome]; ok {
				goes = "outcome: " + o.Title + " (" + string(o.Outcome.Urgency) + ")"
			}
			qv.Answers = append(qv.Answers, answer{Label: a.Label, Goes: goes})
		}
		v.Questions = append(v.Questions, qv)
	}
	byOutcome := map[string]int{} // index in v.Routes
	for _, id := range p.Outcomes() {
		page, ok := in.Content.Outcomes[id]
		if !ok {
			continue
		}
		o := page.Outcome
		ov := outcome{ID: id, Title: page.Title, Summary: page.Summary, Urgency: string(o.Urgency), Call: o.Call, Finder: o.HelplineFinder,
			Advice: nest(id, in.Markdown(page.File, page.Body, page.BodyLine))}
		for _, sid := range o.Signposts {
			if sp, ok := in.Content.Services[sid]; ok {
				ov.Services = append(ov.Services, serviceView(sp))
			}
		}
		v.Outcomes = append(v.Outcomes, ov)
		v.Routes = append(v.Routes, routeGroup{Outcome: id, Title: page.Title, Urgency: string(o.Urgency)})
		byOutcome[id] = len(v.Routes) - 1
	}
	for _, r := range p.Routes() {
		if i, ok := byOutcome[r.Outcome]; ok {
			v.Routes[i].Routes = append(v.Routes[i].Routes, cases.RouteText(r.Steps))
		}
	}
	if in.Approvals != nil {
		v.Status = approval.Check(snap, in.Approvals)
		v.Changes = v.Status.Changes
	}
	v.Summary = diff.Summary(v.Changes)
	if in.Coverage != nil {
		for _, g := range in.Coverage.Uncovered {
			v.Gaps = append(v.Gaps, g.Question.ID+": "+g.Answer.Label)
		}
		v.Unreached = in.Coverage.Unreached
	}
	if in.Cases != nil {
		for _, c := range in.Cases.Cases {
			exp := "outcome " + c.Outcome
			if c.AtLeast != "" {
				exp = "at least " + string(c.AtLeast)
			}
			v.Cases = append(v.Cases, caseView{Name: c.Name, Answers: join(c.Answers), Expects: exp})
		}
	}
	var b bytes.Buffer
	if err := packTmpl.Execute(&b, v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func serviceView(p *content.Page) service {
	s := p.Service
	sv := service{Title: p.Title, Summary: p.Summary, Audience: s.Audience, Areas: "anywhere in the UK"}
	if !s.National() {
		var areas []string
		for _, a := range s.Areas {
			areas = append(areas, a.String())
		}
		sv.Areas = "postcodes " + join(areas)
	}
	if !s.ContactsChecked.IsZero() {
		sv.Checked = s.ContactsChecked.Format("2 January 2006")
	}
	for _, c := range s.Contacts {
		line := string(c.Mode) + ": " + c.Value
		if c.Keyword != "" {
			line += " (text " + c.Keyword + ")"
		}
		if c.HasHours {
			line += "; " + c.Hours.String()
		}
		sv.Contacts = append(sv.Contacts, line)
	}
	return sv
}

func join(ss []string) string {
	var b bytes.Buffer
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + s + `"`)
	}
	return b.String()
}

var (
	headingRE  = regexp.MustCompile(`<(/?)h([1-6])\b`)
	idRE       = regexp.MustCompile(`\bid="([^"]*)"`)
	fragmentRE = regexp.MustCompile(`\bhref="#([^"]*)"`)
)

// nest fits an outcome's advice into the pack: its headings go three
// levels down (under the pack's "Advice" heading, an h4) and its ids and
// the links to them take the outcome's id as a prefix, since every
// outcome's advice is in the one document.
func nest(outcome string, advice template.HTML) template.HTML {
	s := headingRE.ReplaceAllStringFunc(string(advice), func(m string) string {
		sub := headingRE.FindStringSubmatch(m)
		level := min(int(sub[2][0]-'0')+3, 6)
		return "<" + sub[1] + "h" + strconv.Itoa(level)
	})
	s = idRE.ReplaceAllString(s, `id="`+outcome+`-$1"`)
	s = fragmentRE.ReplaceAllString(s, `href="#`+outcome+`-$1"`)
	return template.HTML(s)
}
