package config

import (
	"slices"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// TestDefaultPrecompressIsACopy: each site gets its own default precompress
// list, so a change to one site's settings reaches neither other sites nor
// the list of allowed values.
func TestDefaultPrecompressIsACopy(t *testing.T) {
	src := []byte("title = \"T\"\n")
	var diags diag.List
	a := Parse(src, &diags)
	if a == nil || diags.HasErrors() {
		t.Fatalf("parse: %v", diags.Err())
	}
	a.Precompress[0] = "changed"
	b := Parse(src, &diags)
	if want := []string{"gzip", "br"}; !slices.Equal(b.Precompress, want) || !slices.Equal(Encodings, want) {
		t.Errorf("after changing one site's list: another site's is %v, Encodings %v; want %v", b.Precompress, Encodings, want)
	}
}
