package main

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

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

// parse parses args, which may mix flags and positional arguments in any
// order (as git and Hugo accept: `signpost routes crisis --csv`); a "--"
// ends the flags, so every argument after it is positional even when it
// starts with "-". It returns the positional arguments in their order and
// whether the command may go on (the flag package has printed why not).
func parse(fs *flag.FlagSet, args []string) ([]string, bool) {
	flags, positional := splitArgs(fs, args)
	if err := fs.Parse(flags); err != nil {
		return nil, false
	}
	return positional, true
}

// splitArgs separates the flag arguments (with their values) from the
// positional ones without parsing them; fs.Parse then reports any error in
// the flags in its usual words. A flag that is not a boolean and is not
// written -name=value takes the next argument as its value, so
// `-s -- x` gives -s the value "--". A lone "-" is positional (it often
// means standard input).
func splitArgs(fs *flag.FlagSet, args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(positional, args[i+1:]...)
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil || isBoolFlag(f) || i+1 == len(args) {
			continue
		}
		i++
		flags = append(flags, args[i])
	}
	return flags, positional
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// parseFlagsOnly is parse for a command that takes no arguments besides
// its flags; it says so on stderr when it is given one.
func parseFlagsOnly(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	positional, ok := parse(fs, args)
	if !ok {
		return false
	}
	if len(positional) > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), positional[0])
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
