// Command sitegen writes a synthetic signpost site (or its Hugo twin) for
// benchmarks and large-site tests. See package internal/sitegen for what it
// writes.
//
//	sitegen -pages 10000 -o /tmp/site
//	sitegen -pages 10000 -hugo -o /tmp/hugo-site
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/signpost-dev/signpost/internal/sitegen"
)

func main() {
	var opt sitegen.Options
	flag.IntVar(&opt.Pages, "pages", 1000, "number of ordinary pages")
	flag.IntVar(&opt.Words, "words", sitegen.DefaultWords, "approximate words per page")
	flag.IntVar(&opt.PagesPerSection, "per-section", sitegen.DefaultPagesPerSection, "pages per section folder")
	flag.IntVar(&opt.Services, "services", 0, "number of local services")
	flag.IntVar(&opt.Pathways, "pathways", 0, "number of triage pathways (with outcomes and national services)")
	flag.IntVar(&opt.Outcomes, "outcomes", 0, "number of outcomes (needs -pathways; 0: sitegen.DefaultOutcomes)")
	flag.IntVar(&opt.Questions, "questions", 0, "questions per pathway, 2 to 200 (0: sitegen.QuestionsPerPathway)")
	flag.Uint64Var(&opt.Seed, "seed", 0, "seed for the text; the same seed gives the same site")
	flag.BoolVar(&opt.Hugo, "hugo", false, "write a Hugo site instead of a signpost site")
	out := flag.String("o", "", "output folder, which must be empty or absent (required)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: sitegen [-pages N] [-words N] [-services N] [-pathways N] [-outcomes N] [-seed N] [-hugo] -o DIR")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if err := sitegen.Generate(*out, opt); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
