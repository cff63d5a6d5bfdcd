package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/signpost-dev/signpost/internal/approval"
	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/gitsite"
	"github.com/signpost-dev/signpost/internal/reviewpack"
)

const reviewUsage = "usage: signpost review [-s DIR] [-d DIR] [PATHWAY]"

func cmdReview(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("review", stderr)
	dest := fs.String("d", "review", "folder to write <pathway>.html into")
	positional, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(positional) > 1 {
		fmt.Fprintln(stderr, reviewUsage)
		return exitUsage
	}
	if err := build.CheckSiteDir(sf.source); err != nil {
		fmt.Fprintln(stderr, err)
		return exitContent
	}
	if err := build.CheckNotSource(sf.source, *dest, "the review packs", "-d"); err != nil {
		fmt.Fprintln(stderr, "signpost review:", err)
		return exitContent
	}
	fsys := os.DirFS(sf.source)
	m, diags := build.Load(fsys, build.Options{Drafts: sf.drafts, Preview: true})
	report(stderr, diags)
	if m == nil || diags.HasErrors() {
		fmt.Fprintln(stderr, "signpost review: fix the errors first; nothing was written")
		return exitContent
	}
	ids := map[string]bool{}
	for _, p := range m.Pathways {
		ids[p.ID] = true
	}
	var ad diag.List
	approvals := approval.Load(fsys, ids, &ad)
	report(stderr, &ad)
	generated := time.Now()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fmt.Fprintf(stderr, "signpost review: SOURCE_DATE_EPOCH %q is not a number of seconds\n", s)
			return exitUsage
		}
		generated = time.Unix(n, 0)
	}
	commit := gitsite.Commit(sf.source)
	n := 0
	for _, p := range m.Pathways {
		if len(positional) == 1 && p.ID != positional[0] {
			continue
		}
		n++
		in := reviewpack.FromModel(m, p, approvals[p.ID], commit, generated)
		var b bytes.Buffer
		if err := reviewpack.Write(&b, in); err != nil {
			fmt.Fprintln(stderr, "signpost review:", err)
			return exitContent
		}
		if err := os.MkdirAll(*dest, 0o755); err != nil {
			fmt.Fprintln(stderr, "signpost review:", err)
			return exitContent
		}
		file := filepath.Join(*dest, p.ID+".html")
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			fmt.Fprintln(stderr, "signpost review:", err)
			return exitContent
		}
		fmt.Fprintln(stdout, "wrote", file)
	}
	if n == 0 {
		fmt.Fprintf(stderr, "signpost review: no pathway %q in %s/pathways\n", positional[0], sf.source)
		return exitContent
	}
	return exitOK
}
