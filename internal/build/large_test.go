//go:build unix

package build

// Very large and pathological inputs: each must finish, or fail with a
// positioned error, within a bounded time and memory. Every case runs the
// whole pipeline (Load, Plan, Run into memory); the CPU time the process
// spends on it (user and system, from getrusage) is bounded, not the wall
// time, which a loaded machine stretches many times over (a wall bound
// failed at load averages of 20 and passed alone). Peak heap is sampled
// from runtime.MemStats every millisecond while it runs.
//
// The bounds asserted are generous multiples of what was measured, so that
// a slow CI box does not fail them but a quadratic blow-up or a runaway
// allocation does. Measured (wall time) on the project's 2-core machine
// while other test suites ran (load average 8 to 16), whole `build` into a
// temporary folder, then the bound (CPU time):
//
//	10 MB Markdown page, budgets raised  builds (37 files)           7.2 s, 310 MB heap  bound 20 s, 1 GB
//	10 MB Markdown page, default budget  page-budget error, 0 files  9.3 s, 388 MB heap  bound 20 s, 1 GB
//	5,000-question pathway, raised       builds                      2.1 s,  40 MB heap  bound 20 s, 1 GB
//	5,000-question pathway, default      page-budget error, 0 files  1.3 s,  46 MB heap  bound 20 s, 1 GB
//	2^60 routes (60 two-way questions)   route-limit error, 0 files  13-26 ms, 7 MB heap bound  2 s, 64 MB
//	                                     (one first-in-process run: 479 ms)
//	2^200 routes (count saturates)       route-limit error, 0 files  27-42 ms, 8 MB heap bound  2 s, 64 MB
//	100 nested block quotes / list items builds                                          bound 10 s, 512 MB
//	50,000 nested block quotes           nesting error, 0 files                          bound  1 s, 64 MB
//	1,000 nested list items              nesting error, 0 files                          bound  1 s, 64 MB
//	50,000 "[" / 50,000 emphasis marks   build                       0.3 s / 0.14 s      bound 10 s, 512 MB
//	a 1 MB title                         builds                      0.1-0.3 s, 31 MB    bound 10 s, 512 MB
//	8,000 nested inline tables (TOML)    nesting error, 0 files      21 ms, 7.5 MB       bound  1 s, 64 MB
//	100,000 nested arrays (site.toml,    nesting error, 0 files      0-24 ms, 6 MB       bound  1 s, 64 MB
//	  a pathway)
//	"[a](" 100,000 times                 link-bracket error, 0 files 362 ms, 11.6 MB     bound  1 s, 64 MB
//
// Before the checks in front of the parsers (tomldoc.MaxDepth, render's
// maxLinks) the TOML shapes took 9 s and 2.8 GB (8,000 inline tables) and
// 10 GB (100,000 arrays) in the decoder, and "[a](" 100,000 times 63 s in
// goldmark.
//
// Nesting is where Markdown gets expensive: goldmark's cost grows faster
// than the input with nesting depth (50,000 nested block quotes, 50 KB of
// ">", took 2-3 s; 1,000 nested list items, 1 MB of indentation, 7-10 s),
// so the build refuses a line nested more than 100 levels deep before
// parsing (render.maxDepth).
//
// The two biggest (10 MB and 5,000 questions) are skipped with -short.
// Every case logs its numbers (go test -v -run TestLargeInputs).

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitegen"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// cpuTime is the user and system CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err) // RUSAGE_SELF with a valid pointer cannot fail
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs f and returns how long it took (wall time), the CPU time
// the process used meanwhile, and the peak heap in use
// (runtime.MemStats.HeapAlloc, sampled every millisecond, relative to the
// heap before f started).
func measure(f func()) (time.Duration, time.Duration, uint64) {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start, cpu0 := time.Now(), cpuTime()
	f()
	took, cpu := time.Since(start), cpuTime()-cpu0
	close(stop)
	wg.Wait()
	var end runtime.MemStats
	runtime.ReadMemStats(&end)
	p := max(peak.Load(), end.HeapAlloc)
	if p < base.HeapAlloc {
		return took, cpu, 0
	}
	return took, cpu, p - base.HeapAlloc
}

// buildAll runs `signpost build` as the command does (build.Build: load,
// validate, render, compress, budgets, into a temporary folder swapped in
// only when complete): the site is written to a temporary folder first, and
// the output goes to another. It returns the diagnostics and the number of
// files in the output folder (0 when the build failed and wrote nothing),
// with the build's wall and CPU time and peak heap (see measure).
func buildAll(t *testing.T, fsys fstest.MapFS) (diags []string, files int, took, cpu time.Duration, heap uint64) {
	t.Helper()
	site := t.TempDir()
	src := map[string]string{}
	for name, f := range fsys {
		src[name] = string(f.Data)
	}
	sitetest.Write(t, site, src)
	dest := filepath.Join(t.TempDir(), "public")
	var list *diag.List
	opts := Options{Cache: sharedCache(t)} // as signpost build does, with its default cache
	took, cpu, heap = measure(func() { _, list, _ = Build(site, dest, opts) })
	if list != nil {
		for _, d := range list.Sorted() {
			diags = append(diags, d.String())
		}
	}
	_ = filepath.WalkDir(dest, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	return diags, files, took, cpu, heap
}

const raisedBudgets = "\n[budget]\npage_kb = 100000\nprecache_kb = 100000\n"

// bigMarkdown is about n bytes of ordinary Markdown: headings, paragraphs
// with emphasis and links, and lists.
func bigMarkdown(n int) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"A very long page\"\n+++\n")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "## Section %d\n\nIf you are worried about *someone*, you can [call us](/) or **text** a trained volunteer. They will listen to you without judging you, and help you think about what to do next.\n\n- Stay with someone you trust.\n- Keep your phone charged.\n\n", i)
	}
	return b.String()
}

// chainPathway is a pathway of n questions in a row: "Yes" ends in the
// outcome, "No" goes on (n+1 routes).
func chainPathway(n int) string {
	var b strings.Builder
	b.WriteString("title = \"Long\"\nstart = \"q1\"\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[[question]]\nid = \"q%d\"\ntext = \"Question %d?\"\n\n  [[question.answer]]\n  label = \"Yes\"\n  outcome = \"end\"\n", i, i)
		if i < n {
			fmt.Fprintf(&b, "\n  [[question.answer]]\n  label = \"No\"\n  next = \"q%d\"\n", i+1)
		} else {
			b.WriteString("\n  [[question.answer]]\n  label = \"No\"\n  outcome = \"end\"\n")
		}
	}
	return b.String()
}

// explodingPathway has n questions whose two answers both go to the next
// question: 2^n routes.
func explodingPathway(n int) string {
	var b strings.Builder
	b.WriteString("title = \"Explosion\"\nstart = \"q1\"\n")
	for i := 1; i <= n; i++ {
		next := fmt.Sprintf("next = \"q%d\"", i+1)
		if i == n {
			next = "outcome = \"end\""
		}
		fmt.Fprintf(&b, "\n[[question]]\nid = \"q%d\"\ntext = \"Q%d\"\n\n  [[question.answer]]\n  label = \"A\"\n  %s\n\n  [[question.answer]]\n  label = \"B\"\n  %s\n", i, i, next, next)
	}
	return b.String()
}

func TestLargeInputs(t *testing.T) {
	const MB = 1 << 20
	outcome := "+++\ntitle = \"End\"\nurgency = \"routine\"\n+++\nBody\n"
	site := func(extraConfig string, files map[string]string) fstest.MapFS {
		return sitetest.MapFS(map[string]string{"site.toml": baseSite["site.toml"] + extraConfig}, files)
	}
	big := bigMarkdown(10 * MB)
	chain := chainPathway(5000)
	for _, tt := range []struct {
		name     string
		big      bool // skipped with -short
		fsys     fstest.MapFS
		wantErr  string // "" = must build cleanly
		maxTime  time.Duration
		maxHeap  uint64
		minFiles int
	}{
		{"10 MB Markdown page, budgets raised", true, site(raisedBudgets, map[string]string{"content/big.md": big}), "", 20 * time.Second, 1024 * MB, 3},
		{"10 MB Markdown page, default budget", true, site("", map[string]string{"content/big.md": big}), "content/big.md", 20 * time.Second, 1024 * MB, 0},
		{"5,000-question pathway, budgets raised", true, site(raisedBudgets, map[string]string{"pathways/long.toml": chain, "content/outcomes/end.md": outcome}), "", 20 * time.Second, 1024 * MB, 3},
		{"5,000-question pathway, default budget", true, site("", map[string]string{"pathways/long.toml": chain, "content/outcomes/end.md": outcome}), "pathways/long.toml", 20 * time.Second, 1024 * MB, 0},
		{"2^60 routes", false, site("", map[string]string{"pathways/boom.toml": explodingPathway(60), "content/outcomes/end.md": outcome}), "pathways/boom.toml:1: pathway has 1152921504606846976 routes, more than the limit of 10000", time.Second, 64 * MB, 0},
		{"2^200 routes", false, site("", map[string]string{"pathways/boom.toml": explodingPathway(200), "content/outcomes/end.md": outcome}), "pathway has at least 18446744073709551615 routes", 2 * time.Second, 64 * MB, 0},
		{"100 nested block quotes", false, site(raisedBudgets, map[string]string{"content/deep.md": "+++\ntitle = \"Deep\"\n+++\n" + strings.Repeat(">", 100) + " deep\n"}), "", 10 * time.Second, 512 * MB, 3},
		{"100 nested list items", false, site(raisedBudgets, map[string]string{"content/deep.md": "+++\ntitle = \"Deep\"\n+++\n" + nestedList(100)}), "", 10 * time.Second, 512 * MB, 3},
		{"50,000 nested block quotes", false, site(raisedBudgets, map[string]string{"content/deep.md": "+++\ntitle = \"Deep\"\n+++\n" + strings.Repeat(">", 50000) + " deep\n"}), "content/deep.md:4:1: this line is nested more than 100 levels deep", time.Second, 64 * MB, 0},
		{"1,000 nested list items", false, site(raisedBudgets, map[string]string{"content/deep.md": "+++\ntitle = \"Deep\"\n+++\n" + nestedList(1000)}), "content/deep.md:105:1: this line is nested more than 100 levels deep", time.Second, 64 * MB, 0},
		{"50,000 open brackets", false, site(raisedBudgets, map[string]string{"content/br.md": "+++\ntitle = \"Brackets\"\n+++\n" + strings.Repeat("[", 50000) + "x" + strings.Repeat("](/)", 10) + "\n"}), "", 10 * time.Second, 512 * MB, 3},
		{"50,000 emphasis markers", false, site(raisedBudgets, map[string]string{"content/em.md": "+++\ntitle = \"Emphasis\"\n+++\n" + strings.Repeat("*a _b ", 25000) + "\n"}), "", 10 * time.Second, 512 * MB, 3},
		{"8,000 nested inline tables in front matter", false, site(raisedBudgets, map[string]string{"content/toml.md": "+++\ntitle = \"T\"\nx = " + strings.Repeat("{a = ", 8000) + "1" + strings.Repeat("}", 8000) + "\n+++\nx\n"}), "content/toml.md:3:", time.Second, 64 * MB, 0},
		{"100,000 nested arrays in site.toml", false, site(raisedBudgets+"x = "+strings.Repeat("[", 100000)+"\n", nil), "site.toml:", time.Second, 64 * MB, 0},
		{"100,000 nested arrays in a pathway", false, site(raisedBudgets, map[string]string{"pathways/deep.toml": "title = " + strings.Repeat("[", 100000) + "\n"}), "pathways/deep.toml:1:", time.Second, 64 * MB, 0},
		{"\"[a](\" 100,000 times", false, site(raisedBudgets, map[string]string{"content/links.md": "+++\ntitle = \"Links\"\n+++\n" + strings.Repeat("[a](", 100000) + "\n"}), "content/links.md:4:1: this paragraph has more than 500 link brackets", time.Second, 64 * MB, 0},
		{"a 1 MB title", false, site(raisedBudgets, map[string]string{"content/t.md": "+++\ntitle = \"" + strings.Repeat("A", MB) + "\"\n+++\nx\n"}), "", 10 * time.Second, 512 * MB, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.big && testing.Short() {
				t.Skip("a big input: skipped with -short")
			}
			diags, files, took, cpu, heap := buildAll(t, tt.fsys)
			first := ""
			if len(diags) > 0 {
				first = ": " + diags[0]
			}
			t.Logf("%s: %v wall, %v CPU, peak heap %.1f MB, %d files written, %d diagnostics%.160s", tt.name, took.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(heap)/MB, files, len(diags), first)
			if tt.wantErr == "" {
				if len(diags) > 0 {
					t.Errorf("want a clean build, got:\n%s", strings.Join(diags, "\n"))
				}
				if files < tt.minFiles {
					t.Errorf("only %d files written", files)
				}
			} else {
				if files > 0 {
					t.Errorf("a failed build wrote %d files", files)
				}
				found := false
				for _, d := range diags {
					found = found || strings.Contains(d, tt.wantErr)
				}
				if !found {
					t.Errorf("diagnostics:\n%.2000s\nwant one containing %q", strings.Join(diags, "\n"), tt.wantErr)
				}
			}
			if bound := tt.maxTime * slowdown; cpu > bound {
				t.Errorf("took %v of CPU time, more than the bound of %v", cpu, bound)
			}
			if heap > tt.maxHeap {
				t.Errorf("peak heap %.0f MB, more than the bound of %d MB", float64(heap)/MB, tt.maxHeap/MB)
			}
		})
	}
}

func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- item\n")
	}
	return b.String()
}

// TestGeneratedFixtureSiteIsClean: the larger fixture site of the browser
// conformance suite (test/browser/conformance.test.mjs: sitegen with
// pathways, outcomes, national and local services and ordinary pages) builds
// with no error and no warning, so a browser failure there is about the
// pages, not the fixture.
func TestGeneratedFixtureSiteIsClean(t *testing.T) {
	fsys := fstest.MapFS{}
	opt := sitegen.Options{Pages: 12, PagesPerSection: 6, Words: 300, Services: 8, Pathways: 3, Outcomes: 10, Seed: 7}
	for name, data := range sitegen.Files(opt) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	if got := check(fsys); len(got) > 0 {
		t.Fatalf("the fixture site has diagnostics:\n%s", strings.Join(got, "\n"))
	}
	files := buildMem(t, fsys, Options{})
	for _, want := range []string{"pathways/pathway-01/index.html", "outcomes/outcome-10/index.html", "services/national-4/index.html", "services/local-0008/index.html", "section-01/page-00011/index.html", "offline/index.html", "404.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
}
