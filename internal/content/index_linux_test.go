package content

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/phone"
)

// stamped gives every file of fsys a stamp (a syscall.Stat_t, which
// sitefs.StampOf reads) last changed at the time at, each its own inode.
func stamped(fsys fstest.MapFS, at time.Time) fstest.MapFS {
	ino := uint64(100)
	for _, f := range slices.Sorted(maps.Keys(fsys)) {
		ino++
		setStamp(fsys[f], at, at, ino)
	}
	return fsys
}

func setStamp(f *fstest.MapFile, mtime, ctime time.Time, ino uint64) {
	f.ModTime = mtime
	f.Sys = &syscall.Stat_t{Ino: ino, Ctim: syscall.NsecToTimespec(ctime.UnixNano())}
}

// TestIndexKnowsAgain: a load given the index of the last one reads and
// parses only the files whose stamp changed or was not settled when it
// was kept (git's racily clean rule), and gives every other page and its
// warnings as a fresh parse gives them. The stamps are made (the file
// system's bytes and stamp are set apart), so that each rule is seen to
// decide alone: a file whose stamp is kept and settled is known again
// even when its bytes changed, which a real file system never allows.
func TestIndexKnowsAgain(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	const privacy = "content/help/privacy.md"
	same := "+++\ntitle = \" Privacy \"\nsummary = \"What we keep!\"\n\n[review]\nowner = \"Lead\"\nreviewed = 2026-10-01\nnext_review = 2026-09-01\n+++\n\nWhat we keep.\n" // the same size
	for _, tc := range []struct {
		name  string
		edit  func(fsys fstest.MapFS) // after the first load
		again bool                    // privacy.md is known again, not read
	}{
		{"untouched", func(fstest.MapFS) {}, true},
		{"bytes changed, stamp kept", func(fsys fstest.MapFS) { fsys[privacy].Data = []byte(same) }, true},
		{"size", func(fsys fstest.MapFS) { fsys[privacy].Data = append(fsys[privacy].Data, '\n') }, false},
		{"mtime", func(fsys fstest.MapFS) { fsys[privacy].ModTime = old.Add(time.Second) }, false},
		{"ctime (mtime set back)", func(fsys fstest.MapFS) {
			setStamp(fsys[privacy], old, old.Add(time.Nanosecond), 102)
		}, false},
		{"inode (renamed over)", func(fsys fstest.MapFS) { setStamp(fsys[privacy], old, old, 999) }, false},
		{"racy: changed as the index was made", func(fsys fstest.MapFS) {}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := stamped(indexSite(), old)
			if strings.HasPrefix(tc.name, "racy") {
				setStamp(fsys[privacy], time.Now(), time.Now(), 102) // within sitefs.Settle of the load
			}
			first := NewLoader(fsys, Options{Phones: phone.UK})
			first.Reload(nil)
			var d1 diag.List
			first.Set(&d1)
			x, _ := first.Index()
			x, err := DecodeIndex(x.Encode("s"), "s")
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(fsys)

			l := NewLoader(fsys, Options{Phones: phone.UK})
			l.UseIndex(x)
			l.Reload(nil)
			var got diag.List
			set := l.Set(&got)
			fresh := NewLoader(fsys, Options{Phones: phone.UK})
			fresh.Reload(nil)
			var want diag.List
			wantSet := fresh.Set(&want)

			for f, r := range l.reads {
				again := r.from != nil
				wantAgain := f != privacy && x.files[f] != nil || f == privacy && tc.again
				if again != wantAgain {
					t.Errorf("%s known again: %v, want %v", f, again, wantAgain)
				}
			}
			if tc.again {
				if _, changed := l.Index(); changed {
					t.Error("every file known again, and Index says it changed: it would be written again")
				}
				return // the page is the one kept, not this file's
			}
			if !slices.Equal(got.All(), want.All()) {
				t.Errorf("diagnostics\n%v\nwant, as a fresh load gives them,\n%v", got.All(), want.All())
			}
			for i, p := range set.Pages {
				w := wantSet.Pages[i]
				pb, _ := p.Markdown()
				wb, _ := w.Markdown()
				if p.File != w.File || p.Title != w.Title || p.Summary != w.Summary || p.Hash != w.Hash || p.URL != w.URL || p.Draft != w.Draft || p.BodyLine != w.BodyLine || string(pb) != string(wb) {
					t.Errorf("%s: %+v\nwant %+v", p.File, p, w)
				}
			}
			_, changed := l.Index()
			switch racy := strings.HasPrefix(tc.name, "racy"); {
			case racy && changed:
				t.Error("only a file too recent to be trusted by its stamp was read again, and Index says it changed: it would be written for nothing")
			case !racy && !changed:
				t.Error("a file read again, and Index says nothing changed: its new stamp would not be kept")
			}
		})
	}
}

// TestIndexNotUsed: an index of another phone plan is not used, and files
// added, removed or broken since are read as a fresh load reads them.
func TestIndexNotUsed(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	fsys := stamped(indexSite(), old)
	first := NewLoader(fsys, Options{Phones: phone.UK})
	first.Reload(nil)
	x, _ := first.Index()

	l := NewLoader(fsys, Options{Phones: phone.Any})
	l.UseIndex(x)
	l.Reload(nil)
	for f, r := range l.reads {
		if r.from != nil {
			t.Errorf("%s known again from an index of another phone plan", f)
		}
	}

	delete(fsys, "content/far.md")
	fsys["content/new.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"New\"\n+++\nNew.\n")}
	setStamp(fsys["content/new.md"], old, old, 500)
	fsys["content/help/draft.md"].Data = []byte("+++\ntitle = 4\n+++\nBroken now.\n")
	setStamp(fsys["content/help/draft.md"], old, old.Add(time.Second), 103)
	l = NewLoader(fsys, Options{Phones: phone.UK})
	l.UseIndex(x)
	l.Reload(nil)
	var got diag.List
	l.Set(&got)
	var want diag.List
	Load(fsys, Options{Phones: phone.UK}, &want)
	if !slices.Equal(got.Sorted(), want.Sorted()) {
		t.Errorf("diagnostics\n%v\nwant\n%v", got.Sorted(), want.Sorted())
	}
	y, changed := l.Index()
	if !changed || y.files["content/far.md"] != nil || y.files["content/new.md"] == nil || y.files["content/help/draft.md"] != nil {
		t.Errorf("index after an add, a removal and a break: changed %v, knows %v", changed, slices.Sorted(maps.Keys(y.files)))
	}
}

// indexSite is a content folder whose ordinary pages use every field the
// index keeps, warnings among them.
func indexSite() fstest.MapFS {
	return fstest.MapFS{
		"content/index.md":        {Data: []byte("+++\ntitle = \"Home\"\n+++\nHome.\n")},
		"content/help/privacy.md": {Data: []byte("+++\ntitle = \" Privacy \"\nsummary = \"What we keep.\"\n\n[review]\nowner = \"Lead\"\nreviewed = 2026-10-01\nnext_review = 2026-09-01\n+++\n\nWhat we keep.\n")},
		"content/help/draft.md":   {Data: []byte("+++\ntitle = \"Draft\"\ndraft = true\n+++\nNot yet.\n")},
		"content/far.md":          {Data: []byte("+++\ntitle = \"Far\"\n[review]\nnext_review = 9999-12-31\n+++\nLater.\n")},
		"content/outcomes/gp.md":  {Data: []byte("+++\ntitle = \"GP\"\nurgency = \"routine\"\n+++\nCall your GP.\n")},
		"content/broken.md":       {Data: []byte("+++\ntitle = 3\n+++\nBroken.\n")},
	}
}

// TestIndexRoundTrip: an index decodes to what it encoded, ordinary
// pages only, each as parse made it but its body; another salt, another
// format or damaged bytes do not decode.
func TestIndexRoundTrip(t *testing.T) {
	fsys := stamped(indexSite(), time.Now().Add(-time.Hour))
	l := NewLoader(fsys, Options{Phones: phone.UK})
	l.Reload(nil)
	x, changed := l.Index()
	if !changed {
		t.Error("a first index is not the one given (none): Index says unchanged")
	}
	if got := slices.Sorted(maps.Keys(x.files)); !slices.Equal(got, []string{"content/far.md", "content/help/draft.md", "content/help/privacy.md"}) {
		t.Fatalf("the index knows %v; want the ordinary pages that parsed", got)
	}
	if len(x.files["content/help/privacy.md"].diags) != 1 {
		t.Errorf("privacy.md's warning is not kept: %v", x.files["content/help/privacy.md"].diags)
	}
	b := x.Encode("salt")
	y, err := DecodeIndex(b, "salt")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(x.files, y.files) || !x.at.Equal(y.at) || x.plan != y.plan {
		t.Errorf("decoded index differs:\n%+v\n%+v", x, y)
	}
	for f, k := range y.files {
		r := l.reads[f]
		p := *r.page
		p.Body = nil
		if !reflect.DeepEqual(p, k.page) {
			t.Errorf("%s: decoded page\n%+v\nparse made\n%+v", f, k.page, p)
		}
	}
	if _, err := DecodeIndex(b, "other binary"); err == nil {
		t.Error("an index of another salt decodes")
	}
	for n := range len(b) {
		if _, err := DecodeIndex(b[:n], "salt"); err == nil {
			t.Errorf("the first %d of %d bytes decode", n, len(b))
			break
		}
	}
}
