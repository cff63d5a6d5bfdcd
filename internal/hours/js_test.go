package hours

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/jstest"
)

// jsCase is one call of openStatus, and what the Go side says it must return.
type jsCase struct {
	Compact  []int  `json:"compact"`
	Zone     string `json:"zone"`
	Millis   int64  `json:"ms"`
	describe string // for failures
	open     bool
	opensAt  string // "" to skip comparing it
}

type jsStatus struct {
	Open    bool    `json:"open"`
	OpensAt *string `json:"opensAt"`
}

// hours.js must agree with OpenAt on every hand-checked case, and on
// random hours and instants across five zones (including a 30-minute
// daylight-saving shift on Lord Howe Island). Where no clock change lies
// between now and the next opening, its opensAt must name the wall-clock
// time of NextOpen.
func TestJSMatchesGo(t *testing.T) {
	var cases []jsCase
	for _, tt := range clockCases() {
		loc, at := loadZone(t, tt.zone), mustTime(t, tt.at)
		cases = append(cases, jsCase{
			Compact: mustParse(t, tt.hours...).Compact(), Zone: loc.String(), Millis: at.UnixMilli(),
			describe: tt.name, open: tt.open, opensAt: tt.label,
		})
	}
	r := rand.New(rand.NewPCG(3, 5))
	for i := 0; i < 2000; i++ {
		c := randomCase(t, r)
		h := mustParse(t, c.hours...)
		jc := jsCase{
			Compact: h.Compact(), Zone: c.loc.String(), Millis: c.at.UnixMilli(),
			describe: strings.Join(c.hours, "; ") + " at " + c.at.In(c.loc).Format(time.RFC3339) + " " + c.loc.String(),
			open:     h.OpenAt(c.at, c.loc),
		}
		if next, ok := h.NextOpen(c.at, c.loc); ok && !jc.open && !clockChangeBetween(c.at, next, c.loc) {
			jc.opensAt = next.Format("Mon 15:04")
		}
		cases = append(cases, jc)
	}

	script := JS + `
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(c => openStatus(c.compact, c.zone, c.ms))));
`
	var got []jsStatus
	jstest.Run(t, script, cases, &got)
	if len(got) != len(cases) {
		t.Fatalf("hours.js returned %d results for %d cases", len(got), len(cases))
	}
	failures := 0
	for i, c := range cases {
		g := got[i]
		opensAt := ""
		if g.OpensAt != nil {
			opensAt = *g.OpensAt
		}
		if g.Open != c.open || (c.opensAt != "" && opensAt != c.opensAt) || (c.open && g.OpensAt != nil) {
			t.Errorf("%s: openStatus = {open: %v, opensAt: %q}, want {open: %v, opensAt: %q}", c.describe, g.Open, opensAt, c.open, c.opensAt)
			if failures++; failures > 10 {
				t.Fatal("too many failures")
			}
		}
	}
}

func TestJSUnknownTimeZone(t *testing.T) {
	script := JS + `process.stdout.write(JSON.stringify(openStatus([127, 0, 1440], 'Europe/Nowhere', 0)));`
	var got *jsStatus
	jstest.Run(t, script, nil, &got)
	if got != nil {
		t.Errorf("openStatus with an unknown time zone = %+v, want null", *got)
	}
}

func clockChangeBetween(from, to time.Time, loc *time.Location) bool {
	_, end := from.In(loc).ZoneBounds()
	return !end.IsZero() && !end.After(to)
}
