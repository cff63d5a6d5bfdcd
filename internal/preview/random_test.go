package preview

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRandomEditsMatchFreshBuild applies seeded random sequences of edits
// from a fixed menu (write a good file, write a broken one, delete it, for
// each kind of site file: page, outcome, service, pathway, site.toml,
// layout, asset) and checks after every step that the preview's output
// files and its diagnostics are a fresh build's. A failure names the seed
// and step; SIGNPOST_EDIT_SEED=N runs one seed (with -run to pick the test).
func TestRandomEditsMatchFreshBuild(t *testing.T) {
	seeds, steps := []uint64{1, 2, 3, 4}, 60
	if testing.Short() {
		seeds, steps = seeds[:2], 25
	}
	if s := os.Getenv("SIGNPOST_EDIT_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("SIGNPOST_EDIT_SEED=%q: %v", s, err)
		}
		seeds = []uint64{n}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { randomEdits(t, seed, steps) })
	}
}

func randomEdits(t *testing.T, seed uint64, steps int) {
	rng := rand.New(rand.NewPCG(seed, 14))
	dir, s, served := firstBuild(t)
	var log []string // the steps so far, for the failure message
	good := 0        // steps after which the site built
	defer func() { t.Logf("seed %d: the site built after %d of %d steps", seed, good, steps) }()
	var errFiles []string // the files with errors after the last step
	for i := range steps {
		// Sometimes several edits reach one rebuild, as when the watcher
		// batches a save of many files: a page moved (deleted here,
		// written there), or a page changed with another file.
		var changed []string
		for n := range 1 + batch(rng) {
			e, c := pickEdit(rng, dir)
			if len(errFiles) > 0 && rng.IntN(3) > 0 {
				e, c = repair(rng, dir, pick(rng, errFiles))
			}
			if n > 0 {
				log[len(log)-1] += " and " + e.describe()
			} else {
				log = append(log, fmt.Sprintf("%d: %s", i, e.describe()))
			}
			e.apply(t, dir)
			changed = append(changed, c...)
		}
		u := s.Rebuild(changed)
		fresh := newSession(dir, false, sessionURL).Rebuild(nil)
		errFiles = errFiles[:0]
		for _, d := range fresh.Diags.Errors() {
			errFiles = append(errFiles, d.File)
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("seed %d, after\n  %s\n%s", seed, strings.Join(log, "\n  "), fmt.Sprintf(format, args...))
		}
		if !slices.Equal(u.Diags.Sorted(), fresh.Diags.Sorted()) {
			fail("diagnostics\n%s\nwant, as a fresh build's,\n%s", diagText(u.Diags), diagText(fresh.Diags))
		}
		if !u.OK() {
			continue // the preview keeps serving the last good site
		}
		good++
		for p, data := range u.Written {
			served[p] = data
		}
		for _, p := range u.Removed {
			delete(served, p)
		}
		if d := diffOutputs(served, fresh.Written); len(d) > 0 {
			fail("output:\n%s", strings.Join(d, "\n"))
		}
	}
}

// batch is how many more edits go into the next rebuild: none, mostly.
func batch(r *rand.Rand) int {
	if r.IntN(4) == 0 {
		return 1 + r.IntN(2)
	}
	return 0
}

func (e edit) describe() string {
	switch {
	case e.remove:
		return "delete " + e.file
	default:
		return fmt.Sprintf("write %s: %.60q", e.file, e.data)
	}
}

// The menu: for each kind of site file, the files the test may touch and
// how to write a good or a broken one. The fixture's own files are among
// them, so they get changed, broken and deleted too.
type fileKind struct {
	files  []string
	good   func(r *rand.Rand, file string, exists func(string) bool) string
	broken []string // broken contents, or "" entries replaced by a broken file name (see brokenFiles)
}

var (
	serviceIDs = []string{"shout", "leeds-line", "s1", "s2"}
	outcomeIDs = []string{"call-999", "talk", "o1", "o2"}
	areas      = []string{"LS", "YO", "M"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// some returns a random subset of xs, in order.
func some(r *rand.Rand, xs []string) []string {
	var out []string
	for _, x := range xs {
		if r.IntN(2) == 0 {
			out = append(out, x)
		}
	}
	return out
}

func quoted(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func draftLine(r *rand.Rand) string {
	if r.IntN(6) == 0 {
		return "draft = true\n"
	}
	return ""
}

var kinds = map[string]fileKind{
	"page": {
		files: []string{"content/help/ae.md", "content/index.md", "content/help/p1.md", "content/help/p1/index.md", "content/about/a1.md", "content/g1/index.md"},
		good: func(r *rand.Rand, _ string, _ func(string) bool) string {
			return fmt.Sprintf("+++\ntitle = \"Page %d\"\n%s+++\nBody %d, see [help](/help/ae/).\n", r.IntN(5), draftLine(r), r.IntN(100))
		},
		broken: []string{"+++\ntitle = \n+++\nBody.\n", "+++\ntitle = \"T\"\ncolour = \"red\"\n+++\n", "no front matter\n"},
	},
	"outcome": {
		files: []string{"content/outcomes/call-999.md", "content/outcomes/talk.md", "content/outcomes/o1.md", "content/outcomes/o2.md"},
		good: func(r *rand.Rand, _ string, exists func(string) bool) string {
			finder := ""
			if r.IntN(2) == 0 {
				finder = "helpline_finder = true\n"
			}
			return fmt.Sprintf("+++\ntitle = \"Outcome %d\"\nurgency = %q\nsignposts = %s\n%s%s+++\nDo this %d.\n",
				r.IntN(5), pick(r, []string{"emergency", "urgent", "soon", "routine", "self-care"}), quoted(some(r, existing(serviceIDs, "content/services/%s.md", exists))), finder, draftLine(r), r.IntN(100))
		},
		broken: []string{"+++\ntitle = \"O\"\nurgency = \"whenever\"\n+++\n", "+++\ntitle = \"O\"\nurgency = \"soon\"\nsignposts = [\"nope\"]\n+++\n"},
	},
	"service": {
		files: []string{"content/services/shout.md", "content/services/leeds-line.md", "content/services/s1.md", "content/services/s2.md"},
		good: func(r *rand.Rand, _ string, _ func(string) bool) string {
			a := ""
			if as := some(r, areas); len(as) > 0 {
				a = "areas = " + quoted(as) + "\n"
			}
			return fmt.Sprintf("+++\ntitle = \"Service %d\"\nsummary = \"Help %d.\"\n%s%s\n[[contact]]\nmode = \"phone\"\nvalue = \"0113 496 00%02d\"\n+++\nCall us.\n",
				r.IntN(5), r.IntN(9), a, draftLine(r), r.IntN(100))
		},
		broken: []string{"+++\ntitle = \"S\"\nsummary = \"S.\"\n+++\n", "+++\ntitle = \"S\"\nsummary = \"S.\"\nareas = [\"not an area\"]\n\n[[contact]]\nmode = \"phone\"\nvalue = \"0113 496 0000\"\n+++\n"},
	},
	"pathway": {
		files: []string{"pathways/crisis.toml", "pathways/p1.toml"},
		good: func(r *rand.Rand, _ string, exists func(string) bool) string {
			ids := existing(outcomeIDs, "content/outcomes/%s.md", exists)
			if len(ids) == 0 {
				ids = []string{"talk"} // an error, which a later step repairs
			}
			return fmt.Sprintf("title = \"Pathway %d\"\nstart = \"a\"\n\n[[question]]\nid = \"a\"\ntext = \"Question %d?\"\n\n  [[question.answer]]\n  label = \"Yes\"\n  outcome = %q\n\n  [[question.answer]]\n  label = \"No\"\n  outcome = %q\n",
				r.IntN(5), r.IntN(100), pick(r, ids), pick(r, ids))
		},
		broken: []string{"title = \n", "title = \"P\"\nstart = \"nowhere\"\n"},
	},
	"site.toml": {
		files: []string{"site.toml"},
		good: func(r *rand.Rand, _ string, _ func(string) bool) string {
			return fmt.Sprintf("title = \"Site %d\"\nbase_url = \"https://example.org/\"\n\n[emergency]\ntext = \"If you are in danger, call 999 (%d).\"\nphone = \"999\"\n", r.IntN(5), r.IntN(100))
		},
		broken: []string{"title = \n", "title = \"S\"\nnot_a_key = 1\n"},
	},
	"layout": {
		files: []string{"layouts/banner.html"},
		good: func(r *rand.Rand, _ string, _ func(string) bool) string {
			return fmt.Sprintf(`<section class="emergency" aria-label="Emergency"><p>Banner %d {{.Site.Title}} {{with .Site.Emergency}}{{.Text}}{{end}}</p></section>`, r.IntN(100))
		},
		broken: []string{"{{.Site.Title", "{{template \"nope\"}}"},
	},
	"asset": {
		files: []string{"assets/site.css", "assets/extra.txt", "assets/bad name.txt"},
		good: func(r *rand.Rand, file string, _ func(string) bool) string {
			if strings.HasSuffix(file, ".css") {
				return fmt.Sprintf(".lede { color: #%06x; }\n", r.IntN(1<<24))
			}
			return fmt.Sprintf("extra %d\n", r.IntN(100))
		},
		broken: []string{""}, // a file name assets/ refuses
	},
}

var kindNames = []string{"page", "outcome", "service", "pathway", "site.toml", "layout", "asset"}

// existing returns the ids whose file (the format path) exists.
func existing(ids []string, path string, exists func(string) bool) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !exists(fmt.Sprintf(path, id)) })
}

func existsIn(dir string) func(string) bool {
	return func(file string) bool {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file)))
		return err == nil
	}
}

// repair is an edit that may fix the error reported in file: a good file
// in its place, or none.
func repair(r *rand.Rand, dir, file string) (edit, []string) {
	if file == "" {
		file = "site.toml"
	}
	for _, name := range kindNames {
		k := kinds[name]
		if slices.Contains(k.files, file) && file != "assets/bad name.txt" && (file == "site.toml" || r.IntN(2) == 0) {
			return edit{file: file, data: k.good(r, file, existsIn(dir))}, []string{file}
		}
	}
	return edit{file: file, remove: true}, []string{file}
}

// pickEdit chooses one edit from the menu, and what the watcher would
// report for it.
func pickEdit(r *rand.Rand, dir string) (edit, []string) {
	k := kinds[pick(r, kindNames)]
	file := pick(r, k.files)
	switch op := r.IntN(10); {
	case file == "assets/bad name.txt" && op < 8: // the fix for a file name assets/ refuses
		return edit{file: file, remove: true}, []string{file}
	case op < 6: // add, change or fix
		return edit{file: file, data: k.good(r, file, existsIn(dir))}, []string{file}
	case op < 8: // break
		data := pick(r, k.broken)
		if data == "" {
			file = "assets/bad name.txt"
			data = "x"
		}
		return edit{file: file, data: data}, []string{file}
	default: // delete: the file, or the folder of a page in its own folder
		if strings.HasSuffix(file, "/index.md") && file != "content/index.md" && r.IntN(2) == 0 {
			folder := strings.TrimSuffix(file, "/index.md")
			return edit{file: folder, remove: true}, []string{folder}
		}
		return edit{file: file, remove: true}, []string{file}
	}
}
