package build

import (
	"fmt"
	"time"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
)

// today is the date in the site's timezone, as UTC midnight (how review
// dates are read): Options.Today when set, else now.
func today(m *Model) time.Time {
	now := m.Opts.Today
	if now.IsZero() {
		now = time.Now()
	}
	y, mo, d := now.In(m.Config.Location).Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

// reviewed is one source's review record, whatever its kind.
type reviewed struct {
	kind       string // pathway, outcome, service or page
	file, what string
	pos        diag.Pos
	has        bool // a [review] with next_review
	next       time.Time
}

// checkReviews reports pathways and pages past their next_review or with
// no review record: errors with release, else warnings. A missing record
// is warned about only where the site keeps review records for that kind
// of source (pathways, outcomes, services, other pages: some of them have
// a next_review), so a site that does not use them is not warned on every
// page; a release needs them everywhere.
func checkReviews(m *Model, release bool, diags *diag.List) {
	var all []reviewed
	for _, p := range m.Pathways {
		r := reviewed{kind: "pathway", file: p.File, what: fmt.Sprintf("pathway %q", p.ID), pos: diag.Pos{Line: 1}}
		if p.Review != nil && !p.Review.NextReview.IsZero() {
			r.has, r.next = true, p.Review.NextReview
		}
		all = append(all, r)
	}
	for _, p := range m.Content.Pages {
		kind, what := "page", "this page"
		switch p.Kind {
		case content.OutcomePage:
			kind, what = "outcome", fmt.Sprintf("outcome %q", p.ID)
		case content.ServicePage:
			kind, what = "service", fmt.Sprintf("service %q", p.ID)
		}
		r := reviewed{kind: kind, file: p.File, what: what, pos: diag.Pos{Line: 1}}
		if p.Review != nil {
			r.pos = p.Review.Pos
			if !p.Review.NextReview.IsZero() {
				r.has, r.next = true, p.Review.NextReview
			}
		}
		all = append(all, r)
	}
	kept := map[string]bool{} // the kinds some of whose sources have review dates
	for _, r := range all {
		kept[r.kind] = kept[r.kind] || r.has
	}
	add := diags.Warnf
	if release {
		add = diags.Errorf
	}
	day := today(m)
	for _, r := range all {
		switch {
		case !r.has && (kept[r.kind] || release):
			add(r.file, r.pos, "%s has no review date: add [review] with owner, reviewed and next_review (a release needs every page reviewed)", r.what)
		case r.has && day.After(r.next):
			add(r.file, r.pos, "%s was due for review on %s (today is %s in %s): review it and update [review] reviewed and next_review",
				r.what, r.next.Format(time.DateOnly), day.Format(time.DateOnly), m.Config.Timezone)
		}
	}
}
