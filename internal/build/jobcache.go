package build

// The job cache: what each output job of a build made, kept between builds
// in the cache folder (Options.Cache, beside the compressed files), so
// that a build after a small change renders again only the jobs whose
// inputs changed. It uses the input tracking the preview's Session uses
// (renderJobs records what each job reads), persisted:
//
//	jobs-v5/ab/ab12...   one entry a site key: the record of every job
//	                     of the last build with that key, each its output
//	                     path, recorded reads, the SHA-256 of their
//	                     values as they were (the inputs), and what it
//	                     made: the SHA-256 of the bytes and of their .gz
//	                     and .br copies, their gzip size, the page's
//	                     Content-Security-Policy, its diagnostics, the ids
//	                     and links the link check needs, and the stamps of
//	                     the files written
//	jobdata-v2/cd/cd34...  a file a job made (or its .gz or .br copy),
//	                     raw, named by the SHA-256 of its bytes
//	content-v1/ef/ef56...  the content index of a site folder: what the
//	                     load found in each unchanged content file, by
//	                     its stamp (contentindex.go, content.Index)
//
// One entry for all jobs, read once, because a warm build looks up every
// job; the bytes apart, because a warm build with the previous output in
// place links its files (reuse.go) and reads none of them.
//
// A job's files are stored as they are written: each is hard-linked from
// the new output into jobdata-v2 (offline.Cache.PutBlob), which costs a
// link a file and no copy, so a first build with an empty cache costs
// little more than one with none; where the cache is on another file
// system they are copied. They are verified by hashing when read, so an
// output file edited in place since (which edits its blob too) is a miss.
// Their .gz and .br copies are compressed without the compression cache
// (compress-v1): the record names them in jobdata-v2, which is what a
// build that restores the cache but not the output reads. A build whose
// site key has no entry yet (a new signpost binary, an edit of site.toml)
// renders every job, and takes the copies of the files that came out the
// same from the records of the site folder's previous build (jobs-v5's
// entry named by the folder, which names its site key): an unchanged
// file is not compressed again.
//
// The site key is what every job reads: the signpost binary (its Go build
// ID, so any other build of signpost, even of the same version, misses),
// the build options, site.toml, every layout and asset file, and what
// every page shares (render.Common but its pathway list, which is a read
// key of its own). A job's entry is used only when the values of every key
// it read are what they were when it ran: a content file or pathway file
// by the SHA-256 of its bytes, a service or outcome by its file's, the
// list of services by all of theirs. A key this file does not know how to
// value makes the job uncacheable, never a wrong hit.
//
// Entries are checksummed (offline.Cache.Entry), so a damaged one is a
// miss; one written by another site, another binary or for other inputs is
// a miss too (its name or its inputs differ). Either way the job renders,
// so a build is byte-identical with a cold, a warm or a foreign cache.

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/render"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// jobSpace is the cache folder of job entries; change its version whenever
// jobRecord or what a key's value means changes.
const jobSpace = "jobs-v5"

// jobDataSpace holds the bytes jobs made, named by their SHA-256.
const jobDataSpace = "jobdata-v2"

// jobCache is the job cache of one build.
type jobCache struct {
	c     *offline.Cache
	site  []byte // the site key
	m     *Model
	pages map[string]*content.Page // by file

	once                  sync.Once
	services, pathwayList string // values of content.ServicesKey, keyPathwayList

	mu    sync.Mutex
	files map[string]string // pathway file -> SHA-256 of its bytes ("" unreadable)

	disk *DiskOutput // the output being written; nil: none (signpost check)
	rec  *recorder   // what sees every file written

	old     map[string]*jobRecord        // by output path: the entry as this build found it
	now     map[string]*jobRecord        // the records of this build's jobs so far (under mu)
	changed bool                         // now differs from old (under mu)
	written map[string]*written          // files the recorder wrote, until their job is stored (under mu)
	last    string                       // the name of the site folder's entry of its last site key
	earlier map[[sha256.Size]byte]copies // by the SHA-256 of a file: its copies in the folder's previous build

	hits, misses, reused atomic.Int64
	copied               atomic.Int64 // copies taken from earlier
}

// jobRecord is one entry.
type jobRecord struct {
	Path, Source string
	Reads        []string
	Inputs       []byte // inputs(Reads) when it ran
	DataSum      string // hex SHA-256 of the bytes, their blob's name in jobDataSpace
	Len          int    // their length
	GzSum, BrSum string // the same of the .gz and .br copies written; "": none
	BrQ          int    // the Brotli quality of the .br
	Hash         string // offline.Hash of the bytes
	Size         int    // their gzip size for a compressible file, else Len
	CSP          string
	// The files the job's file was written as (itself, and its .gz and .br
	// where written) in the output folder Dest, and their stamps then.
	Dest       string
	Names      []string
	Stamps     []fileStamp
	Diags      []diag.Diagnostic
	Scanned    bool // an HTML page: IDs and Hrefs are its links
	IDs, Hrefs []string

	raw []byte // the record's bytes in the entry it was read from; nil: made by this build
}

// newJobCache returns the job cache of a build of m, or nil when there is
// no cache or the site key cannot be made (then every job renders).
func newJobCache(m *Model, c *offline.Cache, dir string) *jobCache {
	if c == nil || m.Opts.Preview || m.fsys == nil {
		return nil
	}
	key, ok := siteKey(m)
	if !ok {
		return nil
	}
	jc := &jobCache{c: c, site: key, m: m, pages: make(map[string]*content.Page, len(m.Content.Pages)), files: map[string]string{},
		old: map[string]*jobRecord{}, now: map[string]*jobRecord{}, written: map[string]*written{}}
	for _, p := range m.Content.Pages {
		jc.pages[p.File] = p
	}
	if b, ok := c.Entry(jobSpace, hex.EncodeToString(key)); ok {
		if recs, err := decodeRecords(b); err == nil {
			for _, r := range recs {
				jc.old[r.Path] = r
			}
		}
	}
	if abs, err := filepath.Abs(dir); err == nil {
		sum := sha256.Sum256([]byte("the last site key of " + abs))
		jc.last = hex.EncodeToString(sum[:])
	}
	if len(jc.old) == 0 {
		jc.loadEarlier()
	}
	return jc
}

// copies are the .gz and .br copies an earlier build made of a file.
type copies struct {
	size         int // the gzip size
	gz, br       [sha256.Size]byte
	hasGz, hasBr bool
	brq          int
}

// loadEarlier reads, for a build whose site key has no records, the
// records of the site folder's last build: the copies they name, by the
// SHA-256 of their file, for a job that renders the same bytes again. The
// folder's entry is its last site key and the compression cache's
// version then (the copies are what that version's encoders made).
func (jc *jobCache) loadEarlier() {
	b, ok := jc.c.Entry(jobSpace, jc.last)
	if jc.last == "" || !ok || len(b) < sha256.Size || string(b[sha256.Size:]) != jc.c.Version() {
		return
	}
	b, ok = jc.c.Entry(jobSpace, hex.EncodeToString(b[:sha256.Size]))
	if !ok {
		return
	}
	recs, err := decodeRecords(b)
	if err != nil {
		return
	}
	jc.earlier = make(map[[sha256.Size]byte]copies, len(recs))
	for _, r := range recs {
		var c copies
		sum, err1 := hex.DecodeString(r.DataSum)
		gz, err2 := hex.DecodeString(r.GzSum)
		br, err3 := hex.DecodeString(r.BrSum)
		if err1 != nil || len(sum) != sha256.Size || err2 != nil || err3 != nil {
			continue
		}
		c.size, c.brq = r.Size, r.BrQ
		c.hasGz, c.hasBr = copy(c.gz[:], gz) == sha256.Size, copy(c.br[:], br) == sha256.Size
		jc.earlier[[sha256.Size]byte(sum)] = c
	}
}

// gzip returns the gzip of data, whose SHA-256 is sum, and its length:
// from the folder's previous build when it made it (only the length when
// need is false and the bytes are not needed), else compressed.
func (jc *jobCache) gzip(zip *offline.Compressor, data []byte, sum [sha256.Size]byte, need bool) ([]byte, int) {
	if c, ok := jc.earlier[sum]; ok {
		if !need && c.size > 0 {
			jc.copied.Add(1)
			return nil, c.size
		}
		if b, ok := jc.blob(c.hasGz, c.gz); ok && offline.IsGzipOf(b, data) {
			jc.copied.Add(1)
			return b, len(b)
		}
	}
	gz := zip.GzipUncached(data)
	return gz, len(gz)
}

// brotli is gzip's counterpart at Brotli quality q.
func (jc *jobCache) brotli(zip *offline.Compressor, data []byte, sum [sha256.Size]byte, q int) []byte {
	if c, ok := jc.earlier[sum]; ok && c.brq == q {
		if b, ok := jc.blob(c.hasBr, c.br); ok && offline.IsBrotliOf(b, data) {
			jc.copied.Add(1)
			return b
		}
	}
	return zip.BrotliUncached(data, q)
}

func (jc *jobCache) blob(has bool, sum [sha256.Size]byte) ([]byte, bool) {
	if !has {
		return nil, false
	}
	return jc.c.Blob(jobDataSpace, hex.EncodeToString(sum[:]))
}

// save stores the records of this build's jobs, if they are not those the
// build found. Call it when the build succeeded.
func (jc *jobCache) save() {
	if jc == nil {
		return
	}
	jc.mu.Lock()
	defer jc.mu.Unlock()
	if !jc.changed && len(jc.now) == len(jc.old) {
		return
	}
	recs := make([]*jobRecord, 0, len(jc.now))
	for _, r := range jc.now {
		recs = append(recs, r)
	}
	slices.SortFunc(recs, func(a, b *jobRecord) int { return strings.Compare(a.Path, b.Path) })
	jc.c.PutEntry(jobSpace, hex.EncodeToString(jc.site), encodeRecordsAs(recs, jc.old))
	if jc.last != "" {
		jc.c.PutEntry(jobSpace, jc.last, append(slices.Clone(jc.site), jc.c.Version()...))
	}
}

// keep puts r among this build's records.
func (jc *jobCache) keep(r *jobRecord, changed bool) {
	jc.mu.Lock()
	jc.now[r.Path] = r
	jc.changed = jc.changed || changed
	jc.mu.Unlock()
}

// siteKey is the SHA-256 of what every job reads.
func siteKey(m *Model) ([]byte, bool) {
	id, ok := binaryID()
	if !ok {
		return nil, false
	}
	h := sha256.New()
	field := func(b []byte) { fmt.Fprintf(h, "%d:", len(b)); h.Write(b) }
	field([]byte(jobSpace))
	field([]byte(id))
	o := m.Opts
	field(fmt.Appendf(nil, "drafts=%v base=%q preview=%v nocases=%v release=%v", o.Drafts, o.BaseURL, o.Preview, o.NoCases, o.Release))
	src, err := fs.ReadFile(m.fsys, config.File)
	if err != nil {
		return nil, false
	}
	field(src)
	err = fs.WalkDir(m.fsys, render.LayoutsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == render.LayoutsDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(m.fsys, p)
		if err != nil {
			return err
		}
		field([]byte(p))
		field(b)
		return nil
	})
	if err != nil {
		return nil, false
	}
	for _, f := range m.Assets.Files() {
		field([]byte(f.Path))
		field([]byte(f.Source))
		field(f.Data)
	}
	field([]byte(m.Assets.Style.Code))
	field([]byte(m.Assets.StyleURL))
	c := *m.Common
	c.Pathways = nil
	b, err := json.Marshal(c)
	if err != nil {
		return nil, false
	}
	field(b)
	return h.Sum(nil), true
}

// binaryID names the running signpost binary: its Go build ID, which
// changes with any change to its sources or dependencies; or, where that
// cannot be read, the SHA-256 of the executable.
var binaryID = sync.OnceValues(func() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if b, err := s.Data(); err == nil && len(b) > 16 {
				return "go-buildid " + string(bytes.TrimRight(b[16:], "\x00")), true
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", false
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil)), true
})

// inputs hashes the site key, the job and the value of every key it read;
// ok is false when a key has no value this cache knows.
func (jc *jobCache) inputs(j *Job, reads []string) ([]byte, bool) {
	// The bytes fmt's "%q %q\n" and "%q=%q\n" write, made with
	// strconv.AppendQuote (which %q is) into one buffer: fmt.Fprintf was
	// most of the cost of looking up every job of a warm build.
	b := make([]byte, 0, 256)
	b = append(b, jc.site...)
	b = strconv.AppendQuote(b, j.Path)
	b = append(b, ' ')
	b = strconv.AppendQuote(b, j.Source)
	b = append(b, '\n')
	for _, k := range reads {
		v, ok := jc.value(k)
		if !ok {
			return nil, false
		}
		b = strconv.AppendQuote(b, k)
		b = append(b, '=')
		b = strconv.AppendQuote(b, v)
		b = append(b, '\n')
	}
	sum := sha256.Sum256(b)
	return sum[:], true
}

// value is what key k (see Job) stands for, as a string that changes
// whenever what a job would read through k changes.
func (jc *jobCache) value(k string) (string, bool) {
	set := jc.m.Content
	pageHash := func(p *content.Page, ok bool) (string, bool) {
		switch {
		case !ok:
			return "none", true
		case p.Hash == "":
			return "", false
		}
		return p.File + " " + p.Hash, true
	}
	switch {
	case k == content.ServicesKey || k == keyPathwayList:
		jc.once.Do(jc.lists)
		if k == keyPathwayList {
			return jc.pathwayList, true
		}
		return jc.services, jc.services != ""
	case strings.HasPrefix(k, content.ServiceKey("")):
		p, ok := set.Services[strings.TrimPrefix(k, content.ServiceKey(""))]
		return pageHash(p, ok)
	case strings.HasPrefix(k, content.OutcomeKey("")):
		p, ok := set.Outcomes[strings.TrimPrefix(k, content.OutcomeKey(""))]
		return pageHash(p, ok)
	case strings.HasPrefix(k, content.Dir+"/"):
		p, ok := jc.pages[k]
		return pageHash(p, ok)
	case strings.HasPrefix(k, PathwaysDir+"/"):
		return jc.fileHash(k)
	}
	return "", false
}

// lists values the list of every service and the pathways every page may
// list.
func (jc *jobCache) lists() {
	h := sha256.New()
	for _, p := range jc.m.Content.Pages {
		if p.Kind == content.ServicePage {
			if p.Hash == "" {
				return // jc.services stays "": unknown
			}
			fmt.Fprintf(h, "%q %s\n", p.File, p.Hash)
		}
	}
	jc.services = hex.EncodeToString(h.Sum(nil))
	b, _ := json.Marshal(jc.m.Common.Pathways) // a []render.Link
	sum := sha256.Sum256(b)
	jc.pathwayList = hex.EncodeToString(sum[:])
}

// fileHash is the SHA-256 of a site file's bytes, read once a build.
func (jc *jobCache) fileHash(file string) (string, bool) {
	jc.mu.Lock()
	defer jc.mu.Unlock()
	if v, ok := jc.files[file]; ok {
		return v, v != ""
	}
	b, err := sitefs.Pathways.Read(jc.m.fsys, file)
	v := ""
	if err == nil {
		sum := sha256.Sum256(b)
		v = hex.EncodeToString(sum[:])
	}
	jc.files[file] = v
	return v, v != ""
}

// lookup returns the entry of job j if its inputs are what they were.
func (jc *jobCache) lookup(j *Job) *jobRecord {
	if jc == nil {
		return nil
	}
	return jc.find(j)
}

func (jc *jobCache) find(j *Job) *jobRecord {
	r := jc.old[j.Path]
	if r == nil || r.Source != j.Source {
		return nil
	}
	in, ok := jc.inputs(j, r.Reads)
	if !ok || !bytes.Equal(in, r.Inputs) {
		return nil
	}
	return r
}

// store keeps what job j made. Jobs with errors are not kept: their build
// fails and writes nothing.
func (jc *jobCache) store(j *Job, d *ran, r Rendered, pl *pageLinks) {
	jc.misses.Add(1)
	w := jc.take(j.Path)
	if d.diags.HasErrors() {
		return
	}
	in, ok := jc.inputs(j, d.reads)
	if !ok {
		return
	}
	if w == nil { // not written through the recorder (no finishing stage)
		w = &written{sum: sha256.Sum256(r.Data)}
	}
	rec := jobRecord{Path: j.Path, Source: j.Source, Reads: d.reads, Inputs: in, DataSum: hex.EncodeToString(w.sum[:]), Len: len(r.Data), CSP: r.CSP, Diags: d.diags.Sorted()}
	rec.Hash, rec.Size = offline.HashOf(w.sum), len(r.Data)
	if jc.rec != nil {
		seen := jc.rec.seenFile(j.Path)
		rec.Hash, rec.Size = seen.hash, seen.size
	}
	if pl != nil {
		rec.Scanned, rec.IDs, rec.Hrefs = true, pl.ids, pl.hrefs // sorted: shared with the link check
	}
	jc.putBlobs(&rec, r.Data, w)
	jc.restamp(&rec)
}

// written is what the recorder wrote of a job's file: the SHA-256 of its
// bytes, and its .gz and .br copies (nil: not written).
type written struct {
	sum    [sha256.Size]byte
	gz, br []byte
	brq    int // br's quality
}

// wrote is the recorder telling the job cache of a job's file it wrote.
func (jc *jobCache) wrote(p string, sum [sha256.Size]byte, gz, br []byte, brq int) {
	jc.mu.Lock()
	jc.written[p] = &written{sum: sum, gz: gz, br: br, brq: brq}
	jc.mu.Unlock()
}

func (jc *jobCache) take(p string) *written {
	jc.mu.Lock()
	defer jc.mu.Unlock()
	w := jc.written[p]
	delete(jc.written, p)
	return w
}

// putBlobs stores the files of r in the cache, as blobs linked from the
// new output (offline.Cache.PutBlob), and names the copies in r. Without
// an output folder (signpost check) there is nothing to link and nothing
// a later build could not make again: nothing is stored.
func (jc *jobCache) putBlobs(r *jobRecord, data []byte, w *written) {
	if jc.disk == nil {
		return
	}
	put := func(name, sum string, b []byte) {
		jc.c.PutBlob(jobDataSpace, sum, filepath.Join(jc.disk.tmp, filepath.FromSlash(name)), b)
	}
	put(r.Path, r.DataSum, data)
	if w.br != nil {
		r.BrQ = w.brq
	}
	for _, c := range []struct {
		ext string
		b   []byte
		sum *string
	}{{".gz", w.gz, &r.GzSum}, {".br", w.br, &r.BrSum}} {
		if c.b != nil {
			sum := sha256.Sum256(c.b)
			*c.sum = hex.EncodeToString(sum[:])
			put(r.Path+c.ext, *c.sum, c.b)
		}
	}
}

// write puts the file of a job's entry into the output: the previous
// output's files linked when they are still what the entry recorded, else
// the entry's bytes written. It returns the file's bytes when it wrote
// them, and false when the bytes are not in the cache (then the job
// renders).
func (jc *jobCache) write(out Output, rec *jobRecord) bool {
	links := func() {
		if lr, ok := out.(*linkRecorder); ok {
			lr.mu.Lock()
			lr.all[rec.Path] = rec.links()
			lr.mu.Unlock()
		}
	}
	if jc.rec != nil && jc.disk != nil && rec.Dest == jc.disk.dest && len(rec.Names) > 0 && jc.disk.reuse(rec.Names, rec.Stamps) {
		jc.rec.saw(rec.Path, seenFile{hash: rec.Hash, size: rec.Size})
		jc.hits.Add(1)
		jc.reused.Add(1)
		links()
		jc.keep(rec, false)
		return true
	}
	if jc.disk == nil { // signpost check: nothing to write, the record is all it needs
		if jc.rec != nil {
			jc.rec.saw(rec.Path, seenFile{hash: rec.Hash, size: rec.Size})
		}
		jc.hits.Add(1)
		links()
		jc.keep(rec, false)
		return true
	}
	data, ok := jc.c.Blob(jobDataSpace, rec.DataSum)
	if !ok || len(data) != rec.Len {
		return false
	}
	if jc.writeBlobs(rec, data) {
		jc.hits.Add(1)
		links()
		jc.restamp(rec)
		return true
	}
	// The copies are not in the cache: the file is written through the
	// recorder, which compresses it again.
	dest := out
	if lr, ok := out.(*linkRecorder); ok && rec.Scanned {
		dest = lr.out // the links are the entry's
	}
	if dest.Write(rec.Path, data) != nil {
		return false // the job renders and meets the error itself
	}
	jc.hits.Add(1)
	links()
	c := *rec
	c.GzSum, c.BrSum = "", ""
	if w := jc.take(rec.Path); w != nil {
		jc.putBlobs(&c, data, w)
	}
	jc.restamp(&c)
	return true
}

// writeBlobs writes the file of rec and the copies the recorder would
// write of it from their blobs into the output, and tells the recorder;
// false when a copy is not in the cache (then nothing is written).
func (jc *jobCache) writeBlobs(rec *jobRecord, data []byte) bool {
	if jc.rec == nil {
		return false
	}
	files := [][2]string{{rec.Path, ""}}
	if offline.Compressible(rec.Path) {
		for _, c := range []struct {
			on       bool
			ext, sum string
		}{{jc.rec.gz, ".gz", rec.GzSum}, {jc.rec.br, ".br", rec.BrSum}} {
			if c.on {
				if c.sum == "" {
					return false
				}
				files = append(files, [2]string{rec.Path + c.ext, c.sum})
			}
		}
	}
	blobs := [][]byte{data}
	for _, f := range files[1:] {
		b, ok := jc.c.Blob(jobDataSpace, f[1])
		if !ok {
			return false
		}
		blobs = append(blobs, b)
	}
	for i, f := range files {
		if jc.disk.Write(f[0], blobs[i]) != nil {
			return false
		}
	}
	jc.rec.saw(rec.Path, seenFile{hash: rec.Hash, size: rec.Size})
	return true
}

// restamp keeps r with the stamps of the files just written from it (its
// own, and the copies it names), so that the next build can link them.
func (jc *jobCache) restamp(r *jobRecord) {
	c := *r
	c.Dest, c.Names, c.Stamps, c.raw = "", nil, nil, nil
	if jc.disk != nil {
		c.Dest = jc.disk.dest
		names := []string{r.Path}
		if r.GzSum != "" {
			names = append(names, r.Path+".gz")
		}
		if r.BrSum != "" {
			names = append(names, r.Path+".br")
		}
		for _, name := range names {
			if st, ok := jc.disk.stamp(name); ok {
				c.Names, c.Stamps = append(c.Names, name), append(c.Stamps, st)
			} else { // not linkable whole: written again next time
				c.Names, c.Stamps = nil, nil
				break
			}
		}
	}
	jc.keep(&c, true)
}

// Stats says how many jobs the cache answered, how many it did not, and
// how many of those answered were linked from the previous output.
func (jc *jobCache) Stats() (hits, misses, reused int64) {
	if jc == nil {
		return 0, 0, 0
	}
	return jc.hits.Load(), jc.misses.Load(), jc.reused.Load()
}

// links is the scanned links of a record, for the link check.
func (r *jobRecord) links() *pageLinks {
	if !r.Scanned {
		return nil
	}
	return &pageLinks{ids: r.IDs, hrefs: r.Hrefs} // IDs are sorted, as the link check's are
}

// scanned returns the links a link recorder found in page p; nil for
// another Output.
func scanned(out Output, p string) *pageLinks {
	lr, ok := out.(*linkRecorder)
	if !ok {
		return nil
	}
	lr.mu.Lock()
	defer lr.mu.Unlock()
	return lr.all[p]
}
