package main

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/signpost-dev/signpost/internal/diag"
)

// siteFlags are the flags every site command takes.
type siteFlags struct {
	source string
	drafts bool
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("signpost "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// newSiteFlagSet is the flag set of a site command, with the siteFlags
// registered.
func newSiteFlagSet(name string, stderr io.Writer) (*flag.FlagSet, *siteFlags) {
	fs := newFlagSet(name, stderr)
	sf := &siteFlags{}
	fs.StringVar(&sf.source, "s", ".", "site folder")
	fs.StringVar(&sf.source, "source", ".", "site folder")
	fs.BoolVar(&sf.drafts, "drafts", false, "include draft pages")
	return fs, sf
}

// parse parses args and reports whether the command may go on (the flag
// package has printed why not).
func parse(fs *flag.FlagSet, args []string) bool {
	return fs.Parse(args) == nil
}

// parseFlagsOnly is parse for a command that takes no arguments besides
// its flags; it says so on stderr when it is given one.
func parseFlagsOnly(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	if !parse(fs, args) {
		return false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return false
	}
	return true
}

// report prints every diagnostic, one per line, sorted.
func report(stderr io.Writer, diags *diag.List) {
	if diags == nil {
		return
	}
	for _, d := range diags.Sorted() {
		fmt.Fprintln(stderr, d.String())
	}
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "0.1.0-dev"
}
