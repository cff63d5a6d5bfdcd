package build

import (
	"bytes"
	"maps"
	"os"
	"testing"

	"github.com/signpost-dev/signpost/internal/content"
)

// TestRereadSameOutput: the default site built as a site of over
// rereadOver files is, its ordinary pages' Markdown read again when they
// render, writes the bytes it writes with every body held.
func TestRereadSameOutput(t *testing.T) {
	opts := Options{rereadOver: 1}
	m, diags := Load(os.DirFS("../.."), opts)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diags.Err())
	}
	ordinary := 0
	for _, p := range m.Content.Pages {
		if p.Kind == content.Ordinary {
			ordinary++
			if p.Body != nil {
				t.Errorf("%s holds its body over rereadOver", p.File)
			}
		}
	}
	if ordinary == 0 {
		t.Fatal("the default site has no ordinary page to read again")
	}
	held := buildMem(t, os.DirFS("../.."), Options{})
	reread := buildMem(t, os.DirFS("../.."), opts)
	if !maps.EqualFunc(held, reread, bytes.Equal) {
		for p := range held {
			if !bytes.Equal(held[p], reread[p]) {
				t.Errorf("%s differs when bodies are read again", p)
			}
		}
		t.Fatal("the outputs differ")
	}
}
