package pathmap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTempDirGivenBack: graphvizenv points TMPDIR at the user's cache folder
// only for go-graphviz's init; this package's init puts it back, so the
// process's temporary files (and its children's) go where the user said.
func TestTempDirGivenBack(t *testing.T) {
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no user cache folder: graphvizenv changes nothing")
	}
	if tmp := os.TempDir(); strings.HasPrefix(tmp, filepath.Join(cache, "signpost")) {
		t.Errorf("TMPDIR is still %s after start-up", tmp)
	}
}
