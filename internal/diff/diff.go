// Package diff says what changed between two releases of a site's
// pathways, and whether each change makes triage safer or riskier: what a
// clinical reviewer must know before signing a release off.
//
// It compares snapshots (package snapshot) pathway by pathway and reports:
//
//   - routes whose outcome changed, marked less urgent, more urgent or
//     the same urgency (an outcome's own urgency changing changes every
//     route that ends in it, and is reported too);
//   - routes added and removed (a route is the questions asked and the
//     answer given to each; an answer whose label was reworded is the same
//     answer, so rewording one does not remove and add routes);
//   - questions and answers added and removed;
//   - wording: the pathway's title and summary, each question's text and
//     hint, each answer's label, each outcome's title, summary and advice,
//     each service's title, summary, audience and body, with old and new;
//   - contacts: an outcome's number to call, its signposts and helpline
//     finder, a service's areas and contacts with their hours.
//
// Changes that make any route less urgent come first, always: they are the
// ones that can under-triage. Text writes them for a terminal, CSV for a
// spreadsheet, Markdown for a pull-request comment.
//
// The package owns comparing and writing. It does not load sites (package
// build and the command do) or record approvals (package approval).
package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/snapshot"
)

// Kind is what sort of change a Change is.
type Kind string

// The kinds, in the order they are listed.
const (
	LessUrgent      Kind = "less urgent"
	RouteRemoved    Kind = "route removed"
	RouteAdded      Kind = "route added"
	MoreUrgent      Kind = "more urgent"
	OutcomeChanged  Kind = "outcome changed" // another outcome of the same urgency
	PathwayRemoved  Kind = "pathway removed"
	PathwayAdded    Kind = "pathway added"
	QuestionRemoved Kind = "question removed"
	QuestionAdded   Kind = "question added"
	AnswerRemoved   Kind = "answer removed"
	AnswerAdded     Kind = "answer added"
	Wording         Kind = "wording"
	Contacts        Kind = "contacts"
)

var kindOrder = []Kind{LessUrgent, PathwayRemoved, PathwayAdded, RouteRemoved, RouteAdded, MoreUrgent, OutcomeChanged,
	QuestionRemoved, QuestionAdded, AnswerRemoved, AnswerAdded, Wording, Contacts}

// Change is one difference.
type Change struct {
	Pathway  string
	Kind     Kind
	What     string // what changed: `route danger "No" -> harmed "Yes"`, `question "danger" hint`
	Old, New string // "" where there is nothing (an added route has no Old)
}

var urgencies = []string{"emergency", "urgent", "soon", "routine", "self-care"}

func rank(u string) int {
	if i := slices.Index(urgencies, u); i >= 0 {
		return i
	}
	return len(urgencies)
}

// Sites compares the pathways of two releases, by id. Pathways only in
// one are added or removed. The changes come sorted: see Sort.
func Sites(old, new map[string]*snapshot.Pathway) []Change {
	var out []Change
	ids := map[string]bool{}
	for id := range old {
		ids[id] = true
	}
	for id := range new {
		ids[id] = true
	}
	keys := make([]string, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	slices.Sort(keys)
	for _, id := range keys {
		out = append(out, Pathways(old[id], new[id])...)
	}
	Sort(out)
	return out
}

// Sort orders changes: every pathway with a less urgent route first, then
// by pathway id; within a pathway, by kind (less urgent first), keeping
// the order they were found in otherwise.
func Sort(cs []Change) {
	risky := map[string]bool{}
	for _, c := range cs {
		if c.Kind == LessUrgent {
			risky[c.Pathway] = true
		}
	}
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(
			-cmp.Compare(b2i(risky[a.Pathway]), b2i(risky[b.Pathway])),
			cmp.Compare(a.Pathway, b.Pathway),
			cmp.Compare(slices.Index(kindOrder, a.Kind), slices.Index(kindOrder, b.Kind)),
		)
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Pathways compares two snapshots of one pathway; either may be nil (the
// pathway was added or removed).
func Pathways(old, new *snapshot.Pathway) []Change {
	switch {
	case old == nil && new == nil:
		return nil
	case old == nil:
		return []Change{{Pathway: new.ID, Kind: PathwayAdded, What: "pathway " + quote(new.ID), New: new.Title}}
	case new == nil:
		return []Change{{Pathway: old.ID, Kind: PathwayRemoved, What: "pathway " + quote(old.ID), Old: old.Title}}
	}
	d := &differ{id: new.ID, old: old, new: new, renamed: map[string]map[string]string{}}
	d.text("pathway title", old.Title, new.Title)
	d.text("pathway summary", old.Summary, new.Summary)
	d.questions()
	d.routes()
	d.outcomes()
	d.services()
	Sort(d.out)
	return d.out
}

type differ struct {
	id       string
	old, new *snapshot.Pathway
	renamed  map[string]map[string]string // question id -> old label (normalised) -> new label
	out      []Change
}

func (d *differ) add(k Kind, what, old, new string) {
	d.out = append(d.out, Change{Pathway: d.id, Kind: k, What: what, Old: old, New: new})
}

func (d *differ) text(what, old, new string) {
	if old != new {
		d.add(Wording, what, old, new)
	}
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// questions compares questions by id and their answers by label; an old
// label that is gone is paired, in order, with a new label that was not
// there before: the same answer, reworded.
func (d *differ) questions() {
	for _, oq := range d.old.Questions {
		if d.new.Question(oq.ID) == nil {
			d.add(QuestionRemoved, "question "+quote(oq.ID), oq.Text, "")
		}
	}
	for _, nq := range d.new.Questions {
		oq := d.old.Question(nq.ID)
		if oq == nil {
			d.add(QuestionAdded, "question "+quote(nq.ID), "", nq.Text)
			continue
		}
		q := "question " + quote(nq.ID)
		d.text(q+" text", oq.Text, nq.Text)
		d.text(q+" hint", oq.Hint, nq.Hint)
		has := func(as []snapshot.Answer, label string) bool {
			return slices.ContainsFunc(as, func(a snapshot.Answer) bool { return norm(a.Label) == norm(label) })
		}
		var gone, came []string
		for _, a := range oq.Answers {
			if !has(nq.Answers, a.Label) {
				gone = append(gone, a.Label)
			}
		}
		for _, a := range nq.Answers {
			if !has(oq.Answers, a.Label) {
				came = append(came, a.Label)
			}
		}
		for _, na := range nq.Answers {
			for _, oa := range oq.Answers {
				if oa.Label != na.Label && norm(oa.Label) == norm(na.Label) {
					d.add(Wording, q+" answer", oa.Label, na.Label)
				}
			}
		}
		ren := map[string]string{}
		for i := range min(len(gone), len(came)) {
			ren[norm(gone[i])] = came[i]
			d.add(Wording, q+" answer", gone[i], came[i])
		}
		d.renamed[nq.ID] = ren
		for _, l := range gone[min(len(gone), len(came)):] {
			d.add(AnswerRemoved, q+" answer", l, "")
		}
		for _, l := range came[min(len(gone), len(came)):] {
			d.add(AnswerAdded, q+" answer", "", l)
		}
	}
}

// routeText is a route as questions and answers: danger "No" -> harmed "Yes".
func routeText(r snapshot.Route) string {
	parts := make([]string, len(r.Steps))
	for i, s := range r.Steps {
		parts[i] = fmt.Sprintf("%s %q", s.Question, s.Label)
	}
	return "route " + strings.Join(parts, " -> ")
}

func (d *differ) outcomeText(s *snapshot.Pathway, id string) string {
	if o := s.Outcome(id); o != nil {
		return fmt.Sprintf("%s (%s)", id, o.Urgency)
	}
	return id
}

func (d *differ) urgency(s *snapshot.Pathway, id string) string {
	if o := s.Outcome(id); o != nil {
		return o.Urgency
	}
	return ""
}

func (d *differ) routes() {
	key := func(r snapshot.Route, ren map[string]map[string]string) string {
		var b strings.Builder
		for _, s := range r.Steps {
			l := norm(s.Label)
			if n, ok := ren[s.Question][l]; ok {
				l = norm(n)
			}
			b.WriteString(s.Question + "\x00" + l + "\x01")
		}
		return b.String()
	}
	oldRoutes := d.old.Routes()
	byKey := map[string]snapshot.Route{}
	for _, r := range oldRoutes {
		byKey[key(r, d.renamed)] = r
	}
	seen := map[string]bool{}
	for _, r := range d.new.Routes() {
		k := key(r, nil)
		seen[k] = true
		or, ok := byKey[k]
		if !ok {
			d.add(RouteAdded, routeText(r), "", d.outcomeText(d.new, r.Outcome))
			continue
		}
		ou, nu := d.urgency(d.old, or.Outcome), d.urgency(d.new, r.Outcome)
		if or.Outcome == r.Outcome && ou == nu {
			continue
		}
		kind := OutcomeChanged
		switch {
		case rank(nu) > rank(ou):
			kind = LessUrgent
		case rank(nu) < rank(ou):
			kind = MoreUrgent
		}
		d.add(kind, routeText(r), d.outcomeText(d.old, or.Outcome), d.outcomeText(d.new, r.Outcome))
	}
	for _, r := range oldRoutes {
		if !seen[key(r, d.renamed)] {
			d.add(RouteRemoved, routeText(r), d.outcomeText(d.old, r.Outcome), "")
		}
	}
}

func (d *differ) outcomes() {
	for _, no := range d.new.Outcomes {
		oo := d.old.Outcome(no.ID)
		if oo == nil {
			continue // new routes say where they end
		}
		o := "outcome " + quote(no.ID)
		if oo.Urgency != no.Urgency {
			kind := MoreUrgent
			if rank(no.Urgency) > rank(oo.Urgency) {
				kind = LessUrgent
			}
			d.add(kind, o+" urgency", oo.Urgency, no.Urgency)
		}
		d.text(o+" title", oo.Title, no.Title)
		d.text(o+" summary", oo.Summary, no.Summary)
		d.text(o+" advice", oo.Body, no.Body)
		if oo.Call != no.Call {
			d.add(Contacts, o+" number to call", oo.Call, no.Call)
		}
		if !slices.Equal(oo.Signposts, no.Signposts) {
			d.add(Contacts, o+" services", strings.Join(oo.Signposts, ", "), strings.Join(no.Signposts, ", "))
		}
		if oo.HelplineFinder != no.HelplineFinder {
			d.add(Contacts, o+" local helpline finder", onOff(oo.HelplineFinder), onOff(no.HelplineFinder))
		}
	}
}

func onOff(b bool) string {
	if b {
		return "shown"
	}
	return "not shown"
}

func (d *differ) services() {
	for _, ns := range d.new.Services {
		i := slices.IndexFunc(d.old.Services, func(s snapshot.Service) bool { return s.ID == ns.ID })
		if i < 0 {
			continue // the outcome's services change says it is new
		}
		os := d.old.Services[i]
		s := "service " + quote(ns.ID)
		d.text(s+" title", os.Title, ns.Title)
		d.text(s+" summary", os.Summary, ns.Summary)
		d.text(s+" who it is for", os.Audience, ns.Audience)
		d.text(s+" text", os.Body, ns.Body)
		if !slices.Equal(os.Areas, ns.Areas) {
			d.add(Contacts, s+" areas", strings.Join(os.Areas, ", "), strings.Join(ns.Areas, ", "))
		}
		if oc, nc := contacts(os.Contacts), contacts(ns.Contacts); oc != nc {
			d.add(Contacts, s+" contacts", oc, nc)
		}
	}
}

// contacts writes a service's contacts one a line: mode value (keyword), hours.
func contacts(cs []snapshot.Contact) string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		l := c.Mode + " " + c.Value
		if c.Keyword != "" {
			l += " (keyword " + c.Keyword + ")"
		}
		if c.Hours != "" {
			l += ", " + c.Hours
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
