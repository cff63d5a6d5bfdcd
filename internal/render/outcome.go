package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/finder"
	"github.com/signpost-dev/signpost/internal/site"
)

// OutcomeView is an outcome as its templates see it. The essentials
// (Title, urgency, the call action and the no-phone options) are rendered
// by essentials.html on both the outcome page and the pathway pages.
type OutcomeView struct {
	ID           string
	URL          string
	Title        string
	Urgency      content.Urgency
	UrgencyLabel string
	Call         string        // as written, "" if none
	CallHref     template.URL  // tel:...
	NoPhone      []ContactView // text, webchat and email contacts of the signposts
	Phone        []ContactView // phone contacts of the signposts
	Web          []ContactView // website contacts of the signposts
	Finder       bool          // show the local helpline finder
	Services     []*ServiceView
	Anchor       string      // fragment id on a pathway page ("o2"); "" on the outcome page
	Local        *FinderView // the finder itself: set on the outcome page when Finder is
}

// FinderView is the local helpline finder: a form that JavaScript answers
// on the device from the data at DataURL, and, for everyone, the postcode
// areas A to Z linking to the static area pages.
type FinderView struct {
	DataURL  string
	TimeZone string // the site's, for "open now"
	Areas    []Link // "LS" -> /services/areas/ls/
}

func (r *Renderer) finderView(set *content.Set) *FinderView {
	f := &FinderView{DataURL: site.FinderURL, TimeZone: r.site.Timezone}
	for _, a := range finder.Areas(set) {
		f.Areas = append(f.Areas, Link{URL: site.AreaURL(a.Code), Title: a.Code})
	}
	return f
}

// ContactView is one way to reach a service, ready to render as a link.
type ContactView struct {
	Service    string // the service's title
	ServiceURL string
	Mode       content.Mode
	Label      string // "Text SHOUT to 85258"
	Value      string
	Href       template.URL // validated when loaded: tel:, sms:, mailto:, https:
	Hours      string       // "24 hours a day, every day"; "" if not given
	Compact    []int        // hours for the open-now script; nil if not given
}

// HoursData is Compact as the open-now script reads it: "62,540,1020".
func (c ContactView) HoursData() string {
	parts := make([]string, len(c.Compact))
	for i, n := range c.Compact {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

var urgencyLabels = map[content.Urgency]string{
	content.Emergency: "Emergency",
	content.Urgent:    "Urgent",
	content.Soon:      "Soon",
	content.Routine:   "Routine",
	content.SelfCare:  "Self-care",
}

// NewOutcomeView gathers an outcome's essentials from the site's pages.
func NewOutcomeView(p *content.Page, set *content.Set) *OutcomeView {
	o := p.Outcome
	v := &OutcomeView{
		ID: p.ID, URL: p.URL, Title: p.Title,
		Urgency: o.Urgency, UrgencyLabel: urgencyLabels[o.Urgency],
		Call: o.Call, Finder: o.HelplineFinder,
	}
	if o.Call != "" {
		v.CallHref = template.URL(content.PhoneHref("tel", o.Call))
	}
	for _, id := range o.Signposts {
		sp, ok := set.Service(id)
		if !ok {
			continue // reported by content.Load
		}
		sv := NewServiceView(sp)
		v.Services = append(v.Services, sv)
		for _, c := range sv.Contacts {
			switch c.Mode {
			case content.Phone:
				v.Phone = append(v.Phone, c)
			case content.Web:
				v.Web = append(v.Web, c)
			default:
				v.NoPhone = append(v.NoPhone, c)
			}
		}
	}
	return v
}

// ServiceView is a service as its templates see it.
type ServiceView struct {
	ID, URL, Title, Summary, Audience string
	Areas                             []string
	National                          bool
	Contacts                          []ContactView
	ContactsChecked                   string // "1 November 2026": when the details were last checked; "" when not said
}

// NewServiceView prepares a service page for templates.
func NewServiceView(p *content.Page) *ServiceView {
	s := p.Service
	v := &ServiceView{ID: p.ID, URL: p.URL, Title: p.Title, Summary: p.Summary, Audience: s.Audience, National: s.National(), ContactsChecked: LongDate(s.ContactsChecked)}
	for _, a := range s.Areas {
		v.Areas = append(v.Areas, a.String())
	}
	for _, c := range s.Contacts {
		cv := ContactView{
			Service: p.Title, ServiceURL: p.URL, Mode: c.Mode, Label: c.Label(),
			Value: c.Value, Href: template.URL(c.Href),
		}
		if c.HasHours {
			cv.Hours = c.Hours.String()
			cv.Compact = c.Hours.Compact()
		}
		v.Contacts = append(v.Contacts, cv)
	}
	return v
}

// own drops the service's name from its contacts, for pages where the
// contacts are listed under that name already.
func (v *ServiceView) own() *ServiceView {
	for i := range v.Contacts {
		v.Contacts[i].Service = ""
	}
	return v
}

// ServicesView is the services index: national services grouped by how
// they can be contacted, then local services. The area pages use it too:
// Area and Groups for one postcode area's page, Finder.Areas for the list
// of areas.
type ServicesView struct {
	Text, Webchat, Email, Phone, Web []ContactView
	Local                            []*ServiceView
	Finder                           *FinderView
	Area                             string      // "LS" on an area page
	Groups                           []AreaGroup // on an area page
}

// AreaGroup is the local services that list one areas entry.
type AreaGroup struct {
	Code, ID string // "LS6", "ls6"
	Whole    bool   // the entry is the whole postcode area
	Services []*ServiceView
}

// OutcomePage renders /outcomes/<id>/.
func (r *Renderer) OutcomePage(p *content.Page, set *content.Set, c *Common, diags *diag.List) (Page, error) {
	v := &View{URL: p.URL, Title: p.Title, Summary: p.Summary, Page: p, Outcome: NewOutcomeView(p, set)}
	v.Content = r.Markdown(p.File, p.Body, p.BodyLine, diags)
	if v.Outcome.Finder {
		v.Outcome.Local = r.finderView(set)
		return r.page(v, c, site.Outcome, "finder")
	}
	return r.page(v, c, site.Outcome)
}

// ServicePage renders /services/<id>/.
func (r *Renderer) ServicePage(p *content.Page, c *Common, diags *diag.List) (Page, error) {
	v := &View{URL: p.URL, Title: p.Title, Summary: p.Summary, Page: p, Service: NewServiceView(p).own()}
	v.Content = r.Markdown(p.File, p.Body, p.BodyLine, diags)
	return r.page(v, c, site.Service)
}

// byMode groups the contacts of national services by how they can be
// contacted, and lists the local services.
func byMode(set *content.Set) *ServicesView {
	sv := &ServicesView{}
	for _, p := range set.SortedServices() {
		s := NewServiceView(p)
		if !s.National {
			sv.Local = append(sv.Local, s)
			continue
		}
		for _, ct := range s.Contacts {
			switch ct.Mode {
			case content.Text:
				sv.Text = append(sv.Text, ct)
			case content.Webchat:
				sv.Webchat = append(sv.Webchat, ct)
			case content.Email:
				sv.Email = append(sv.Email, ct)
			case content.Phone:
				sv.Phone = append(sv.Phone, ct)
			case content.Web:
				sv.Web = append(sv.Web, ct)
			}
		}
	}
	return sv
}

// ServicesIndex renders /services/.
func (r *Renderer) ServicesIndex(set *content.Set, c *Common) (Page, error) {
	sv := byMode(set)
	sv.Finder = r.finderView(set)
	v := &View{URL: site.ServicesURL, Title: "Services you can contact",
		Summary: "Helplines you can text, message online or call.", Services: sv}
	return r.page(v, c, site.Services)
}

// AreasIndex renders /services/areas/: the postcode areas with local
// services, A to Z, for finding a local service without JavaScript.
func (r *Renderer) AreasIndex(set *content.Set, c *Common) (Page, error) {
	v := &View{URL: site.AreasURL, Title: "Local services by postcode area",
		Summary:  "Choose the postcode area you are in: the letters at the start of your postcode, like LS in LS6 1AA.",
		Services: &ServicesView{Finder: r.finderView(set)}}
	return r.page(v, c, site.Areas)
}

// AreaPage renders /services/areas/<area>/: the local services that cover
// one postcode area or any of its districts.
func (r *Renderer) AreaPage(area finder.PostcodeArea, c *Common) (Page, error) {
	sv := &ServicesView{Area: area.Code}
	for _, g := range area.Groups {
		ag := AreaGroup{Code: g.Code, ID: strings.ToLower(g.Code), Whole: g.Code == area.Code}
		for _, p := range g.Services {
			ag.Services = append(ag.Services, NewServiceView(p).own())
		}
		sv.Groups = append(sv.Groups, ag)
	}
	v := &View{URL: site.AreaURL(area.Code), Title: "Local services in " + area.Code + " postcodes",
		Summary: "Services for people whose postcode starts with " + area.Code + ".", Services: sv}
	if len(sv.Groups) > 1 {
		v.Summary += " Some cover only part of " + area.Code + ": look for the first part of your postcode, like " + area.Groups[len(area.Groups)-1].Code + "."
	}
	return r.page(v, c, site.Area)
}
