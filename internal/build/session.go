package build

// Rebuilds for the preview server (package preview).
//
// A Session keeps a site loaded between rebuilds. After some site files
// changed it reads only those again, through the loaders a build uses
// (sources), assembles the new Model and plans it in full (so duplicate
// URLs are found where a build finds them, in Plan), and then diffs the new
// model against the model of the last good output by key: a content file,
// a pathway file, a service or outcome by id, the list of services, what
// every page shares, the site (site.toml, layouts, assets), the linked
// stylesheet. It renders again exactly the jobs that read a key that
// changed (renderJobs records what each job reads), the jobs that are new,
// and those whose source changed; every other file stays as it was, with
// the diagnostics its job reported when it last ran. There are no
// dependency rules here: what a job depends on is what it read.
//
// A rebuild with errors changes nothing: the Session keeps the last good
// output and diffs against its model, so the rebuild that fixes the error
// renders everything changed since.

import (
	"bytes"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
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

// Session is a site kept loaded between rebuilds, for a preview build
// (Options.Preview). It is not safe for concurrent use: one goroutine
// rebuilds.
type Session struct {
	src  *sources
	sopt SessionOptions

	// The last good output.
	good      *Model
	goodStyle string                     // its linked stylesheet
	done      map[string]*doneJob        // output path -> the job that wrote it
	readers   map[string]map[string]bool // key -> output paths whose job read it
	files     []File                     // sorted by path
	jobs      []Job                      // its plan
	index     map[string]int             // output path -> its job in jobs
	noisy     map[string]bool            // output paths whose job reported diagnostics

	pending map[string]bool // content files read again since the last good output
}

// doneJob is what the Session keeps of a job of the last good output.
type doneJob struct {
	source string
	reads  []string
	diags  diag.List
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
	return &Session{src: newSources(fsys, opts), sopt: sopt, pending: map[string]bool{}}
}

// Model returns the model of the last good output, or nil.
func (s *Session) Model() *Model { return s.good }

// Rebuild brings the output up to date with the site after the given files
// (site-relative, slash-separated; files or folders) changed. A nil list,
// as for the first rebuild, reads everything again.
//
// An edit that leaves the site's files where they were (it changed what a
// page or pathway says, not which files there are or their URLs) costs
// what the edit needs, not what the site's size does: the plan of the last
// good output is kept with only the changed pages' jobs made again
// (replan), and only the jobs that read what changed are looked at.
func (s *Session) Rebuild(changed []string) *Update {
	var other []string
	style := false
	if changed != nil {
		other = []string{} // not nil: nil reads everything
	}
	for _, f := range changed {
		switch {
		case sitefs.IgnoredPath(f): // files editors leave (.swap, backups~) are no part of the site
		case f == assets.Dir+"/"+assets.SiteCSS && s.sopt.StyleFile != "":
			style = true
		default:
			other = append(other, f)
		}
	}
	for _, f := range s.src.reload(other) {
		s.pending[f] = true
	}
	var styleDiags *diag.List
	if style {
		styleDiags = s.src.reloadStyle()
	}
	m, found := s.src.model()
	diags := found.all()
	diags.Merge(styleDiags)
	if m == nil {
		return &Update{Full: true, Diags: diags}
	}
	s.prepare(m)
	jobs, undoPlan, same := s.replan(m)
	if !same {
		jobs = s.plan(m, diags)
	}
	broken := diags.HasErrors()

	// What to render: the jobs that read something that changed.
	all, dirty := s.diff(m)
	var run []int // indexes in jobs
	if same && !all {
		for p := range dirty {
			if i, ok := s.index[p]; ok {
				run = append(run, i)
			}
		}
		slices.Sort(run)
	} else {
		for i := range jobs {
			j := &jobs[i]
			prev := s.done[j.Path]
			if all || prev == nil || prev.source != j.Source || dirty[j.Path] {
				run = append(run, i)
			}
		}
	}
	toRun := make([]Job, len(run))
	for k, i := range run {
		toRun[k] = jobs[i]
	}
	out := NewMemOutput()
	var dest Output = out
	if broken {
		dest = Discard{} // only the diagnostics are wanted
	}
	wrapped := wrapOutput(m, dest)
	results, err := renderJobs(m, toRun, wrapped)
	if err != nil {
		diags.Errorf("", diag.Pos{}, "%v", err)
	}
	ranPath := make(map[string]bool, len(toRun))
	for k := range results {
		ranPath[toRun[k].Path] = true
		diags.Merge(&results[k].diags)
	}
	var planned map[string]bool // the output paths of a plan that is not the last good output's
	if !same {
		planned = make(map[string]bool, len(jobs))
		for _, j := range jobs {
			planned[j.Path] = true
		}
	}
	// The diagnostics of the jobs not run again: those that had any.
	for p := range s.noisy {
		if !ranPath[p] && (same || planned[p]) {
			diags.Merge(&s.done[p].diags)
		}
	}

	// Output files that are no longer made.
	var gone []string
	if !same {
		for p := range s.done {
			if !planned[p] {
				gone = append(gone, p)
			}
		}
		slices.Sort(gone)
	}
	// The finishing stage sees every file of the site, as in a build. When
	// the files are those of the last good output they are replaced in
	// place (and put back if this rebuild fails).
	var files []File
	undoFiles := func() {}
	if same {
		files = s.files
		var saved []File
		for _, r := range results {
			if i, ok := slices.BinarySearchFunc(files, r.file, byPath); ok && r.file.Path != "" {
				saved = append(saved, files[i])
				files[i] = r.file
			}
		}
		undoFiles = func() {
			for _, f := range saved {
				upsert(s.files, f)
			}
		}
	} else {
		files = slices.Clone(s.files)
		for _, r := range results {
			files = upsert(files, r.file)
		}
		files = slices.DeleteFunc(files, func(f File) bool { _, found := slices.BinarySearch(gone, f.Path); return found })
	}
	extra, err := finish(m, files, wrapped, diags, &Result{})
	if err != nil {
		diags.Errorf("", diag.Pos{}, "%v", err)
	}
	u := &Update{Diags: diags}
	if diags.HasErrors() {
		undoFiles()
		undoPlan()
		return u
	}
	for _, f := range extra {
		files = upsert(files, f)
	}

	// Apply: this is now the last good output.
	if s.done == nil || all {
		s.done, s.readers, s.noisy = map[string]*doneJob{}, map[string]map[string]bool{}, map[string]bool{}
	}
	for _, p := range gone {
		s.forget(p)
	}
	for i, r := range results {
		j := toRun[i]
		s.forget(j.Path)
		s.done[j.Path] = &doneJob{source: j.Source, reads: r.reads, diags: r.diags}
		if r.diags.Len() > 0 {
			s.noisy[j.Path] = true
		}
		for _, k := range r.reads {
			if s.readers[k] == nil {
				s.readers[k] = map[string]bool{}
			}
			s.readers[k][j.Path] = true
		}
	}
	if !same {
		s.index = make(map[string]int, len(jobs))
		for i, j := range jobs {
			s.index[j.Path] = i
		}
	}
	u.Full = len(toRun) == len(jobs)
	u.StyleOnly = !u.Full && len(toRun) == 1 && toRun[0].Path == s.sopt.StyleFile
	u.Jobs = len(toRun)
	u.Written = out.Files()
	u.Removed = gone
	s.files = files
	s.jobs = jobs
	s.good = m
	s.goodStyle = m.Assets.Style.Code
	s.pending = map[string]bool{}
	return u
}

// replan returns the plan of m made from the plan of the last good output
// when m has the output files that model had: the same site (site.toml,
// layouts, assets), the same services (the area pages come from them), and
// the same content pages and pathways in the same order, each from the
// same file to the same URL. It makes the jobs of the pages and pathways
// read again anew and keeps the others; undo puts the last good plan back.
// same is false when m's files may differ: then Plan decides.
func (s *Session) replan(m *Model) (jobs []Job, undo func(), same bool) {
	g, jobs := s.good, s.jobs
	undo = func() {}
	if g == nil || jobs == nil || m.Renderer != g.Renderer || m.Assets != g.Assets || m.Config != g.Config ||
		len(m.Content.Pages) != len(g.Content.Pages) || len(m.Pathways) != len(g.Pathways) ||
		!maps.Equal(m.Content.Services, g.Content.Services) {
		return nil, undo, false
	}
	// Plan's order: the generated files, the pathways, the pages, the
	// assets, then the preview's stylesheet.
	pagesAt := len(jobs) - len(m.Assets.Files()) - len(m.Content.Pages)
	if s.sopt.StyleFile != "" {
		pagesAt--
	}
	pathwaysAt := pagesAt - len(m.Pathways)
	if pathwaysAt < 0 {
		return nil, undo, false
	}
	type patch struct {
		i   int
		job Job
	}
	var saved []patch
	undo = func() {
		for _, p := range saved {
			jobs[p.i] = p.job
		}
	}
	put := func(i int, source string, j Job) bool {
		if jobs[i].Source != source || jobs[i].Path != j.Path {
			return false
		}
		saved = append(saved, patch{i, jobs[i]})
		jobs[i] = j
		return true
	}
	for i, p := range m.Pathways {
		if old := g.Pathways[i]; p != old && (p.ID != old.ID || !put(pathwaysAt+i, old.File, pathwayJob(p))) {
			undo()
			return nil, func() {}, false
		}
	}
	for i, p := range m.Content.Pages {
		if old := g.Content.Pages[i]; p != old && (p.File != old.File || p.URL != old.URL || p.Kind != old.Kind || !put(pagesAt+i, old.File, pageJob(p))) {
			undo()
			return nil, func() {}, false
		}
	}
	return jobs, undo, true
}

// forget drops what the Session knows of the job that wrote path p.
func (s *Session) forget(p string) {
	d := s.done[p]
	if d == nil {
		return
	}
	for _, k := range d.reads {
		delete(s.readers[k], p)
		if len(s.readers[k]) == 0 {
			delete(s.readers, k)
		}
	}
	delete(s.done, p)
	delete(s.noisy, p)
}

// diff compares m with the model of the last good output. all is true
// when what every job reads changed (the site, or what every page
// shares); otherwise dirty holds the output paths of the jobs that read a
// key that changed.
func (s *Session) diff(m *Model) (all bool, dirty map[string]bool) {
	g := s.good
	if g == nil || g.Renderer != m.Renderer {
		return true, nil
	}
	oldCommon, newCommon := *g.Common, *m.Common
	oldCommon.Pathways, newCommon.Pathways = nil, nil
	if !reflect.DeepEqual(oldCommon, newCommon) {
		return true, nil
	}
	changed := []string{}
	for f := range s.pending {
		changed = append(changed, f)
	}
	if !reflect.DeepEqual(g.Common.Pathways, m.Common.Pathways) {
		changed = append(changed, keyPathwayList)
	}
	if m.Assets.Style.Code != s.goodStyle {
		changed = append(changed, keyStyle)
	}
	services := changedPages(g.Content.Services, m.Content.Services, content.ServiceKey)
	if len(services) > 0 {
		changed = append(changed, content.ServicesKey)
	}
	changed = append(changed, services...)
	changed = append(changed, changedPages(g.Content.Outcomes, m.Content.Outcomes, content.OutcomeKey)...)
	if !slices.Equal(g.loaded, m.loaded) {
		byFile := map[string]*pathway.Pathway{}
		for _, p := range g.loaded {
			byFile[p.File] = p
		}
		for _, p := range m.loaded {
			if byFile[p.File] != p {
				changed = append(changed, p.File)
			}
		}
	}
	dirty = map[string]bool{}
	for _, k := range changed {
		for p := range s.readers[k] {
			dirty[p] = true
		}
	}
	return false, dirty
}

// changedPages returns the keys of the ids whose page differs between two
// indexes of a content set.
func changedPages(old, now map[string]*content.Page, key func(string) string) []string {
	var keys []string
	for id, p := range now {
		if old[id] != p {
			keys = append(keys, key(id))
		}
	}
	for id := range old {
		if _, ok := now[id]; !ok {
			keys = append(keys, key(id))
		}
	}
	return keys
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
		jobs = append(jobs, Job{Path: s.sopt.StyleFile, needs: []string{keyStyle}, render: func(m *Model, _ *diag.List) (Rendered, error) {
			return bytesOf([]byte(m.Assets.Style.Code), nil)
		}})
	}
	return jobs
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
