// Package cases reads a pathway's test cases (pathways/<id>.cases.toml),
// runs each against the pathway, and measures what the cases cover.
//
// A test case is what a clinician would check by hand: give these answers,
// one per question in the order the questions come, and the pathway must
// end in this outcome, or at least this urgent, so that a change to the
// pathway cannot silently under-triage.
//
//	# pathways/mental-health-crisis.cases.toml
//	[[case]]
//	name = "Someone's life is in danger"      # required, unique in the file
//	answers = ["Yes"]                         # required: answer labels, question by question
//	outcome = "call-999"                      # the outcome the route must end in ...
//
//	[[case]]
//	name = "Overdose, feels fine"
//	answers = ["No", "Yes, but they feel OK at the moment"]
//	at_least = "urgent"                       # ... or the least urgency it may have
//
// Labels are matched as the pathway compares them: ignoring case,
// surrounding spaces and runs of spaces inside. A case has exactly one of
// outcome and at_least.
//
// # The rules
//
// Problems in the file are reported at its file:line:col, all of them:
// TOML syntax, unknown keys, missing or blank name and answers, a name used
// twice, neither or both of outcome and at_least, an at_least that is not an
// urgency, an outcome the pathway never ends in. Running a case reports, at
// the answer or the expectation concerned: an answer that is not one of its
// question's (with the labels it has); answers left over after the route
// has ended; answers that stop before an outcome; and a route that ends in
// another outcome than expected, or a less urgent one, naming the outcome
// reached, its urgency and the route (each question and the answer given).
//
// # Coverage
//
// Cover lists the answers of the pathway that no case gives (reported in
// the pathway file, at the answer) and the emergency and urgent outcomes no
// case reaches (at the first answer leading to them). They are warnings,
// or errors when site.toml sets require_case_coverage = true.
//
// The package owns the cases format, running and coverage. It does not
// read the pathway (package pathway) or outcomes (the caller gives each
// outcome's urgency) and does not decide where the file lives (package
// build finds it beside the pathway).
package cases

import (
	"fmt"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// Suffix ends the name of a cases file: pathways/<id>.cases.toml.
const Suffix = ".cases.toml"

// FileFor returns the cases file of the pathway file pathways/<id>.toml.
func FileFor(pathwayFile string) string {
	return strings.TrimSuffix(pathwayFile, ".toml") + Suffix
}

// File is a parsed cases file.
type File struct {
	Name  string // site-relative: pathways/<id>.cases.toml
	Cases []*Case
}

// Case is one test case.
type Case struct {
	Name    string
	Answers []string        // labels as written
	Outcome string          // expected outcome id; "" when AtLeast is set
	AtLeast content.Urgency // least urgency accepted; "" when Outcome is set
	t       *tomldoc.Table  // for positions, found only when reported
}

// Pos is the case's [[case]] header.
func (c *Case) Pos() diag.Pos { return c.t.Pos() }

// answerPos is where the i'th answer's value starts.
func (c *Case) answerPos(i int) diag.Pos { return c.t.ElemPos("answers", i) }

// expectPos is where the outcome or at_least value starts.
func (c *Case) expectPos() diag.Pos {
	if c.Outcome != "" {
		return c.t.ValuePos("outcome")
	}
	return c.t.ValuePos("at_least")
}

// Parse reads a cases file. Problems are added to diags; cases with errors
// are left out (the others still run).
func Parse(file string, src []byte, diags *diag.List) *File {
	f := &File{Name: file}
	if !diag.CheckText(file, src, diags) {
		return f
	}
	var local diag.List // this file's: a case is left out when it adds any
	defer diags.Merge(&local)
	root := tomldoc.Parse(file, "the cases file", src, 1, diag.Pos{Line: 1}, &local)
	if root == nil {
		return f
	}
	names := map[string]*Case{}
	cts := root.Tables("case", false)
	if len(cts) == 0 && !root.Has("case") {
		local.Errorf(file, diag.Pos{Line: 1}, "the cases file has no cases: add a [[case]] with a name, answers and an outcome or at_least")
	}
	for _, t := range cts {
		n := local.Len()
		c := readCase(file, t, &local)
		if c.Name != "" {
			if first, dup := names[strings.ToLower(c.Name)]; dup {
				local.ErrorfRelated(file, t.ValuePos("name"), diag.Related{File: file, Line: first.Pos().Line, Col: first.Pos().Col, Message: "the case that has this name first"},
					"case name %q is already used by the case at line %d: give each case its own name", c.Name, first.Pos().Line)
			} else {
				names[strings.ToLower(c.Name)] = c
			}
		}
		if local.Len() == n {
			f.Cases = append(f.Cases, c)
		}
	}
	root.Check()
	return f
}

func readCase(file string, t *tomldoc.Table, diags *diag.List) *Case {
	c := &Case{t: t}
	name, _ := t.Text("name", true, "say what the case checks, like \"Overdose, feels fine\"")
	c.Name = strings.TrimSpace(name)
	if !t.Has("answers") {
		diags.Errorf(file, c.Pos(), "case %s has no answers: add answers = [\"...\"], the answer labels question by question", quoteName(c.Name))
	}
	n := diags.Len()
	c.Answers = t.Strings("answers")
	if t.Has("answers") && len(c.Answers) == 0 && diags.Len() == n {
		diags.Errorf(file, t.ValuePos("answers"), "case %s has no answers: list the answer labels question by question", quoteName(c.Name))
	}
	hasOutcome, hasAtLeast := t.Has("outcome"), t.Has("at_least")
	n = diags.Len()
	c.Outcome = t.String("outcome", false)
	c.AtLeast = content.Urgency(t.String("at_least", false))
	switch {
	case diags.Len() != n: // a mistyped value, reported
	case hasOutcome && hasAtLeast:
		diags.Errorf(file, t.ValuePos("at_least"), "case %s has both outcome and at_least: keep one (outcome names the exact outcome, at_least the least urgency accepted)", quoteName(c.Name))
	case !hasOutcome && !hasAtLeast:
		diags.Errorf(file, c.Pos(), "case %s expects nothing: add outcome = \"<outcome id>\" or at_least = \"urgent\"", quoteName(c.Name))
	case hasOutcome:
		if !sitefs.IsSlug(c.Outcome) {
			diags.Errorf(file, c.expectPos(), "outcome %q is not an outcome id: use the file name of content/outcomes/<id>.md", c.Outcome)
		}
	default:
		if !slices.Contains(content.Urgencies, c.AtLeast) {
			diags.Errorf(file, c.expectPos(), "at_least %q is not an urgency: use one of emergency, urgent, soon, routine or self-care", c.AtLeast)
		}
	}
	t.Check()
	return c
}

func quoteName(name string) string {
	if name == "" {
		return "(no name)"
	}
	return fmt.Sprintf("%q", name)
}

// Rank orders urgencies: 0 is emergency, the most urgent; an unknown
// urgency ranks after every known one.
func Rank(u content.Urgency) int {
	if i := slices.Index(content.Urgencies, u); i >= 0 {
		return i
	}
	return len(content.Urgencies)
}

// Result is what running a file's cases found.
type Result struct {
	Passed, Failed int
	// Given[q][i] is true when some case gave answer i of question q.
	Given map[*pathway.Question][]bool
	// Reached holds every outcome a case's route ended in.
	Reached map[string]bool
}

// Urgency gives an outcome's urgency ("" when unknown).
type Urgency func(outcome string) content.Urgency

// Run runs every case of f against p, reporting each failure at the case's
// line in f. A nil f runs nothing.
func Run(f *File, p *pathway.Pathway, urgency Urgency, diags *diag.List) *Result {
	res := &Result{Given: map[*pathway.Question][]bool{}, Reached: map[string]bool{}}
	if f == nil || p == nil || p.Start == nil {
		return res
	}
	r := &runner{file: f.Name, p: p, urgency: urgency, res: res, ends: map[string]bool{}, labels: map[*pathway.Question][]string{}}
	for _, id := range p.Outcomes() {
		r.ends[id] = true
	}
	for _, c := range f.Cases {
		if r.run(c, diags) {
			res.Passed++
		} else {
			res.Failed++
		}
	}
	return res
}

// norm is a label as the pathway compares labels.
func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// runner runs the cases of one file against one pathway.
type runner struct {
	file    string
	p       *pathway.Pathway
	urgency Urgency
	res     *Result
	ends    map[string]bool                // the outcomes p can end in
	labels  map[*pathway.Question][]string // each question's labels, normalised once
}

// answer returns the index of the answer of q labelled label, or -1.
func (r *runner) answer(q *pathway.Question, label string) int {
	ls, ok := r.labels[q]
	if !ok {
		ls = make([]string, len(q.Answers))
		for i, a := range q.Answers {
			ls[i] = norm(a.Label)
		}
		r.labels[q] = ls
	}
	if k := slices.Index(ls, label); k >= 0 { // as written: no allocation
		return k
	}
	return slices.Index(ls, norm(label))
}

func (r *runner) run(c *Case, diags *diag.List) bool {
	file, p, ends, urgency, res := r.file, r.p, r.ends, r.urgency, r.res
	name := quoteName(c.Name)
	q := p.Start
	var route []pathway.Step
	for i, label := range c.Answers {
		if q == nil {
			last := route[len(route)-1].Answer
			diags.Errorf(file, c.answerPos(i), "case %s: the route already ended in outcome %q after answer %d (%q): remove the answers after it",
				name, last.Outcome, i, last.Label)
			return false
		}
		k := r.answer(q, label)
		if k < 0 {
			labels := make([]string, len(q.Answers))
			for j, a := range q.Answers {
				labels[j] = fmt.Sprintf("%q", a.Label)
			}
			diags.Errorf(file, c.answerPos(i), "case %s: question %q (%q) has no answer %q: its answers are %s",
				name, q.ID, q.Text, label, strings.Join(labels, ", "))
			return false
		}
		a := q.Answers[k]
		g := res.Given[q]
		if g == nil {
			g = make([]bool, len(q.Answers))
			res.Given[q] = g
		}
		g[k] = true
		route = append(route, pathway.Step{Question: q, Answer: a})
		q = a.Next
	}
	if q != nil {
		diags.Errorf(file, c.t.ValuePos("answers"), "case %s: the answers stop at question %q (%q) before an outcome: add the answer to give there",
			name, q.ID, q.Text)
		return false
	}
	if c.Outcome != "" && !ends[c.Outcome] {
		diags.Errorf(file, c.expectPos(), "case %s expects outcome %q, which pathway %q never ends in: fix the id or the pathway", name, c.Outcome, p.ID)
		return false
	}
	got := route[len(route)-1].Answer.Outcome
	res.Reached[got] = true
	gotU := urgency(got)
	switch {
	case c.Outcome != "" && got != c.Outcome:
		diags.Errorf(file, c.expectPos(), "case %s expects outcome %q but reaches %q (%s) by the route %s",
			name, c.Outcome, got, gotU, RouteText(route))
		return false
	case c.AtLeast != "" && Rank(gotU) > Rank(c.AtLeast):
		diags.Errorf(file, c.expectPos(), "case %s expects at least %s but reaches %q (%s) by the route %s",
			name, c.AtLeast, got, gotU, RouteText(route))
		return false
	}
	return true
}

// RouteText writes a route as its questions and answers:
// danger "No" -> harmed "Yes, ...".
func RouteText(route []pathway.Step) string {
	parts := make([]string, len(route))
	for i, s := range route {
		parts[i] = fmt.Sprintf("%s %q", s.Question.ID, s.Answer.Label)
	}
	return strings.Join(parts, " -> ")
}

// Gap is an answer no case gives.
type Gap struct {
	Question *pathway.Question
	Answer   *pathway.Answer
}

// Coverage is what a pathway's cases leave untested.
type Coverage struct {
	Answers, Covered int        // answers of questions reachable from start; those some case gives
	Uncovered        []Gap      // in breadth-first question order, answers in file order
	Unreached        []string   // emergency and urgent outcomes no case reaches, in Outcomes order
	firstTo          []diag.Pos // the first answer leading to each Unreached outcome
}

// Cover measures res against p. urgency gives each outcome's urgency.
func Cover(p *pathway.Pathway, res *Result, urgency Urgency) *Coverage {
	cov := &Coverage{}
	if p == nil || p.Start == nil {
		return cov
	}
	first := map[string]diag.Pos{}
	for _, q := range Questions(p) {
		for i, a := range q.Answers {
			cov.Answers++
			if g := res.Given[q]; g != nil && g[i] {
				cov.Covered++
			} else {
				cov.Uncovered = append(cov.Uncovered, Gap{q, a})
			}
			if a.Next == nil {
				if _, ok := first[a.Outcome]; !ok {
					first[a.Outcome] = a.Pos
				}
			}
		}
	}
	for _, id := range p.Outcomes() {
		if u := urgency(id); (u == content.Emergency || u == content.Urgent) && !res.Reached[id] {
			cov.Unreached = append(cov.Unreached, id)
			cov.firstTo = append(cov.firstTo, first[id])
		}
	}
	return cov
}

// Questions returns the questions reachable from start, breadth first with
// answers in file order (the order of Question.N).
func Questions(p *pathway.Pathway) []*pathway.Question {
	var qs []*pathway.Question
	for _, q := range p.Questions {
		if q.N > 0 {
			qs = append(qs, q)
		}
	}
	slices.SortFunc(qs, func(a, b *pathway.Question) int { return a.N - b.N })
	return qs
}

// Report adds the coverage gaps to diags, in the pathway file: warnings, or
// errors when required. casesFile names the file to add cases to.
func (cov *Coverage) Report(p *pathway.Pathway, casesFile string, required bool, urgency Urgency, diags *diag.List) {
	add := diags.Warnf
	if required {
		add = diags.Errorf
	}
	for _, g := range cov.Uncovered {
		add(p.File, g.Answer.Pos, "no test case gives answer %q to question %q: add a case to %s", g.Answer.Label, g.Question.ID, casesFile)
	}
	for i, id := range cov.Unreached {
		add(p.File, cov.firstTo[i], "no test case reaches %s outcome %q: add a case to %s", urgency(id), id, casesFile)
	}
}
