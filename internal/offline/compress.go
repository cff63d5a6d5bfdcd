package offline

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
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

// Brotli qualities. What a person on 2G downloads first (the triage set:
// home, pathways, outcomes, services, the offline page, the finder's data,
// assets, the worker) is compressed at the highest quality, whatever it
// costs: it is a few dozen files, and a warm cache (Cache) compresses each
// once. Ordinary pages, of which a large site has thousands, get the
// cheapest quality whose output is still smaller than the .gz beside it.
// BenchmarkOrdinaryPages measures the candidates on 100 generated 600-word
// pages as built; sizes relative to this package's gzip (shared head), at
// 8292d96:
//
//	quality     1     2     3     4     5     6-9   10    11
//	of gzip     1.119 1.060 1.041 0.984 0.920 0.919 0.862 0.833
//
// So 4 is the cheapest that beats gzip (1.6% smaller). That benchmark makes
// a new encoder for every page, which blurs their speeds; with encoders
// reused as Compressor reuses them, 400 built pages took 215 ms at 4, 292
// ms at 5 and 367 ms at 6, against 155 ms for gzip in one go (idle). The
// encoder's newer matchfinder levels (brotli.NewWriterV2, 2 to 9) were all
// 2% to 5% larger than gzip. The triage set at 11 is 16% to 20% smaller
// than gzip.
const (
	BrotliBest     = 11 // the triage set
	BrotliOrdinary = 4  // every other file
)

// GzipLevel is the gzip level of the .gz siblings and of the budgets'
// sizes. On a typical page level 9 is 0.3% smaller and 30% slower.
const GzipLevel = flate.DefaultCompression

// Gzip compresses data as Compressor.Gzip does, with new encoders.
func Gzip(data []byte) []byte { return NewCompressor(nil).Gzip(data) }

// Brotli compresses data as Compressor.Brotli does, with a new encoder.
func Brotli(data []byte, quality int) []byte { return NewCompressor(nil).Brotli(data, quality) }

// Compressor compresses many files, reusing its encoders (a gzip encoder
// holds about 1 MB of state). It is safe for concurrent use; make one per
// build. What it writes depends only on the data, never on what it
// compressed before.
type Compressor struct {
	flate sync.Pool         // *flate.Writer, no dictionary
	br    [12][13]sync.Pool // *brotli.Writer by quality and window: br[q][w-10] has LGWin w
	cache *Cache            // nil: compress everything

	mu     sync.Mutex
	shared map[string]*sharedHead // by the head's bytes; at most maxShared
}

// NewCompressor returns a Compressor that keeps what it compresses in
// cache and takes from it what was compressed before; cache may be nil.
func NewCompressor(cache *Cache) *Compressor {
	return &Compressor{shared: map[string]*sharedHead{}, cache: cache}
}

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
	return c.cache.get("gzip", data, c.gzip)
}

func (c *Compressor) gzip(data []byte) []byte {
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

// GzipBound returns a length that Gzip(data) is never longer than,
// without compressing data: for a page with a shared head, the head's
// compressed length (compressed once a build) plus a bound on the rest.
// A page whose bound fits the page budget fits it when measured too, so
// a build that writes no .gz copy need not compress it to know.
//
// The bound is compress/flate's, read from its code (Go 1.26, level
// GzipLevel): each block is written in whichever of fixed Huffman,
// dynamic Huffman or stored coding is smallest, so never longer than in
// fixed coding, where a literal costs at most 9 bits and a match (at
// least 4 bytes, at most 31 bits with its extra bits) less than 9 bits a
// byte; a block adds 3 header bits and a 7-bit end code, and has at most
// 16,384 tokens; Close adds an empty final stored block (at most 5 bytes
// with padding); gzip adds 18 bytes. TestGzipBound and FuzzGzipBound
// hold Gzip to it, on incompressible and on skewed input.
func (c *Compressor) GzipBound(data []byte) int {
	head, rest := 0, len(data)
	if n := headLen(data); n > 0 {
		head, rest = len(c.head(data[:n]).deflated), len(data)-n
	}
	return len(gzipHeader) + 8 + head + deflateBound(rest)
}

// deflateBound bounds the deflate stream of n bytes as Compressor writes
// it (see GzipBound): 9 bits a byte, 10 bits a block, a final empty
// stored block.
func deflateBound(n int) int {
	blocks := n/maxBlockTokens + 1
	return (9*n+10*blocks+7)/8 + 5
}

const maxBlockTokens = 1 << 14 // compress/flate's maxFlateBlockTokens

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

// Brotli compresses data at quality (0 to 11) with the smallest window
// that holds the whole file (a larger one only costs time), so the bytes
// depend on data and quality alone.
func (c *Compressor) Brotli(data []byte, quality int) []byte {
	quality = min(max(quality, 0), 11)
	return c.cache.get(fmt.Sprintf("br%d", quality), data, func(data []byte) []byte { return c.brotli(data, quality) })
}

// GzipUncached and BrotliUncached compress as Gzip and Brotli do, without
// the cache: for files whose compressed copies another store keeps (the
// build's job cache), which would otherwise cost a lookup that misses and
// an entry no build reads.
func (c *Compressor) GzipUncached(data []byte) []byte { return c.gzip(data) }

// BrotliUncached: see GzipUncached.
func (c *Compressor) BrotliUncached(data []byte, quality int) []byte {
	return c.brotli(data, min(max(quality, 0), 11))
}

func (c *Compressor) brotli(data []byte, quality int) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	lg := window(len(data))
	pool := &c.br[quality][lg-10]
	w, _ := pool.Get().(*brotli.Writer)
	if w == nil {
		w = brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: quality, LGWin: lg})
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
