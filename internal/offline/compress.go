package offline

import (
	"bytes"
	"compress/gzip"
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

// BrotliQuality is the Brotli level of the .br siblings. On a typical
// 15 KB page, levels 5 to 9 give the same size within 0.5% and level 5 is
// about 9 times faster than 9; level 11 is 9% smaller but about 40 times
// slower, too slow for sites of 10,000 pages.
const BrotliQuality = 5

// GzipLevel is the gzip level of the .gz siblings and of the budgets'
// sizes. On a typical page level 9 is 0.3% smaller and 30% slower.
const GzipLevel = gzip.DefaultCompression

// Gzip compresses data at GzipLevel. The header carries no file name and
// no modification time, so the bytes depend only on data.
func Gzip(data []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, GzipLevel) // the level is valid
	_, _ = w.Write(data)                       // writes to a bytes.Buffer cannot fail
	_ = w.Close()
	return b.Bytes()
}

// Brotli compresses data at BrotliQuality. The encoder is deterministic.
func Brotli(data []byte) []byte {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: BrotliQuality, LGWin: window(len(data))})
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}

// Compressor compresses many files, reusing its encoders (a gzip encoder
// holds about 1 MB of state). It is safe for concurrent use;
// make one per build. Its output is byte for byte that of Gzip and of
// Brotli with a window sized to the file.
type Compressor struct {
	gz sync.Pool     // *gzip.Writer
	br [13]sync.Pool // *brotli.Writer by window: br[w-10] has LGWin w
}

// NewCompressor returns a Compressor.
func NewCompressor() *Compressor { return &Compressor{} }

// Gzip is like the function Gzip.
func (c *Compressor) Gzip(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	w, _ := c.gz.Get().(*gzip.Writer)
	if w == nil {
		w, _ = gzip.NewWriterLevel(&b, GzipLevel)
	} else {
		w.Reset(&b)
	}
	_, _ = w.Write(data)
	_ = w.Close()
	c.gz.Put(w)
	return b.Bytes()
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
