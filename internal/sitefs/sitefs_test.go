package sitefs

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
)

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		".hidden": true, ".#page.md": true, ".page.md.swp": true, "page.md~": true, "#page.md#": true,
		"~$notes.md": true, "page.md___jb_tmp___": true, "page.md___jb_old___": true, "4913": true,
		"page.md": false, "4914": false, "a~b.md": false, "site.css": false, "x#.md": false,
	} {
		if Ignored(name) != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, !want, want)
		}
	}
	if !IgnoredPath("content/.git/x.md") || IgnoredPath("content/a/b.md") {
		t.Error("IgnoredPath does not look at every element")
	}
}

// TestCheck: the table's answer for each kind of entry in each folder.
func TestCheck(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":           {},
		"content/a.png":          {},
		"content/Bad":            {Mode: fs.ModeDir},
		"content/good":           {Mode: fs.ModeDir},
		"content/link.md":        {Mode: fs.ModeSymlink, Data: []byte("/etc/passwd")},
		"content/pipe.md":        {Mode: fs.ModeNamedPipe},
		"content/.a.md.swp":      {},
		"pathways/p.toml":        {},
		"pathways/README.md":     {},
		"pathways/sub":           {Mode: fs.ModeDir},
		"pathways/p.txt":         {},
		"layouts/page.html":      {},
		"layouts/partials":       {Mode: fs.ModeDir},
		"layouts/zero.html":      {Mode: fs.ModeCharDevice | fs.ModeDevice},
		"assets/site.css":        {},
		"assets/img":             {Mode: fs.ModeDir},
		"assets/my photo.png":    {},
		"assets/sock":            {Mode: fs.ModeSocket},
		"assets/notes.md":        {},
		"assets/img/a.svg":       {},
		"assets/img/4913":        {},
		"assets/img/x.svg~":      {},
		"content/outcomes/x.md~": {},
	}
	for _, tt := range []struct {
		f    Folder
		file string
		msg  string // a part of the message; "" for none
		skip bool
	}{
		{Content, "content/a.md", "", false},
		{Content, "content/a.png", "content/ holds only Markdown (.md) files: move images", true},
		{Content, "content/Bad", `folder name "Bad" is not a lowercase slug`, true},
		{Content, "content/good", "", false},
		{Content, "content/link.md", "symbolic links are not allowed in content/", true},
		{Content, "content/pipe.md", "this is a named pipe (FIFO), not a regular file: content/ holds only Markdown (.md) files", true},
		{Content, "content/.a.md.swp", "", true},
		{Content, "content/outcomes/x.md~", "", true},
		{Pathways, "pathways/p.toml", "", false},
		{Pathways, "pathways/README.md", "", true},
		{Pathways, "pathways/sub", "pathways/ holds files only, no folders", true},
		{Pathways, "pathways/p.txt", "pathways/ holds only .toml pathway files", true},
		{Layouts, "layouts/page.html", "", false},
		{Layouts, "layouts/partials", "layouts/ holds files only, no folders", true},
		{Layouts, "layouts/zero.html", "this is a character device, not a regular file", true},
		{Assets, "assets/site.css", "", false},
		{Assets, "assets/img", "", false},
		{Assets, "assets/img/a.svg", "", false},
		{Assets, "assets/my photo.png", "asset file names may use letters", true},
		{Assets, "assets/sock", "this is a socket, not a regular file", true},
		{Assets, "assets/notes.md", "", true},
		{Assets, "assets/img/4913", "", true},
		{Assets, "assets/img/x.svg~", "", true},
	} {
		info, err := fs.Lstat(fsys, tt.file)
		if err != nil {
			t.Fatal(err)
		}
		msg, skip := tt.f.Check(tt.file, fs.FileInfoToDirEntry(info))
		if skip != tt.skip || (tt.msg == "") != (msg == "") || !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: Check = %q, %v; want %q, %v", tt.file, msg, skip, tt.msg, tt.skip)
		}
	}
}

// TestWalk: a linked folder is reported and not entered; each file of the
// folder that is to be read is handed over, the others reported.
func TestWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"content":        {Mode: fs.ModeSymlink, Data: []byte("elsewhere")},
		"elsewhere/x.md": {Data: []byte("x")},
		"assets/a.css":   {Data: []byte("a")},
		"assets/b":       {Mode: fs.ModeSymlink, Data: []byte("../elsewhere")},
		"layouts":        {Data: []byte("a file, not a folder")},
	}
	for _, tt := range []struct {
		f     Folder
		files []string
		diags []string
	}{
		{Content, nil, []string{"content: content is a symbolic link: signpost reads only files inside the site folder; replace the link with the folder itself"}},
		{Assets, []string{"assets/a.css"}, []string{"assets/b: symbolic links are not allowed in assets/: copy the file here instead"}},
		{Layouts, nil, []string{"layouts: layouts is a regular file, not a folder: make it a folder of only .html templates"}},
		{Pathways, nil, nil}, // missing: no files
	} {
		var d diag.List
		var files []string
		tt.f.Walk(fsys, &d, func(f string) { files = append(files, f) })
		var got []string
		for _, x := range d.Sorted() {
			got = append(got, x.String())
		}
		if !slices.Equal(files, tt.files) || !slices.Equal(got, tt.diags) {
			t.Errorf("%s: files %q diags %q; want %q %q", tt.f, files, got, tt.files, tt.diags)
		}
	}
}

func TestRead(t *testing.T) {
	var shared Reader
	fsys := fstest.MapFS{
		"site.toml":          {Data: []byte("title = \"T\"\n")},
		"content/a.md":       {Data: []byte("0123456789")},
		"content/link.md":    {Mode: fs.ModeSymlink, Data: []byte("a.md")},
		"content/linked":     {Mode: fs.ModeSymlink, Data: []byte("real")},
		"content/real/b.md":  {Data: []byte("b")},
		"pathways/pipe.toml": {Mode: fs.ModeNamedPipe},
		"layouts/zero.html":  {Mode: fs.ModeCharDevice | fs.ModeDevice},
	}
	shared.fsys = fsys
	for _, tt := range []struct {
		file  string
		limit int64
		want  string // the data, or a part of the error
		ok    bool
	}{
		{"site.toml", ConfigLimit, "title = \"T\"\n", true},
		{"content/a.md", 10, "0123456789", true},
		{"content/a.md", 9, "the file is larger than 0 MB", false},
		{"content/link.md", 100, "this is a symbolic link", false},
		{"content/linked/b.md", 100, "content/linked is a symbolic link", false},
		{"pathways/pipe.toml", 100, "this is a named pipe (FIFO), not a regular file", false},
		{"layouts/zero.html", 100, "this is a character device, not a regular file", false},
		{"content", 100, "this is a folder, not a regular file", false},
		{"content/missing.md", 100, "cannot read: file does not exist", false},
		{"../etc/passwd", 100, "is not a path inside the site", false},
		{"content/real/b.md", 100, "b", true},
		{"content/linked/b.md", 100, "content/linked is a symbolic link", false},
		{"content/a.md/x.md", 100, "cannot read: file does not exist", false},
	} {
		// Read, a new Reader and one Reader that read every file before
		// (which has seen content/ and content/real/) say the same.
		fresh := &Reader{fsys: fsys, limit: tt.limit}
		shared.limit = tt.limit
		for _, read := range []struct {
			name string
			read func(string) ([]byte, error)
		}{
			{"Read", func(f string) ([]byte, error) { return Read(fsys, f, tt.limit) }},
			{"a new Reader's Read", fresh.Read},
			{"a used Reader's Read", shared.Read},
		} {
			data, err := read.read(tt.file)
			switch {
			case tt.ok && (err != nil || string(data) != tt.want):
				t.Errorf("%s(%s) = %q, %v; want %q", read.name, tt.file, data, err, tt.want)
			case !tt.ok && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("%s(%s) = %q, %v; want an error containing %q", read.name, tt.file, data, err, tt.want)
			}
		}
	}
	if _, err := Read(fsys, "content/missing.md", 1); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file's error %v is not fs.ErrNotExist", err)
	}
}

// lstatCounter counts the Lstat calls to each path of a MapFS.
type lstatCounter struct {
	fstest.MapFS
	mu    sync.Mutex
	calls map[string]int
}

func (c *lstatCounter) Lstat(name string) (fs.FileInfo, error) {
	c.mu.Lock()
	c.calls[name]++
	c.mu.Unlock()
	return c.MapFS.Lstat(name)
}

// TestReaderChecksFoldersOnce: a Reader checks content/ and content/help/
// once for the files in them, and each file every time; Read checks them
// all for every file.
func TestReaderChecksFoldersOnce(t *testing.T) {
	files := []string{"content/a.md", "content/help/b.md", "content/help/c.md", "content/help/b.md"}
	fsys := &lstatCounter{MapFS: fstest.MapFS{}, calls: map[string]int{}}
	for _, f := range files {
		fsys.MapFS[f] = &fstest.MapFile{Data: []byte(f)}
	}
	r := Content.Reader(fsys)
	for _, f := range files {
		if data, err := r.Read(f); err != nil || string(data) != f {
			t.Fatalf("Read(%s) = %q, %v", f, data, err)
		}
	}
	want := map[string]int{"content": 1, "content/help": 1, "content/a.md": 1, "content/help/b.md": 2, "content/help/c.md": 1}
	if !maps.Equal(fsys.calls, want) {
		t.Errorf("a Reader's Lstat calls: %v, want %v", fsys.calls, want)
	}
	clear(fsys.calls)
	for _, f := range files {
		if _, err := Content.Read(fsys, f); err != nil {
			t.Fatal(err)
		}
	}
	if want := 4; fsys.calls["content"] != want {
		t.Errorf("Read checked content/ %d times for %d files, want %d", fsys.calls["content"], len(files), want)
	}
}
