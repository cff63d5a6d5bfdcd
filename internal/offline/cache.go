package offline

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
)

// Cache is a content-addressed store of compressed outputs on disk, so that
// a file whose bytes did not change since any earlier build is never
// compressed again. An entry's name is the SHA-256 of what it depends on:
// the encoding and its setting, the encoders' versions and the input bytes;
// its content is the compressed bytes with their own SHA-256, checked on
// every read. A build with a warm cache therefore writes the same bytes as
// one with a cold cache, and an entry that is damaged (a crash, a full disk,
// a hand edit) is a miss, compressed again and replaced.
//
// Entries are written to a temporary file and renamed into place, so any
// number of builds, on one machine or restored from a CI cache, may share
// one folder; two builds that compress the same file write the same entry.
// Errors reading or writing the cache never fail a build: they cost only
// the time the cache would have saved.
//
// Layout, under the folder given to OpenCache:
//
//	compress-v1/ab/ab12...ef   one entry: 32-byte SHA-256, then the bytes
//	compress-v1/trimmed        when Trim last ran
//
// Other spaces beside compress-v1 hold the entries of Entry (checksummed
// as compressed entries are) and the blobs of Blob (raw bytes named by
// their SHA-256).
type Cache struct {
	dir  string // .../compress-v1
	salt []byte // what every key depends on besides the input

	hits, misses atomic.Int64
	noLink       atomic.Bool // a hard link into the cache failed: copy blobs
}

// cacheFormat names the entry layout and the encoders' settings. Change it
// whenever what Gzip or Brotli write for the same input could change.
const cacheFormat = "compress-v1"

// CacheEnv names the environment variable that, when set, replaces the
// default cache folder ("off" turns the cache off).
const CacheEnv = "SIGNPOST_CACHE"

// Trimming: entries unused for trimAge are deleted, at most once every
// trimEvery; an entry's modification time is its last use, updated at most
// once every touchEvery so that warm builds do not write to every entry.
const (
	trimAge    = 30 * 24 * time.Hour
	trimEvery  = 24 * time.Hour
	touchEvery = time.Hour
)

// DefaultCacheDir is the cache folder used when none is given: $SIGNPOST_CACHE
// if set, else signpost/ in the user's cache folder (os.UserCacheDir:
// $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
// %LocalAppData% on Windows). It returns "off" when $SIGNPOST_CACHE is
// "off", and an error when the user has no cache folder.
func DefaultCacheDir() (string, error) {
	if dir := os.Getenv(CacheEnv); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "signpost"), nil
}

// OpenCache opens, creating it if need be, the cache in dir. It fails only
// when dir cannot be created.
func OpenCache(dir string) (*Cache, error) {
	d := filepath.Join(dir, cacheFormat)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, fmt.Errorf("cannot use %s as the compression cache: %w", dir, err)
	}
	return &Cache{dir: d, salt: cacheSalt()}, nil
}

// cacheSalt is what every entry depends on besides its input: the format,
// the Go release (compress/flate is part of it) and the Brotli module's
// version, and the settings of the gzip shared head.
func cacheSalt() []byte {
	br := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "github.com/andybalholm/brotli" {
				br = m.Version
				if m.Replace != nil {
					br += "=>" + m.Replace.Path + "@" + m.Replace.Version
				}
			}
		}
	}
	return fmt.Appendf(nil, "%s\x00%s\x00brotli %s\x00gzip %d %q %d %d\x00", cacheFormat, runtime.Version(), br, GzipLevel, headEnd, headMin, headMax)
}

// get returns compress(data), from the cache when it holds it; kind names
// the encoding and its setting. A nil Cache compresses every time.
func (c *Cache) get(kind string, data []byte, compress func([]byte) []byte) []byte {
	if c == nil {
		return compress(data)
	}
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write(data)
	key := hex.EncodeToString(h.Sum(nil))
	file := filepath.Join(c.dir, key[:2], key)
	if out, ok := c.read(file); ok {
		c.hits.Add(1)
		return out
	}
	c.misses.Add(1)
	out := compress(data)
	sum := sha256.Sum256(out)
	c.write(file, sum[:], out)
	return out
}

// read returns an entry's bytes if the entry is whole.
func (c *Cache) read(file string) ([]byte, bool) {
	b, err := os.ReadFile(file)
	if err != nil || len(b) < sha256.Size {
		return nil, false
	}
	sum := sha256.Sum256(b[sha256.Size:])
	if !bytes.Equal(sum[:], b[:sha256.Size]) {
		return nil, false
	}
	touch(file)
	return b[sha256.Size:], true
}

// touch marks an entry as used now (only trimming depends on it), at most
// once every touchEvery, and never a blob that is also a file of an
// output folder (a hard link): its modification time is that file's.
func touch(file string) {
	if fi, err := os.Stat(file); err == nil && time.Since(fi.ModTime()) > touchEvery && !shared(fi) {
		now := time.Now()
		_ = os.Chtimes(file, now, now)
	}
}

// write stores an entry, head then out: a temporary file in the entry's
// folder, renamed into place, so a reader never sees half an entry.
func (c *Cache) write(file string, head, out []byte) {
	dir := filepath.Dir(file)
	f, err := os.CreateTemp(dir, ".tmp-")
	if errors.Is(err, fs.ErrNotExist) {
		if os.MkdirAll(dir, 0o755) != nil {
			return
		}
		f, err = os.CreateTemp(dir, ".tmp-")
	}
	if err != nil {
		return
	}
	_, err = f.Write(head)
	if err == nil {
		_, err = f.Write(out)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
}

// Stats returns how many compressions the cache has answered since it was
// opened, and how many it has not (each of those compressed and stored).
func (c *Cache) Stats() (hits, misses int64) {
	if c == nil {
		return 0, 0
	}
	return c.hits.Load(), c.misses.Load()
}

// Entry returns the bytes stored under key in the cache's folder space
// (such as "jobs-v1", the build's rendered jobs) if that entry is whole:
// the same checksummed layout as the compressed entries, so a damaged
// entry is a miss. key is a hex hash chosen by the caller, who must check
// that the entry is the one it wants (the cache is shared).
func (c *Cache) Entry(space, key string) ([]byte, bool) {
	if c == nil || len(key) < 3 {
		return nil, false
	}
	return c.read(c.entryFile(space, key))
}

// PutEntry stores data under key in space (see Entry).
func (c *Cache) PutEntry(space, key string, data []byte) {
	if c == nil || len(key) < 3 {
		return
	}
	sum := sha256.Sum256(data)
	c.write(c.entryFile(space, key), sum[:], data)
}

// Blob returns the blob named sum (the hex SHA-256 of its bytes) in space,
// if its bytes still hash to its name. One that does not (damaged, or its
// output file edited in place since it was linked) is removed, so that the
// next PutBlob stores it again.
func (c *Cache) Blob(space, sum string) ([]byte, bool) {
	if c == nil || len(sum) != 2*sha256.Size {
		return nil, false
	}
	file := c.entryFile(space, sum)
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != sum {
		_ = os.Remove(file)
		return nil, false
	}
	touch(file)
	return b, true
}

// PutBlob stores data, whose SHA-256 is sum (hex), as a blob in space. A
// blob is raw bytes named by their hash, so it may be the very file that
// holds them: file, when not "", is such a file (just written into an
// output folder, and never written in place again), and is hard-linked
// into the cache, which costs one system call and no space. Where it
// cannot be (another file system, no file) the bytes are written as an
// entry is. A blob of that name already there is left alone: it holds the
// same bytes, or Blob finds it damaged and removes it.
func (c *Cache) PutBlob(space, sum, file string, data []byte) {
	if c == nil || len(sum) != 2*sha256.Size {
		return
	}
	to := c.entryFile(space, sum)
	if file != "" && !c.noLink.Load() {
		err := os.Link(file, to)
		if errors.Is(err, fs.ErrNotExist) && os.MkdirAll(filepath.Dir(to), 0o755) == nil {
			err = os.Link(file, to)
		}
		switch {
		case err == nil, errors.Is(err, fs.ErrExist):
			return
		case !errors.Is(err, fs.ErrNotExist):
			c.noLink.Store(true) // EXDEV, EPERM, EMLINK: copy from now on
		}
	}
	if _, err := os.Lstat(to); err == nil {
		return
	}
	c.write(to, nil, data)
}

func (c *Cache) entryFile(space, key string) string {
	return filepath.Join(filepath.Dir(c.dir), space, key[:2], key)
}

// Version names what the compressed bytes depend on besides their input
// (the encoders and their settings): copies kept elsewhere (the build's
// job cache) are this cache's only while its Version is the same.
func (c *Cache) Version() string {
	sum := sha256.Sum256(c.salt)
	return hex.EncodeToString(sum[:])
}

// Dir is the folder the cache was opened in.
func (c *Cache) Dir() string { return filepath.Dir(c.dir) }

// Trim deletes the entries no build has used for 30 days, and temporary
// files left by a build that was killed, if it has not done so in the last
// day. It returns the number of files deleted.
func (c *Cache) Trim() int {
	if c == nil {
		return 0
	}
	mark := filepath.Join(c.dir, "trimmed")
	if fi, err := os.Stat(mark); err == nil && time.Since(fi.ModTime()) < trimEvery {
		return 0
	}
	_ = os.WriteFile(mark, []byte("signpost last trimmed this cache at this file's modification time\n"), 0o644)
	n := 0
	now := time.Now()
	// Every space of the cache: compress-v1 and those of Entry.
	spaces, _ := filepath.Glob(filepath.Join(filepath.Dir(c.dir), "*-v[0-9]*"))
	for _, space := range spaces {
		n += trimSpace(space, mark, now)
	}
	return n
}

func trimSpace(dir, mark string, now time.Time) int {
	n := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == mark {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		age := now.Sub(fi.ModTime())
		if age > trimAge || (strings.HasPrefix(d.Name(), ".tmp-") && age > touchEvery) {
			if os.Remove(p) == nil {
				n++
			}
		}
		return nil
	})
	return n
}

// IsGzipOf reports whether gz is a gzip member of data as Gzip writes it:
// its header, and a trailer with data's CRC-32 and length. It is how a copy
// kept elsewhere (the build's job cache) is known to be of these bytes, not
// of another file's, without compressing them again.
func IsGzipOf(gz, data []byte) bool {
	n := len(gz)
	return n >= len(gzipHeader)+8 && bytes.Equal(gz[:len(gzipHeader)], gzipHeader[:]) &&
		binary.LittleEndian.Uint32(gz[n-8:]) == crc32.ChecksumIEEE(data) &&
		binary.LittleEndian.Uint32(gz[n-4:]) == uint32(len(data))
}

// IsBrotliOf reports whether br decodes to data (Brotli has no checksum of
// its own; decoding costs a small part of compressing).
func IsBrotliOf(br, data []byte) bool {
	r := brotli.NewReader(bytes.NewReader(br))
	buf := make([]byte, 32<<10)
	rest := data
	for {
		n, err := r.Read(buf)
		if n > len(rest) || !bytes.Equal(buf[:n], rest[:n]) {
			return false
		}
		rest = rest[n:]
		if err == io.EOF {
			return len(rest) == 0
		}
		if err != nil {
			return false
		}
	}
}
