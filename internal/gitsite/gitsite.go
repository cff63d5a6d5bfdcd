// Package gitsite writes the files of a site folder as they were at a git
// revision into a temporary folder, so that a past release can be loaded
// like any site folder (signpost diff v1.2 .).
//
// It runs the git command (git archive of the revision's subtree at the
// site's place in its repository) and unpacks the tar stream with
// archive/tar: no new dependency. It owns nothing else; in particular it
// does not read the site.
package gitsite

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Export writes the site in folder dir as it was at revision rev (a commit,
// tag or branch of dir's repository) into a new temporary folder, and
// returns it with a function that removes it.
func Export(dir, rev string) (string, func(), error) {
	prefix, err := git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return "", nil, fmt.Errorf("%s is not in a git repository, and %q is not a site folder: %w", dir, rev, err)
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return "", nil, fmt.Errorf("%q is neither a site folder nor a revision of the repository of %s", rev, dir)
	}
	tree := rev
	if p := strings.TrimSpace(string(prefix)); p != "" {
		tree = rev + ":" + strings.TrimSuffix(p, "/")
	}
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", nil, err
	}
	data, err := git(strings.TrimSpace(string(top)), "archive", "--format=tar", tree)
	if err != nil {
		return "", nil, fmt.Errorf("git archive %s: %w", tree, err)
	}
	tmp, err := os.MkdirTemp("", "signpost-rev-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	if err := untar(bytes.NewReader(data), tmp); err != nil {
		cleanup()
		return "", nil, err
	}
	return tmp, cleanup, nil
}

// Commit returns the full commit id of HEAD in dir's repository, with
// "-dirty" when tracked files of dir differ from it, or "" outside a
// repository.
func Commit(dir string) string {
	out, err := git(dir, "rev-parse", "HEAD")
	if err != nil {
		return ""
	}
	id := strings.TrimSpace(string(out))
	if st, err := git(dir, "status", "--porcelain", "--untracked-files=no", "--", "."); err == nil && len(bytes.TrimSpace(st)) > 0 {
		id += "-dirty"
	}
	return id
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}

// untar writes the regular files and folders of the stream under dir,
// refusing any name that would land outside it.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("git archive holds %q, outside the site", h.Name)
		}
		target := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
		// Symbolic links and anything else are left out: a site may not
		// hold them, and the load reports what is then missing.
	}
}
