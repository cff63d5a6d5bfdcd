// Package snapshot takes down everything a person can see on a pathway's
// routes, as plain data: the pathway's title and summary, every question
// reachable from start with its hint and answers, every outcome those
// answers end in (title, summary, urgency, number to call, advice, the
// services it signposts) and every such service (title, summary, who it is
// for, areas, body, and each contact with its hours).
//
// A Pathway snapshot is what a clinician signs off: its Hash (SHA-256 of
// its canonical JSON) is what an approval records, and two snapshots are
// what package diff compares. Positions, file names, review dates and
// anything else a reader of the site never sees are left out, so moving a
// line or updating a review date does not ask for a new sign-off, while
// changing a word does.
//
// The package owns the snapshot's shape and its hash. It reads the loaded
// model (packages pathway and content); it does not load files, judge
// changes (package diff) or record approvals (package approval).
package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/pathway"
)

// Pathway is what a person can see on one pathway's routes.
type Pathway struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Summary   string     `json:"summary,omitempty"`
	Start     string     `json:"start"`
	Questions []Question `json:"questions"` // reachable from start, breadth first
	Outcomes  []Outcome  `json:"outcomes"`  // in the order a breadth-first walk meets them
	Services  []Service  `json:"services"`  // signposted by Outcomes, by id
}

// Question is one question as asked.
type Question struct {
	ID      string   `json:"id"`
	Text    string   `json:"text"`
	Hint    string   `json:"hint,omitempty"`
	Answers []Answer `json:"answers"`
}

// Answer is one answer: it goes on to Next or ends in Outcome.
type Answer struct {
	Label   string `json:"label"`
	Next    string `json:"next,omitempty"`
	Outcome string `json:"outcome,omitempty"`
}

// Outcome is an outcome page as a person reads it.
type Outcome struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Summary        string   `json:"summary,omitempty"`
	Urgency        string   `json:"urgency"`
	Call           string   `json:"call,omitempty"`
	Signposts      []string `json:"signposts,omitempty"`
	HelplineFinder bool     `json:"helpline_finder,omitempty"`
	Body           string   `json:"body"` // Markdown, without surrounding space
}

// Service is a signposted service as a person reads it.
type Service struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Summary  string    `json:"summary,omitempty"`
	Audience string    `json:"audience,omitempty"`
	Areas    []string  `json:"areas,omitempty"`
	Contacts []Contact `json:"contacts"`
	Body     string    `json:"body"` // Markdown, without surrounding space
}

// Contact is one way to reach a service.
type Contact struct {
	Mode    string `json:"mode"`
	Value   string `json:"value"`
	Keyword string `json:"keyword,omitempty"`
	Hours   string `json:"hours,omitempty"` // as the page describes them
}

// Take snapshots p as the site set shows it. Outcomes or services missing
// from set (a site with errors) are left out.
func Take(p *pathway.Pathway, set *content.Set) *Pathway {
	s := &Pathway{ID: p.ID, Title: p.Title, Summary: p.Summary}
	if p.Start == nil {
		return s
	}
	s.Start = p.Start.ID
	var qs []*pathway.Question
	for _, q := range p.Questions {
		if q.N > 0 {
			qs = append(qs, q)
		}
	}
	slices.SortFunc(qs, func(a, b *pathway.Question) int { return a.N - b.N })
	for _, q := range qs {
		sq := Question{ID: q.ID, Text: q.Text, Hint: q.Hint}
		for _, a := range q.Answers {
			sa := Answer{Label: a.Label, Outcome: a.Outcome}
			if a.Next != nil {
				sa.Next, sa.Outcome = a.Next.ID, ""
			}
			sq.Answers = append(sq.Answers, sa)
		}
		s.Questions = append(s.Questions, sq)
	}
	services := map[string]bool{}
	for _, id := range p.Outcomes() {
		page, ok := set.Outcomes[id]
		if !ok || page.Outcome == nil {
			continue
		}
		o := page.Outcome
		s.Outcomes = append(s.Outcomes, Outcome{
			ID: id, Title: page.Title, Summary: page.Summary, Urgency: string(o.Urgency), Call: o.Call,
			Signposts: slices.Clone(o.Signposts), HelplineFinder: o.HelplineFinder, Body: strings.TrimSpace(string(page.Body)),
		})
		for _, sid := range o.Signposts {
			services[sid] = true
		}
	}
	for _, sid := range slices.Sorted(maps.Keys(services)) {
		page, ok := set.Services[sid]
		if !ok || page.Service == nil {
			continue
		}
		s.Services = append(s.Services, service(page))
	}
	return s
}

func service(page *content.Page) Service {
	sv := page.Service
	out := Service{ID: page.ID, Title: page.Title, Summary: page.Summary, Audience: sv.Audience, Body: strings.TrimSpace(string(page.Body))}
	for _, a := range sv.Areas {
		out.Areas = append(out.Areas, a.String())
	}
	for _, c := range sv.Contacts {
		sc := Contact{Mode: string(c.Mode), Value: c.Value, Keyword: c.Keyword}
		if c.HasHours {
			sc.Hours = c.Hours.String()
		}
		out.Contacts = append(out.Contacts, sc)
	}
	return out
}

// JSON is the snapshot's canonical form: indented, fields in a fixed order.
func (s *Pathway) JSON() []byte {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(err) // plain strings, slices and structs: cannot fail
	}
	return append(b, '\n')
}

// Hash is "sha256:" and the hex SHA-256 of the canonical JSON.
func (s *Pathway) Hash() string {
	sum := sha256.Sum256(s.JSON())
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Parse reads a snapshot written by JSON.
func Parse(data []byte) (*Pathway, error) {
	var s Pathway
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Outcome returns the outcome with this id, or nil.
func (s *Pathway) Outcome(id string) *Outcome {
	for i := range s.Outcomes {
		if s.Outcomes[i].ID == id {
			return &s.Outcomes[i]
		}
	}
	return nil
}

// Question returns the question with this id, or nil.
func (s *Pathway) Question(id string) *Question {
	for i := range s.Questions {
		if s.Questions[i].ID == id {
			return &s.Questions[i]
		}
	}
	return nil
}

// Route is one walk from start to an outcome.
type Route struct {
	Steps   []Step
	Outcome string
}

// Step is one question of a route and the answer given.
type Step struct {
	Question string // id
	Label    string
}

// Routes enumerates every route, depth first with answers in order. A
// snapshot is taken of a pathway within the site's route limit, so their
// number is bounded; a loop (never in a valid pathway) is not followed.
func (s *Pathway) Routes() []Route {
	var out []Route
	var steps []Step
	on := map[string]bool{}
	byID := map[string]*Question{}
	for i := range s.Questions {
		byID[s.Questions[i].ID] = &s.Questions[i]
	}
	var walk func(id string)
	walk = func(id string) {
		q := byID[id]
		if q == nil || on[id] {
			return
		}
		on[id] = true
		for _, a := range q.Answers {
			steps = append(steps, Step{Question: id, Label: a.Label})
			if a.Next == "" {
				out = append(out, Route{Steps: slices.Clone(steps), Outcome: a.Outcome})
			} else {
				walk(a.Next)
			}
			steps = steps[:len(steps)-1]
		}
		on[id] = false
	}
	walk(s.Start)
	return out
}
