package offline

import (
	"bytes"
	"compress/gzip"
	"path"
	"strings"

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

// Gzip compresses data at the best level. The header carries no file name
// and no modification time, so the bytes depend only on data.
func Gzip(data []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // the level is valid
	_, _ = w.Write(data)                                  // writes to a bytes.Buffer cannot fail
	_ = w.Close()
	return b.Bytes()
}

// Brotli compresses data at BrotliQuality. The encoder is deterministic.
func Brotli(data []byte) []byte {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: BrotliQuality, LGWin: 22})
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}
