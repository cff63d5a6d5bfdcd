package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/signpost-dev/signpost/internal/offline"
)

// TestMain lets the scripts in testdata/script run `signpost` as a command:
// testscript re-executes this test binary under that name, so the scripts
// exercise the real argument parsing, exit statuses and output streams.
//
// The tests' builds share one compression cache, out of the user's cache
// folder: sharing is what the cache is made for, and it is kept between
// runs like any cache (tests of a cold cache make their own).
func TestMain(m *testing.M) {
	os.Setenv(offline.CacheEnv, filepath.Join(os.TempDir(), "signpost-test-cache"))
	testscript.Main(m, map[string]func(){
		"signpost": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs every command-line script in testdata/script: one file
// per command, each with flags before and after its positional arguments
// and after "--".
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: func(env *testscript.Env) error {
		env.Setenv(offline.CacheEnv, os.Getenv(offline.CacheEnv))
		return nil
	}})
}
