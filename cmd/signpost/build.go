package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/signpost-dev/signpost/internal/build"
)

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("build", stderr)
	dest := fs.String("d", "", "output folder (default: public/ in the site folder)")
	fs.StringVar(dest, "destination", "", "output folder")
	if !parseFlagsOnly(fs, args, stderr) {
		return exitUsage
	}
	out := *dest
	if out == "" {
		out = filepath.Join(sf.source, "public")
	}
	start := time.Now()
	res, diags, err := build.Build(sf.source, out, build.Options{Drafts: sf.drafts})
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
	return exitOK
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("check", stderr)
	if !parseFlagsOnly(fs, args, stderr) {
		return exitUsage
	}
	res, diags, err := build.Build(sf.source, "", build.Options{Drafts: sf.drafts})
	report(stderr, diags)
	if err != nil {
		if diags == nil || !diags.HasErrors() {
			fmt.Fprintln(stderr, "signpost check:", err)
		}
		return exitContent
	}
	fmt.Fprintf(stdout, "ok: %d pages checked\n", res.Pages)
	return exitOK
}
