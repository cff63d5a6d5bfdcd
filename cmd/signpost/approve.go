package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/signpost-dev/signpost/internal/approval"
	"github.com/signpost-dev/signpost/internal/build"
)

const approveUsage = "usage: signpost approve [-s DIR] --by NAME --role ROLE [--date YYYY-MM-DD] PATHWAY"

func cmdApprove(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("approve", stderr)
	by := fs.String("by", "", "who signs the pathway off (their name)")
	role := fs.String("role", "", "their role, such as \"Clinical safety officer\"")
	date := fs.String("date", "", "the day of the sign-off (default: today in the site's timezone)")
	positional, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(positional) != 1 || *by == "" || *role == "" {
		fmt.Fprintln(stderr, approveUsage)
		return exitUsage
	}
	id := positional[0]
	if err := build.CheckSiteDir(sf.source); err != nil {
		fmt.Fprintln(stderr, err)
		return exitContent
	}
	// The approval is of the content as check sees it: errors, including
	// a failing test case, must be fixed first.
	m, diags := build.Load(os.DirFS(sf.source), build.Options{Drafts: sf.drafts, Preview: true})
	report(stderr, diags)
	if m == nil || diags.HasErrors() {
		fmt.Fprintln(stderr, "signpost approve: fix the errors first; nothing was recorded")
		return exitContent
	}
	snap, ok := m.Snapshots()[id]
	if !ok {
		fmt.Fprintf(stderr, "signpost approve: no pathway %q in %s/pathways\n", id, sf.source)
		return exitContent
	}
	day := time.Now().In(m.Config.Location)
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			fmt.Fprintf(stderr, "signpost approve: --date %q is not a date like 2026-12-03\n", *date)
			return exitUsage
		}
		day = d
	}
	files, err := approval.Append(sf.source, snap, approval.Record{By: *by, Role: *role, Date: day})
	if err != nil {
		fmt.Fprintln(stderr, "signpost approve:", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "approved pathway %s (%s) by %s, %s, on %s\nrecorded in %s and %s: commit both\n",
		id, snap.Hash(), *by, *role, day.Format(time.DateOnly), files[0], files[1])
	return exitOK
}
