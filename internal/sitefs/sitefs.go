// Package sitefs owns the rules of a site's folders and the one way a
// site file is read. It does not know what the files mean: the loaders
// (config, content, pathways, layouts, assets) parse what it hands them.
//
// # The rule table
//
// A site is site.toml and five folders. For each folder the table (Folder)
// says which files it holds, whether it may hold folders, how names must be
// spelled and which notes for the site's authors (*.md beside the files) it
// skips. For every folder alike:
//
//   - names editors and systems leave behind are ignored, never read and
//     never watched (Ignored): hidden names (.name, .#name, .name.swp),
//     backups (name~), Emacs autosaves (#name#), Office locks (~$name),
//     JetBrains' safe-write files (name___jb_tmp___, name___jb_old___) and
//     vim's write test (4913);
//   - a symbolic link is refused (an error), never followed: not the
//     folder itself, not a file or folder inside it;
//   - anything that is not a folder or a regular file (a named pipe, a
//     device, a socket) is refused without being opened.
//
// Walk applies the table to one folder; content, pathways, layouts,
// assets and i18n are loaded through it, and the preview's watcher asks Check and
// Ignored, so the build, check, the preview and its map agree on what the
// site is made of.
//
// # Reading
//
// Read is how a site file's bytes are read: every element of its path is
// checked (with Lstat, which opens nothing) to be inside the site and not
// a symbolic link, the file itself to be a regular file; then it is opened
// once, checked again through the open handle, and read up to the
// folder's size limit. A named pipe as site.toml, a link to /dev/zero or a
// device is refused with an error and not read.
//
// Dir is a site folder on disk as an fs.FS: os.DirFS, except that Open
// never follows a final symbolic link and never blocks on a named pipe, so
// Read's check holds even when a file is swapped between check and open.
package sitefs

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/signpost-dev/signpost/internal/diag"
)

// ConfigFile is the site's configuration, at the root of the site.
const ConfigFile = "site.toml"

// ConfigLimit is the largest site.toml read, in bytes.
const ConfigLimit = 1 << 20

// The folders' names in the site.
const (
	ContentDir  = "content"
	PathwaysDir = "pathways"
	LayoutsDir  = "layouts"
	AssetsDir   = "assets"
	I18nDir     = "i18n"
)

// Folder is one of the folders a site is made of.
type Folder int

// The site's folders.
const (
	Content Folder = iota + 1
	Pathways
	Layouts
	Assets
	I18n
)

// Folders lists every folder of a site, in the order the build loads them.
func Folders() []Folder { return []Folder{Content, Pathways, Layouts, Assets, I18n} }

// naming is a folder's rule for the names of what it holds.
type naming int

const (
	slugFolders naming = iota // folders are slugs; files' slugs are checked by the loader (the page or pathway id)
	assetNames                // letters, digits, hyphens, underscores and dots
)

// rule is one row of the table.
type rule struct {
	dir    string   // the folder's name in the site
	exts   []string // the extensions of the files it holds; nil: any
	notes  bool     // *.md files are notes for the site's authors, skipped
	nested bool     // may hold folders
	naming naming
	holds  string // what it holds, for messages
	other  string // what to do with a file of another kind
	limit  int64  // the largest file read, in bytes
}

func (f Folder) rule() rule {
	switch f {
	case Content:
		return rule{dir: ContentDir, exts: []string{".md"}, nested: true, naming: slugFolders,
			holds: "only Markdown (.md) files", other: "move images, styles and scripts to assets/", limit: 16 << 20}
	case Pathways:
		return rule{dir: PathwaysDir, exts: []string{".toml"}, notes: true, naming: slugFolders,
			holds: "only .toml pathway files", other: "move it out of pathways/", limit: 16 << 20}
	case Layouts:
		return rule{dir: LayoutsDir, exts: []string{".html"}, notes: true, naming: slugFolders,
			holds: "only .html templates", other: "move this file to assets/", limit: 1 << 20}
	case Assets:
		return rule{dir: AssetsDir, notes: true, nested: true, naming: assetNames,
			holds: "only regular files", other: "", limit: 32 << 20}
	case I18n:
		// The file names are language tags (en-GB.toml), which package
		// i18n checks: slugFolders checks nothing of a file's name.
		return rule{dir: I18nDir, exts: []string{".toml"}, notes: true, naming: slugFolders,
			holds: "only .toml text catalogs, one per language (i18n/cy.toml)", other: "move it out of i18n/", limit: 1 << 20}
	}
	panic(fmt.Sprintf("sitefs: no folder %d", int(f)))
}

// Dir is the folder's name in the site ("content").
func (f Folder) Dir() string { return f.rule().dir }

// Limit is the largest file of the folder that is read, in bytes.
func (f Folder) Limit() int64 { return f.rule().limit }

// String is the folder's name with a slash ("content/"), as messages say it.
func (f Folder) String() string { return f.rule().dir + "/" }

// Of returns the folder a site-relative path is in, and false for a path
// outside the site folders (site.toml among them).
func Of(file string) (Folder, bool) {
	top, _, _ := strings.Cut(file, "/")
	for _, f := range Folders() {
		if f.Dir() == top {
			return f, true
		}
	}
	return 0, false
}

// Ignored reports whether a file or folder name is one that editors or
// systems leave behind: the build skips it and the preview does not watch it.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), // hidden; .#lock, .name.swp
		strings.HasSuffix(name, "~"),  // backups
		strings.HasPrefix(name, "#"),  // Emacs autosave #name#
		strings.HasPrefix(name, "~$"), // Office lock files
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		name == "4913": // vim's "can I write here" probe
		return true
	}
	return false
}

// IgnoredPath reports whether any element of a site-relative path is Ignored.
func IgnoredPath(file string) bool {
	return slices.ContainsFunc(strings.Split(file, "/"), Ignored)
}

// IsSlug reports whether s is a lowercase slug: [a-z0-9]+(-[a-z0-9]+)*.
// Page, pathway and folder names are slugs. It is a loop, not a regexp:
// pathway suggestions test thousands of candidates against it.
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

var assetNameRE = regexp.MustCompile(`^[a-z0-9]+([-_.][a-z0-9]+)*$`)

// IsAssetName reports whether name is a valid asset file or folder name:
// letters, digits, hyphens, underscores and dots, no two in a row.
func IsAssetName(name string) bool { return assetNameRE.MatchString(strings.ToLower(name)) }

// Kind says in words what sort of file a mode is.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a regular file"
}

// Check says what a loader does with an entry of the folder: msg is the
// error to report ("" for none) and skip is true when the entry is not to
// be read (a file) or entered (a folder). file is the entry's site-relative
// path. Ignored names are skipped with no message.
func (f Folder) Check(file string, d fs.DirEntry) (msg string, skip bool) {
	r := f.rule()
	name := d.Name()
	t := d.Type()
	switch {
	case file == r.dir:
		return f.checkRoot(t)
	case Ignored(name):
		return "", true
	case t&fs.ModeSymlink != 0:
		return "symbolic links are not allowed in " + f.String() + ": copy the file here instead", true
	case d.IsDir() && !r.nested:
		return fmt.Sprintf("%s holds files only, no folders: move %s/* up into %s", f, file, f), true
	case d.IsDir() && r.naming == slugFolders && !IsSlug(name):
		return fmt.Sprintf("folder name %q is not a lowercase slug: rename it using a-z, 0-9 and single hyphens", name), true
	case d.IsDir() && r.naming == assetNames && !IsAssetName(name):
		return "asset folder names may use letters, digits, hyphens, underscores and dots only", true
	case d.IsDir():
		return "", false
	case !t.IsRegular():
		return fmt.Sprintf("this is %s, not a regular file: %s holds %s; remove it", Kind(t), f, r.holds), true
	case r.notes && path.Ext(name) == ".md":
		return "", true
	case r.exts != nil && !slices.Contains(r.exts, path.Ext(name)):
		msg := f.String() + " holds " + r.holds
		if f == Content {
			msg = "content/ holds only Markdown (.md) files"
		}
		return msg + ": " + r.other, true
	case r.naming == assetNames && (!IsAssetName(name) || strings.ContainsAny(file, " ?#%")):
		return "asset file names may use letters, digits, hyphens, underscores and dots only", true
	}
	return "", false
}

func (f Folder) checkRoot(t fs.FileMode) (msg string, skip bool) {
	switch {
	case t&fs.ModeSymlink != 0:
		return fmt.Sprintf("%s is a symbolic link: signpost reads only files inside the site folder; replace the link with the folder itself", f.Dir()), true
	case !t.IsDir():
		return fmt.Sprintf("%s is %s, not a folder: make it a folder of %s", f.Dir(), Kind(t), f.rule().holds), true
	}
	return "", false
}

// Walk calls fn, in lexical order, with every file of the folder that a
// loader is to read, and adds to diags an error for every entry the table
// refuses (the folder itself among them: a symbolic link as content/ is
// reported and not followed). A site without the folder has no files.
func (f Folder) Walk(fsys fs.FS, diags *diag.List, fn func(file string)) {
	f.WalkFrom(fsys, f.Dir(), diags, fn)
}

// WalkFrom is Walk for one file or folder of the folder, from (the folder
// itself for Walk): the preview reads again only what changed, through the
// same checks. The folders above from are the caller's to Check.
func (f Folder) WalkFrom(fsys fs.FS, from string, diags *diag.List, fn func(file string)) {
	info, err := fs.Lstat(fsys, from)
	if err != nil {
		return
	}
	msg, skip := f.Check(from, fs.FileInfoToDirEntry(info))
	if msg != "" {
		diags.Errorf(from, diag.Pos{}, "%s", msg)
	}
	switch {
	case skip:
		return
	case !info.IsDir():
		fn(from)
		return
	}
	err = fs.WalkDir(fsys, from, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(file, diag.Pos{}, "cannot read: %v", plain(err))
			return nil
		}
		if file == from {
			return nil
		}
		msg, skip := f.Check(file, d)
		if msg != "" {
			diags.Errorf(file, diag.Pos{}, "%s", msg)
		}
		switch {
		case skip && d.IsDir():
			return fs.SkipDir
		case skip || d.IsDir():
			return nil
		}
		fn(file)
		return nil
	})
	if err != nil && from == f.Dir() {
		diags.Errorf(from, diag.Pos{}, "cannot read the %s folder: %v", from, plain(err))
	}
}

// Read reads a file of the folder (Read with the folder's limit).
func (f Folder) Read(fsys fs.FS, file string) ([]byte, error) {
	return Read(fsys, file, f.Limit())
}

// Reader reads files of the folder f as f.Read does, for a batch of files
// read together (a loader reading the content folder): each folder on
// their paths is checked to be a folder and no symbolic link the first
// time a file in it is read, not for every file. Each file itself is
// checked every time. Use a new Reader for each batch, so that a folder
// changed since the last is checked again. It is safe for concurrent use.
func (f Folder) Reader(fsys fs.FS) *Reader { return &Reader{fsys: fsys, limit: f.Limit()} }

// Reader is Folder.Reader's.
type Reader struct {
	fsys  fs.FS
	limit int64
	dirs  sync.Map // folders found to be folders and no links
}

// Read reads a file as Read does, with the folder's limit.
func (r *Reader) Read(file string) ([]byte, error) {
	b, _, err := read(r.fsys, file, r.limit, &r.dirs)
	return b, err
}

// ReadInfo is Read, also returning what the open file said of itself
// before it was read (its Stat): the StampOf the bytes returned, or of an
// earlier version when the file changed while it was read.
func (r *Reader) ReadInfo(file string) ([]byte, fs.FileInfo, error) {
	return read(r.fsys, file, r.limit, &r.dirs)
}

// ReadConfig reads site.toml.
func ReadConfig(fsys fs.FS) ([]byte, error) { return Read(fsys, ConfigFile, ConfigLimit) }

// Read returns the bytes of the site file name (slash-separated, relative
// to the site's root) after checking that no element of its path is a
// symbolic link and that it is a regular file of at most limit bytes. The
// file is opened once. The error says in words what is wrong and what to
// do; it does not repeat the file's name. A missing file's error satisfies
// errors.Is(err, fs.ErrNotExist).
func Read(fsys fs.FS, name string, limit int64) ([]byte, error) {
	b, _, err := read(fsys, name, limit, nil)
	return b, err
}

// read is Read. The folders of name that dirs holds were found to be
// folders and no links by an earlier read of the same Reader, and are not
// checked again; those read finds so are added to it. dirs may be nil.
// info is the open file's Stat, taken before it was read.
func read(fsys fs.FS, name string, limit int64, dirs *sync.Map) (data []byte, info fs.FileInfo, err error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, nil, fmt.Errorf("%q is not a path inside the site", name)
	}
	for start := 0; ; {
		// p is name up to the end of its element that starts at start.
		i := strings.IndexByte(name[start:], '/')
		last := i < 0
		p := name
		if !last {
			p = name[:start+i]
			start += i + 1
		}
		if !last && dirs != nil {
			if _, ok := dirs.Load(p); ok {
				continue
			}
		}
		info, err := fs.Lstat(fsys, p)
		if err != nil {
			return nil, nil, notRead{err}
		}
		m := info.Mode()
		switch {
		case m&fs.ModeSymlink != 0 && last:
			return nil, nil, fmt.Errorf("this is a symbolic link: signpost reads only files inside the site folder; replace the link with the file itself")
		case m&fs.ModeSymlink != 0:
			return nil, nil, fmt.Errorf("%s is a symbolic link: signpost reads only files inside the site folder; replace the link with the folder itself", p)
		case !last && !m.IsDir():
			return nil, nil, notRead{&fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}}
		case last && !m.IsRegular():
			return nil, nil, fmt.Errorf("this is %s, not a regular file: signpost reads only regular files; replace it with one", Kind(m))
		case last && info.Size() > limit:
			return nil, nil, tooBig(limit)
		case !last && dirs != nil:
			dirs.Store(p, true)
		}
		if last {
			break
		}
	}
	file, err := fsys.Open(name)
	if err != nil {
		return nil, nil, notRead{err}
	}
	defer file.Close()
	info, err = file.Stat()
	if err != nil {
		return nil, nil, notRead{err}
	}
	if !info.Mode().IsRegular() { // swapped since the check
		return nil, nil, fmt.Errorf("this is %s, not a regular file: signpost reads only regular files; replace it with one", Kind(info.Mode()))
	}
	var buf bytes.Buffer
	buf.Grow(int(min(info.Size(), limit)) + bytes.MinRead) // one allocation, as fs.ReadFile makes
	if _, err := buf.ReadFrom(io.LimitReader(file, limit+1)); err != nil {
		return nil, nil, notRead{err}
	}
	data = buf.Bytes()
	if int64(len(data)) > limit {
		return nil, nil, tooBig(limit)
	}
	return data, info, nil
}

func tooBig(limit int64) error {
	return fmt.Errorf("the file is larger than %d MB, the most signpost reads: split it into smaller files", limit>>20)
}

// notRead is an error of the file system, said without the path (the
// diagnostic carries the site-relative file).
type notRead struct{ err error }

func (e notRead) Error() string { return "cannot read: " + plain(e.err).Error() }
func (e notRead) Unwrap() error { return e.err }

// plain drops the path from a *fs.PathError: a Dir's paths are absolute,
// and messages name the site-relative file themselves.
func plain(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Dir returns the site folder root on disk as a file system. It is
// os.DirFS(root), except that Open refuses a final symbolic link and does
// not block on a named pipe (on Unix: O_NOFOLLOW, O_NONBLOCK).
func Dir(root string) fs.FS { return dirFS{root: root, fs: os.DirFS(root)} }

type dirFS struct {
	root string
	fs   fs.FS
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(d.root, filepath.FromSlash(name)), os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: plain(err)}
	}
	return f, nil
}

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.fs, name) }
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.fs, name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.fs, name) }
func (d dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.fs, name) }
