// Package finder compiles the data of the local helpline finder: the file
// that finder.js reads on the visitor's device to list the services that
// cover a postcode, without sending the postcode anywhere.
//
// # The data file
//
// Compile turns a site's services into one small JSON document, written by
// the build at site.FinderFile and precached by the service worker:
//
//	{"v":1,
//	 "s":[[id, title, [[mode, label, href, hours, [compact...]], ...]], ...],
//	 "a":{"LS":[0,3], "LS6":[1]},
//	 "n":[2,4]}
//
// s holds every service, ordered as content.Set.SortedServices (by title);
// each contact is its mode ("text"), the label a page shows ("Text SHOUT to
// 85258"), the link, the opening hours in words ("" if none) and their
// hours.Compact encoding (omitted if none). a maps each areas entry that
// some local service lists ("LS", "LS6", "W1A") to those services, as
// indices into s in ascending order. n lists the national services.
//
// # Looking a postcode up
//
// For a postcode the finder looks up at most three keys of a, most specific
// first: the outward code ("LS6", or "W1A"), the district a sub-district
// belongs to ("W1" for "W1A"), and the postcode area ("LS"); a service is
// listed once, under the first key it appears under. That is the order of
// postcode.Match and Area.Specificity: Local gives the same answer from the
// services themselves, and the tests hold finder.js (the built-in script
// internal/assets/builtin/finder.js) to it.
//
// This package does not render pages or write files; package build writes
// the data and the area pages, package render the finder's form.
package finder

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/postcode"
)

// Version is the format of the data; finder.js refuses other versions.
const Version = 1

// Data is the decoded form of the data file.
type Data struct {
	V        int              `json:"v"`
	Services []Service        `json:"s"`
	Areas    map[string][]int `json:"a"`
	National []int            `json:"n"`
}

// Service is one service in the data: [id, title, contacts].
type Service struct {
	ID       string
	Title    string
	Contacts []Contact
}

// Contact is one way to reach a service: [mode, label, href, hours, compact].
type Contact struct {
	Mode    string
	Label   string
	Href    string
	Hours   string
	Compact []int
}

// MarshalJSON writes a service as a JSON array, the compact form.
func (s Service) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{s.ID, s.Title, s.Contacts})
}

// UnmarshalJSON reads the array form.
func (s *Service) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	raw = append(raw, make([]json.RawMessage, 3)...)
	_ = json.Unmarshal(raw[0], &s.ID)
	_ = json.Unmarshal(raw[1], &s.Title)
	return json.Unmarshal(raw[2], &s.Contacts)
}

// MarshalJSON writes a contact as a JSON array; the compact hours are left
// out when there are none.
func (c Contact) MarshalJSON() ([]byte, error) {
	a := []any{c.Mode, c.Label, c.Href, c.Hours}
	if c.Compact != nil {
		a = append(a, c.Compact)
	}
	return json.Marshal(a)
}

// UnmarshalJSON reads the array form.
func (c *Contact) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	raw = append(raw, make([]json.RawMessage, 5)...)
	for i, dst := range []any{&c.Mode, &c.Label, &c.Href, &c.Hours} {
		if err := json.Unmarshal(raw[i], dst); err != nil {
			return err
		}
	}
	if raw[4] != nil {
		return json.Unmarshal(raw[4], &c.Compact)
	}
	return nil
}

// Build gathers the data from a site's services, with their labels and
// hours in the language of the catalog tx.
func Build(set *content.Set, tx *i18n.Catalog) *Data {
	d := &Data{V: Version, Areas: map[string][]int{}, Services: []Service{}, National: []int{}}
	for i, p := range set.SortedServices() {
		s := Service{ID: p.ID, Title: p.Title}
		for _, c := range p.Service.Contacts {
			ct := Contact{Mode: string(c.Mode), Label: c.Label(tx), Href: c.Href}
			if c.HasHours {
				ct.Hours, ct.Compact = c.Hours.Text(tx), c.Hours.Compact()
			}
			s.Contacts = append(s.Contacts, ct)
		}
		d.Services = append(d.Services, s)
		if p.Service.National() {
			d.National = append(d.National, i)
			continue
		}
		for _, a := range p.Service.Areas {
			d.Areas[a.String()] = append(d.Areas[a.String()], i)
		}
	}
	return d
}

// Compile returns the data file of a site's services. The bytes depend on
// the services alone (encoding/json sorts the keys of a), so two builds of
// the same site give the same file.
func Compile(set *content.Set, tx *i18n.Catalog) []byte {
	b, err := json.Marshal(Build(set, tx))
	if err != nil {
		panic("finder: " + err.Error()) // only strings and ints: cannot fail
	}
	return b
}

// Keys returns the keys of the data's areas to look up for p, most
// specific first, as finder.js does.
func Keys(p postcode.Postcode) []string {
	var keys []string
	if o := p.Outward; o != "" {
		keys = append(keys, o)
		if last := o[len(o)-1]; 'A' <= last && last <= 'Z' {
			keys = append(keys, o[:len(o)-1]) // the district of a sub-district: W1 for W1A
		}
	}
	return append(keys, p.Area)
}

// Lookup returns the local services of the data that cover p, as indices
// into d.Services, most specific first: what finder.js shows.
func (d *Data) Lookup(p postcode.Postcode) []int {
	var out []int
	for _, k := range Keys(p) {
		for _, i := range d.Areas[k] {
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out
}

// Local returns the ids of the local services of set that cover p, most
// specific first (by the Specificity of their best postcode.Match), then by
// title. It is the reference that Lookup and finder.js must agree with.
func Local(set *content.Set, p postcode.Postcode) []string {
	type hit struct {
		id   string
		rank int // position in SortedServices
		spec int
	}
	var hits []hit
	for i, s := range set.SortedServices() {
		if s.Service.National() {
			continue
		}
		if best, ok := postcode.Match(p, s.Service.Areas); ok {
			hits = append(hits, hit{s.ID, i, best.Specificity()})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.spec != b.spec {
			return b.spec - a.spec
		}
		return a.rank - b.rank
	})
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	return ids
}

// AreaOf returns the postcode area of an areas entry: "LS" for "LS6".
func AreaOf(code string) string {
	return strings.TrimRightFunc(code[:min(2, len(code))], func(r rune) bool { return r < 'A' || r > 'Z' })
}

// Group is the local services of one areas entry, for the area pages that
// list local services without JavaScript.
type Group struct {
	Code     string          // the areas entry: "LS" or "LS6"
	Services []*content.Page // by title
}

// PostcodeArea is one postcode area that local services cover, with the
// services grouped by the entries they list: the whole area first, then
// each district in order (LS1, LS2, ..., LS10).
type PostcodeArea struct {
	Code   string // "LS"
	Groups []Group
}

// ID is the area's URL segment: "ls".
func (a PostcodeArea) ID() string { return strings.ToLower(a.Code) }

// Areas lists the postcode areas that the local services of set cover, A
// to Z. A service that lists two entries of one area is in both groups.
func Areas(set *content.Set) []PostcodeArea {
	groups := map[string]map[string][]*content.Page{} // area -> entry -> services
	for _, p := range set.SortedServices() {
		for _, a := range p.Service.Areas {
			code := a.String()
			area := AreaOf(code)
			if groups[area] == nil {
				groups[area] = map[string][]*content.Page{}
			}
			groups[area][code] = append(groups[area][code], p)
		}
	}
	var out []PostcodeArea
	for area, byCode := range groups {
		pa := PostcodeArea{Code: area}
		for code, ps := range byCode {
			pa.Groups = append(pa.Groups, Group{Code: code, Services: ps})
		}
		slices.SortFunc(pa.Groups, func(x, y Group) int { return compareCodes(x.Code, y.Code) })
		out = append(out, pa)
	}
	slices.SortFunc(out, func(x, y PostcodeArea) int { return strings.Compare(x.Code, y.Code) })
	return out
}

// compareCodes orders areas entries of one postcode area: the area itself
// first, then districts by number, then sub-districts by letter (LS, LS1,
// LS2, LS10, W1, W1A, W1B).
func compareCodes(a, b string) int {
	na, sa := splitCode(a)
	nb, sb := splitCode(b)
	if na != nb {
		return na - nb
	}
	return strings.Compare(sa, sb)
}

func splitCode(code string) (district int, suffix string) {
	rest := code[len(AreaOf(code)):]
	if rest == "" {
		return -1, ""
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		district = district*10 + int(rest[i]-'0')
		i++
	}
	return district, rest[i:]
}
