package build

// The content index: what the last build of a site folder found in each
// content file, kept in the cache folder beside the job cache so that a
// build after a small change reads and parses only the content files that
// changed (content.Index says what it keeps and when a file is known
// again by its stamp):
//
//	content-v1/ab/ab12...   one entry a site folder (named by the SHA-256
//	                        of its absolute path): the content.Index of
//	                        its last build, salted with the signpost
//	                        binary (binaryID)
//
// The entry is checksummed (offline.Cache.Entry); a damaged one, one of
// another signpost binary or another phone plan, or one restored onto a
// fresh checkout (where every file's stamp differs) costs a full read and
// parse, never a wrong page. It is written only when the build read and
// parsed a file it did not know again.

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/offline"
)

// contentSpace is the cache folder of content indexes.
const contentSpace = "content-v1"

// contentIndex is where one site folder's content.Index is kept.
type contentIndex struct {
	c    *offline.Cache
	key  string // the entry's name
	salt string // the binary's identity
}

// openContentIndex returns the content index of the site folder dir in c,
// or nil when there is no cache or the binary cannot be named.
func openContentIndex(c *offline.Cache, dir string) *contentIndex {
	if c == nil {
		return nil
	}
	id, ok := binaryID()
	abs, err := filepath.Abs(dir)
	if !ok || err != nil {
		return nil
	}
	sum := sha256.Sum256([]byte("the content index of " + abs))
	return &contentIndex{c: c, key: hex.EncodeToString(sum[:]), salt: id}
}

// load returns the index the folder's last build kept, or nil.
func (ci *contentIndex) load() *content.Index {
	if ci == nil {
		return nil
	}
	b, ok := ci.c.Entry(contentSpace, ci.key)
	if !ok {
		return nil
	}
	x, err := content.DecodeIndex(b, ci.salt)
	if err != nil {
		return nil
	}
	return x
}

// save keeps what l read, if it is not what load gave it.
func (ci *contentIndex) save(l *content.Loader) {
	if ci == nil {
		return
	}
	if x, changed := l.Index(); changed {
		ci.c.PutEntry(contentSpace, ci.key, x.Encode(ci.salt))
	}
}
