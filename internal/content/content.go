// Package content loads the Markdown pages of a site (content/**/*.md) into
// Pages: ordinary pages, the home page, outcomes and services, each with its
// front matter read strictly and its Markdown body kept for rendering (or,
// for an ordinary page of a very large site, Options.RereadOver, read again
// when it is rendered: Page.Markdown).
//
// # Files and URLs
//
//	content/index.md              the home page, /
//	content/outcomes/<id>.md      an outcome, /outcomes/<id>/
//	content/services/<id>.md      a service, /services/<id>/
//	content/<a>/<b>.md            an ordinary page, /<a>/<b>/
//	content/<a>/index.md          an ordinary page, /<a>/
//
// Every folder and file name is a slug ([a-z0-9]+(-[a-z0-9]+)*). Which
// files are read, skipped (editors' files) or refused (symbolic links,
// other kinds of file) is package sitefs's rule table; the files are read
// through sitefs.Read.
//
// # Front matter
//
// TOML between +++ lines. Every kind takes title (required), summary,
// draft (true: built only with --drafts) and a [review] table (owner,
// reviewed, next_review; see Review). Outcomes add urgency (required),
// call, signposts and helpline_finder; services require summary and add
// areas, audience, contacts_checked (a date: when the contact details were
// last checked) min_age and max_age (who the service is for),
// emergency (it is an emergency service) and [[contact]] tables (mode,
// value, keyword, register, emergency, hours). Any other key is an error
// at its line.
//
// # Ways that need no voice call
//
// Contact modes relay (Relay UK: 18000, or 18001 before a number), bsl (a
// video relay in British Sign Language) and emergency-sms (text 999 from a
// phone registered in advance) sit beside text, webchat and email. A
// contact reaches the emergency services when it says emergency = true
// (or its service does); relay 18000 and emergency-sms always do. Ways
// gathers what an outcome offers from these, and build refuses an
// emergency outcome with no way to the emergency services that needs no
// voice, and an emergency or urgent one with fewer than two such ways.
//
// Load checks each file on its own and the references between them
// (signposts to services). It does not render Markdown (package render does,
// and reports raw HTML there) and does not know about pathways.
package content

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/phone"
	"github.com/signpost-dev/signpost/internal/postcode"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// Dir is the content folder of a site.
const Dir = sitefs.ContentDir

// Kind is what a page is for.
type Kind int

// The kinds of page.
const (
	Ordinary Kind = iota
	Home
	OutcomePage
	ServicePage
)

// Page is one Markdown file of the content folder.
type Page struct {
	Kind    Kind
	File    string // site-relative: content/help/privacy.md
	ID      string // the file's base name; for outcomes and services, their id
	URL     string // root-relative: /help/privacy/
	Title   string
	Summary string
	Draft   bool
	// Body is the Markdown; nil for an ordinary page of a site over
	// Options.RereadOver, which Markdown reads again. Read it with Markdown.
	Body     []byte
	BodyLine int // the file line the body starts on
	Outcome  *Outcome
	Service  *Service
	Review   *Review // the [review] table; nil when absent
	// Hash is the hex SHA-256 of the file's bytes, set when a Loader read
	// it ("" from Parse): what a build's job cache keys the page by.
	Hash string

	fsys fs.FS // where Markdown reads the body again; nil: the page holds it
}

// Markdown returns the page's Markdown body (it starts at BodyLine). A page
// that does not hold it (Options.RereadOver) reads its file again, and refuses
// a file that is no longer the one it was loaded from.
func (p *Page) Markdown() ([]byte, error) {
	if p.fsys == nil {
		return p.Body, nil
	}
	src, err := sitefs.Content.Read(p.fsys, p.File)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(src); hex.EncodeToString(sum[:]) != p.Hash {
		return nil, errChanged
	}
	_, _, body, _, serr := Split(src)
	if serr != nil { // it split when loaded, and it is the same file
		return nil, errChanged
	}
	return body, nil
}

var errChanged = errors.New("the file changed while signpost was building: build again")

// Urgency is how soon an outcome says to act.
type Urgency string

// The urgencies, most urgent first.
const (
	Emergency Urgency = "emergency"
	Urgent    Urgency = "urgent"
	Soon      Urgency = "soon"
	Routine   Urgency = "routine"
	SelfCare  Urgency = "self-care"
)

// Urgencies lists every urgency, most urgent first.
var Urgencies = []Urgency{Emergency, Urgent, Soon, Routine, SelfCare}

// Outcome is the front matter of an outcome page.
type Outcome struct {
	Urgency        Urgency
	Call           string // a number to dial, as written; "" if none
	Signposts      []string
	HelplineFinder bool
	UrgencyPos     diag.Pos // where urgency is written, for the rules on ways without voice

	signpostPos []diag.Pos
}

// Service is the front matter of a service page.
type Service struct {
	Areas    []postcode.Area // none: a national service
	Audience string
	Contacts []Contact
	// ContactsChecked is when someone last checked the contact details
	// (contacts_checked = 2026-11-01); zero when not said.
	ContactsChecked time.Time
	Ages            Ages // who the service is for by age; zero: any age
	// Emergency is true when the service is an emergency service (or an
	// A&E): its contacts reach the emergency services unless they say
	// otherwise (emergency = false), and email and web never do.
	Emergency bool
}

// MaxAge is the oldest age min_age and max_age may give.
const MaxAge = 120

// Ages is the age range a service is for, both ends included; 0 for an
// end means open (Max 0: no upper limit).
type Ages struct{ Min, Max int }

// Any reports whether the range is every age.
func (a Ages) Any() bool { return a.Min == 0 && a.Max == 0 }

// String says who the range is for, to read next to a contact: "under 19s",
// "aged 16 and over", "aged 11 to 18"; "" for any age.
func (a Ages) String() string { return a.Text(i18n.English()) }

// Text is String in the language of the catalog tx.
func (a Ages) Text(tx *i18n.Catalog) string {
	switch {
	case a.Any():
		return ""
	case a.Min == 0:
		return tx.T("age_under", "age", a.Max+1)
	case a.Max == 0:
		return tx.T("age_over", "age", a.Min)
	default:
		return tx.T("age_range", "min", a.Min, "max", a.Max)
	}
}

func readAges(t *tomldoc.Table) Ages {
	var a Ages
	for _, k := range []struct {
		key string
		dst *int
	}{{"min_age", &a.Min}, {"max_age", &a.Max}} {
		n, ok := t.Int(k.key)
		if !ok {
			continue
		}
		if n < 0 || n > MaxAge || k.key == "min_age" && n == 0 {
			t.Errorf(t.ValuePos(k.key), "%s = %d is not an age the service can be for: use a whole number of years from 1 to %d (leave the key out for no limit)", k.key, n, MaxAge)
			continue
		}
		*k.dst = int(n)
	}
	if a.Min > 0 && a.Max > 0 && a.Min > a.Max {
		t.Errorf(t.ValuePos("max_age"), "max_age = %d is below min_age = %d: the range is empty; swap them or fix one", a.Max, a.Min)
		return Ages{}
	}
	return a
}

// National reports whether the service covers the whole country.
func (s *Service) National() bool { return len(s.Areas) == 0 }

// Options changes what Load includes.
type Options struct {
	Drafts bool       // include pages with draft = true
	Phones phone.Plan // the numbering plan phone numbers are checked against (site.toml phone_numbers)
	// RereadOver, when above 0, is the number of Markdown files above
	// which no ordinary page keeps its body in memory: Page.Markdown reads
	// it again from its file. signpost build renders each page once, and
	// the bodies of a large site's ordinary pages, its bulk, held for the
	// whole build would cost about the size of its content folder (over
	// 400 MB at 100,000 pages). Below it they are held: reading again costs
	// a second read of each file and, the heap being smaller, more garbage
	// collections (a 10,000-page build took about 14% more CPU). The home
	// page, outcomes and services, which many pages show, are always held.
	RereadOver int
	// Settle is how long before a full load began a file must have last
	// changed to be known again by its stamp from the Index that load
	// keeps (see Index); 0: sitefs.Settle. Tests make it shorter so as
	// not to wait.
	Settle time.Duration
}

// Set is every page of a site, in file order.
//
// An output job reads other pages than its own only through Set's methods
// (Service, Outcome, SortedServices): on a set made by Tracked they tell
// the build's tracker what was read, so that the preview renders a job
// again exactly when something it read changed.
type Set struct {
	Pages    []*Page
	Outcomes map[string]*Page
	Services map[string]*Page
	// Failed holds the site-relative files (content/outcomes/x.md) of the
	// Markdown files that exist but have errors, so are left out of Pages.
	// A reference to one is not a second mistake: the file's own errors
	// say what is wrong, and "create content/outcomes/x.md" would be false.
	Failed map[string]bool

	track func(key string) // nil: not tracked
}

// The keys Tracked reports: a service or outcome by id, and the list of
// every service (the finder, the services pages).
const (
	ServicesKey = "services"
)

// ServiceKey is the key of the service id.
func ServiceKey(id string) string { return "service:" + id }

// OutcomeKey is the key of the outcome id.
func OutcomeKey(id string) string { return "outcome:" + id }

// Tracked returns a copy of s whose methods call read with the key of
// what they return.
func (s *Set) Tracked(read func(key string)) *Set {
	c := *s
	c.track = read
	return &c
}

func (s *Set) read(key string) {
	if s.track != nil {
		s.track(key)
	}
}

// Service returns the service id, if the site has it.
func (s *Set) Service(id string) (*Page, bool) {
	s.read(ServiceKey(id))
	p, ok := s.Services[id]
	return p, ok
}

// Outcome returns the outcome id, if the site has it.
func (s *Set) Outcome(id string) (*Page, bool) {
	s.read(OutcomeKey(id))
	p, ok := s.Outcomes[id]
	return p, ok
}

// KnownOutcome reports whether outcome id exists: in the set, or as a file
// that failed to load (whose errors are reported against it).
func (s *Set) KnownOutcome(id string) bool {
	_, ok := s.Outcomes[id]
	return ok || s.Failed[Dir+"/outcomes/"+id+".md"]
}

// NewSet makes a Set of pages in file order, indexing its outcomes and
// services by id. It does not check references (CheckReferences does).
func NewSet(pages []*Page) *Set {
	s := &Set{Pages: pages}
	s.index()
	return s
}

func (s *Set) index() {
	s.Outcomes, s.Services = map[string]*Page{}, map[string]*Page{}
	for _, p := range s.Pages {
		switch p.Kind {
		case OutcomePage:
			s.Outcomes[p.ID] = p
		case ServicePage:
			s.Services[p.ID] = p
		}
	}
}

// Home returns the home page, or nil.
func (s *Set) Home() *Page {
	for _, p := range s.Pages {
		if p.Kind == Home {
			return p
		}
	}
	return nil
}

// SortedServices returns the services ordered by title, then id.
func (s *Set) SortedServices() []*Page {
	s.read(ServicesKey)
	// Each title is lowered once, not at every comparison: the finder and
	// the services pages sort a site's every service.
	type keyed struct {
		title string // lowered
		p     *Page
	}
	var ks []keyed
	for _, p := range s.Pages {
		if p.Kind == ServicePage {
			ks = append(ks, keyed{strings.ToLower(p.Title), p})
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.title, b.title); c != 0 {
			return c
		}
		return strings.Compare(a.p.ID, b.p.ID)
	})
	var out []*Page
	for _, k := range ks {
		out = append(out, k.p)
	}
	return out
}

// Load reads every page under content/ in fsys. A missing content folder is
// an empty site. Pages with errors are left out of the Set; the errors are
// in diags. It is a Loader's first read.
func Load(fsys fs.FS, opts Options, diags *diag.List) *Set {
	l := NewLoader(fsys, opts)
	l.Reload(nil)
	return l.Set(diags)
}

// Loader reads content/ and keeps what it read, so that reading it again
// after some files changed reads only those: a full load and the preview's
// reload of some files go through the same walk, the same checks and the
// same parse, and Set assembles the pages and checks their references the
// same way after either.
type Loader struct {
	fsys    fs.FS
	opts    Options
	files   []string             // the Markdown files, in walk order
	reads   map[string]*read     // Markdown file -> what parse made of it
	entries map[string]diag.List // file or folder -> the walk's errors (sitefs.Content's table)
	noisy   map[string]bool      // Markdown files whose read has diagnostics

	last  *assembled       // what Set made last; nil: nothing yet
	since map[string]*read // Markdown files read again or gone since, -> what that Set saw (nil: no file)

	prev *Index    // what an earlier load knew by stamp (UseIndex); nil: none
	at   time.Time // when the last full read began (Index)
}

// assembled is a Set and what Set needs to patch it.
type assembled struct {
	set      *Set
	at       map[string]int    // Markdown file -> its page's index in set.Pages
	broken   []*Page           // pages with errors: not in the set, but their references are checked
	excluded map[string]string // service id -> why its file is not in the site (a draft)
}

// Options returns the options the Loader reads with.
func (l *Loader) Options() Options { return l.opts }

// NewLoader returns a Loader that has read nothing yet.
func NewLoader(fsys fs.FS, opts Options) *Loader {
	return &Loader{fsys: fsys, opts: opts, reads: map[string]*read{}, entries: map[string]diag.List{}, noisy: map[string]bool{}, since: map[string]*read{}}
}

// Reload reads again the site files or folders changed (site-relative,
// slash-separated), or all of content/ when changed is nil; paths outside
// content/ are ignored. It returns the Markdown files whose page may have
// changed: read again, added or gone.
func (l *Loader) Reload(changed []string) []string {
	if changed == nil {
		changed = []string{Dir}
		l.at = time.Now() // before any stamp is taken
	}
	var touched, found []string
	for _, f := range changed {
		if f != Dir && !strings.HasPrefix(f, Dir+"/") {
			continue
		}
		f = l.root(f)
		if f == "" {
			continue
		}
		touched = append(touched, l.forget(f)...)
		found = append(found, l.walk(f)...)
	}
	slices.SortFunc(found, WalkOrder)
	found = slices.Compact(found)
	reread := l.opts.RereadOver > 0 && len(l.files)+len(found) > l.opts.RereadOver
	for _, r := range readPages(l.fsys, found, l.opts, reread, l.prev) {
		if _, ok := l.since[r.file]; !ok && l.last != nil {
			l.since[r.file] = nil // new since the last Set (forget saw those that were not)
		}
		l.reads[r.file] = &r
		if r.diags.Len() > 0 {
			l.noisy[r.file] = true
		}
		if i, ok := slices.BinarySearchFunc(l.files, r.file, WalkOrder); !ok {
			l.files = slices.Insert(l.files, i, r.file)
		}
	}
	return append(touched, found...)
}

// root is the file or folder to read again for a change to f: f itself, or
// the folder above it that the walk would not enter (a refused folder,
// which reports itself, or one that is gone); "" for an ignored file.
func (l *Loader) root(f string) string {
	if sitefs.IgnoredPath(f) {
		return ""
	}
	parts := strings.Split(f, "/")
	for i := range len(parts) - 1 {
		dir := strings.Join(parts[:i+1], "/")
		info, err := fs.Lstat(l.fsys, dir)
		if err != nil {
			return dir
		}
		if _, skip := sitefs.Content.Check(dir, fs.FileInfoToDirEntry(info)); skip {
			return dir
		}
	}
	return f
}

// forget drops what was read of f and everything under it, and returns the
// Markdown files dropped.
func (l *Loader) forget(f string) []string {
	under := func(k string) bool { return f == Dir || k == f || strings.HasPrefix(k, f+"/") }
	// l.files is in walk order, so f and what is under it are one run.
	lo, _ := slices.BinarySearchFunc(l.files, f, WalkOrder)
	hi := lo
	for hi < len(l.files) && under(l.files[hi]) {
		hi++
	}
	gone := slices.Clone(l.files[lo:hi])
	for _, k := range gone {
		if _, ok := l.since[k]; !ok && l.last != nil {
			l.since[k] = l.reads[k]
		}
		delete(l.reads, k)
		delete(l.noisy, k)
	}
	l.files = slices.Delete(l.files, lo, hi)
	for k := range l.entries {
		if under(k) {
			delete(l.entries, k)
		}
	}
	return gone
}

// walk checks f and, for a folder, everything under it as Load does
// (sitefs.Content's table), and returns the Markdown files to read.
func (l *Loader) walk(f string) []string {
	var files []string
	var found diag.List
	sitefs.Content.WalkFrom(l.fsys, f, &found, func(file string) { files = append(files, file) })
	for _, d := range found.Sorted() {
		e := l.entries[d.File]
		e.Add(d)
		l.entries[d.File] = e
	}
	return files
}

// Set assembles the pages as last read into a Set, adding to diags every
// file's own diagnostics and those of the references between pages. When
// the files read again since the last Set left every page where it was
// (the same files, each in or out of the set as before, with the same
// kind, id and URL), that Set is patched with their new pages: an edit
// costs what it changed, not the size of the site.
func (l *Loader) Set(diags *diag.List) *Set {
	for _, d := range l.entries {
		diags.Merge(&d)
	}
	noisy := slices.SortedFunc(maps.Keys(l.noisy), WalkOrder)
	for _, f := range noisy {
		diags.Merge(&l.reads[f].diags)
	}
	a := l.patch()
	if a == nil {
		a = l.assemble()
	}
	l.last, l.since = a, map[string]*read{}
	a.set.checkSignposts(a.set.Pages, a.excluded, diags)
	a.set.checkSignposts(a.broken, a.excluded, diags)
	return a.set
}

// assemble makes the Set of every page as last read.
func (l *Loader) assemble() *assembled {
	set := &Set{Failed: map[string]bool{}}
	a := &assembled{set: set, at: make(map[string]int, len(l.files)), excluded: map[string]string{}}
	for _, file := range l.files {
		r := l.reads[file]
		if r.diags.HasErrors() {
			set.Failed[r.file] = true
		}
		p, ok := r.page, r.ok
		switch {
		case p == nil:
		case p.Draft && !l.opts.Drafts:
			if p.Kind == ServicePage {
				a.excluded[p.ID] = "is a draft (draft = true)"
			}
		case ok:
			a.at[file] = len(set.Pages)
			set.Pages = append(set.Pages, p)
		default:
			a.broken = append(a.broken, p)
		}
	}
	set.index()
	return a
}

// place is where a read puts its file's page: nowhere (no file, no page),
// left out as a draft, in the set, or left out with errors.
type place struct {
	state   int8
	failed  bool
	kind    Kind
	id, url string
}

const (
	noFile int8 = iota
	noPage
	draft
	inSet
	withErrors
)

func (l *Loader) placeOf(r *read) place {
	if r == nil {
		return place{}
	}
	pl := place{state: noPage, failed: r.diags.HasErrors()}
	p := r.page
	if p == nil {
		return pl
	}
	pl.kind, pl.id, pl.url = p.Kind, p.ID, p.URL
	switch {
	case p.Draft && !l.opts.Drafts:
		pl.state = draft
	case r.ok:
		pl.state = inSet
	default:
		pl.state = withErrors
	}
	return pl
}

// patch returns the last Set with the pages read again since put in, or
// nil when a page read again is not where it was (assemble then).
func (l *Loader) patch() *assembled {
	old := l.last
	if old == nil {
		return nil
	}
	a := *old
	set := *old.set
	set.track = nil
	a.set = &set
	var pages, outcomes, services, broken bool // cloned
	for f, before := range l.since {
		now := l.reads[f]
		pl := l.placeOf(now)
		if pl != l.placeOf(before) {
			return nil
		}
		switch pl.state {
		case inSet:
			if !pages {
				set.Pages, pages = slices.Clone(set.Pages), true
			}
			set.Pages[old.at[f]] = now.page
			switch pl.kind {
			case OutcomePage:
				if !outcomes {
					set.Outcomes, outcomes = maps.Clone(set.Outcomes), true
				}
				set.Outcomes[pl.id] = now.page
			case ServicePage:
				if !services {
					set.Services, services = maps.Clone(set.Services), true
				}
				set.Services[pl.id] = now.page
			}
		case withErrors:
			if !broken {
				a.broken, broken = slices.Clone(a.broken), true
			}
			i := slices.IndexFunc(a.broken, func(p *Page) bool { return p.File == f })
			if i < 0 {
				return nil
			}
			a.broken[i] = now.page
		}
	}
	return &a
}

// WalkOrder orders site files as fs.WalkDir meets them: by path element.
func WalkOrder(a, b string) int {
	for {
		ea, ra, moreA := strings.Cut(a, "/")
		eb, rb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(ea, eb); c != 0 {
			return c
		}
		switch {
		case !moreA && !moreB:
			return 0
		case !moreA:
			return -1
		case !moreB:
			return 1
		}
		a, b = ra, rb
	}
}

// read is one Markdown file as parse left it.
type read struct {
	file  string
	page  *Page
	ok    bool
	diags diag.List

	stamp   sitefs.Stamp // the file's when it was read (stamped: the platform has stamps)
	stamped bool
	from    *known // the index's entry the page was known again from; nil: read and parsed
}

// readPages reads and parses files in parallel, one worker a core, and
// returns them in the order given. A file that prev knows by its stamp is
// not read: its page is the one prev kept, holding no body.
func readPages(fsys fs.FS, files []string, opts Options, reread bool, prev *Index) []read {
	settle := cmp.Or(opts.Settle, sitefs.Settle)
	out := make([]read, len(files))
	reader := sitefs.Content.Reader(fsys) // checks each folder once, not once a file
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(files), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				r := &out[i]
				r.file = files[i]
				if prev != nil {
					if k, st := prev.again(fsys, r.file, settle); k != nil {
						p := k.page
						p.fsys = fsys
						r.page, r.ok, r.stamp, r.stamped, r.from = &p, true, st, true, k
						for _, d := range k.diags {
							r.diags.Add(d)
						}
						continue
					}
				}
				src, info, err := reader.ReadInfo(r.file)
				if err != nil {
					r.diags.Errorf(r.file, diag.Pos{}, "%v", err)
					continue
				}
				r.stamp, r.stamped = sitefs.StampOf(info)
				r.page, r.ok = parse(r.file, src, opts.Phones, &r.diags)
				if r.page != nil {
					sum := sha256.Sum256(src)
					r.page.Hash = hex.EncodeToString(sum[:])
					if reread && r.page.Kind == Ordinary {
						r.page.Body, r.page.fsys = nil, fsys
					}
				}
			}
		})
	}
	wg.Wait()
	return out
}

// Locate works out a page's kind, id and URL from its file name, or
// reports why the file cannot be a page.
func Locate(file string) (kind Kind, id, url string, msg string) {
	rel := strings.TrimPrefix(file, Dir+"/")
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	id = strings.TrimSuffix(name, ".md")
	if !sitefs.IsSlug(id) {
		return 0, "", "", "file name \"" + name + "\" is not a lowercase slug: rename it using a-z, 0-9 and single hyphens, ending in .md"
	}
	switch {
	case rel == "index.md":
		return Home, "index", site.HomeURL, ""
	case dir == "outcomes" || dir == "services":
		if id == "index" {
			return 0, "", "", "/" + dir + "/ is made by signpost; index.md cannot be used here"
		}
		if dir == "outcomes" {
			return OutcomePage, id, site.OutcomeURL(id), ""
		}
		return ServicePage, id, site.ServiceURL(id), ""
	case strings.HasPrefix(dir, "outcomes/") || strings.HasPrefix(dir, "services/"):
		top, _, _ := strings.Cut(dir, "/")
		return 0, "", "", top + " must be directly in content/" + top + "/, not in a subfolder"
	default:
		return Ordinary, id, site.PageURL(path.Join(dir, id)), ""
	}
}

// Parse reads one page, checking its phone numbers against plan. file is
// site-relative (content/...). It returns nil if the page has errors.
func Parse(file string, src []byte, plan phone.Plan, diags *diag.List) *Page {
	p, ok := parse(file, src, plan, diags)
	if !ok {
		return nil
	}
	return p
}

// parse reads one page as far as it can: the page is nil when its front
// matter could not be read at all, and ok is false when it has errors.
func parse(file string, src []byte, plan phone.Plan, diags *diag.List) (*Page, bool) {
	var local diag.List
	defer diags.Merge(&local)
	if !diag.CheckText(file, src, &local) {
		return nil, false
	}
	kind, id, url, msg := Locate(file)
	if msg != "" {
		local.Errorf(file, diag.Pos{}, "%s", msg)
		return nil, false
	}
	fm, fmLine, body, bodyLine, serr := Split(src)
	if serr != nil {
		local.Errorf(file, serr.Pos, "%s", serr.Msg)
		return nil, false
	}
	t := tomldoc.Parse(file, "front matter", fm, fmLine, diag.Pos{Line: 1, Col: 1}, &local)
	if t == nil {
		return nil, false
	}
	p := &Page{Kind: kind, File: file, ID: id, URL: url, Body: body, BodyLine: bodyLine}
	title, _ := t.Text("title", true, "every page needs a title")
	p.Title = strings.TrimSpace(title)
	summary, _ := t.Text("summary", kind == ServicePage, "write a sentence that says what the page is for")
	p.Summary = strings.TrimSpace(summary)
	p.Draft, _ = t.Bool("draft")
	p.Review = readReview(t)
	switch kind {
	case OutcomePage:
		p.Outcome = readOutcome(t, plan)
	case ServicePage:
		p.Service = readService(t, plan)
	}
	t.Check()
	return p, !local.HasErrors()
}

func readOutcome(t *tomldoc.Table, plan phone.Plan) *Outcome {
	o := &Outcome{
		Urgency: Urgency(t.String("urgency", true)),
		Call:    strings.TrimSpace(t.String("call", false)),
	}
	o.UrgencyPos = t.ValuePos("urgency")
	if t.Has("urgency") && !slices.Contains(Urgencies, o.Urgency) {
		t.Errorf(t.ValuePos("urgency"), "unknown urgency %q: use one of emergency, urgent, soon, routine or self-care", o.Urgency)
	}
	if t.Has("call") {
		if err := phone.Check(o.Call, plan, phone.Call); err != nil {
			t.Errorf(t.ValuePos("call"), "call %q is not a number to call: %v", o.Call, err)
		}
	}
	o.HelplineFinder, _ = t.Bool("helpline_finder")
	for i, id := range t.Strings("signposts") {
		pos := t.ElemPos("signposts", i)
		if !sitefs.IsSlug(id) {
			t.Errorf(pos, "signpost %q is not a service id: use the file name of content/services/<id>.md", id)
			continue
		}
		if slices.Contains(o.Signposts, id) {
			t.Errorf(pos, "service %q is listed twice in signposts: remove one", id)
			continue
		}
		o.Signposts = append(o.Signposts, id)
		o.signpostPos = append(o.signpostPos, pos)
	}
	return o
}

func readService(t *tomldoc.Table, plan phone.Plan) *Service {
	audience, _ := t.Text("audience", false, "say who the service is for, or remove the key")
	s := &Service{Audience: strings.TrimSpace(audience), Ages: readAges(t)}
	s.ContactsChecked, _ = t.Date("contacts_checked")
	s.Emergency, _ = t.Bool("emergency")
	seen := map[string]bool{}
	for i, a := range t.Strings("areas") {
		area, err := postcode.ParseArea(a)
		if err != nil {
			t.Errorf(t.ElemPos("areas", i), "%v", err)
			continue
		}
		if seen[area.String()] {
			t.Errorf(t.ElemPos("areas", i), "area %q is listed twice: remove one", a)
			continue
		}
		seen[area.String()] = true
		s.Areas = append(s.Areas, area)
	}
	contacts := t.Tables("contact", true)
	if t.Has("contact") && len(contacts) == 0 {
		t.Errorf(t.KeyPos("contact"), "a service needs at least one [[contact]]")
	}
	for _, ct := range contacts {
		if c, ok := readContact(ct, plan, s.Emergency); ok {
			s.Contacts = append(s.Contacts, c)
		}
	}
	return s
}

func (s *Set) checkSignposts(pages []*Page, excluded map[string]string, diags *diag.List) {
	for _, p := range pages {
		if p.Outcome == nil {
			continue
		}
		for i, id := range p.Outcome.Signposts {
			if _, ok := s.Services[id]; ok || s.Failed[Dir+"/services/"+id+".md"] {
				continue // a broken service's own errors say what to fix
			}
			if why, ok := excluded[id]; ok {
				diags.Errorf(p.File, p.Outcome.signpostPos[i], "service %q cannot be signposted: content/services/%s.md %s", id, id, why)
				continue
			}
			diags.Errorf(p.File, p.Outcome.signpostPos[i], "no service %q: create content/services/%s.md or fix the id", id, id)
		}
	}
}

// CheckReferences reports every signpost of s's outcomes that names no
// service of s, as Load does. The preview calls it after loading one page
// again.
func (s *Set) CheckReferences(diags *diag.List) { s.checkSignposts(s.Pages, nil, diags) }
