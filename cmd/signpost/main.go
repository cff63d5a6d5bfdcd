// Command signpost builds offline-capable triage and outcome sites.
//
// See shared/spec/cli.md for the contract and README.md for a tour.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses, as the command-line contract fixes them.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "approve":
		return cmdApprove(rest, stdout, stderr)
	case "build":
		return cmdBuild(rest, stdout, stderr)
	case "check":
		return cmdCheck(rest, stdout, stderr)
	case "diff":
		return cmdDiff(rest, stdout, stderr)
	case "i18n":
		return cmdI18n(rest, stdout, stderr)
	case "new":
		return cmdNew(rest, stdout, stderr)
	case "review":
		return cmdReview(rest, stdout, stderr)
	case "routes":
		return cmdRoutes(rest, stdout, stderr)
	case "serve":
		return cmdServe(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "signpost", version())
		return exitOK
	case "help", "-h", "--help":
		usage(stdout)
		return exitOK
	default:
		fmt.Fprintf(stderr, "signpost: unknown command %q\n", cmd)
		usage(stderr)
		return exitUsage
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: signpost <command> [flags]

commands:
  build [-s DIR] [-d DIR] [--drafts] [--release] [--keep-others]
                                       build the site into public/ (or -d DIR); --release refuses
                                       unapproved pathways and content past its review date;
                                       --keep-others keeps files in -d DIR signpost did not write
  check [-s DIR] [--drafts]            every validation of build, writing nothing
  serve [-s DIR] [--port N] [--bind ADDR] [--drafts]
                                       live-reload preview on http://127.0.0.1:1313/
  routes [-s DIR] [--csv] [PATHWAY]    every route of a pathway, for clinical review
  approve [-s DIR] --by NAME --role ROLE PATHWAY
                                       record a clinical sign-off of the pathway as it is now
  diff [--csv|--markdown] OLD [NEW]    what changed in the pathways between two releases
                                       (site folders, or OLD a git revision), less urgent first
  review [-s DIR] [-d DIR] [PATHWAY]   write a printable review pack per pathway into review/
  i18n [--pseudo]                      print the built-in text catalog, to translate into
                                       i18n/<language>.toml (--pseudo: every text marked)
  new DIR                              write the built-in starter site into DIR
  version                              print the version

-s DIR (--source DIR) names the site folder; the default is the current folder.
Flags may come before or after the arguments; -- ends the flags.
`)
}
