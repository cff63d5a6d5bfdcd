// Package build runs the pipeline that turns a site folder into its output:
//
//	load     site.toml, content/, pathways/, assets/, layouts/ -> Model
//	validate every rule of the content model, all errors collected
//	plan     one Job per output file; duplicate URLs are errors
//	render   jobs in parallel, each page streamed to the Output as it is done
//	finish   files that need the whole site (sitemap, robots.txt, ...)
//	write    into a temporary folder, swapped in only when complete
//
// `signpost build`, `signpost check` and the preview server all run this one
// pipeline; they differ only in the Output they give it (disk, nothing,
// memory). A build with content errors writes nothing and leaves the
// previous output as it was.
package build

import (
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/cases"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
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
}

// Load reads and validates the site in fsys. It returns the model and every
// diagnostic; the model is nil when the configuration cannot be read.
func Load(fsys fs.FS, opts Options) (*Model, *diag.List) {
	m, found := load(fsys, opts)
	return m, found.all()
}

// loadDiags are Load's diagnostics by the sources they are about. A Session
// keeps them apart between rebuilds, so that rereading some sources
// replaces their diagnostics and keeps the others'.
type loadDiags struct {
	site     diag.List // site.toml, assets/, layouts/: until the next full load
	content  diag.List // content.Load: each content file's own, and its signposts
	pathways diag.List // loadPathways: each pathway file's
	reach    diag.List // warnUnreached: outcomes no pathway reaches
}

func (l *loadDiags) all() *diag.List {
	all := &diag.List{}
	for _, d := range []*diag.List{&l.site, &l.content, &l.pathways, &l.reach} {
		all.Merge(d)
	}
	return all
}

func load(fsys fs.FS, opts Options) (*Model, *loadDiags) {
	found := &loadDiags{}
	cfg := config.Load(fsys, &found.site)
	if cfg == nil {
		return nil, found
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	} else if !opts.Preview {
		cfg.RequireBaseURL(&found.site)
	}
	m := &Model{Config: cfg, Opts: opts}
	m.Content = content.Load(fsys, content.Options{Drafts: opts.Drafts, Phones: cfg.Phones}, &found.content)
	m.Pathways, m.loaded, m.Cases = loadPathways(fsys, m.Content, cfg, opts.NoCases, &found.pathways)
	if !found.pathways.HasErrors() { // a pathway that failed to load may reach any outcome
		warnUnreached(m.Content, m.loaded, &found.reach)
	}
	if !opts.Preview {
		checkApprovals(fsys, m, opts.Release, &found.site)
	}
	m.Assets = assets.Load(fsys, cfg.Budget.Page, &found.site)
	m.Renderer = render.New(render.Options{Site: cfg, Layouts: fsys, Assets: m.Assets, Preview: opts.Preview}, &found.site)
	m.Common = common(m)
	return m, found
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
		if pos, ok := diag.FirstInvalidUTF8(src); !ok {
			diags.Errorf(file, pos, "the file is not UTF-8 text: save it as UTF-8")
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

func common(m *Model) *render.Common {
	c := &render.Common{}
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
type Job struct {
	Path   string    // output path, slash-separated, no leading slash
	Source string    // the site file it comes from; "" when generated
	Page   bool      // an HTML page (counts against the page budget, listed in the sitemap)
	Kind   site.Kind // an HTML page's kind; zero for other files
	render func(m *Model, diags *diag.List) (Rendered, error)
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
// the same file are errors.
func Plan(m *Model, diags *diag.List) []Job {
	var jobs []Job
	owner := map[string]string{}
	add := func(j Job) {
		if prev, dup := owner[j.Path]; dup {
			diags.Errorf(j.Source, diag.Pos{}, "this page's URL /%s is already used by %s: rename one of the two", strings.TrimSuffix(j.Path, "index.html"), prev)
			return
		}
		who := j.Source
		if who == "" {
			who = "a page signpost makes (/" + strings.TrimSuffix(j.Path, "index.html") + ")"
		}
		owner[j.Path] = who
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
		add(Job{Path: pagePath(site.PathwayURL(p.ID)), Source: p.File, Page: true, Kind: site.Pathway, render: func(m *Model, d *diag.List) (Rendered, error) {
			return pageOf(m.Renderer.PathwayPage(p, m.Content, m.Common, d))
		}})
	}
	for _, p := range m.Content.Pages {
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
			}
			j.render = func(m *Model, d *diag.List) (Rendered, error) { return pageOf(m.Renderer.Ordinary(p, m.Common, d)) }
		}
		add(j)
	}
	for _, f := range m.Assets.Files() {
		add(Job{Path: f.Path, Source: f.Source, render: func(*Model, *diag.List) (Rendered, error) { return bytesOf(f.Data, nil) }})
	}
	return jobs
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
	PrecacheGzip int    // gzip bytes of the service worker's precache; 0 without one
}

// renderJobs renders jobs in parallel, one worker a core, writing each
// file to out as soon as it is rendered; files[i] is what job i wrote.
// signpost build and the preview's incremental rebuilds both use it.
func renderJobs(m *Model, jobs []Job, out Output, diags *diag.List) ([]File, error) {
	files := make([]File, len(jobs))
	errs := make([]error, len(jobs))
	jobDiags := make([]diag.List, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(len(jobs), max(1, runtime.GOMAXPROCS(0))) {
		wg.Go(func() {
			for i := range next {
				j := jobs[i]
				r, err := j.render(m, &jobDiags[i])
				if err == nil {
					err = out.Write(j.Path, r.Data)
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", j.Path, err)
					continue
				}
				files[i] = File{Path: j.Path, Size: len(r.Data), Page: j.Page, Source: j.Source, Kind: j.Kind, CSP: r.CSP}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range jobDiags {
		diags.Merge(&jobDiags[i])
	}
	return files, joinErrors(errs)
}

// Run renders every job of the model into out, in parallel, and then the
// files that describe the whole site. Render errors are added to diags.
func Run(m *Model, jobs []Job, out Output, diags *diag.List) (*Result, error) {
	files, err := renderJobs(m, jobs, out, diags)
	if err != nil {
		return nil, err
	}
	res := &Result{Cases: m.Cases}
	extra, err := finish(m, files, out, diags, res)
	if err != nil {
		return nil, err
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

func joinErrors(errs []error) error {
	var msgs []string
	for _, e := range errs {
		if e != nil {
			msgs = append(msgs, e.Error())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

// Build loads the site in dir, validates it and, when there are no errors,
// writes the output to dest atomically. It returns the diagnostics (errors
// and warnings); err is set when the build failed for any reason.
func Build(dir, dest string, opts Options) (*Result, *diag.List, error) {
	if err := CheckSiteDir(dir); err != nil {
		d := &diag.List{}
		d.Errorf("", diag.Pos{}, "%v", err)
		return nil, d, d.Err()
	}
	m, diags := Load(sitefs.Dir(dir), opts)
	if m == nil {
		return nil, diags, diags.Err()
	}
	jobs := Plan(m, diags)
	// Every stage runs even after an error, into no output, so that one run
	// reports every problem; only a clean site is written.
	var out Output = Discard{}
	var disk *DiskOutput
	if dest != "" && !diags.HasErrors() {
		var err error
		if disk, err = NewDiskOutput(dir, dest); err != nil {
			return nil, diags, err
		}
		out = disk
	}
	res, err := Run(m, jobs, wrapOutput(m, out), diags)
	if err == nil {
		err = diags.Err()
	}
	if err != nil {
		if disk != nil {
			disk.Abort()
		}
		return nil, diags, err
	}
	if disk != nil {
		if err := disk.Commit(); err != nil {
			return nil, diags, err
		}
	}
	return res, diags, nil
}

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
