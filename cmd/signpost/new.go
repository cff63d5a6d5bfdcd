package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	signpost "github.com/signpost-dev/signpost"
)

func cmdNew(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("new", stderr)
	positional, ok := parse(flags, args)
	if !ok {
		return exitUsage
	}
	if len(positional) != 1 {
		fmt.Fprintln(stderr, "usage: signpost new DIR")
		return exitUsage
	}
	dir := positional[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "signpost new: %s is not empty: give a new or empty folder\n", dir)
		return exitContent
	}
	if err := writeSite(signpost.DefaultSite, dir); err != nil {
		fmt.Fprintln(stderr, "signpost new:", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote a starter site to %s\nnext: signpost serve -s %s\n", dir, dir)
	return exitOK
}

func writeSite(site fs.FS, dir string) error {
	return fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
