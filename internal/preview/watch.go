package preview

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/signpost-dev/signpost/internal/sitefs"
)

// watchedFolders are the folders of a site that the preview watches, with
// everything in them; site.toml is watched through the site folder.
func watchedFolders() []string {
	var dirs []string
	for _, f := range sitefs.Folders() {
		dirs = append(dirs, f.Dir())
	}
	return dirs
}

// watcher turns fsnotify events under a site folder into batches of
// changed site-relative paths.
type watcher struct {
	root     string
	w        *fsnotify.Watcher
	debounce time.Duration
	out      chan<- []string
	errs     chan error
}

func newWatcher(root string, debounce time.Duration, out chan<- []string) (*watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: abs, w: fw, debounce: debounce, out: out, errs: make(chan error, 8)}
	// The site folder itself: site.toml, and the watched folders being
	// created, removed or renamed.
	if err := fw.Add(abs); err != nil {
		fw.Close()
		return nil, err
	}
	for _, top := range watchedFolders() {
		w.addTree(filepath.Join(abs, top))
	}
	return w, nil
}

func (w *watcher) close() { _ = w.w.Close() }

// addTree watches dir and every folder under it, and returns the files
// found in it (site-relative).
func (w *watcher) addTree(dir string) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: the build reports it
		}
		if d.IsDir() {
			if p != dir && sitefs.Ignored(d.Name()) {
				return filepath.SkipDir
			}
			if err := w.w.Add(p); err != nil {
				w.report(err)
			}
			return nil
		}
		files = append(files, w.rel(p))
		return nil
	})
	return files
}

func (w *watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

// relevant reports whether a site-relative path is one the site is made
// of: site.toml or a path in one of its folders, none of whose names is
// one that editors leave behind (sitefs.Ignored).
func relevant(rel string) bool {
	if rel == "" || rel == "." || strings.HasPrefix(rel, "../") || sitefs.IgnoredPath(rel) {
		return false
	}
	_, in := sitefs.Of(rel)
	return in || rel == sitefs.ConfigFile
}

// run collects events until the files are quiet for the debounce time, then
// sends the changed paths as one batch.
func (w *watcher) run(ctx context.Context) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			w.report(err)
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			rel := w.rel(ev.Name)
			if !relevant(rel) {
				continue
			}
			pending[rel] = true
			if ev.Has(fsnotify.Create) {
				// A new folder (or one renamed into place): watch it and
				// everything in it, and read what was written before the
				// watch was in place.
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					for _, f := range w.addTree(ev.Name) {
						pending[f] = true
					}
				}
			}
			timer.Reset(w.debounce)
		case <-timer.C:
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			slices.Sort(batch)
			clear(pending)
			select {
			case w.out <- batch:
			case <-ctx.Done():
				return
			}
		}
	}
}
