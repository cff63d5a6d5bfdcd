package main

import (
	"fmt"
	"io"
	"os"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diff"
	"github.com/signpost-dev/signpost/internal/gitsite"
	"github.com/signpost-dev/signpost/internal/snapshot"
)

const diffUsage = "usage: signpost diff [--csv | --markdown] [--drafts] OLD [NEW]\n" +
	"  OLD and NEW are site folders; OLD may instead be a git revision of NEW's repository (NEW defaults to .)"

func cmdDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("diff", stderr)
	csv := fs.Bool("csv", false, "print CSV: one row per change")
	md := fs.Bool("markdown", false, "print Markdown, for a pull-request comment")
	drafts := fs.Bool("drafts", false, "include draft pages")
	positional, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(positional) < 1 || len(positional) > 2 || *csv && *md {
		fmt.Fprintln(stderr, diffUsage)
		return exitUsage
	}
	oldDir, newDir := positional[0], "."
	if len(positional) == 2 {
		newDir = positional[1]
	}
	if err := build.CheckSiteDir(newDir); err != nil {
		fmt.Fprintln(stderr, err)
		return exitContent
	}
	oldName := oldDir
	if info, err := os.Stat(oldDir); err != nil || !info.IsDir() {
		tmp, cleanup, err := gitsite.Export(newDir, oldDir)
		if err != nil {
			fmt.Fprintln(stderr, "signpost diff:", err)
			return exitContent
		}
		defer cleanup()
		oldName, oldDir = "revision "+oldDir, tmp
	}
	old, ok := loadSnapshots(oldName, oldDir, *drafts, stderr)
	if !ok {
		return exitContent
	}
	now, ok := loadSnapshots(newDir, newDir, *drafts, stderr)
	if !ok {
		return exitContent
	}
	changes := diff.Sites(old, now)
	write := diff.Text
	switch {
	case *csv:
		write = diff.CSV
	case *md:
		write = diff.Markdown
	}
	if err := write(stdout, changes); err != nil {
		fmt.Fprintln(stderr, "signpost diff:", err)
		return exitContent
	}
	return exitOK
}

// loadSnapshots loads the site in dir (named name in messages) as the
// preview does (no base_url needed) and snapshots its pathways.
func loadSnapshots(name, dir string, drafts bool, stderr io.Writer) (map[string]*snapshot.Pathway, bool) {
	m, diags := build.Load(os.DirFS(dir), build.Options{Drafts: drafts, Preview: true, NoCases: true})
	if m == nil || diags.HasErrors() {
		fmt.Fprintf(stderr, "signpost diff: %s has errors (signpost check shows them):\n", name)
		report(stderr, diags)
		return nil, false
	}
	return m.Snapshots(), true
}
