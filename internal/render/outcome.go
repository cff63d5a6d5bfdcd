package render

import (
	"html/template"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
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
	Anchor       string // fragment id on a pathway page ("o2"); "" on the outcome page
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
		sp, ok := set.Services[id]
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
}

// NewServiceView prepares a service page for templates.
func NewServiceView(p *content.Page) *ServiceView {
	s := p.Service
	v := &ServiceView{ID: p.ID, URL: p.URL, Title: p.Title, Summary: p.Summary, Audience: s.Audience, National: s.National()}
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

// ServicesView is the services index: national services grouped by how
// they can be contacted, then local services.
type ServicesView struct {
	Text, Webchat, Email, Phone, Web []ContactView
	Local                            []*ServiceView
}

// OutcomePage renders /outcomes/<id>/.
func (r *Renderer) OutcomePage(p *content.Page, set *content.Set, c *Common, diags *diag.List) ([]byte, error) {
	v := &View{Kind: "outcome", URL: p.URL, Title: p.Title, Summary: p.Summary, Page: p, Outcome: NewOutcomeView(p, set)}
	v.Content = r.Markdown(p.File, p.Body, p.BodyLine, diags)
	return r.page(v, c)
}

// ServicePage renders /services/<id>/.
func (r *Renderer) ServicePage(p *content.Page, c *Common, diags *diag.List) ([]byte, error) {
	v := &View{Kind: "service", URL: p.URL, Title: p.Title, Summary: p.Summary, Page: p, Service: NewServiceView(p)}
	v.Content = r.Markdown(p.File, p.Body, p.BodyLine, diags)
	return r.page(v, c)
}

// ServicesIndex renders /services/.
func (r *Renderer) ServicesIndex(set *content.Set, c *Common) ([]byte, error) {
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
	v := &View{Kind: "services", URL: "/services/", Title: "Services you can contact",
		Summary: "Helplines you can text, message online or call.", Services: sv}
	return r.page(v, c)
}
