package site

// Priority orders the precache: lower downloads first. Every file is in
// the triage set, precached on a first visit, except pages of priority
// PriorityPages, which are saved as they are visited (unless a site's
// [offline] precache folder holds them).
type Priority int

const (
	// PriorityPathways: the pathway pages, first of all.
	PriorityPathways Priority = iota
	// PriorityUrgent: what else a person in crisis needs first (outcomes, the
	// offline page, the home page, a linked stylesheet).
	PriorityUrgent
	// PriorityServices: the services pages and the services/finder data.
	PriorityServices
	// PriorityPages: every other page.
	PriorityPages
	// PriorityAssets: images, icons, the web manifest.
	PriorityAssets
)

// Kind is one kind of page.
type Kind struct {
	Name     string   // the template is Name+".html"; View.Kind in templates
	Styles   []string // built-in stylesheets (assets' manifest), in order; the site's site.css follows
	Scripts  []string // built-in scripts at the end of the body; assets adds what each needs, first
	Priority Priority // precache order
}

// Template is the file name of the kind's template.
func (k Kind) Template() string { return k.Name + ".html" }

var (
	sheetsPage  = []string{"base"}
	sheetsOther = []string{"base", "outcome", "services"}
	// A pathway page has outcomes but no finder and no local services
	// (services.css): every byte counts against its budget of 14 KB.
	sheetsPathway = []string{"base", "outcome", "pathway"}
)

// The kinds of page.
var (
	Home     = Kind{Name: "home", Styles: sheetsOther, Priority: PriorityUrgent}
	Ordinary = Kind{Name: "page", Styles: sheetsPage, Priority: PriorityPages}
	Pathway  = Kind{Name: "pathway", Styles: sheetsPathway, Scripts: []string{"open-now", "pathway"}, Priority: PriorityPathways}
	Outcome  = Kind{Name: "outcome", Styles: sheetsOther, Scripts: []string{"open-now"}, Priority: PriorityUrgent}
	Service  = Kind{Name: "service", Styles: sheetsOther, Scripts: []string{"open-now"}, Priority: PriorityServices}
	Services = Kind{Name: "services", Styles: sheetsOther, Scripts: []string{"open-now", "finder"}, Priority: PriorityServices}
	Areas    = Kind{Name: "areas", Styles: sheetsOther, Priority: PriorityServices}
	Area     = Kind{Name: "area", Styles: sheetsOther, Scripts: []string{"open-now"}, Priority: PriorityServices}
	Offline  = Kind{Name: "offline", Styles: sheetsOther, Priority: PriorityUrgent}
	NotFound = Kind{Name: "404", Styles: sheetsOther}
)

// Kinds lists every kind of page.
var Kinds = []Kind{Home, Ordinary, Pathway, Outcome, Service, Services, Areas, Area, Offline, NotFound}
