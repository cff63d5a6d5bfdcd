package pathway

import (
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
)

// Pathway is one checked and linked triage pathway.
type Pathway struct {
	ID        string      // the file's base name: served at /pathways/<ID>/
	File      string      // site-relative, like pathways/crisis.toml
	Title     string      // plain text
	Summary   string      // plain text; empty when absent
	Start     *Question   // the first question asked
	Questions []*Question // every question, in file order
	Review    *Review     // nil when the file has no [review]
	Draft     *Draft      // the file as read, which Check turned into this
}

// Review is the clinical governance record of a pathway.
type Review struct {
	Owner      string    // who signs the pathway off; empty when absent
	Reviewed   time.Time // last review (UTC midnight); zero when absent
	NextReview time.Time // next review due (UTC midnight); zero when absent
}

// Question is one question of a pathway.
type Question struct {
	ID      string // unique in the pathway; never shown or put in a URL
	Text    string // plain text: the renderer escapes it
	Hint    string // inline Markdown, raw; empty when absent
	Answers []*Answer
	N       int            // 1-based, breadth first from start: the page fragment is #q<N>
	Pos     diag.Pos       // the question's [[question]] header (or { when inline)
	HintPos diag.Pos       // where the hint's value starts, for problems in its Markdown; Pos when absent
	Draft   *DraftQuestion // as written
}

// Answer is one answer to a question: it goes on to Next, or ends the
// pathway in Outcome. Exactly one of the two is set.
type Answer struct {
	Label   string       // plain text: the renderer escapes it
	Next    *Question    // the next question; nil when the answer ends the pathway
	Outcome string       // the outcome id (content/outcomes/<id>.md) when it ends
	Pos     diag.Pos     // the answer's [[question.answer]] header (or { when inline)
	Draft   *DraftAnswer // as written
}

// Load reads the pathway file (site-relative, like pathways/crisis.toml)
// and checks it: Parse, then Check. outcomeExists reports whether
// content/outcomes/<id>.md exists; it is called more than once per unknown
// outcome (to suggest a near id), so it should be a map lookup. A nil
// outcomeExists accepts every outcome id. Every problem is added to diags;
// Load returns nil if any of them is an error, and otherwise the linked
// pathway.
func Load(file string, src []byte, outcomeExists func(id string) bool, diags *diag.List) *Pathway {
	var l diag.List
	d := Parse(file, src, &l)
	p := Check(d, outcomeExists, &l)
	diags.Merge(&l)
	if l.HasErrors() {
		return nil
	}
	return p
}
