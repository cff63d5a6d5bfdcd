package offline

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestCompressorMatchesFreshEncoders: reused encoders write the same bytes
// as new ones, whatever was compressed before, so builds stay
// byte-identical however work is scheduled.
func TestCompressorMatchesFreshEncoders(t *testing.T) {
	c := NewCompressor(nil)
	inputs := [][]byte{
		[]byte("<!doctype html><p>hello</p>"),
		bytes.Repeat([]byte("signpost pathway page "), 3000),
		[]byte(""),
		bytes.Repeat([]byte("a"), 5000),
		page(0, 1), page(1, 1), page(2, 2),
	}
	for round := range 3 {
		for i, in := range inputs {
			if got, want := c.Gzip(in), Gzip(in); !bytes.Equal(got, want) {
				t.Errorf("round %d input %d: pooled gzip differs", round, i)
			}
			for _, q := range []int{BrotliOrdinary, BrotliBest} {
				fresh := func() []byte {
					var b bytes.Buffer
					w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: q, LGWin: window(len(in))})
					w.Write(in)
					w.Close()
					return b.Bytes()
				}()
				if got := c.Brotli(in, q); !bytes.Equal(got, fresh) {
					t.Errorf("round %d input %d quality %d: pooled brotli differs", round, i, q)
				}
				var dec bytes.Buffer
				if _, err := dec.ReadFrom(brotli.NewReader(bytes.NewReader(c.Brotli(in, q)))); err != nil || !bytes.Equal(dec.Bytes(), in) {
					t.Errorf("input %d quality %d does not round-trip: %v", i, q, err)
				}
			}
		}
	}
}

// page is an HTML page with stylesheet style (a head of about 4 KB shared
// by every page with the same style) and about 3 KB of body text i.
func page(i, style int) []byte {
	words := strings.Fields("call text webchat service urgent help crisis line open now local area mental health team support night day phone number")
	r := rand.New(rand.NewPCG(uint64(style), 0))
	var css, body strings.Builder
	for n := range 120 {
		fmt.Fprintf(&css, ".%s-%d{margin:%dpx;color:#%03x}", words[r.IntN(len(words))], n, r.IntN(40), r.IntN(4096))
	}
	r = rand.New(rand.NewPCG(uint64(i), 1))
	for range 60 {
		fmt.Fprintf(&body, "<p>%s %s %d %s.</p>", words[r.IntN(len(words))], words[r.IntN(len(words))], r.IntN(1000), words[r.IntN(len(words))])
	}
	return []byte("<!doctype html><html lang=en><head><meta charset=utf-8><style>" + css.String() + "</style><title>Page " + fmt.Sprint(i) + "</title></head><body>" + body.String() + "</body></html>")
}

// TestGzipSharedHead: pages whose heads are compressed once and shared
// decompress (with compress/gzip, as one member) to themselves, are as
// small as compressing each in one go, and do not depend on what was
// compressed before: with the head remembered, with it forgotten, and
// once more heads than the Compressor remembers have been seen.
func TestGzipSharedHead(t *testing.T) {
	if n := headLen(page(0, 0)); n == 0 || !bytes.Equal(page(0, 0)[:n], page(1, 0)[:n]) {
		t.Fatal("the test pages have no shared head")
	}
	c := NewCompressor(nil)
	for round := range 2 {
		for style := range maxShared + 4 {
			for i := range 3 {
				in := page(i, style)
				got := c.Gzip(in)
				if want := Gzip(in); !bytes.Equal(got, want) {
					t.Fatalf("round %d style %d page %d: differs from a new Compressor's", round, style, i)
				}
				src := bytes.NewReader(got)
				zr, err := gzip.NewReader(src)
				if err != nil {
					t.Fatal(err)
				}
				zr.Multistream(false)
				out, err := io.ReadAll(zr)
				if err != nil || !bytes.Equal(out, in) {
					t.Fatalf("style %d page %d does not round-trip: %v", style, i, err)
				}
				if src.Len() != 0 {
					t.Fatalf("style %d page %d: %d bytes after the gzip member", style, i, src.Len())
				}
				var whole bytes.Buffer
				w, _ := gzip.NewWriterLevel(&whole, GzipLevel)
				w.Write(in)
				w.Close()
				if len(got) > whole.Len()+whole.Len()/100+32 {
					t.Errorf("style %d page %d: %d bytes, %d compressed in one go", style, i, len(got), whole.Len())
				}
			}
		}
	}
	if len(c.shared) != maxShared {
		t.Errorf("remembers %d heads, want at most %d", len(c.shared), maxShared)
	}
}

// TestGzipTitleFirst: a page whose title comes before its stylesheet has
// no shared head; it is compressed in one go, as compress/gzip does.
func TestGzipTitleFirst(t *testing.T) {
	for _, title := range []string{"<title>Page</title>", "<TITLE>Page</TITLE>", "<Title lang=en>Page</Title>"} {
		in := bytes.Replace(page(0, 0), []byte("<meta charset=utf-8>"), []byte("<meta charset=utf-8>"+title), 1)
		if headLen(in) != 0 {
			t.Fatalf("%s: a head with the title is taken as shared", title)
		}
		var whole bytes.Buffer
		w, _ := gzip.NewWriterLevel(&whole, GzipLevel)
		w.Write(in)
		w.Close()
		if got := NewCompressor(nil).Gzip(in); !bytes.Equal(got, whole.Bytes()) {
			t.Errorf("%s: differs from compress/gzip", title)
		}
	}
}
