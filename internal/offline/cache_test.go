package offline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// cacheInputs are files of several kinds and sizes, empty included.
func cacheInputs() [][]byte {
	return [][]byte{
		page(0, 1), page(1, 1), page(2, 2),
		[]byte(""),
		[]byte("User-agent: *\nAllow: /\n"),
		bytes.Repeat([]byte("signpost pathway page "), 3000),
	}
}

// compressAll compresses every input as a build does: gzip, and Brotli at
// both qualities.
func compressAll(c *Compressor, inputs [][]byte) [][]byte {
	var out [][]byte
	for _, in := range inputs {
		out = append(out, c.Gzip(in), c.Brotli(in, BrotliOrdinary), c.Brotli(in, BrotliBest))
	}
	return out
}

// TestCacheColdWarmSame: a cold cache, a warm one (opened again, as the
// next build does) and no cache give the same bytes, and the warm cache
// compresses nothing.
func TestCacheColdWarmSame(t *testing.T) {
	dir := t.TempDir()
	inputs := cacheInputs()
	want := compressAll(NewCompressor(nil), inputs)

	cold, err := OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := compressAll(NewCompressor(cold), inputs)
	if h, m := cold.Stats(); h != 0 || m != int64(len(want)) {
		t.Errorf("cold cache: %d hits, %d misses; want 0, %d", h, m, len(want))
	}
	warm, err := OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	again := compressAll(NewCompressor(warm), inputs)
	if h, m := warm.Stats(); h != int64(len(want)) || m != 0 {
		t.Errorf("warm cache: %d hits, %d misses; want %d, 0", h, m, len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("output %d: cold cache differs from no cache", i)
		}
		if !bytes.Equal(again[i], want[i]) {
			t.Errorf("output %d: warm cache differs from no cache", i)
		}
	}
}

// TestCacheDamagedEntry: an entry that is truncated, altered or emptied is
// a miss; the output is compressed again, right, and the entry repaired.
func TestCacheDamagedEntry(t *testing.T) {
	in := page(3, 1)
	want := Gzip(in)
	for name, damage := range map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)-1] },
		"altered":   func(b []byte) []byte { b[len(b)-3] ^= 1; return b },
		"empty":     func([]byte) []byte { return nil },
		"only-hash": func(b []byte) []byte { return b[:32] },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c, err := OpenCache(dir)
			if err != nil {
				t.Fatal(err)
			}
			NewCompressor(c).Gzip(in)
			entries := cacheEntries(t, dir)
			if len(entries) != 1 {
				t.Fatalf("%d entries after one compression, want 1", len(entries))
			}
			b, err := os.ReadFile(entries[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(entries[0], damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			c2, _ := OpenCache(dir)
			if got := NewCompressor(c2).Gzip(in); !bytes.Equal(got, want) {
				t.Fatal("a damaged entry changed the output")
			}
			if h, m := c2.Stats(); h != 0 || m != 1 {
				t.Errorf("%d hits, %d misses; want the damaged entry to be a miss", h, m)
			}
			c3, _ := OpenCache(dir)
			NewCompressor(c3).Gzip(in)
			if h, _ := c3.Stats(); h != 1 {
				t.Error("the damaged entry was not repaired")
			}
		})
	}
}

// TestCacheShared: builds running at once on one folder (here, goroutines
// with their own Cache each) get the right bytes and leave whole entries,
// no temporary files.
func TestCacheShared(t *testing.T) {
	dir := t.TempDir()
	inputs := cacheInputs()
	want := compressAll(NewCompressor(nil), inputs)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			c, err := OpenCache(dir)
			if err != nil {
				errs <- err.Error()
				return
			}
			for i, got := range compressAll(NewCompressor(c), inputs) {
				if !bytes.Equal(got, want[i]) {
					errs <- "a shared cache changed an output"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	entries := cacheEntries(t, dir)
	for _, e := range entries {
		if strings.HasPrefix(filepath.Base(e), ".tmp-") {
			t.Errorf("temporary file left: %s", e)
		}
	}
	if len(entries) != len(want) {
		t.Errorf("%d entries, want one per output (%d)", len(entries), len(want))
	}
}

// TestCacheKeyedBySetting: the same input at two Brotli qualities is two
// entries, never one answered for the other.
func TestCacheKeyedBySetting(t *testing.T) {
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	z := NewCompressor(c)
	in := page(4, 1)
	lo, hi := z.Brotli(in, BrotliOrdinary), z.Brotli(in, BrotliBest)
	if bytes.Equal(lo, hi) {
		t.Fatal("the test input compresses the same at both qualities")
	}
	if !bytes.Equal(lo, Brotli(in, BrotliOrdinary)) || !bytes.Equal(hi, Brotli(in, BrotliBest)) {
		t.Error("an entry answered for another quality")
	}
	if len(z.Gzip(in)) == len(lo) && bytes.Equal(z.Gzip(in), lo) {
		t.Error("gzip answered with a Brotli entry")
	}
}

// TestCacheTrim: entries unused for 30 days and stale temporary files go,
// recent entries stay, and a second trim within the day does nothing.
func TestCacheTrim(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	z := NewCompressor(c)
	old, recent := page(5, 1), page(6, 1)
	z.Gzip(old)
	entries := cacheEntries(t, dir)
	z.Gzip(recent)
	long := time.Now().Add(-31 * 24 * time.Hour)
	if err := os.Chtimes(entries[0], long, long); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(entries[0]), ".tmp-123")
	if err := os.WriteFile(tmp, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	hour := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(tmp, hour, hour); err != nil {
		t.Fatal(err)
	}
	if n := c.Trim(); n != 2 {
		t.Errorf("Trim deleted %d files, want 2 (the old entry and the temporary file)", n)
	}
	c2, _ := OpenCache(dir)
	z2 := NewCompressor(c2)
	z2.Gzip(recent)
	z2.Gzip(old)
	if h, m := c2.Stats(); h != 1 || m != 1 {
		t.Errorf("after Trim: %d hits, %d misses; want the recent entry kept and the old one gone", h, m)
	}
	if err := os.Chtimes(cacheEntries(t, dir)[0], long, long); err != nil {
		t.Fatal(err)
	}
	if n := c2.Trim(); n != 0 {
		t.Errorf("a second Trim within a day deleted %d files", n)
	}
}

// TestCacheTouch: reading an entry not used for over an hour marks it used,
// so trimming keeps what builds still use.
func TestCacheTouch(t *testing.T) {
	dir := t.TempDir()
	c, _ := OpenCache(dir)
	in := page(7, 1)
	NewCompressor(c).Gzip(in)
	e := cacheEntries(t, dir)[0]
	long := time.Now().Add(-20 * 24 * time.Hour)
	if err := os.Chtimes(e, long, long); err != nil {
		t.Fatal(err)
	}
	NewCompressor(c).Gzip(in)
	fi, err := os.Stat(e)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(fi.ModTime()) > time.Hour {
		t.Errorf("a used entry keeps its old time %v", fi.ModTime())
	}
}

func TestOpenCacheError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCache(filepath.Join(file, "cache")); err == nil || !strings.Contains(err.Error(), "compression cache") {
		t.Errorf("OpenCache under a file: %v, want an error naming the compression cache", err)
	}
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv(CacheEnv, "")
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg")
	t.Setenv("HOME", "/tmp/home")
	if dir, err := DefaultCacheDir(); err != nil || !strings.HasSuffix(dir, "signpost") {
		t.Errorf("DefaultCacheDir() = %q, %v; want a signpost folder in the user's cache folder", dir, err)
	}
	t.Setenv(CacheEnv, "/ci/cache")
	if dir, _ := DefaultCacheDir(); dir != "/ci/cache" {
		t.Errorf("with $%s set: %q", CacheEnv, dir)
	}
}

// cacheEntries lists the files in the cache folder dir, but the trim mark.
func cacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "trimmed" {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCacheBlobs: a blob is stored as a hard link to the file that holds
// its bytes, or as a copy when there is no file; it is read back only while
// its bytes hash to its name, and one that does not is removed so that it
// can be stored again.
func TestCacheBlobs(t *testing.T) {
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const space = "blobs-v1"
	data := []byte("<p>a page as it was written</p>")
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:])
	file := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Blob(space, name); ok {
		t.Fatal("a blob read from an empty cache")
	}
	c.PutBlob(space, name, file, data)
	got, ok := c.Blob(space, name)
	if !ok || !bytes.Equal(got, data) {
		t.Fatalf("blob read back as %q, %v", got, ok)
	}
	a, _ := os.Stat(file)
	b, _ := os.Stat(c.entryFile(space, name))
	if !os.SameFile(a, b) {
		t.Error("the blob is a copy of the file, not a link to it")
	}
	c.PutBlob(space, name, file, data) // already there: nothing to do
	// Edited in place through the output file: a miss, and removed.
	if err := os.WriteFile(file, []byte("<p>edited by hand</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Blob(space, name); ok {
		t.Fatalf("an edited blob was read: %q", got)
	}
	if _, err := os.Lstat(c.entryFile(space, name)); err == nil {
		t.Error("the edited blob was not removed")
	}
	// No file to link: copied.
	c.PutBlob(space, name, "", data)
	if got, ok := c.Blob(space, name); !ok || !bytes.Equal(got, data) {
		t.Fatalf("copied blob read back as %q, %v", got, ok)
	}
	if b, _ := os.Stat(c.entryFile(space, name)); os.SameFile(a, b) {
		t.Error("the copied blob is the edited file")
	}
	if _, ok := c.Blob(space, strings.Repeat("0", 64)); ok {
		t.Error("a blob that was never stored was read")
	}
}

// TestIsCopyOf: a gzip or Brotli copy is recognised as of its own input,
// not of another file's or when damaged.
func TestIsCopyOf(t *testing.T) {
	in := cacheInputs()
	c := NewCompressor(nil)
	for i, data := range in {
		other := in[(i+1)%len(in)]
		gz, br := c.Gzip(data), c.Brotli(data, BrotliOrdinary)
		if !IsGzipOf(gz, data) || !IsBrotliOf(br, data) {
			t.Errorf("input %d: its own copies not recognised", i)
		}
		if IsGzipOf(gz, other) || IsBrotliOf(br, other) {
			t.Errorf("input %d: its copies taken for input %d's", i, (i+1)%len(in))
		}
		if IsGzipOf(gz[:len(gz)-1], data) || IsBrotliOf(br[:len(br)-1], data) {
			t.Errorf("input %d: a truncated copy recognised", i)
		}
	}
}
