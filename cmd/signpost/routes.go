package main

import (
	"fmt"
	"io"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

func cmdRoutes(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("routes", stderr)
	csv := fs.Bool("csv", false, "print CSV: one row per route")
	positional, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(positional) > 1 {
		fmt.Fprintln(stderr, "usage: signpost routes [-s DIR] [--csv] [PATHWAY]")
		return exitUsage
	}
	if err := build.CheckSiteDir(sf.source); err != nil {
		fmt.Fprintln(stderr, err)
		return exitContent
	}
	m, diags := build.Load(sitefs.Dir(sf.source), build.Options{Drafts: sf.drafts, Preview: true})
	report(stderr, diags)
	if m == nil || diags.HasErrors() {
		return exitContent
	}
	urgency := func(id string) string {
		if p, ok := m.Content.Outcomes[id]; ok {
			return string(p.Outcome.Urgency)
		}
		return ""
	}
	var chosen []*pathway.Pathway
	for _, p := range m.Pathways {
		if len(positional) == 0 || p.ID == positional[0] {
			chosen = append(chosen, p)
		}
	}
	if len(chosen) == 0 {
		ids := make([]string, len(m.Pathways))
		for i, p := range m.Pathways {
			ids[i] = p.ID
		}
		msg := fmt.Sprintf("signpost routes: no pathway %q in %s/pathways", positional[0], sf.source)
		if s := pathway.SuggestID(positional[0], ids); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		fmt.Fprintln(stderr, msg)
		return exitContent
	}
	for i, p := range chosen {
		var err error
		if *csv {
			err = pathway.WriteRoutesCSV(stdout, p, urgency)
		} else {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			err = pathway.WriteRoutes(stdout, p, urgency)
		}
		if err != nil {
			fmt.Fprintln(stderr, "signpost routes:", err)
			return exitContent
		}
	}
	return exitOK
}
