package preview

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/sitegen"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// Save-to-reload-signal: the time from writing a file to the moment an
// open page reads the reload event from /_signpost/events, through the
// real watcher (with its DefaultDebounce), the incremental rebuild and the
// event stream. Run with
//
//	go test ./internal/preview -run '^$' -bench Edit -count 5
//
// and read ms-median (the median over the iterations of one run).
func BenchmarkEditPage(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			opt := sitegen.Options{Pages: n}
			benchEdit(b, opt, sitegen.PagePath(opt, n/2), `title = "`, `title = "(%d) `)
		})
	}
}

func BenchmarkEditPathway(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			benchEdit(b, sitegen.Options{Pages: n}, "pathways/crisis.toml", "Is anyone in danger now?", "Is anyone in danger now (%d)?")
		})
	}
}

// benchEdit serves a generated site of opt.Pages pages plus the test
// site's outcomes, services and pathway, and times edits of file that
// replace old by the format new.
func benchEdit(b *testing.B, opt sitegen.Options, file, old, format string) {
	dir := b.TempDir()
	if err := sitegen.Generate(dir, opt); err != nil {
		b.Fatal(err)
	}
	files := siteFiles(b, "site.txtar")
	maps.DeleteFunc(files, func(name, _ string) bool {
		return name != "site.toml" && !strings.HasPrefix(name, "content/outcomes/") && !strings.HasPrefix(name, "content/services/") && !strings.HasPrefix(name, "pathways/")
	})
	// The fixture's outcomes need its site.toml's [emergency] (no_voice).
	_, emergency, ok := strings.Cut(files["site.toml"], "[emergency]")
	if !ok {
		b.Fatal("site.txtar's site.toml has no [emergency]")
	}
	files["site.toml"] = readFile(b, dir, "site.toml") + "\n[emergency]" + emergency
	sitetest.Write(b, dir, files)
	original := readFile(b, dir, file)
	if !strings.Contains(original, old) {
		b.Fatalf("%s does not contain %q", file, old)
	}
	start := time.Now()
	srv := startServer(b, dir)
	if code, _ := srv.get(b, "/"); code != 200 {
		b.Fatalf("GET / = %d\n%s", code, srv.log.String())
	}
	b.Logf("first build of %d pages: %s", opt.Pages, time.Since(start).Round(time.Millisecond))
	_, ch := srv.events(b)
	var times, rebuilds []time.Duration
	i := 0
	for b.Loop() {
		i++
		src := strings.Replace(original, old, fmt.Sprintf(format, i), 1)
		t0 := time.Now()
		writeFile(b, dir, file, src)
		ev := next(b, ch)
		if ev.Name != "reload" {
			b.Fatalf("event %s %s, want reload", ev.Name, ev.Data)
		}
		times = append(times, ev.At.Sub(t0))
		srv.mu.RLock()
		rebuilds = append(rebuilds, srv.took)
		srv.mu.RUnlock()
	}
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(times[len(times)/2]), "ms-median")
	b.ReportMetric(ms(times[len(times)*9/10]), "ms-p90")
	slices.Sort(rebuilds)
	b.ReportMetric(ms(rebuilds[len(rebuilds)/2]), "ms-rebuild-median")
}

// BenchmarkSessionRebuild times build.Session.Rebuild alone (no watcher,
// no server) for one page edit: the part of save-to-reload that grows, if
// anything does, with the site.
func BenchmarkSessionRebuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			opt := sitegen.Options{Pages: n}
			dir := b.TempDir()
			if err := sitegen.Generate(dir, opt); err != nil {
				b.Fatal(err)
			}
			file := sitegen.PagePath(opt, n/2)
			original := readFile(b, dir, file)
			s := newSession(dir, false, "http://127.0.0.1:1313/")
			if u := s.Rebuild(nil); !u.OK() {
				b.Fatal(u.Diags.Err())
			}
			i := 0
			var times []time.Duration
			for b.Loop() {
				i++
				writeFile(b, dir, file, strings.Replace(original, `title = "`, fmt.Sprintf(`title = "(%d) `, i), 1))
				t0 := time.Now()
				u := s.Rebuild([]string{file})
				times = append(times, time.Since(t0))
				if !u.OK() || u.Jobs > 10 {
					b.Fatalf("OK %v, %d jobs", u.OK(), u.Jobs)
				}
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "ms-rebuild-median")
		})
	}
}
