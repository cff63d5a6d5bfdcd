package build

// Incremental rebuilds, for the preview server (package preview).
//
// A Session keeps a site loaded between rebuilds and turns a list of changed
// site files into the smallest set of jobs that leaves the output exactly as
// a fresh build of the same sources would (the tests check this file by
// file). It enters the same pipeline as a build (Load, Plan, the jobs'
// renders, finish); it only chooses which jobs to run:
//
//	site.toml, layouts/, assets/  a full rebuild (Load, Plan, Run)
//	assets/site.css alone         the stylesheet only, when the preview links
//	                              it (SessionOptions.StyleFile): no page changes
//	content/**                    the changed files are parsed again; then the
//	                              jobs of those files, every generated job
//	                              (Source ""), the outcome pages that signpost a
//	                              changed service, the pathway pages that reach
//	                              a changed outcome, the home page when the
//	                              pathway list changed, and every page when
//	                              what all pages share (render.Common) changed
//	pathways/**                   every pathway is loaded again (there are few);
//	                              the jobs of the changed ones are run
//
// A rebuild with errors changes nothing: the Session keeps the last good
// output and remembers every file changed since, so the rebuild that fixes
// the error renders everything those changes touched.

import (
	"bytes"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/render"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// MemOutput is an Output that keeps every file in memory.
type MemOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemOutput returns an empty MemOutput.
func NewMemOutput() *MemOutput { return &MemOutput{files: map[string][]byte{}} }

// Write keeps a copy of data under path p.
func (o *MemOutput) Write(p string, data []byte) error {
	if err := checkOutputPath(p); err != nil {
		return err
	}
	o.mu.Lock()
	o.files[p] = bytes.Clone(data)
	o.mu.Unlock()
	return nil
}

// Files returns the files written so far. The caller must not write to the
// output after calling it.
func (o *MemOutput) Files() map[string][]byte {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.files
}

// SessionOptions are what the preview adds to a build.
type SessionOptions struct {
	// ScriptURLs are loaded by every page (the live-reload script).
	ScriptURLs []string
	// StyleFile, when set, is the output path of the stylesheet (such as
	// "_signpost/style.css"): pages link it instead of inlining it, so that
	// a change to assets/site.css needs no page to change.
	StyleFile string
}

// Session is a site kept loaded between rebuilds. It is not safe for
// concurrent use: one goroutine rebuilds.
type Session struct {
	fsys fs.FS
	opts Options
	sopt SessionOptions

	good      *Model          // the model of the last good output; nil before it
	files     []File          // the last good output, sorted by path
	generated map[string]bool // its files made by signpost from the whole site (jobs with no Source)
	needFull  bool            // the next rebuild must be a full one

	// The sources as they are now, which may have errors.
	pages      map[string]*content.Page // content file -> its page, when it parses and is built
	ordered    []*content.Page          // the pages, in the order content.Load walks them
	byURL      map[string][]string      // URL -> the files of the pages that have it
	siteDiags  *diag.List               // site.toml's, assets/ and layouts/ (read by full rebuilds only)
	fileDiags  map[string]*diag.List    // content file or folder -> its own diagnostics
	pathways   []*pathway.Pathway
	loaded     []*pathway.Pathway       // valid pathways, also over the route limit
	pwDiags    *diag.List               // the pathway files'
	pwOutcomes map[string]*content.Page // the outcomes the pathways were loaded against
	pending    map[string]bool          // site files changed since the last good output
}

// Update says what one rebuild did.
type Update struct {
	Full      bool              // everything was rendered again
	StyleOnly bool              // only the linked stylesheet changed
	Written   map[string][]byte // new or changed output files
	Removed   []string          // output files that no longer exist
	Jobs      int               // jobs rendered
	Diags     *diag.List        // every diagnostic of the sources as they are now
}

// OK reports whether the rebuild was applied: the sources have no errors.
func (u *Update) OK() bool { return !u.Diags.HasErrors() }

// NewSession prepares a session; nothing is read until the first Rebuild.
func NewSession(fsys fs.FS, opts Options, sopt SessionOptions) *Session {
	return &Session{fsys: fsys, opts: opts, sopt: sopt, needFull: true}
}

// Model returns the model of the last good output, or nil.
func (s *Session) Model() *Model { return s.good }

// Rebuild brings the output up to date with the site after the given files
// (site-relative, slash-separated; files or folders) changed. A nil list,
// or any change after a rebuild that could not load the site, rebuilds
// everything.
func (s *Session) Rebuild(changed []string) *Update {
	if changed == nil || s.needFull || s.good == nil {
		return s.full()
	}
	// Files editors leave (.swap, backups~) are no part of the site.
	changed = slices.DeleteFunc(slices.Clone(changed), ignoredPath)
	for f := range s.pending {
		if a := area(f); a == areaStyle || a == areaFull {
			return s.full() // a stylesheet that would not build is still waiting
		}
	}
	var contentChanged, pathwaysChanged, styleChanged, other bool
	for _, f := range changed {
		switch area(f) {
		case areaContent:
			contentChanged = true
		case areaPathways:
			pathwaysChanged = true
		case areaStyle:
			styleChanged = true
		case areaFull:
			other = true
		}
	}
	if other || styleChanged && (s.sopt.StyleFile == "" || contentChanged || pathwaysChanged || len(s.pending) > 0) {
		return s.full()
	}
	if styleChanged {
		return s.style()
	}
	if !contentChanged && !pathwaysChanged {
		return &Update{Diags: s.currentDiags(nil)} // nothing the site is made of
	}
	for _, f := range changed {
		switch area(f) {
		case areaContent:
			s.pending[f] = true
			s.reloadContent(f)
		case areaPathways:
			s.pending[f] = true
		}
	}
	return s.incremental(pathwaysChanged)
}

// ignoredPath reports whether a site file, or a folder it is in, is one
// the loaders skip (sitefs.Ignored).
func ignoredPath(f string) bool { return sitefs.IgnoredPath(f) }

type siteArea int

const (
	areaNone siteArea = iota
	areaContent
	areaPathways
	areaStyle
	areaFull
)

func area(f string) siteArea {
	top, _, _ := strings.Cut(f, "/")
	switch {
	case f == assets.Dir+"/"+assets.SiteCSS:
		return areaStyle
	case f == config.File || top == render.LayoutsDir || top == assets.Dir:
		return areaFull
	case top == content.Dir:
		return areaContent
	case top == PathwaysDir:
		return areaPathways
	}
	return areaNone
}

// full loads, plans and renders the whole site.
func (s *Session) full() *Update {
	m, found := load(s.fsys, s.opts)
	diags := found.all()
	u := &Update{Full: true, Diags: diags}
	if m == nil {
		s.needFull = true
		return u
	}
	s.prepare(m)
	jobs := s.plan(m, diags)
	out := NewMemOutput()
	res, err := Run(m, jobs, wrapOutput(m, out), diags)
	if err != nil {
		diags.Errorf("", diag.Pos{}, "%v", err)
	}
	if diags.HasErrors() {
		s.needFull = true
		return u
	}
	u.Jobs = len(jobs)
	u.Written = out.Files()
	for _, f := range s.files { // the previous output's files that are gone
		if _, ok := u.Written[f.Path]; !ok {
			u.Removed = append(u.Removed, f.Path)
		}
	}
	s.good = m
	s.generated = map[string]bool{}
	for _, j := range jobs {
		if j.Source == "" {
			s.generated[j.Path] = true
		}
	}
	s.needFull = false
	s.pending = map[string]bool{}
	s.pages = map[string]*content.Page{}
	s.byURL = map[string][]string{}
	s.ordered = slices.Clone(m.Content.Pages)
	slices.SortFunc(s.ordered, byWalkOrder)
	for _, p := range m.Content.Pages {
		s.pages[p.File] = p
		s.byURL[p.URL] = append(s.byURL[p.URL], p.File)
	}
	s.files = slices.Clone(res.Files)
	// The warnings of this load stay until their sources are read again
	// (errors would have failed it). Outcomes no pathway reaches are
	// worked out again on every rebuild.
	s.siteDiags = &found.site
	s.fileDiags = map[string]*diag.List{}
	for _, d := range found.content.Sorted() {
		s.addDiag(d.File).Add(d)
	}
	s.pathways, s.loaded = m.Pathways, m.loaded
	s.pwDiags = &found.pathways
	s.pwOutcomes = m.Content.Outcomes
	return u
}

// prepare adds what the preview needs to a loaded model.
func (s *Session) prepare(m *Model) {
	m.Common.ScriptURLs = append(m.Common.ScriptURLs, s.sopt.ScriptURLs...)
	if s.sopt.StyleFile != "" {
		m.Assets.StyleURL = "/" + s.sopt.StyleFile
	}
}

// plan is Plan plus the linked stylesheet.
func (s *Session) plan(m *Model, diags *diag.List) []Job {
	jobs := Plan(m, diags)
	if s.sopt.StyleFile != "" {
		jobs = append(jobs, Job{Path: s.sopt.StyleFile, render: func(m *Model, _ *diag.List) (Rendered, error) {
			return bytesOf([]byte(m.Assets.Style.Code), nil)
		}})
	}
	return jobs
}

// style rebuilds the linked stylesheet after assets/site.css changed. When
// the change reaches further (the assets' files differ), it rebuilds all.
func (s *Session) style() *Update {
	diags := &diag.List{}
	set := assets.Load(s.fsys, s.good.Config.Budget.Page, diags)
	if diags.HasErrors() {
		s.pending[assets.Dir+"/"+assets.SiteCSS] = true
		return &Update{Diags: s.currentDiags(diags)}
	}
	old := s.good.Assets.Files()
	if len(old) != len(set.Files()) {
		return s.full()
	}
	for i, f := range set.Files() {
		if f.Path != old[i].Path {
			return s.full()
		}
	}
	s.good.Assets.Style = set.Style
	data := []byte(set.Style.Code)
	s.files = upsert(s.files, File{Path: s.sopt.StyleFile, Size: len(data)})
	return &Update{StyleOnly: true, Jobs: 1, Written: map[string][]byte{s.sopt.StyleFile: data}, Diags: s.currentDiags(diags)}
}

// reloadContent reads the content file or folder f again.
func (s *Session) reloadContent(f string) {
	// Forget f and everything under it; then read back what exists.
	for k := range s.fileDiags {
		if k == f || strings.HasPrefix(k, f+"/") {
			delete(s.fileDiags, k)
		}
	}
	if _, ok := s.pages[f]; ok {
		s.removePage(f)
	} else {
		var gone []string
		for _, p := range s.ordered {
			if strings.HasPrefix(p.File, f+"/") {
				gone = append(gone, p.File)
			}
		}
		for _, k := range gone {
			s.removePage(k)
			s.pending[k] = true
		}
	}
	// A file in an ignored or misnamed folder is not read (content.Load
	// skips the folder; the folder's own event reports a bad name).
	parts := strings.Split(f, "/")
	for i, part := range parts[1 : len(parts)-1] {
		if sitefs.Ignored(part) || !sitefs.IsSlug(part) {
			if !sitefs.Ignored(part) {
				s.reloadContent(strings.Join(parts[:i+2], "/"))
			}
			return
		}
	}
	info, err := fs.Lstat(s.fsys, f)
	if err != nil {
		return // removed
	}
	if f == content.Dir {
		if info.IsDir() {
			s.walkContent(f)
		}
		return
	}
	d := fs.FileInfoToDirEntry(info)
	if info.IsDir() {
		s.walkContent(f)
		return
	}
	s.loadContentFile(f, d)
}

func (s *Session) walkContent(dir string) {
	err := fs.WalkDir(s.fsys, dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			s.addDiag(file).Errorf(file, diag.Pos{}, "cannot read: %v", err)
			return nil
		}
		if file != content.Dir && !s.loadContentFile(file, d) && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
	if err != nil && dir == content.Dir {
		s.addDiag(dir).Errorf(content.Dir, diag.Pos{}, "cannot read the content folder: %v", err)
	}
}

// loadContentFile does for one file or folder of content/ what content.Load
// does: checks it (sitefs.Content.Check) and reads a Markdown file. It
// reports whether a folder is to be entered.
func (s *Session) loadContentFile(file string, d fs.DirEntry) (enter bool) {
	msg, skip := sitefs.Content.Check(file, d)
	if msg != "" {
		s.addDiag(file).Errorf(file, diag.Pos{}, "%s", msg)
	}
	if skip || d.IsDir() {
		return !skip
	}
	s.pending[file] = true
	src, err := sitefs.Content.Read(s.fsys, file)
	if err != nil {
		s.addDiag(file).Errorf(file, diag.Pos{}, "%v", err)
		return false
	}
	var local diag.List
	p := content.Parse(file, src, s.good.Config.Phones, &local)
	if local.Len() > 0 {
		s.fileDiags[file] = &local
	}
	if p != nil && (!p.Draft || s.opts.Drafts) {
		s.addPage(p)
	}
	return false
}

func (s *Session) addDiag(key string) *diag.List {
	l := s.fileDiags[key]
	if l == nil {
		l = &diag.List{}
		s.fileDiags[key] = l
	}
	return l
}

func (s *Session) addPage(p *content.Page) {
	i, found := slices.BinarySearchFunc(s.ordered, p, byWalkOrder)
	if found {
		s.ordered[i] = p
	} else {
		s.ordered = slices.Insert(s.ordered, i, p)
		s.byURL[p.URL] = append(s.byURL[p.URL], p.File)
	}
	s.pages[p.File] = p
}

func (s *Session) removePage(file string) {
	if p, ok := s.pages[file]; ok {
		s.byURL[p.URL] = slices.DeleteFunc(s.byURL[p.URL], func(f string) bool { return f == file })
		if len(s.byURL[p.URL]) == 0 {
			delete(s.byURL, p.URL)
		}
	}
	delete(s.pages, file)
	if i, ok := slices.BinarySearchFunc(s.ordered, &content.Page{File: file}, byWalkOrder); ok {
		s.ordered = slices.Delete(s.ordered, i, i+1)
	}
}

func byWalkOrder(a, b *content.Page) int { return walkOrder(a.File, b.File) }

// walkOrder orders files as fs.WalkDir meets them: by path element.
func walkOrder(a, b string) int {
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

// contentSet assembles the pages as they are now into a content.Set.
func (s *Session) contentSet(diags *diag.List) *content.Set {
	set := content.NewSet(slices.Clone(s.ordered))
	set.Failed = map[string]bool{}
	for file, l := range s.fileDiags {
		if l.HasErrors() && strings.HasPrefix(file, content.Dir+"/") {
			set.Failed[file] = true
		}
	}
	set.CheckReferences(diags)
	return set
}

// currentDiags is every diagnostic of the sources as they are now, with
// extra.
func (s *Session) currentDiags(extra *diag.List) *diag.List {
	all := &diag.List{}
	all.Merge(s.siteDiags)
	for _, l := range s.fileDiags {
		all.Merge(l)
	}
	all.Merge(s.pwDiags)
	all.Merge(extra)
	return all
}

// incremental rebuilds after content or pathway files changed.
func (s *Session) incremental(pathwaysChanged bool) *Update {
	cross := &diag.List{}
	set := s.contentSet(cross)
	// Pathways refer to outcomes by id only: they are loaded again when a
	// pathway file or the set of outcome ids changed.
	if pathwaysChanged || !sameOutcomes(set.Outcomes, s.pwOutcomes) {
		pd := &diag.List{}
		s.pathways, s.loaded, _ = loadPathways(s.fsys, set, s.good.Config, s.opts.NoCases, pd)
		s.pwDiags = pd
		s.pwOutcomes = set.Outcomes
	}
	if !s.pwDiags.HasErrors() { // as load: a broken pathway may reach any outcome
		warnUnreached(set, s.loaded, cross)
	}

	m := &Model{}
	*m = *s.good
	m.Content = set
	m.Pathways, m.loaded = s.pathways, s.loaded
	m.Common = common(m)
	s.prepare(m)

	// What to render: when what every page shares changed, everything.
	old := *s.good.Common
	now := *m.Common
	homeToo := !reflect.DeepEqual(old.Pathways, now.Pathways)
	old.Pathways, now.Pathways = nil, nil
	all := !reflect.DeepEqual(old, now)
	sources, gone := s.affected(set, homeToo)

	// Plan: the whole site when everything is rendered; otherwise a model
	// of the pages to render, every service and outcome (what generated
	// files are made from) and every pathway, so that planning does not
	// grow with the number of ordinary pages. Pages that only clash with
	// each other are checked here, as Plan would.
	var jobs []Job
	if all {
		jobs = s.plan(m, cross)
	} else {
		part := *m
		part.Content = &content.Set{Outcomes: set.Outcomes, Services: set.Services}
		for _, p := range set.Pages {
			if sources[p.File] || p.Kind == content.OutcomePage || p.Kind == content.ServicePage {
				part.Content.Pages = append(part.Content.Pages, p)
			}
		}
		jobs = s.plan(&part, cross)
		s.checkURLs(cross)
	}
	u := &Update{Diags: s.currentDiags(cross)}
	if u.Diags.HasErrors() {
		return u
	}

	// Generated files that are no longer made (a services-by-area page
	// whose last local service went national).
	for p := range s.generated {
		gone[p] = true
	}
	generated := map[string]bool{}
	var files []File
	var run []Job
	for _, j := range jobs {
		delete(gone, j.Path)
		if j.Source == "" {
			generated[j.Path] = true
		}
		if all || j.Source == "" || sources[j.Source] {
			run = append(run, j)
		}
	}
	out := NewMemOutput()
	wrapped := wrapOutput(m, out)
	renderDiags := &diag.List{}
	rendered, err := renderJobs(m, run, wrapped, renderDiags)
	if err != nil {
		renderDiags.Errorf("", diag.Pos{}, "%v", err)
	}
	if !renderDiags.HasErrors() {
		// The finishing stage sees every file of the site, as in a build.
		files = slices.Clone(s.files)
		for _, f := range rendered {
			files = upsert(files, f)
		}
		files = slices.DeleteFunc(files, func(f File) bool { return gone[f.Path] })
		extra, err := finish(m, files, wrapped, renderDiags, &Result{})
		if err != nil {
			renderDiags.Errorf("", diag.Pos{}, "%v", err)
		}
		for _, f := range extra {
			files = upsert(files, f)
		}
	}
	u.Diags.Merge(renderDiags)
	if u.Diags.HasErrors() {
		return u
	}
	u.Full = all
	u.Jobs = len(run)
	u.Written = out.Files()
	for p := range gone { // files already has none of them
		if _, found := slices.BinarySearchFunc(s.files, File{Path: p}, byPath); found {
			u.Removed = append(u.Removed, p)
		}
	}
	slices.Sort(u.Removed)
	s.files = files
	s.good = m
	s.generated = generated
	s.pending = map[string]bool{}
	return u
}

// affected returns the sources whose jobs must run after the pending
// changes, and the output files of changed sources that may no longer be
// made.
func (s *Session) affected(set *content.Set, homeToo bool) (sources, gone map[string]bool) {
	services, outcomes := map[string]bool{}, map[string]bool{}
	sources, gone = map[string]bool{}, map[string]bool{}
	for f := range s.pending {
		sources[f] = true
		switch area(f) {
		case areaContent:
			kind, id, url, msg := content.Locate(f)
			if msg != "" {
				continue
			}
			switch kind {
			case content.ServicePage:
				services[id] = true
			case content.OutcomePage:
				outcomes[id] = true
			}
			gone[pagePath(url)] = true
			// Another page may now own the URL (a.md and a/index.md).
			for _, g := range s.byURL[url] {
				sources[g] = true
			}
		case areaPathways:
			gone[pagePath(site.PathwayURL(strings.TrimSuffix(path.Base(f), ".toml")))] = true
		}
	}
	if len(services) > 0 {
		for id, p := range set.Outcomes {
			if slices.ContainsFunc(p.Outcome.Signposts, func(sp string) bool { return services[sp] }) {
				outcomes[id] = true
			}
		}
	}
	for id := range outcomes {
		if p, ok := set.Outcomes[id]; ok {
			sources[p.File] = true
		}
	}
	for _, p := range s.pathways {
		if len(outcomes) > 0 && slices.ContainsFunc(p.Outcomes(), func(id string) bool { return outcomes[id] }) {
			sources[p.File] = true
		}
	}
	if home := set.Home(); homeToo && home != nil {
		sources[home.File] = true
	}
	return sources, gone
}

// checkURLs reports changed pages whose URL another page has too, as Plan
// does: the later file in walk order is reported.
func (s *Session) checkURLs(diags *diag.List) {
	for f := range s.pending {
		p, ok := s.pages[f]
		if !ok {
			continue
		}
		files := s.byURL[p.URL]
		if len(files) < 2 {
			continue
		}
		sorted := slices.SortedFunc(slices.Values(files), walkOrder)
		for _, g := range sorted[1:] {
			diags.Errorf(g, diag.Pos{}, "this page's URL %s is already used by %s: rename one of the two", p.URL, sorted[0])
		}
	}
}

func sameOutcomes(a, b map[string]*content.Page) bool {
	if len(a) != len(b) {
		return false
	}
	for id := range a {
		if _, ok := b[id]; !ok {
			return false
		}
	}
	return true
}

func byPath(a, b File) int { return strings.Compare(a.Path, b.Path) }

// upsert puts f into files, sorted by path, replacing a file of that path.
func upsert(files []File, f File) []File {
	i, found := slices.BinarySearchFunc(files, f, byPath)
	if found {
		files[i] = f
		return files
	}
	return slices.Insert(files, i, f)
}
