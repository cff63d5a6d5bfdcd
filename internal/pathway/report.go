package pathway

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// WriteRoutes writes the route report that clinical reviewers sign off: a
// header (title, file, review record, number of routes), then every route
// as a block:
//
//	Route 3 -> go-to-ae (urgent)
//	  Q: Are you in immediate danger?
//	  A: No
//	  ...
//
// urgency gives an outcome's urgency (emergency, urgent, ...); it may be
// nil, and an empty urgency is left out. Runs of white space in questions
// and labels are shown as one space, as the page shows them, so every line
// stays one line. Call it only on a pathway that passed CheckRouteLimit.
func WriteRoutes(w io.Writer, p *Pathway, urgency func(outcome string) string) error {
	routes := p.Routes()
	ew := &errWriter{w: w}
	ew.printf("Pathway: %s\n", oneLine(p.Title))
	ew.printf("File: %s\n", p.File)
	if r := p.Review; r != nil {
		ew.printf("Review owner: %s\n", orNotRecorded(oneLine(r.Owner)))
		ew.printf("Reviewed: %s\n", orNotRecorded(date(r.Reviewed)))
		ew.printf("Next review: %s\n", orNotRecorded(date(r.NextReview)))
	} else {
		ew.printf("Review: not recorded\n")
	}
	ew.printf("Routes: %d\n", len(routes))
	for i, r := range routes {
		ew.printf("\nRoute %d -> %s", i+1, r.Outcome)
		if u := urgencyOf(urgency, r.Outcome); u != "" {
			ew.printf(" (%s)", u)
		}
		ew.printf("\n")
		for _, s := range r.Steps {
			ew.printf("  Q: %s\n  A: %s\n", oneLine(s.Question.Text), oneLine(s.Answer.Label))
		}
	}
	return ew.err
}

// WriteRoutesCSV writes the routes as CSV, for review in a spreadsheet: a
// header row route,outcome,urgency,question 1,answer 1,question 2,... as
// wide as the longest route, then one row per route, padded with empty
// cells. As in WriteRoutes, runs of white space are shown as one space (as
// the page shows them), so each route is one line. Call it only on a
// pathway that passed CheckRouteLimit.
func WriteRoutesCSV(w io.Writer, p *Pathway, urgency func(outcome string) string) error {
	routes := p.Routes()
	longest := 0
	for _, r := range routes {
		longest = max(longest, len(r.Steps))
	}
	cw := csv.NewWriter(w)
	header := []string{"route", "outcome", "urgency"}
	for i := 1; i <= longest; i++ {
		header = append(header, fmt.Sprintf("question %d", i), fmt.Sprintf("answer %d", i))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i, r := range routes {
		row := make([]string, len(header))
		row[0] = strconv.Itoa(i + 1)
		row[1] = r.Outcome
		row[2] = urgencyOf(urgency, r.Outcome)
		for j, s := range r.Steps {
			row[3+2*j] = cell(s.Question.Text)
			row[4+2*j] = cell(s.Answer.Label)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell is a CSV cell for text an author wrote. Spreadsheets run a cell
// that starts with = + - @ (or a tab or CR) as a formula, so such text is
// prefixed with an apostrophe, which spreadsheets show as text.
func cell(s string) string {
	s = oneLine(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func urgencyOf(urgency func(string) string, outcome string) string {
	if urgency == nil {
		return ""
	}
	return urgency(outcome)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func orNotRecorded(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}

// errWriter keeps the first write error, so a report is written without
// checking every line.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
