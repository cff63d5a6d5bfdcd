// Package build runs the pipeline that turns a site folder into its output:
//
//	load     site.toml, content/, pathways/, assets/, layouts/, i18n/ -> Model
//	validate every rule of the content model, all errors collected
//	plan     one Job per output file; duplicate URLs are errors
//	render   jobs in parallel, each page streamed to the Output as it is done
//	finish   files that need the whole site (sitemap, robots.txt, ...)
//	links    every internal link and #fragment of the rendered pages resolves
//	         (links.go; build and check, not the preview)
//	write    into a temporary folder, swapped in only when complete
//
// `signpost build`, `signpost check` and the preview server all run this one
// pipeline; they differ only in the Output they give it (disk, nothing,
// memory). A build with content errors writes nothing and leaves the
// previous output as it was.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/cases"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/render"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// PathwaysDir is the folder of pathway files.
const PathwaysDir = sitefs.PathwaysDir

// Options says what to build.
type Options struct {
	Drafts  bool   // include draft pages
	BaseURL string // overrides site.toml's base_url (the preview's own address)
	Preview bool   // for signpost serve: no base_url needed, no service worker
	NoCases bool   // do not run pathways' test cases (signpost diff compares content, not its tests)
	// Release refuses a pathway whose content has no matching approval
	// (approvals/<id>.toml) and anything past its review date.
	Release bool

	// Cache holds compressed outputs between builds (nil: none); it never
	// changes what a build writes, only how long it takes.
	Cache *offline.Cache
	// Today is the date review dates are judged against (its day in the
	// site's timezone); zero: now.
	Today time.Time

	// Output is what to do with files in the output folder that signpost
	// did not write.
	Output OutputOptions
	// Context, when done (a signal), stops the build: its temporary folder
	// is removed and the output folder is left as it was.
	Context context.Context

	rereadOver int           // for tests: rereadOver's number of files, when not 0
	settle     time.Duration // for tests: content.Options.Settle
}

// Model is a loaded, validated site: everything rendering needs.
type Model struct {
	Config   *config.Site
	Content  *content.Set
	Pathways []*pathway.Pathway // sorted by id
	Assets   *assets.Set
	Renderer *render.Renderer
	Common   *render.Common
	Opts     Options

	// Cases are the test cases of each loaded pathway that has a cases
	// file, by pathway id: what they found and what they leave untested.
	Cases map[string]*CaseReport

	loaded []*pathway.Pathway // every valid pathway, also those over the route limit
	fsys   fs.FS              // the site, for the link check to find where a link is written
	cache  *jobCache          // what jobs made in earlier builds (signpost build with a cache); nil: none
	known  int                // content files known again from the content index (contentindex.go)
}

// Load reads and validates the site in fsys. It returns the model and every
// diagnostic; the model is nil when the configuration cannot be read.
func Load(fsys fs.FS, opts Options) (*Model, *diag.List) {
	return load(fsys, opts, nil)
}

// load is Load, knowing again the content files that index (nil: none)
// kept from the folder's last build, and keeping what it read there.
func load(fsys fs.FS, opts Options, index *contentIndex) (*Model, *diag.List) {
	src := newSources(fsys, opts)
	src.index = index
	src.reload(nil)
	m, found := src.model()
	return m, found.all()
}

// loadDiags are a load's diagnostics by the stage that found them.
type loadDiags struct {
	site      *diag.List // site.toml, assets/, layouts/, i18n/
	content   diag.List  // content.Loader: each content file's own, and its signposts
	pathways  *diag.List // loadPathways: each pathway file's
	reach     diag.List  // warnUnreached: outcomes no pathway reaches
	approvals diag.List  // checkApprovals (not in the preview)
}

func (l *loadDiags) all() *diag.List {
	all := &diag.List{}
	for _, d := range []*diag.List{l.site, &l.content, l.pathways, &l.reach, &l.approvals} {
		all.Merge(d)
	}
	return all
}

// sources is the site as its loaders last read it. A build reads it once;
// the preview's Session keeps it and, after some files changed, reads only
// those again, through the same loaders: content/ file by file
// (content.Loader), pathways/ whole when one of its files or the outcomes
// it names changed, and site.toml, assets/, layouts/ and i18n/ together when any
// of them changed.
type sources struct {
	fsys fs.FS
	opts Options

	// site.toml, assets/, layouts/, i18n/
	siteStale bool
	siteDiags *diag.List
	cfg       *config.Site // nil: site.toml cannot be read
	assets    *assets.Set
	renderer  *render.Renderer

	content *content.Loader // nil: not read yet
	index   *contentIndex   // where the content's index is kept (signpost build); nil: none

	// pathways/ and their test cases
	pwStale    bool
	pwDiags    *diag.List
	pathways   []*pathway.Pathway
	loaded     []*pathway.Pathway
	cases      map[string]*CaseReport
	pwOutcomes map[string]content.Urgency // outcomeDeps of the content they were read against
}

func newSources(fsys fs.FS, opts Options) *sources {
	return &sources{fsys: fsys, opts: opts, siteStale: true, pwStale: true}
}

// reload reads again what the changed site files (nil: all) are part of.
// It returns the content files whose page may have changed.
func (s *sources) reload(changed []string) (pages []string) {
	if changed == nil {
		s.siteStale, s.pwStale, s.content = true, true, nil // content/ is read once site.toml is
		return nil
	}
	var inContent []string
	for _, f := range changed {
		switch top, _, _ := strings.Cut(f, "/"); {
		case f == config.File || top == assets.Dir || top == render.LayoutsDir || top == i18n.Dir:
			s.siteStale = true
		case top == content.Dir:
			inContent = append(inContent, f)
		case top == PathwaysDir:
			s.pwStale = true
		}
	}
	if len(inContent) == 0 || s.content == nil {
		return nil
	}
	return s.content.Reload(inContent)
}

// reloadStyle reads assets/ again for a change to assets/site.css alone
// and, when the assets' files are the same, puts the new stylesheet into
// the current ones (the renderer's); otherwise the site is read again.
// It returns the diagnostics of the assets.
func (s *sources) reloadStyle() *diag.List {
	diags := &diag.List{}
	if s.siteStale || s.cfg == nil || s.siteDiags.HasErrors() {
		s.siteStale = true
		return diags
	}
	set := assets.LoadBase(s.fsys, s.cfg.Budget.Page, s.cfg.Base, diags)
	if diags.HasErrors() || !slices.EqualFunc(set.Files(), s.assets.Files(), func(a, b assets.File) bool { return a.Path == b.Path }) {
		s.siteStale = true
		return diags
	}
	s.assets.Style = set.Style
	return diags
}

// model assembles the site as last read into a Model, reading again what
// is stale.
func (s *sources) model() (*Model, *loadDiags) {
	found := &loadDiags{}
	if s.siteStale {
		s.siteStale, s.pwStale = false, true // the route limit is in site.toml
		s.siteDiags = &diag.List{}
		s.cfg = config.Load(s.fsys, s.siteDiags)
		if s.cfg != nil {
			if s.opts.BaseURL != "" {
				s.cfg.SetBaseURL(s.opts.BaseURL)
			} else if !s.opts.Preview {
				s.cfg.RequireBaseURL(s.siteDiags)
			}
			s.assets = assets.LoadBase(s.fsys, s.cfg.Budget.Page, s.cfg.Base, s.siteDiags)
			text := i18n.Load(s.fsys, s.cfg.Language, s.siteDiags)
			s.renderer = render.New(render.Options{Site: s.cfg, Layouts: s.fsys, Assets: s.assets, Text: text, Preview: s.opts.Preview}, s.siteDiags)
		}
	}
	found.site = s.siteDiags
	if s.cfg == nil {
		return nil, found
	}
	m := &Model{Config: s.cfg, Assets: s.assets, Renderer: s.renderer, Opts: s.opts, fsys: s.fsys}
	if opts := (content.Options{Drafts: s.opts.Drafts, Phones: s.cfg.Phones, RereadOver: rereadOver(s.opts), Settle: s.opts.settle}); s.content == nil || opts != s.content.Options() {
		// Pages are read against site.toml's phone plan: all of them again
		// when it changed (so did the site: every job runs again).
		s.content = content.NewLoader(s.fsys, opts)
		s.content.UseIndex(s.index.load())
		s.content.Reload(nil)
		s.index.save(s.content)
	}
	m.Content = s.content.Set(&found.content)
	if s.index != nil {
		m.known = s.content.Known()
	}
	// Pathways are read again when a pathway file or what they read of the
	// content changed.
	if deps := outcomeDeps(m.Content); s.pwStale || !maps.Equal(deps, s.pwOutcomes) {
		s.pwStale = false
		s.pwDiags = &diag.List{}
		s.pathways, s.loaded, s.cases = loadPathways(s.fsys, m.Content, s.cfg, s.opts.NoCases, s.pwDiags)
		s.pwOutcomes = deps
	}
	found.pathways = s.pwDiags
	m.Pathways, m.loaded, m.Cases = s.pathways, s.loaded, s.cases
	if !found.pathways.HasErrors() { // a pathway that failed to load may reach any outcome
		warnUnreached(m.Content, m.loaded, &found.reach)
	}
	checkWays(s.cfg, m.Content, &found.reach)
	if !s.opts.Preview {
		checkApprovals(s.fsys, m, s.opts.Release, &found.approvals)
		checkReviews(m, s.opts.Release, &found.approvals)
	}
	m.Common = common(m)
	return m, found
}

// rereadOver is the number of Markdown files above which a build holds no
// ordinary page's body (content.Options.RereadOver): at 20,000 pages the
// bodies cost about 90 MB, at 100,000 over 400 MB, which with what else a
// build holds would take it past 1 GB (issue 17). The preview renders
// pages again after any edit, so it holds them all.
func rereadOver(opts Options) int {
	switch {
	case opts.Preview:
		return 0
	case opts.rereadOver != 0:
		return opts.rereadOver
	}
	return 20_000
}

// outcomeDeps is exactly what loadPathways reads of the content: which
// outcomes exist (the ids pathways name, content.Set.KnownOutcome, which
// also counts outcome files that failed to load) and each one's urgency
// (what test cases with at_least, and the coverage report, check). An edit
// to an outcome's title or advice changes none of it, so the pathways and
// their cases are not read and run again for it; its urgency does.
func outcomeDeps(set *content.Set) map[string]content.Urgency {
	deps := make(map[string]content.Urgency, len(set.Outcomes))
	for id, p := range set.Outcomes {
		var u content.Urgency
		if p.Outcome != nil {
			u = p.Outcome.Urgency
		}
		deps[id] = u
	}
	for f := range set.Failed {
		if strings.HasPrefix(f, content.Dir+"/outcomes/") {
			deps["failed "+f] = ""
		}
	}
	return deps
}

// loadPathways returns the pathways to build, every pathway whose graph
// is valid (also those over the route limit, whose outcomes are reached all
// the same), and what the test cases beside them found.
func loadPathways(fsys fs.FS, set *content.Set, cfg *config.Site, noCases bool, diags *diag.List) (out, loaded []*pathway.Pathway, reports map[string]*CaseReport) {
	var files []string
	casesFiles := map[string]bool{}
	sitefs.Pathways.Walk(fsys, diags, func(file string) {
		if strings.HasSuffix(file, cases.Suffix) {
			casesFiles[file] = true // read with its pathway
			return
		}
		files = append(files, file)
	})
	for _, file := range files {
		src, err := sitefs.Pathways.Read(fsys, file)
		if err != nil {
			diags.Errorf(file, diag.Pos{}, "%v", err)
			continue
		}
		if !diag.CheckText(file, src, diags) {
			continue
		}
		p := pathway.Load(file, src, set.KnownOutcome, diags)
		if p == nil {
			continue
		}
		loaded = append(loaded, p)
		var limit diag.List
		pathway.CheckRouteLimit(p, cfg.MaxRoutes, &limit)
		diags.Merge(&limit)
		if !limit.HasErrors() {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *pathway.Pathway) int { return strings.Compare(a.ID, b.ID) })
	if !noCases {
		reports = runCases(fsys, set, loaded, casesFiles, cfg.RequireCaseCoverage, diags)
	}
	return out, loaded, reports
}

// warnUnreached warns about outcomes that no pathway ends in: probably a
// typo, or a pathway not written yet.
func warnUnreached(set *content.Set, pws []*pathway.Pathway, diags *diag.List) {
	reached := map[string]bool{}
	for _, p := range pws {
		for _, id := range p.Outcomes() {
			reached[id] = true
		}
	}
	for _, p := range set.Pages {
		if p.Kind == content.OutcomePage && !reached[p.ID] {
			diags.Warnf(p.File, diag.Pos{Line: 1}, "no pathway reaches outcome %q: link it from a pathway answer (outcome = %q) or remove it", p.ID, p.ID)
		}
	}
}

// checkWays applies content.CheckWays with the site's [emergency] no_voice
// routes: they join site.toml to the services, so they are checked across
// the two, as warnUnreached is.
func checkWays(cfg *config.Site, set *content.Set, diags *diag.List) {
	var routes []string
	var pos []diag.Pos
	if cfg.Emergency != nil {
		routes, pos = cfg.Emergency.NoVoice, cfg.Emergency.NoVoicePos
	}
	set.CheckWays(config.File, routes, pos, diags)
}

func common(m *Model) *render.Common {
	c := &render.Common{NoVoice: m.Renderer.NoVoice(m.Content)}
	for _, p := range m.Content.Pages {
		if p.Kind == content.Ordinary && strings.HasPrefix(p.URL, "/about/") {
			c.FooterLinks = append(c.FooterLinks, render.Link{URL: p.URL, Title: p.Title})
		}
	}
	slices.SortFunc(c.FooterLinks, func(a, b render.Link) int { return strings.Compare(a.Title, b.Title) })
	for _, p := range m.Pathways {
		c.Pathways = append(c.Pathways, render.Link{URL: site.PathwayURL(p.ID), Title: p.Title, Summary: p.Summary})
	}
	if !m.Opts.Preview { // the preview must never leave a caching worker behind
		c.Scripts = append(c.Scripts, "register")
		c.Manifest = true
	}
	return c
}

// Job renders one output file.
//
// What a job reads is recorded as it renders (see renderJobs): the site
// (site.toml, layouts, assets) and what every page shares (render.Common
// but its pathway list) always; its own source; what it asks of the
// content set through content.Set's methods; and the keys in needs,
// declared beside the render call for what it is handed directly. A job is
// handed only what it declares: render.Common's pathway list is empty for
// a job that does not need keyPathwayList, so a missing declaration shows
// in a full build's output, not only in the preview's.
type Job struct {
	Path   string    // output path, slash-separated, no leading slash
	Source string    // the site file it comes from; "" when generated
	Page   bool      // an HTML page (counts against the page budget, listed in the sitemap)
	Kind   site.Kind // an HTML page's kind; zero for other files
	needs  []string
	render func(m *Model, diags *diag.List) (Rendered, error)
}

// Keys of what jobs read besides pages and services (content.ServiceKey
// and the others) and their own source file.
const (
	keyPathwayList = "common.pathways" // render.Common.Pathways: the pathways listed on the home page
	keyStyle       = "style"           // the preview's linked stylesheet (SessionOptions.StyleFile)
)

// jobModel is the model as job j sees it: a content set that records what
// j reads into reads, and only the parts of what pages share that j needs.
func (j *Job) jobModel(m *Model, reads *[]string) *Model {
	jm := *m
	record := func(key string) { *reads = append(*reads, key) }
	jm.Content = m.Content.Tracked(record)
	*reads = append(*reads, j.needs...)
	if j.Source != "" {
		record(j.Source)
	}
	if m.Common != nil && !slices.Contains(j.needs, keyPathwayList) {
		c := *m.Common
		c.Pathways = nil
		jm.Common = &c
	}
	return &jm
}

// Rendered is what a job makes: the file's bytes and, for an HTML page,
// the Content-Security-Policy it was rendered with.
type Rendered struct {
	Data []byte
	CSP  string
}

// pageOf is a rendered page as a job's result.
func pageOf(p render.Page, err error) (Rendered, error) {
	return Rendered{Data: p.HTML, CSP: p.CSP}, err
}

// bytesOf is a file that is not a page as a job's result.
func bytesOf(data []byte, err error) (Rendered, error) { return Rendered{Data: data}, err }

// pagePath is the output file of a root-relative URL.
func pagePath(url string) string { return site.File(url) }

// Plan lists every output file of the model. Two sources that would write
// the same file are errors: the one place this is checked.
func Plan(m *Model, diags *diag.List) []Job {
	var jobs []Job
	owner := make(map[string]string, len(m.Content.Pages)+len(m.Pathways)+16) // output path -> its job's source
	add := func(j Job) {
		if first, dup := owner[j.Path]; dup {
			who, rel := first, diag.Related{File: first, Message: "the file that has this URL first"}
			if first == "" {
				who, rel = "a page signpost makes (/"+strings.TrimSuffix(j.Path, "index.html")+")", diag.Related{}
			}
			diags.ErrorfRelated(j.Source, diag.Pos{}, rel, "this page's URL /%s is already used by %s: rename one of the two", strings.TrimSuffix(j.Path, "index.html"), who)
			return
		}
		owner[j.Path] = j.Source
		jobs = append(jobs, j)
	}
	// Generated pages first, so a content file that collides with one is the one reported.
	planServices(m, add)
	add(Job{Path: pagePath(site.OfflineURL), Page: true, Kind: site.Offline, render: func(m *Model, _ *diag.List) (Rendered, error) {
		return pageOf(m.Renderer.Special(site.Offline, m.Content, m.Common))
	}})
	add(Job{Path: site.NotFoundFile, Kind: site.NotFound, render: func(m *Model, _ *diag.List) (Rendered, error) {
		return pageOf(m.Renderer.Special(site.NotFound, m.Content, m.Common))
	}})
	for _, p := range m.Pathways {
		add(pathwayJob(p))
	}
	for _, p := range m.Content.Pages {
		add(pageJob(p))
	}
	for _, f := range m.Assets.Files() {
		add(Job{Path: f.Path, Source: f.Source, render: func(*Model, *diag.List) (Rendered, error) { return bytesOf(f.Data, nil) }})
	}
	return jobs
}

// pathwayJob is the job of pathway p's page.
func pathwayJob(p *pathway.Pathway) Job {
	return Job{Path: pagePath(site.PathwayURL(p.ID)), Source: p.File, Page: true, Kind: site.Pathway, render: func(m *Model, d *diag.List) (Rendered, error) {
		return pageOf(m.Renderer.PathwayPage(p, m.Content, m.Common, d))
	}}
}

// pageJob is the job of content page p.
func pageJob(p *content.Page) Job {
	j := Job{Path: pagePath(p.URL), Source: p.File, Page: true}
	switch p.Kind {
	case content.OutcomePage:
		j.Kind = site.Outcome
		j.render = func(m *Model, d *diag.List) (Rendered, error) {
			return pageOf(m.Renderer.OutcomePage(p, m.Content, m.Common, d))
		}
	case content.ServicePage:
		j.Kind = site.Service
		j.render = func(m *Model, d *diag.List) (Rendered, error) { return pageOf(m.Renderer.ServicePage(p, m.Common, d)) }
	default:
		j.Kind = site.Ordinary
		if p.Kind == content.Home {
			j.Kind = site.Home
			j.needs = []string{keyPathwayList}
		}
		j.render = func(m *Model, d *diag.List) (Rendered, error) { return pageOf(m.Renderer.Ordinary(p, m.Common, d)) }
	}
	return j
}

// Output receives the files of a build. Write may be called from several
// goroutines at once.
type Output interface {
	Write(path string, data []byte) error
}

// File is what the build knows of one written file.
type File struct {
	Path   string
	Size   int
	Page   bool
	Source string    // the site file it comes from; "" when generated
	Kind   site.Kind // an HTML page's kind (404.html too); zero for other files
	CSP    string    // an HTML page's Content-Security-Policy
}

// Result summarises a build.
type Result struct {
	Files []File // sorted by path
	Pages int
	Bytes int

	Cases map[string]*CaseReport // the model's: each pathway's test cases

	LargestPage  string // URL of the page with the largest first render
	LargestGzip  int    // its gzip bytes (HTML + linked stylesheet)
	Unmeasured   int    // ordinary pages within the page budget by their size, not compressed (no .gz copies)
	PrecacheGzip int    // gzip bytes of the service worker's precache; 0 without one

	// The job cache (jobcache.go): jobs whose file came from an earlier
	// build, of those how many were linked from the previous output, and
	// jobs rendered.
	JobsCached, JobsLinked, JobsRendered int
	// Of the jobs rendered, how many gzip and Brotli copies (or gzip
	// sizes) came from the site folder's previous build with another site
	// key, the file being the same.
	JobsCopies int
	// ContentKnown is how many content files were known again by their
	// stamp from the content index (contentindex.go), not read.
	ContentKnown int
}

// ran is what one job did.
type ran struct {
	file  File
	diags diag.List
	reads []string // the keys of what it read, sorted
}

// renderJobs renders jobs in parallel, one worker a core, writing each
// file to out as soon as it is rendered, and records what each job read;
// done[i] is what job i did. signpost build and the preview's rebuilds both
// use it.
func renderJobs(m *Model, jobs []Job, out Output) ([]ran, error) {
	done := make([]ran, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(len(jobs), max(1, runtime.GOMAXPROCS(0))) {
		wg.Go(func() {
			for i := range next {
				if interrupted(m.Opts) {
					errs[i] = errAborted
					continue
				}
				j, d := &jobs[i], &done[i]
				if rec := m.cache.lookup(j); rec != nil && m.cache.write(out, rec) {
					// Made by an earlier build from the same inputs (jobcache.go).
					d.reads = rec.Reads
					for _, x := range rec.Diags {
						d.diags.Add(x)
					}
					d.file = File{Path: j.Path, Size: rec.Len, Page: j.Page, Source: j.Source, Kind: j.Kind, CSP: rec.CSP}
					continue
				}
				r, err := j.render(j.jobModel(m, &d.reads), &d.diags)
				slices.Sort(d.reads)
				d.reads = slices.Compact(d.reads)
				if te := (*render.TemplateError)(nil); errors.As(err, &te) {
					// A content error like any other, at the layout's line:
					// check reports it as build does.
					for _, e := range append([]*render.TemplateError{te}, te.Also...) {
						if e.Msg != "" {
							d.diags.Errorf(e.File, e.Pos, "%s", e.Msg)
						}
					}
					continue
				}
				if err == nil {
					err = out.Write(j.Path, r.Data)
				}
				if err == nil && m.cache != nil {
					m.cache.store(j, d, r, scanned(out, j.Path))
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", j.Path, err)
					continue
				}
				d.file = File{Path: j.Path, Size: len(r.Data), Page: j.Page, Source: j.Source, Kind: j.Kind, CSP: r.CSP}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return done, joinErrors(errs)
}

// Run renders every job of the model into out, in parallel, and then the
// files that describe the whole site. Render errors are added to diags.
func Run(m *Model, jobs []Job, out Output, diags *diag.List) (*Result, error) {
	pages := out
	var links *linkRecorder
	if !m.Opts.Preview {
		links = newLinkRecorder(out)
		pages = links
	}
	done, err := renderJobs(m, jobs, pages)
	files := make([]File, 0, len(done))
	for i := range done {
		diags.Merge(&done[i].diags)
		if done[i].file.Path == "" { // it failed: its error is in its diags
			if links != nil {
				links.all[jobs[i].Path] = nil // a link to it is not a second mistake
			}
			continue
		}
		files = append(files, done[i].file)
	}
	if err != nil {
		return nil, err
	}
	res := &Result{Cases: m.Cases}
	extra, err := finish(m, files, out, diags, res)
	if err != nil {
		return nil, err
	}
	if links != nil {
		for _, f := range extra {
			links.all[f.Path] = nil // not scanned: finish writes no pages
		}
		checkLinks(m, jobs, links, diags)
	}
	files = append(files, extra...)
	slices.SortFunc(files, byPath)
	res.Files = files
	for _, f := range files {
		res.Bytes += f.Size
		if f.Page {
			res.Pages++
		}
	}
	return res, nil
}

// joinErrors is errors.Join (one message a line), which keeps the causes
// for errors.Is (a full disk).
func joinErrors(errs []error) error { return errors.Join(errs...) }

// Build loads the site in dir, validates it and, when there are no errors,
// writes the output to dest atomically. It returns the diagnostics (errors
// and warnings); err is set when the build failed for any reason, and then
// dest is as it was before (Untouched), unless err is a *StateError.
// Content and render errors are always reported, also when dest is refused
// (the refusal is err).
func Build(dir, dest string, opts Options) (*Result, *diag.List, error) {
	if err := CheckSiteDir(dir); err != nil {
		d := &diag.List{}
		d.Errorf("", diag.Pos{}, "%v", err)
		return nil, d, d.Err()
	}
	var index *contentIndex
	if !opts.Preview {
		index = openContentIndex(opts.Cache, dir)
	}
	m, diags := load(sitefs.Dir(dir), opts, index)
	if m == nil {
		return nil, diags, diags.Err()
	}
	jobs := Plan(m, diags)
	if !diags.HasErrors() {
		m.cache = newJobCache(m, opts.Cache, dir)
	}
	// Every stage runs even after an error, into no output, so that one run
	// reports every problem; only a clean site is written. The destination
	// is checked either way, so its refusal comes with the content errors.
	var out Output = Discard{}
	var disk *DiskOutput
	var refusal error
	if dest != "" && !interrupted(opts) {
		oo := opts.Output
		oo.spare = opts.Cache != nil // a build with the job cache updates the spare (reuse_spare.go)
		disk, refusal = NewDiskOutput(dir, dest, oo)
		switch {
		case refusal != nil:
			disk = nil
		case diags.HasErrors():
			disk.Abort()
			disk = nil
		default:
			out = disk
			if opts.Context != nil {
				defer context.AfterFunc(opts.Context, disk.Abort)()
			}
		}
	}
	wrapped := wrapOutput(m, out)
	if m.cache != nil {
		m.cache.disk = disk
		if m.cache.rec, _ = wrapped.(*recorder); m.cache.rec != nil {
			m.cache.rec.jobs = m.cache
		}
	}
	res, err := Run(m, jobs, wrapped, diags)
	if res != nil {
		res.ContentKnown = m.known
	}
	if res != nil && m.cache != nil {
		hits, misses, linked := m.cache.Stats()
		res.JobsCached, res.JobsRendered, res.JobsLinked = int(hits), int(misses), int(linked)
		res.JobsCopies = int(m.cache.copied.Load())
	}
	if interrupted(opts) {
		if disk != nil {
			disk.Abort()
		}
		return nil, diags, fmt.Errorf("interrupted: %w", context.Cause(opts.Context))
	}
	if err == nil {
		err = diags.Err()
	}
	if err == nil {
		err = refusal
	} else if refusal != nil {
		err = &OutputError{Err: refusal}
	}
	if err != nil {
		if disk != nil {
			disk.Abort()
		}
		if errors.Is(err, syscall.ENOSPC) {
			err = fmt.Errorf("%w\nthe disk holding %s is full: free some space (a build needs room for the new output beside the previous one until the swap)", err, dest)
		}
		return nil, diags, err
	}
	if disk != nil {
		var cleanup *CleanupError
		if err := disk.Commit(); errors.As(err, &cleanup) {
			diags.Warnf("", diag.Pos{}, "%v", cleanup)
		} else if err != nil {
			return nil, diags, err
		}
	}
	m.cache.save()
	return res, diags, nil
}

// OutputError is a refusal of the output folder that comes with content
// errors: the caller reports both.
type OutputError struct{ Err error }

func (e *OutputError) Error() string { return e.Err.Error() }
func (e *OutputError) Unwrap() error { return e.Err }

// interrupted reports whether the build's context is done (a signal).
func interrupted(opts Options) bool { return opts.Context != nil && opts.Context.Err() != nil }

// CheckSiteDir reports a site folder that does not exist or is not a
// folder, in the words every command uses.
func CheckSiteDir(dir string) error {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("site folder %s does not exist or is not a folder: give an existing site with -s", dir)
	}
	return nil
}

// Discard is an Output that keeps nothing: signpost check.
type Discard struct{}

// Write does nothing.
func (Discard) Write(string, []byte) error { return nil }
