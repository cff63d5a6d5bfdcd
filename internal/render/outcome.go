package render

import (
	"bytes"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/finder"
	"github.com/signpost-dev/signpost/internal/site"
)

// OutcomeView is an outcome as its templates see it: everything the main
// content of its page has. outcome-main.html renders it, the one template
// for both the outcome page and every pathway page that reaches it, so the
// two cannot drift apart.
type OutcomeView struct {
	ID           string
	URL          string
	Title        string
	Summary      string
	Urgency      content.Urgency
	UrgencyLabel string
	// UrgentFirst (emergency and urgent outcomes): the advice and the
	// primary action come first, then the ways to the emergency services
	// that need no voice call, then other support.
	UrgentFirst bool
	Call        string        // as written, "" if none
	CallHref    template.URL  // tel:...
	Advice      template.HTML // the outcome's Markdown body
	// HTML is outcome-main.html's output for a pathway page (Anchor set),
	// its headings one level down (nestHeadings).
	HTML      template.HTML
	Emergency []ContactView // ways to the emergency services that need no voice call
	NoPhone   []ContactView // the signposts' other ways that need no voice call
	Phone     []ContactView // phone contacts of the signposts
	Web       []ContactView // website contacts of the signposts
	Finder    bool          // show the local helpline finder
	Services  []*ServiceView
	Anchor    string      // fragment id on a pathway page ("o2"); "" on the outcome page
	Local     *FinderView // the finder itself: set on the outcome page when Finder is
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
	For        string // who the service is for by age: "under 19s"; "" for any age
	Mode       content.Mode
	Label      string // "Text SHOUT to 85258"
	Value      string
	Href       template.URL // validated when loaded: tel:, sms:, mailto:, https:
	Emergency  bool         // reaches the emergency services
	// Register is the word to text to register with the emergency SMS
	// service, and RegisterHref the sms: link that does; "" otherwise.
	Register     string
	RegisterHref template.URL
	Hours        string // "24 hours a day, every day"; "" if not given
	Compact      []int  // hours for the open-now script; nil if not given
}

// HoursData is Compact as the open-now script reads it: "62,540,1020".
func (c ContactView) HoursData() string {
	parts := make([]string, len(c.Compact))
	for i, n := range c.Compact {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// urgencyKeys are the catalog's keys of the urgency labels.
var urgencyKeys = map[content.Urgency]string{
	content.Emergency: "urgency_emergency",
	content.Urgent:    "urgency_urgent",
	content.Soon:      "urgency_soon",
	content.Routine:   "urgency_routine",
	content.SelfCare:  "urgency_self_care",
}

// outcomeView gathers everything an outcome's main content shows. anchor
// is "" for the outcome page and "oN" for its step on a pathway page.
func (r *Renderer) outcomeView(p *content.Page, set *content.Set, anchor string, diags *diag.List) *OutcomeView {
	o := p.Outcome
	v := &OutcomeView{
		ID: p.ID, URL: p.URL, Title: p.Title, Summary: p.Summary,
		Urgency: o.Urgency, UrgencyLabel: r.text.T(urgencyKeys[o.Urgency]), UrgentFirst: o.UrgentFirst(),
		Call: o.Call, Finder: o.HelplineFinder, Anchor: anchor,
	}
	if o.Call != "" {
		v.CallHref = template.URL(content.PhoneHref("tel", o.Call))
	}
	v.Advice = r.body(p, diags)
	w := set.OutcomeWays(p, r.routes())
	v.Emergency, v.NoPhone, v.Phone, v.Web = r.contactViews(w.Emergency), r.contactViews(w.NoVoice), r.contactViews(w.Phone), r.contactViews(w.Web)
	for _, id := range o.Signposts {
		if sp, ok := set.Service(id); ok {
			v.Services = append(v.Services, r.serviceView(sp))
		}
	}
	return v
}

// routes is the site's [emergency] no_voice service ids.
func (r *Renderer) routes() []string {
	if r.site.Emergency == nil {
		return nil
	}
	return r.site.Emergency.NoVoice
}

// NoVoice is the site's ways to the emergency services that need no voice
// call, for the section every page has and the banner links to (without
// hours: the section is a compact list).
func (r *Renderer) NoVoice(set *content.Set) []ContactView {
	cs := r.contactViews(set.EmergencyWays(r.routes()))
	for i := range cs {
		cs[i].Hours, cs[i].Compact = "", nil
	}
	return cs
}

func (r *Renderer) contactViews(ways []content.Way) []ContactView {
	var out []ContactView
	for _, w := range ways {
		out = append(out, r.contactView(w.Service, w.Contact))
	}
	return out
}

// headingRE finds the heading tags of rendered HTML, and the id of an
// opening tag (goldmark's automatic heading ids).
var headingRE = regexp.MustCompile(`<(/?)h([1-6])((?: id="([^"]*)")?)`)

// nestHeadings fits an outcome's main content (outcome-main.html's output,
// written for the outcome page) under its step on a pathway page: the
// title's h1 becomes the step's h2, id anchor-h, which pathway.js focuses;
// every other heading moves one level down (h6 stays h6) and loses its id.
func nestHeadings(h template.HTML, anchor string) template.HTML {
	return template.HTML(headingRE.ReplaceAllStringFunc(string(h), func(tag string) string {
		m := headingRE.FindStringSubmatch(tag)
		level := min(int(m[2][0]-'0')+1, 6)
		out := "<" + m[1] + "h" + strconv.Itoa(level)
		switch {
		case m[2] == "1" && m[1] == "":
			out += ` id="` + anchor + `-h" tabindex="-1"`
		}
		// Other ids (goldmark's heading ids) are dropped: several outcomes'
		// "What will happen" would share one, nothing on the pathway page
		// links to them, and every byte counts against its budget.
		return out
	}))
}

// pathwayStep renders the outcome's main content for its step on a
// pathway page.
func (r *Renderer) pathwayStep(v *OutcomeView) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.tmpl.ExecuteTemplate(&buf, "outcome-main.html", v); err != nil {
		return "", r.templateError("outcome-main.html", err)
	}
	return nestHeadings(template.HTML(buf.String()), v.Anchor), nil
}

// ServiceView is a service as its templates see it.
type ServiceView struct {
	ID, URL, Title, Summary, Audience string
	For                               string // by age: "under 19s"; "" for any age
	Areas                             []string
	National                          bool
	Contacts                          []ContactView
	ContactsChecked                   string // "1 November 2026": when the details were last checked; "" when not said
}

// serviceView prepares a service page for templates.
func (r *Renderer) serviceView(p *content.Page) *ServiceView {
	s := p.Service
	v := &ServiceView{ID: p.ID, URL: p.URL, Title: p.Title, Summary: p.Summary, Audience: s.Audience, For: s.Ages.Text(r.text), National: s.National(), ContactsChecked: r.text.Date(s.ContactsChecked)}
	for _, a := range s.Areas {
		v.Areas = append(v.Areas, a.String())
	}
	for _, c := range s.Contacts {
		v.Contacts = append(v.Contacts, r.contactView(p, c))
	}
	return v
}

func (r *Renderer) contactView(p *content.Page, c content.Contact) ContactView {
	cv := ContactView{
		Service: p.Title, ServiceURL: p.URL, For: p.Service.Ages.Text(r.text), Mode: c.Mode, Label: c.Label(r.text),
		Value: c.Value, Href: template.URL(c.Href), Emergency: c.Emergency,
		Register: c.Register, RegisterHref: template.URL(c.RegisterHref()),
	}
	if c.HasHours {
		cv.Hours = c.Hours.Text(r.text)
		cv.Compact = c.Hours.Compact()
	}
	return cv
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
	Emergency                        []ContactView // ways to the emergency services that need no voice call
	Relay                            []ContactView // other text relay and sign language ways
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
	v := &View{URL: p.URL, Title: p.Title, Summary: p.Summary, Page: p, Outcome: r.outcomeView(p, set, "", diags)}
	v.Content = v.Outcome.Advice
	if v.Outcome.Finder {
		v.Outcome.Local = r.finderView(set)
		return r.page(v, c, site.Outcome, "finder")
	}
	return r.page(v, c, site.Outcome)
}

// ServicePage renders /services/<id>/.
func (r *Renderer) ServicePage(p *content.Page, c *Common, diags *diag.List) (Page, error) {
	v := &View{URL: p.URL, Title: p.Title, Summary: p.Summary, Page: p, Service: r.serviceView(p).own()}
	v.Content = r.body(p, diags)
	return r.page(v, c, site.Service)
}

// byMode groups the contacts of national services by how they can be
// contacted, and lists the local services.
func (r *Renderer) byMode(set *content.Set) *ServicesView {
	sv := &ServicesView{}
	for _, p := range set.SortedServices() {
		s := r.serviceView(p)
		if !s.National {
			sv.Local = append(sv.Local, s)
			continue
		}
		for _, ct := range s.Contacts {
			switch {
			case ct.Emergency && ct.Mode.NoVoice():
				sv.Emergency = append(sv.Emergency, ct)
			case ct.Mode == content.Relay || ct.Mode == content.BSL:
				sv.Relay = append(sv.Relay, ct)
			}
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
	sv := r.byMode(set)
	sv.Finder = r.finderView(set)
	v := &View{URL: site.ServicesURL, Title: r.text.T("services_title"),
		Summary: r.text.T("services_summary"), Services: sv}
	return r.page(v, c, site.Services)
}

// AreasIndex renders /services/areas/: the postcode areas with local
// services, A to Z, for finding a local service without JavaScript.
func (r *Renderer) AreasIndex(set *content.Set, c *Common) (Page, error) {
	v := &View{URL: site.AreasURL, Title: r.text.T("areas_title"),
		Summary:  r.text.T("areas_summary"),
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
			ag.Services = append(ag.Services, r.serviceView(p).own())
		}
		sv.Groups = append(sv.Groups, ag)
	}
	v := &View{URL: site.AreaURL(area.Code), Title: r.text.T("area_title", "area", area.Code),
		Summary: r.text.T("area_summary", "area", area.Code), Services: sv}
	if len(sv.Groups) > 1 {
		v.Summary = r.text.T("area_summary_districts", "area", area.Code, "district", area.Groups[len(area.Groups)-1].Code)
	}
	return r.page(v, c, site.Area)
}
