package main

import (
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/signpost-dev/signpost/internal/build"
)

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("build", stderr)
	dest := fs.String("d", "", "output folder (default: public/ in the site folder)")
	fs.StringVar(dest, "destination", "", "output folder")
	release := fs.Bool("release", false, "refuse pathways without a matching clinical approval, and content past its review date")
	if !parseFlagsOnly(fs, args, stderr) {
		return exitUsage
	}
	out := *dest
	if out == "" {
		out = filepath.Join(sf.source, "public")
	}
	start := time.Now()
	res, diags, err := build.Build(sf.source, out, build.Options{Drafts: sf.drafts, Release: *release})
	report(stderr, diags)
	if err != nil {
		if diags == nil || !diags.HasErrors() {
			fmt.Fprintln(stderr, "signpost build:", err)
		}
		fmt.Fprintln(stderr, "signpost build: nothing was written")
		return exitContent
	}
	fmt.Fprintf(stdout, "built %d pages, %d files, %.1f KB (precache %.1f KB gzip); largest page %s %.1f KB gzip; in %s into %s\n",
		res.Pages, len(res.Files), float64(res.Bytes)/1024, float64(res.PrecacheGzip)/1024,
		res.LargestPage, float64(res.LargestGzip)/1024, time.Since(start).Round(time.Millisecond), out)
	printCases(stdout, res.Cases)
	return exitOK
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("check", stderr)
	release := fs.Bool("release", false, "check as build --release does")
	if !parseFlagsOnly(fs, args, stderr) {
		return exitUsage
	}
	res, diags, err := build.Build(sf.source, "", build.Options{Drafts: sf.drafts, Release: *release})
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
