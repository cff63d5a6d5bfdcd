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
	jobs := s.plan(m, diags)
	broken := diags.HasErrors()

	// What to render: the jobs that read something that changed.
	all, dirty := s.diff(m)
	run := make([]bool, len(jobs))
	var toRun []Job
	kept := 0 // jobs of the last good output that are still planned
	for i := range jobs {
		j := &jobs[i]
		prev := s.done[j.Path]
		if prev != nil {
			kept++
		}
		if all || prev == nil || prev.source != j.Source || dirty[j.Path] {
			run[i] = true
			toRun = append(toRun, *j)
		}
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
	for i, k := 0, 0; i < len(jobs); i++ {
		if run[i] {
			diags.Merge(&results[k].diags)
			k++
		} else {
			diags.Merge(&s.done[jobs[i].Path].diags)
		}
	}

	// Output files that are no longer made.
	var gone []string
	if kept < len(s.done) {
		planned := make(map[string]bool, len(jobs))
		for _, j := range jobs {
			planned[j.Path] = true
		}
		for p := range s.done {
			if !planned[p] {
				gone = append(gone, p)
			}
		}
		slices.Sort(gone)
	}
	// The finishing stage sees every file of the site, as in a build.
	files := slices.Clone(s.files)
	for _, r := range results {
		files = upsert(files, r.file)
	}
	files = slices.DeleteFunc(files, func(f File) bool { _, found := slices.BinarySearch(gone, f.Path); return found })
	extra, err := finish(m, files, wrapped, diags, &Result{})
	if err != nil {
		diags.Errorf("", diag.Pos{}, "%v", err)
	}
	u := &Update{Diags: diags}
	if diags.HasErrors() {
		return u
	}
	for _, f := range extra {
		files = upsert(files, f)
	}

	// Apply: this is now the last good output.
	if s.done == nil || all {
		s.done, s.readers = map[string]*doneJob{}, map[string]map[string]bool{}
	}
	for _, p := range gone {
		s.forget(p)
	}
	for i, r := range results {
		j := toRun[i]
		s.forget(j.Path)
		s.done[j.Path] = &doneJob{source: j.Source, reads: r.reads, diags: r.diags}
		for _, k := range r.reads {
			if s.readers[k] == nil {
				s.readers[k] = map[string]bool{}
			}
			s.readers[k][j.Path] = true
		}
	}
	u.Full = len(toRun) == len(jobs)
	u.StyleOnly = !u.Full && len(toRun) == 1 && toRun[0].Path == s.sopt.StyleFile
	u.Jobs = len(toRun)
	u.Written = out.Files()
	u.Removed = gone
	s.files = files
	s.good = m
	s.goodStyle = m.Assets.Style.Code
	s.pending = map[string]bool{}
	return u
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
