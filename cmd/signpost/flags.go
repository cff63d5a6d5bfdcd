package main

import (
	"flag"
	"fmt"
	"io"
	"os"
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

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "s", ".", "site folder")
	fs.StringVar(&f.source, "source", ".", "site folder")
	fs.BoolVar(&f.drafts, "drafts", false, "include draft pages")
}

// parse parses args and reports whether the command may go on.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	if err := fs.Parse(args); err != nil {
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

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
