package offline

import (
	"bytes"
	"testing"

	"github.com/andybalholm/brotli"
)

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
