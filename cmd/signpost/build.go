package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/offline"
)

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("build", stderr)
	dest := fs.String("d", "", "output folder (default: public/ in the site folder)")
	fs.StringVar(dest, "destination", "", "output folder")
	release := fs.Bool("release", false, "refuse pathways without a matching clinical approval, and content past its review date")
	keep := fs.Bool("keep-others", false, "carry files in the output folder that signpost did not write into the new output, instead of refusing to build")
	cacheDir := cacheFlag(fs)
	if !parseFlagsOnly(fs, args, stderr) {
		return exitUsage
	}
	out := *dest
	if out == "" {
		out = filepath.Join(sf.source, "public")
	}
	if *cacheDir != "" && *cacheDir != "off" {
		if err := build.CheckCacheDir(sf.source, out, *cacheDir); err != nil {
			fmt.Fprintf(stderr, "signpost build: --cache-dir: %v\n", err)
			return exitUsage
		}
	}
	cache, ok := openCache(fs.Name(), *cacheDir, stderr)
	if !ok {
		return exitUsage
	}
	// SIGINT and SIGTERM stop the build: it removes its temporary folder and
	// exits with 128 + the signal's number, the output folder as it was.
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	var got atomic.Value
	go func() {
		if s, ok := <-sigs; ok {
			got.Store(s)
			cancel(fmt.Errorf("%v", s))
		}
	}()
	limitHeap()
	start := time.Now()
	res, diags, err := build.Build(sf.source, out, build.Options{
		Drafts: sf.drafts, Release: *release, Cache: cache,
		Output: build.OutputOptions{KeepOthers: *keep}, Context: ctx,
	})
	report(stderr, diags)
	if s, ok := got.Load().(os.Signal); ok && err != nil {
		fmt.Fprintf(stderr, "signpost build: stopped by %v; its temporary folder was removed; %s\n", s, build.Untouched(out))
		if n, ok := s.(syscall.Signal); ok {
			return 128 + int(n)
		}
		return exitContent
	}
	if err != nil {
		var state *build.StateError
		var refusal *build.OutputError
		switch {
		case errors.As(err, &state):
			fmt.Fprintln(stderr, "signpost build:", err)
			return exitContent
		case errors.As(err, &refusal), diags == nil || !diags.HasErrors():
			fmt.Fprintln(stderr, "signpost build:", err)
		}
		fmt.Fprintln(stderr, "signpost build:", build.Untouched(out))
		return exitContent
	}
	took := time.Since(start).Round(time.Millisecond)
	reused := ""
	if hits, misses := cache.Stats(); hits+misses > 0 || res.JobsCached > 0 {
		jobs := ""
		if res.JobsCached > 0 {
			jobs = fmt.Sprintf("%d of %d files made by an earlier build, %d of them linked from the previous output; ", res.JobsCached, res.JobsCached+res.JobsRendered, res.JobsLinked)
		}
		reused = fmt.Sprintf(" (%s%d of %d compressed files from the cache)", jobs, hits, hits+misses)
	}
	largest := fmt.Sprintf("largest page %s %.1f KB gzip", res.LargestPage, float64(res.LargestGzip)/1024)
	if res.Unmeasured > 0 {
		// With no .gz copies, pages sure to fit the budget are not compressed.
		largest = fmt.Sprintf("largest measured page %s %.1f KB gzip (%d more within the page budget by their size, not compressed)",
			res.LargestPage, float64(res.LargestGzip)/1024, res.Unmeasured)
	}
	fmt.Fprintf(stdout, "built %d pages, %d files, %.1f KB (precache %.1f KB gzip); %s; in %s into %s%s\n",
		res.Pages, len(res.Files), float64(res.Bytes)/1024, float64(res.PrecacheGzip)/1024,
		largest, took, out, reused)
	printCases(stdout, res.Cases)
	cache.Trim()
	return exitOK
}

// heapLimit is the soft limit on the memory of signpost build and check
// (runtime/debug.SetMemoryLimit) when GOMEMLIMIT sets none. The garbage
// collector works harder only as the heap nears it: a 10,000-page build
// peaks near 210 MB and never does. A 100,000-page one holds 350-430 MB
// live (about 4 KB a page, BenchmarkBuildMemory), which the collector's
// default (GOGC=100) lets grow to twice that and more: over 1 GB of
// memory, where issue 17 asks for under 1 GB. With the limit it peaked at
// 787 MiB. A site so large that its live heap nears the limit builds all
// the same, its collector using at most half the CPU (the runtime's cap).
const heapLimit = 768 << 20

// limitHeap sets heapLimit, unless GOMEMLIMIT set a limit of its own.
func limitHeap() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(heapLimit)
	}
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("check", stderr)
	release := fs.Bool("release", false, "check as build --release does")
	cacheDir := cacheFlag(fs)
	if !parseFlagsOnly(fs, args, stderr) {
		return exitUsage
	}
	cache, ok := openCache(fs.Name(), *cacheDir, stderr)
	if !ok {
		return exitUsage
	}
	limitHeap()
	res, diags, err := build.Build(sf.source, "", build.Options{Drafts: sf.drafts, Release: *release, Cache: cache})
	report(stderr, diags)
	if err != nil {
		if diags == nil || !diags.HasErrors() {
			fmt.Fprintln(stderr, "signpost check:", err)
		}
		return exitContent
	}
	fmt.Fprintf(stdout, "ok: %d pages checked\n", res.Pages)
	printCases(stdout, res.Cases)
	return exitOK
}

// printCases says, per pathway with test cases, how many passed and what
// they cover.
func printCases(w io.Writer, reports map[string]*build.CaseReport) {
	for _, id := range slices.Sorted(maps.Keys(reports)) {
		r := reports[id]
		fmt.Fprintf(w, "cases: %s: %d passed, %d failed; %d of %d answers given", id, r.Result.Passed, r.Result.Failed, r.Coverage.Covered, r.Coverage.Answers)
		if n := len(r.Coverage.Unreached); n > 0 {
			fmt.Fprintf(w, "; %d emergency or urgent outcomes reached by no case", n)
		}
		fmt.Fprintln(w)
	}
}

// cacheFlag registers --cache-dir, the compression cache's folder.
func cacheFlag(fs *flag.FlagSet) *string {
	return fs.String("cache-dir", "", "folder where compressed files are kept between builds, safe to share and to restore in CI (default: $"+offline.CacheEnv+", else signpost/ in the user's cache folder; \"off\": none)")
}

// openCache opens the compression cache named by --cache-dir, or the
// default one. It reports false (after saying why) when a folder given with
// --cache-dir cannot be used; a default folder that cannot be used only
// costs time, so the build goes on without a cache and says so.
func openCache(cmd, dir string, stderr io.Writer) (*offline.Cache, bool) {
	given := dir != ""
	if !given {
		d, err := offline.DefaultCacheDir()
		if err != nil {
			fmt.Fprintf(stderr, "%s: no compression cache (%v); give one with --cache-dir DIR\n", cmd, err)
			return nil, true
		}
		dir = d
	}
	if dir == "off" {
		return nil, true
	}
	c, err := offline.OpenCache(dir)
	if err != nil {
		if given {
			fmt.Fprintf(stderr, "%s: --cache-dir: %v\n", cmd, err)
			return nil, false
		}
		fmt.Fprintf(stderr, "%s: %v; building without it (give another folder with --cache-dir DIR)\n", cmd, err)
	}
	return c, true
}
