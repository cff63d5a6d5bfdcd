package content

import (
	"fmt"
	"slices"

	"github.com/signpost-dev/signpost/internal/diag"
)

// Way is one contact of one service, as a page offers it.
type Way struct {
	Service *Page
	Contact Contact
}

// Ways is how an outcome offers help, in the groups its page shows them.
type Ways struct {
	// Emergency is the ways to the emergency services that need no voice
	// call, for emergency and urgent outcomes: those of the site's
	// [emergency] no_voice services first, then the signposts'.
	Emergency []Way
	NoVoice   []Way // the signposts' other ways that need no voice call
	Phone     []Way // the signposts' phone numbers
	Web       []Way // the signposts' websites
}

// UrgentFirst reports whether the outcome's own advice and the ways to
// the emergency services come before any other support on its page.
func (o *Outcome) UrgentFirst() bool { return o.Urgency == Emergency || o.Urgency == Urgent }

// EmergencyWays returns the ways that need no voice call and reach the
// emergency services of the services named by routes (site.toml's
// [emergency] no_voice), in order. Ids that name no service are skipped
// (CheckWays reports them).
func (s *Set) EmergencyWays(routes []string) []Way {
	var out []Way
	for _, id := range routes {
		sp, ok := s.Service(id)
		if !ok {
			continue
		}
		for _, c := range sp.Service.Contacts {
			if c.Emergency && c.Mode.NoVoice() {
				out = append(out, Way{sp, c})
			}
		}
	}
	return out
}

// OutcomeWays gathers the ways the outcome p offers; routes are the
// site's [emergency] no_voice service ids.
func (s *Set) OutcomeWays(p *Page, routes []string) Ways {
	var w Ways
	o := p.Outcome
	type key struct {
		service string
		pos     diag.Pos
	}
	seen := map[key]bool{}
	if o.UrgentFirst() {
		w.Emergency = s.EmergencyWays(routes)
		for _, e := range w.Emergency {
			seen[key{e.Service.ID, e.Contact.Pos}] = true
		}
	}
	for _, id := range o.Signposts {
		sp, ok := s.Service(id)
		if !ok {
			continue // reported by Load
		}
		for _, c := range sp.Service.Contacts {
			if seen[key{id, c.Pos}] {
				continue
			}
			way := Way{sp, c}
			switch {
			case c.Mode == Phone:
				w.Phone = append(w.Phone, way)
			case c.Mode == Web:
				w.Web = append(w.Web, way)
			case c.Emergency && o.UrgentFirst():
				w.Emergency = append(w.Emergency, way)
			default:
				w.NoVoice = append(w.NoVoice, way)
			}
		}
	}
	return w
}

// CheckWays reports the rules on ways that need no voice call: every
// [emergency] no_voice id names a service with such a way to the emergency
// services; an emergency outcome offers at least one way to the emergency
// services without a voice call; an emergency or urgent outcome offers at
// least two ways without a voice call. routesPos are the positions of the
// ids in site.toml (file).
func (s *Set) CheckWays(file string, routes []string, routesPos []diag.Pos, diags *diag.List) {
	for i, id := range routes {
		pos := routesPos[i]
		sp, ok := s.Service(id)
		if !ok {
			diags.Errorf(file, pos, "no service %q for [emergency] no_voice: create content/services/%s.md (with a relay, bsl or emergency-sms contact) or fix the id", id, id)
			continue
		}
		if len(s.EmergencyWays([]string{id})) == 0 {
			diags.Errorf(file, pos, "service %q has no way to the emergency services that needs no voice call: [emergency] no_voice lists services such as Relay UK (mode = \"relay\", value = \"18000\"), emergency SMS (mode = \"emergency-sms\") or 999 BSL (mode = \"bsl\", emergency = true); add such a contact to %s or remove the id", id, sp.File)
		}
	}
	for _, p := range s.Pages {
		if p.Outcome == nil || !p.Outcome.UrgentFirst() {
			continue
		}
		if slices.ContainsFunc(p.Outcome.Signposts, func(id string) bool { _, ok := s.Service(id); return !ok }) {
			continue // a signpost is reported already: what it would offer is unknown
		}
		w := s.OutcomeWays(p, routes)
		if p.Outcome.Urgency == Emergency && len(w.Emergency) == 0 {
			diags.Errorf(p.File, p.Outcome.UrgencyPos, "this emergency outcome offers no way to reach the emergency services without a voice call (its support lines do not reach them): list services such as Relay UK (relay 18000), emergency SMS (emergency-sms 999) or 999 BSL in site.toml's [emergency] no_voice, or signpost a service whose contact has emergency = true")
			continue
		}
		if n := len(w.Emergency) + len(w.NoVoice); n < 2 {
			diags.Errorf(p.File, p.Outcome.UrgencyPos, "this %s outcome offers %s that needs no voice call, and needs at least two: signpost services with text, webchat, email, relay or bsl contacts, or list emergency routes in site.toml's [emergency] no_voice", p.Outcome.Urgency, ways(n))
		}
	}
}

func ways(n int) string {
	if n == 0 {
		return "no way to get help"
	}
	return fmt.Sprintf("%d way to get help", n)
}
