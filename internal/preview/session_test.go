package preview

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
)

const sessionURL = "http://127.0.0.1:1313/"

// firstBuild writes the test site into a new folder and builds it in a
// preview session, returning the folder, the session and its output.
func firstBuild(t *testing.T) (dir string, s *build.Session, served map[string][]byte) {
	t.Helper()
	dir = writeSite(t, "site.txtar")
	s = newSession(dir, false, sessionURL)
	first := s.Rebuild(nil)
	if !first.OK() {
		t.Fatal(first.Diags.Err())
	}
	return dir, s, first.Written
}

// diagText is every diagnostic of l, one per line, sorted.
func diagText(l *diag.List) string {
	var lines []string
	for _, d := range l.Sorted() {
		lines = append(lines, "  "+d.String())
	}
	return strings.Join(lines, "\n")
}

// edit is one change to a site's files: remove it, replace from by to in
// it, or write data to it.
type edit struct {
	file   string
	data   string // the new contents
	from   string // when set: replace the first from by to in the file
	to     string
	remove bool // remove the file (or folder)
}

func (e edit) apply(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(e.file))
	switch {
	case e.remove:
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	case e.from != "":
		src := readFile(t, dir, e.file)
		if !strings.Contains(src, e.from) {
			t.Fatalf("%s does not contain %q", e.file, e.from)
		}
		writeFile(t, dir, e.file, strings.Replace(src, e.from, e.to, 1))
	default:
		writeFile(t, dir, e.file, e.data)
	}
}

// step is one save (one or more edits seen as one batch) and whether the
// site is then good.
type step struct {
	name    string
	edits   []edit
	changed []string // what the watcher reports; default: the edited files
	broken  bool
	full    bool // a full re-render is expected
	maxJobs int  // at most this many jobs rendered (0: no limit; see noJobs)
	noJobs  bool // nothing is rendered
}

// The incremental output after every step must be byte for byte what a
// fresh preview build of the same files makes.
func TestSessionMatchesFreshBuild(t *testing.T) {
	steps := []step{
		{name: "body of an ordinary page", edits: []edit{{file: "content/help/ae.md", from: "Original", to: "Changed"}}, maxJobs: 8},
		{name: "title of a footer page", edits: []edit{{file: "content/about/privacy.md", from: `"Privacy"`, to: `"Privacy notice"`}}, full: true},
		{name: "home page", edits: []edit{{file: "content/index.md", from: "Welcome", to: "Hello"}}, maxJobs: 8},
		{name: "service contact", edits: []edit{{file: "content/services/shout.md", from: `"SHOUT"`, to: `"TEXT"`}}},
		{name: "local service becomes national", edits: []edit{{file: "content/services/leeds-line.md", from: `areas = ["LS"]`, to: ``}}},
		{name: "outcome urgency", edits: []edit{{file: "content/outcomes/talk.md", from: `"soon"`, to: `"urgent"`}}},
		{name: "pathway question", edits: []edit{{file: "pathways/crisis.toml", from: "Is anyone in danger now?", to: "Is anyone's life in danger?"}}},
		{name: "pathway title (home page list)", edits: []edit{{file: "pathways/crisis.toml", from: `title = "Get help in a crisis"`, to: `title = "Crisis help"`}}},
		{name: "new folder with a page", edits: []edit{{file: "content/guides/sleep/index.md", data: "+++\ntitle = \"Sleep\"\n+++\nSleep.\n"}}, changed: []string{"content/guides"}},
		{name: "new about page (footer)", edits: []edit{{file: "content/about/terms.md", data: "+++\ntitle = \"Terms\"\n+++\nTerms.\n"}}, full: true},
		{name: "delete a page (footer)", edits: []edit{{file: "content/about/terms.md", remove: true}}, full: true},
		{name: "delete an ordinary page", edits: []edit{{file: "content/help/ae.md", remove: true}}, maxJobs: 8},
		{name: "put it back", edits: []edit{{file: "content/help/ae.md", data: "+++\ntitle = \"Going to A&E\"\n+++\nOriginal A&E text.\n"}}, maxJobs: 8},
		{name: "delete a folder", edits: []edit{{file: "content/guides", remove: true}}},
		{name: "outcome and pathway together", edits: []edit{
			{file: "content/outcomes/rest.md", data: "+++\ntitle = \"Rest\"\nurgency = \"self-care\"\n+++\nRest.\n"},
			{file: "pathways/crisis.toml", from: `label = "Not now"
  outcome = "talk"`, to: `label = "Not now"
  outcome = "rest"`},
		}},
		{name: "break a page", edits: []edit{{file: "content/help/ae.md", from: `title = "Going to A&E"`, to: `title = `}}, broken: true},
		{name: "edit another page while broken", edits: []edit{{file: "content/index.md", from: "Hello", to: "Hi"}}, broken: true},
		{name: "fix the page", edits: []edit{{file: "content/help/ae.md", from: `title = `, to: `title = "A&E"`}}},
		{name: "remove a signposted service", edits: []edit{{file: "content/services/shout.md", remove: true}}, broken: true},
		{name: "restore it", edits: []edit{{file: "content/services/shout.md", data: "+++\ntitle = \"Shout 85258\"\nsummary = \"Text.\"\n\n[[contact]]\nmode = \"text\"\nvalue = \"85258\"\n+++\nText.\n"}}},
		{name: "remove an outcome a pathway ends in", edits: []edit{{file: "content/outcomes/rest.md", remove: true}}, broken: true},
		{name: "point the pathway elsewhere", edits: []edit{{file: "pathways/crisis.toml", from: `outcome = "rest"`, to: `outcome = "talk"`}}},
		{name: "draft page", edits: []edit{{file: "content/help/draft.md", data: "+++\ntitle = \"Draft\"\ndraft = true\n+++\nDraft.\n"}}},
		{name: "undraft it", edits: []edit{{file: "content/help/draft.md", from: "draft = true", to: "draft = false"}}},
		{name: "not Markdown in content", edits: []edit{{file: "content/help/notes.txt", data: "notes"}}, broken: true},
		{name: "remove it", edits: []edit{{file: "content/help/notes.txt", remove: true}}},
		{name: "two pages with one URL", edits: []edit{{file: "content/help/ae/index.md", data: "+++\ntitle = \"Clash\"\n+++\nClash.\n"}}, broken: true},
		{name: "remove the first of them", edits: []edit{{file: "content/help/ae.md", remove: true}}},
		{name: "a page on a URL signpost makes", edits: []edit{{file: "content/offline.md", data: "+++\ntitle = \"Offline\"\n+++\nClash.\n"}}, broken: true},
		{name: "remove it again", edits: []edit{{file: "content/offline.md", remove: true}}},
		{name: "editor's temporary file", edits: []edit{{file: "content/help/.ae.md.swp", data: "x"}}, noJobs: true},
		{name: "editor's backup file", edits: []edit{{file: "content/help/ae.md~", data: "x"}}, noJobs: true},
		{name: "stylesheet", edits: []edit{{file: "assets/site.css", data: ".lede{color:red}"}}, maxJobs: 1},
		{name: "layout", edits: []edit{{file: "layouts/banner.html", data: `<p class="emergency">Banner {{with .Site.Emergency}}{{.Text}}{{end}}</p>`}}, full: true},
		{name: "site.toml", edits: []edit{{file: "site.toml", from: "call 999.", to: "call 999 now."}}, full: true},
		{name: "new pathway", edits: []edit{{file: "pathways/low.toml", data: "title = \"Low mood\"\nstart = \"a\"\n[[question]]\nid = \"a\"\ntext = \"How are you?\"\n  [[question.answer]]\n  label = \"Low\"\n  outcome = \"talk\"\n"}}},
		{name: "delete the pathway", edits: []edit{{file: "pathways/low.toml", remove: true}}},
		// The finder on an outcome page lists the postcode areas of every
		// local service, not only of the services it signposts.
		{name: "helpline finder on an outcome", edits: []edit{{file: "content/outcomes/talk.md", from: `urgency = "urgent"`, to: "urgency = \"urgent\"\nhelpline_finder = true"}}},
		{name: "new local service", edits: []edit{{file: "content/services/york-line.md", data: "+++\ntitle = \"York line\"\nsummary = \"A local line.\"\nareas = [\"YO\"]\n\n[[contact]]\nmode = \"phone\"\nvalue = \"01904 496 000\"\n+++\nCall.\n"}}},
		// A signposted service made a draft: the error says it is a draft,
		// as a full build does, not "create content/services/shout.md".
		{name: "signposted service made a draft", edits: []edit{{file: "content/services/shout.md", from: `title = "Shout 85258"`, to: "title = \"Shout 85258\"\ndraft = true"}}, broken: true},
		{name: "undraft the service", edits: []edit{{file: "content/services/shout.md", from: "draft = true", to: "draft = false"}}},
	}
	dir, s, served := firstBuild(t)
	for _, st := range steps {
		for _, e := range st.edits {
			e.apply(t, dir)
		}
		changed := st.changed
		if changed == nil {
			for _, e := range st.edits {
				changed = append(changed, e.file)
			}
		}
		u := s.Rebuild(changed)
		if u.OK() == st.broken {
			t.Fatalf("%s: OK = %v, want %v: %v", st.name, u.OK(), !st.broken, u.Diags.Err())
		}
		fresh := newSession(dir, false, sessionURL).Rebuild(nil)
		if !slices.Equal(u.Diags.Sorted(), fresh.Diags.Sorted()) {
			t.Errorf("%s: diagnostics\n%s\nwant, as a fresh build's,\n%s", st.name, diagText(u.Diags), diagText(fresh.Diags))
		}
		if st.broken {
			continue
		}
		if u.Full != st.full && !u.StyleOnly {
			t.Errorf("%s: Full = %v, want %v", st.name, u.Full, st.full)
		}
		if st.noJobs && (u.Jobs > 0 || len(u.Written) > 0) {
			t.Errorf("%s: rendered %d jobs and wrote %d files, want none", st.name, u.Jobs, len(u.Written))
		}
		if st.maxJobs > 0 && u.Jobs > st.maxJobs {
			t.Errorf("%s: rendered %d jobs, want at most %d", st.name, u.Jobs, st.maxJobs)
		}
		for p, data := range u.Written {
			served[p] = data
		}
		for _, p := range u.Removed {
			delete(served, p)
		}
		if !fresh.OK() {
			t.Fatalf("%s: fresh build: %v", st.name, fresh.Diags.Err())
		}
		t.Run(st.name, func(t *testing.T) { compareOutputs(t, served, fresh.Written) })
	}
}
