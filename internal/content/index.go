package content

import (
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"slices"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/phone"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// Index is what a load found in each content file it may know again by
// the file's stamp (sitefs.Stamp), as git's index knows a file: so that
// the next full load of the same folder (signpost build with its cache
// folder) reads and parses only the files that changed. For each
// ordinary page that parsed without errors it keeps the file's stamp, the
// SHA-256 of its bytes, the page as parse made it but its body, and the
// diagnostics (warnings) parse reported, in order.
//
// A file is known again when its stamp now is the one kept and the file
// had last changed more than sitefs.Settle before the load that kept it
// began (Stamp.Settled: git's rule for "racily clean" entries); every
// other file is read and parsed. A page known again holds no body: its
// Markdown reads the file when the page is rendered, and refuses a file
// whose bytes are not the ones kept. The home page, outcomes and services
// are always read: they are few, every build shows them on many pages,
// and keeping their contacts and hours here would be a second copy of
// the content model to keep in step with parse.
//
// An Index is used only by the Loader it was made for (the same phone
// plan); its encoding carries a salt that the caller chooses (the
// signpost binary), and one with another salt does not decode.
type Index struct {
	at    time.Time // the start of the load that took the stamps: every stamp is later
	plan  phone.Plan
	files map[string]*known
}

// known is one file of an Index.
type known struct {
	stamp sitefs.Stamp
	page  Page // Kind Ordinary, no Body, no fsys
	diags []diag.Diagnostic
}

// Len is the number of files the index knows.
func (x *Index) Len() int {
	if x == nil {
		return 0
	}
	return len(x.files)
}

// indexFormat names the encoding; change it with any change to Page,
// Review or diag.Diagnostic, or to what parse makes of a file
// (TestIndexFields fails when one of those types changes).
const indexFormat = "signpost content index v1"

var errIndex = errors.New("not a content index")

// Encode returns the index as bytes, for DecodeIndex with the same salt.
// Files are in walk order, so the same index encodes to the same bytes.
func (x *Index) Encode(salt string) []byte {
	var b []byte
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	date := func(t time.Time) {
		flag(!t.IsZero())
		if !t.IsZero() {
			b = binary.AppendVarint(b, t.Unix())
			num(t.Nanosecond())
		}
	}
	str(indexFormat)
	str(salt)
	str(string(x.plan))
	b = binary.AppendVarint(b, x.at.UnixNano())
	files := make([]string, 0, len(x.files))
	for f := range x.files {
		files = append(files, f)
	}
	slices.SortFunc(files, WalkOrder)
	b = binary.AppendUvarint(b, uint64(len(files)))
	for _, f := range files {
		k := x.files[f]
		p := &k.page
		str(f)
		b = binary.AppendVarint(b, k.stamp.Size)
		b = binary.AppendVarint(b, k.stamp.Mtime)
		b = binary.AppendVarint(b, k.stamp.Ctime)
		b = binary.AppendUvarint(b, k.stamp.Ino)
		str(p.Hash)
		str(p.Title)
		str(p.Summary)
		flag(p.Draft)
		num(p.BodyLine)
		flag(p.Review != nil)
		if r := p.Review; r != nil {
			str(r.Owner)
			date(r.Reviewed)
			date(r.NextReview)
			num(r.Pos.Line)
			num(r.Pos.Col)
		}
		b = binary.AppendUvarint(b, uint64(len(k.diags)))
		for _, d := range k.diags {
			str(d.File)
			num(d.Line)
			num(d.Col)
			num(int(d.Severity))
			str(d.Message)
			str(d.Related.File)
			num(d.Related.Line)
			num(d.Related.Col)
			str(d.Related.Message)
		}
	}
	return b
}

// DecodeIndex reads an index Encode made with the same salt; any other
// bytes (another salt, another format, a truncated entry) are an error.
func DecodeIndex(b []byte, salt string) (*Index, error) {
	bad := false
	unum := func() uint64 {
		n, k := binary.Uvarint(b)
		if k <= 0 {
			bad = true
			return 0
		}
		b = b[k:]
		return n
	}
	num64 := func() int64 {
		n, k := binary.Varint(b)
		if k <= 0 {
			bad = true
			return 0
		}
		b = b[k:]
		return n
	}
	num := func() int { return int(num64()) }
	str := func() string {
		n := unum()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	flag := func() bool {
		if len(b) == 0 || b[0] > 1 {
			bad = true
			return false
		}
		v := b[0] == 1
		b = b[1:]
		return v
	}
	date := func() time.Time {
		if !flag() {
			return time.Time{}
		}
		sec := num64()
		return time.Unix(sec, num64()).UTC()
	}
	if str() != indexFormat || bad || str() != salt || bad {
		return nil, errIndex
	}
	x := &Index{plan: phone.Plan(str())}
	x.at = time.Unix(0, num64())
	n := unum()
	if bad || n > uint64(len(b)) {
		return nil, errIndex
	}
	x.files = make(map[string]*known, n)
	for range n {
		f := str()
		k := &known{}
		k.stamp.Size, k.stamp.Mtime, k.stamp.Ctime = num64(), num64(), num64()
		k.stamp.Ino = unum()
		p := &k.page
		p.Hash, p.Title, p.Summary = str(), str(), str()
		p.Draft = flag()
		p.BodyLine = num()
		if flag() {
			r := &Review{Owner: str()}
			r.Reviewed, r.NextReview = date(), date()
			r.Pos.Line, r.Pos.Col = num(), num()
			p.Review = r
		}
		nd := unum()
		if bad || nd > uint64(len(b)) {
			return nil, errIndex
		}
		for range nd {
			var d diag.Diagnostic
			d.File, d.Line, d.Col = str(), num(), num()
			d.Severity = diag.Severity(num())
			d.Message = str()
			d.Related.File, d.Related.Line, d.Related.Col, d.Related.Message = str(), num(), num(), str()
			k.diags = append(k.diags, d)
		}
		if bad {
			return nil, errIndex
		}
		kind, id, url, msg := Locate(f)
		if _, err := hex.DecodeString(p.Hash); msg != "" || kind != Ordinary || err != nil || len(p.Hash) != 64 || x.files[f] != nil {
			return nil, errIndex
		}
		p.Kind, p.File, p.ID, p.URL = kind, f, id, url
		x.files[f] = k
	}
	if bad || len(b) != 0 {
		return nil, errIndex
	}
	return x, nil
}

// UseIndex gives the Loader what an earlier load of the same folder knew
// (Index), for its reads from now on: a file whose stamp it knows is not
// read (see Index). An index made with another phone plan is not used.
// The preview's Loader has none.
func (l *Loader) UseIndex(x *Index) {
	if x != nil && x.plan != l.opts.Phones {
		x = nil
	}
	l.prev = x
}

// Index returns what the Loader's reads know by stamp (see Index), and
// whether it differs from the index given to UseIndex in what a later
// load could use (so is worth keeping): false when every file it knows
// was known again from that index, it knows no other, and the files read
// afresh had all changed too recently to be trusted by stamp (a page
// edited just before the build, as in an edit-and-rebuild loop, is read
// again next time however the index is kept: rewriting it for them would
// cost a whole index's encoding and write and save nothing).
func (l *Loader) Index() (x *Index, changed bool) {
	x = &Index{at: l.at, plan: l.opts.Phones, files: map[string]*known{}}
	changed = l.prev == nil
	settle := cmp.Or(l.opts.Settle, sitefs.Settle)
	for _, f := range l.files {
		r := l.reads[f]
		switch {
		case r.from != nil:
			x.files[f] = r.from
		case r.stamped && r.ok && r.page != nil && r.page.Kind == Ordinary:
			p := *r.page
			p.Body, p.fsys = nil, nil
			x.files[f] = &known{stamp: r.stamp, page: p, diags: r.diags.All()}
			if r.stamp.Settled(l.at, settle) {
				changed = true
			}
		}
	}
	if l.prev != nil && len(x.files) != len(l.prev.files) {
		changed = true
	}
	if !changed {
		x.at = l.prev.at
	}
	return x, changed
}

// Known is the number of pages the Loader's reads took from the index
// given to UseIndex rather than from their files.
func (l *Loader) Known() int {
	n := 0
	for _, r := range l.reads {
		if r.from != nil {
			n++
		}
	}
	return n
}

// again returns what the index knows of file when the file's stamp now
// (from fs.Lstat) is the one kept and was settled when it was kept; nil:
// read the file.
func (x *Index) again(fsys fs.FS, file string, settle time.Duration) (*known, sitefs.Stamp) {
	k := x.files[file]
	if k == nil {
		return nil, sitefs.Stamp{}
	}
	info, err := fs.Lstat(fsys, file)
	if err != nil {
		return nil, sitefs.Stamp{}
	}
	st, ok := sitefs.StampOf(info)
	if !ok || st != k.stamp || !st.Settled(x.at, settle) {
		return nil, sitefs.Stamp{}
	}
	return k, st
}
