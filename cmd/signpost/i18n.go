package main

import (
	"fmt"
	"io"

	"github.com/signpost-dev/signpost/internal/i18n"
)

// cmdI18n prints the built-in text catalog (internal/i18n/en.toml), with
// its comments, for a translator to copy into i18n/<language>.toml; with
// --pseudo, a catalog of every key whose texts are marked ⟦...⟧, to see
// which words on a site's pages are not the catalog's.
func cmdI18n(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("i18n", stderr)
	pseudo := fs.Bool("pseudo", false, "print a catalog that marks every text ⟦...⟧")
	positional, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(positional) > 0 {
		fmt.Fprintln(stderr, "usage: signpost i18n [--pseudo]")
		return exitUsage
	}
	if *pseudo {
		_, _ = stdout.Write(i18n.English().Pseudo(i18n.PseudoOpen, i18n.PseudoClose).SiteFile())
		return exitOK
	}
	_, _ = stdout.Write(i18n.Source)
	return exitOK
}
