package main

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	if entries, err := os.ReadDir(dir); err == nil {
		var other []string
		for _, e := range entries {
			if !keptByNew[e.Name()] {
				other = append(other, e.Name())
			}
		}
		if len(other) > 0 {
			if len(other) > 3 {
				other = append(other[:3], fmt.Sprintf("and %d more", len(other)-3))
			}
			fmt.Fprintf(stderr, "signpost new: %s is not empty (it holds %s): give a new or empty folder; a folder that holds only version control or editor files (%s) is fine\n", dir, strings.Join(other, ", "), strings.Join(slices.Sorted(maps.Keys(keptByNew)), ", "))
			return exitContent
		}
	}
	if err := writeSite(signpost.DefaultSite, dir); err != nil {
		fmt.Fprintln(stderr, "signpost new:", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote a starter site to %s\nnext: signpost serve -s %s\n", dir, dir)
	return exitOK
}

// keptByNew are the entries signpost new accepts in the folder it writes
// into: what `git init`, `git clone` of a new repository, another version
// control system or an editor leaves there. None of them is a name the
// starter site writes, and writeSite never replaces a file.
var keptByNew = map[string]bool{
	".git": true, ".gitignore": true, ".gitattributes": true, ".hg": true, ".hgignore": true, ".svn": true, ".jj": true,
	".editorconfig": true, ".vscode": true, ".idea": true, ".DS_Store": true,
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
		// O_EXCL: a file that is already there is never replaced.
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}
