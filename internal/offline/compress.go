package offline

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math/bits"
	"path"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressible lists the extensions of text files, which get .gz and .br
// siblings. Images such as PNG are compressed already.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".mjs": true, ".json": true,
	".svg": true, ".xml": true, ".txt": true, ".webmanifest": true,
	".csv": true, ".md": true, ".ics": true,
}

// Compressible reports whether an output file is text that gets
// precompressed siblings. The _headers file is read by the host, never
// served, so it has none.
func Compressible(file string) bool {
	return compressible[strings.ToLower(path.Ext(file))]
}

// Sibling reports whether an output file is a precompressed copy of
// another (.gz, .br).
func Sibling(file string) bool {
	return strings.HasSuffix(file, ".gz") || strings.HasSuffix(file, ".br")
}

// BrotliQuality is the Brotli level of the .br siblings. On a typical
// 15 KB page, levels 5 to 9 give the same size within 0.5% and level 5 is
// about 9 times faster than 9; level 11 is 9% smaller but about 40 times
// slower, too slow for sites of 10,000 pages. Below 5 the copy stops being
// worth having: on 100 generated 11 KB pages, compressed size as a share
// of the page and speed on one core were gzip 6 39.1% at 50 MB/s; Brotli 5
// 35.7% at 17 MB/s, 4 38.0% at 31 MB/s, 3 40.5%, 2 41.3%, 1 43.7% at
// 81 MB/s (the encoder's newer matchfinder levels: 40% to 41%).
const BrotliQuality = 5

// GzipLevel is the gzip level of the .gz siblings and of the budgets'
// sizes. On a typical page level 9 is 0.3% smaller and 30% slower.
const GzipLevel = flate.DefaultCompression

// Gzip compresses data as Compressor.Gzip does, with new encoders.
func Gzip(data []byte) []byte { return NewCompressor().Gzip(data) }

// Brotli compresses data as Compressor.Brotli does, with a new encoder.
func Brotli(data []byte) []byte { return NewCompressor().Brotli(data) }

// Compressor compresses many files, reusing its encoders (a gzip encoder
// holds about 1 MB of state). It is safe for concurrent use; make one per
// build. What it writes depends only on the data, never on what it
// compressed before.
type Compressor struct {
	flate sync.Pool     // *flate.Writer, no dictionary
	br    [13]sync.Pool // *brotli.Writer by window: br[w-10] has LGWin w

	mu     sync.Mutex
	shared map[string]*sharedHead // by the head's bytes; at most maxShared
}

// NewCompressor returns a Compressor.
func NewCompressor() *Compressor { return &Compressor{shared: map[string]*sharedHead{}} }

// A page's head, up to the end of its first inline stylesheet, is the same
// on every page of a kind (charset, policy, the stylesheet itself) and is
// close to half of a typical page. Gzip compresses it once per build:
//
//	gzip header | head, compressed, ending in a sync flush | rest of the
//	page, compressed with the head as its dictionary | CRC-32, length
//
// This is one ordinary gzip member: the rest's back-references into the
// head reach bytes the decoder has just written, as across any two deflate
// blocks. It is within a few bytes of compressing the page in one go.
const (
	headEnd   = "</style>"
	headMin   = 1 << 10  // a shorter head is not worth a split
	headMax   = 32 << 10 // deflate's window: the rest can reach all of it
	maxShared = 16       // distinct heads remembered (each pools ~1 MB encoders)
)

type sharedHead struct {
	deflated []byte    // the head, compressed, ending in a sync flush
	rest     sync.Pool // *flate.Writer with the head as dictionary
}

// headLen is where the shared head of data ends, or 0 when data has none.
// A head with the page's <title> in it differs from page to page (a site's
// own head.html may put the title first): such a page is compressed in one
// go rather than filling the cache with heads seen once.
func headLen(data []byte) int {
	i := bytes.Index(data, []byte(headEnd))
	n := i + len(headEnd)
	if i < 0 || n < headMin || n > headMax || hasTitle(data[:i]) {
		return 0
	}
	return n
}

// hasTitle reports whether b has a <title> tag, in any case.
func hasTitle(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 || len(b)-i < len("<title") {
			return false
		}
		if bytes.EqualFold(b[i:i+len("<title")], []byte("<title")) {
			return true
		}
		b = b[i+1:]
	}
}

// gzipHeader is what compress/gzip writes with no name, time or comment:
// the bytes depend on the data alone.
var gzipHeader = [10]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255}

// Gzip compresses data at GzipLevel: one gzip member, with no file name or
// modification time.
func (c *Compressor) Gzip(data []byte) []byte {
	out := bytes.NewBuffer(make([]byte, 0, len(data)/3+64))
	out.Write(gzipHeader[:])
	n := headLen(data)
	if n == 0 {
		w := c.plain(out)
		_, _ = w.Write(data) // writes to a bytes.Buffer cannot fail
		_ = w.Close()
		c.flate.Put(w)
	} else {
		head := c.head(data[:n])
		out.Write(head.deflated)
		w, _ := head.rest.Get().(*flate.Writer)
		if w == nil {
			w, _ = flate.NewWriterDict(out, GzipLevel, data[:n]) // the level is valid
		} else {
			w.Reset(out) // keeps the dictionary
		}
		_, _ = w.Write(data[n:])
		_ = w.Close()
		head.rest.Put(w)
	}
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], crc32.ChecksumIEEE(data))
	binary.LittleEndian.PutUint32(trailer[4:], uint32(len(data)))
	out.Write(trailer[:])
	return out.Bytes()
}

// plain returns a pooled encoder with no dictionary, writing to w.
func (c *Compressor) plain(w io.Writer) *flate.Writer {
	f, _ := c.flate.Get().(*flate.Writer)
	if f == nil {
		f, _ = flate.NewWriter(w, GzipLevel)
	} else {
		f.Reset(w)
	}
	return f
}

// head returns the compressed head, remembered for the next page unless
// maxShared others are remembered already.
func (c *Compressor) head(head []byte) *sharedHead {
	c.mu.Lock()
	h, ok := c.shared[string(head)]
	c.mu.Unlock()
	if ok {
		return h
	}
	var b bytes.Buffer
	w := c.plain(&b)
	_, _ = w.Write(head)
	_ = w.Flush() // byte-aligned, not final: the rest follows
	c.flate.Put(w)
	h = &sharedHead{deflated: b.Bytes()}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.shared[string(head)]; ok {
		return prev
	}
	if len(c.shared) < maxShared {
		c.shared[string(head)] = h
	}
	return h
}

// Brotli compresses data at BrotliQuality with the smallest window that
// holds the whole file (a larger one only costs time), so the bytes depend
// on data alone.
func (c *Compressor) Brotli(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	lg := window(len(data))
	pool := &c.br[lg-10]
	w, _ := pool.Get().(*brotli.Writer)
	if w == nil {
		w = brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: BrotliQuality, LGWin: lg})
	} else {
		w.Reset(&b)
	}
	_, _ = w.Write(data)
	_ = w.Close()
	pool.Put(w)
	return b.Bytes()
}

// window is the Brotli window (log2 bytes) for n bytes: between 10 and 22.
func window(n int) int {
	return min(max(bits.Len(uint(n)), 10), 22)
}
