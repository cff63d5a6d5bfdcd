package offline

import (
	"bytes"
	"os"
	"testing"

	"github.com/andybalholm/brotli"
)

// BenchmarkCompress compresses a typical built page (a 600-word generated
// page, or the default site's pathway page when it has been built to
// /tmp/lead-out) as the build does for every text file.
func BenchmarkCompress(b *testing.B) {
	page, err := os.ReadFile("/tmp/lead-out/pathways/mental-health-crisis/index.html")
	if err != nil {
		b.Skip("build the default site to /tmp/lead-out first")
	}
	c := NewCompressor()
	b.Run("gzip", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			c.Gzip(page)
		}
	})
	b.Run("brotli", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			c.Brotli(page)
		}
	})
	b.Run("gzip-unpooled", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			Gzip(page)
		}
	})
	b.Run("brotli-unpooled", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			Brotli(page)
		}
	})
}

// TestCompressorMatchesFreshEncoders: reused encoders write the same bytes
// as new ones, whatever was compressed before, so builds stay
// byte-identical however work is scheduled.
func TestCompressorMatchesFreshEncoders(t *testing.T) {
	c := NewCompressor()
	inputs := [][]byte{
		[]byte("<!doctype html><p>hello</p>"),
		bytes.Repeat([]byte("signpost pathway page "), 3000),
		[]byte(""),
		bytes.Repeat([]byte("a"), 5000),
	}
	for round := range 3 {
		for i, in := range inputs {
			if got, want := c.Gzip(in), Gzip(in); !bytes.Equal(got, want) {
				t.Errorf("round %d input %d: pooled gzip differs", round, i)
			}
			fresh := func() []byte {
				var b bytes.Buffer
				w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: BrotliQuality, LGWin: window(len(in))})
				w.Write(in)
				w.Close()
				return b.Bytes()
			}()
			if got := c.Brotli(in); !bytes.Equal(got, fresh) {
				t.Errorf("round %d input %d: pooled brotli differs", round, i)
			}
			var dec bytes.Buffer
			if _, err := dec.ReadFrom(brotli.NewReader(bytes.NewReader(c.Brotli(in)))); err != nil || !bytes.Equal(dec.Bytes(), in) {
				t.Errorf("input %d does not round-trip: %v", i, err)
			}
		}
	}
}
