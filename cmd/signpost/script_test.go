package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts in testdata/script run `signpost` as a command:
// testscript re-executes this test binary under that name, so the scripts
// exercise the real argument parsing, exit statuses and output streams.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"signpost": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs every command-line script in testdata/script: one file
// per command, each with flags before and after its positional arguments
// and after "--".
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
