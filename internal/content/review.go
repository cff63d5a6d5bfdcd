package content

import (
	"strings"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// Review is a page's clinical governance record, the front matter's
// [review] table (the same keys as a pathway's):
//
//	[review]
//	owner = "Clinical lead, urgent care"   # optional: who owns the review
//	reviewed = 2026-10-01                  # optional TOML local date: last review
//	next_review = 2027-04-01               # optional TOML local date: next review due
//
// The page shows "Page last reviewed: ... Next review due: ...". Whether a
// review is overdue depends on today's date, so the build judges it (in
// the site's timezone), not the page's parse.
type Review struct {
	Owner      string
	Reviewed   time.Time // UTC midnight of the date; zero when absent
	NextReview time.Time // UTC midnight of the date; zero when absent
	Pos        diag.Pos  // the [review] header
}

// readReview reads the [review] table; nil when absent.
func readReview(t *tomldoc.Table) *Review {
	rt := t.Table("review")
	if rt == nil {
		return nil
	}
	owner, _ := rt.Text("owner", false, "name who owns the review of this page, or remove the key")
	r := &Review{Pos: rt.Pos(), Owner: strings.TrimSpace(owner)}
	r.Reviewed, _ = rt.Date("reviewed")
	r.NextReview, _ = rt.Date("next_review")
	if !r.Reviewed.IsZero() && !r.NextReview.IsZero() && !r.NextReview.After(r.Reviewed) {
		rt.Warnf(rt.ValuePos("next_review"), "next_review %s is not after reviewed %s: check the dates are not swapped",
			r.NextReview.Format(time.DateOnly), r.Reviewed.Format(time.DateOnly))
	}
	rt.Check()
	return r
}
