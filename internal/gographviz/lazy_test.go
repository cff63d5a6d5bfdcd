package graphviz

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadsOnFirstUse checks the point of this copy: linking the package
// loads nothing; the first layout loads the module (and fills its
// compilation cache in the user's cache folder), and lays out correctly.
func TestLoadsOnFirstUse(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	if Loaded() {
		t.Fatal("the WebAssembly module was loaded before any use")
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "signpost", "graphviz")); len(entries) != 0 {
		t.Fatalf("the compilation cache was written before any use: %v", entries)
	}
	ctx := context.Background()
	gv, err := New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer gv.Close()
	if !Loaded() {
		t.Fatal("New did not load the module")
	}
	g, err := ParseBytes([]byte("digraph { a -> b }"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	var out bytes.Buffer
	if err := gv.Render(ctx, g, Format("json"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"bb"`) {
		t.Fatalf("no layout in graphviz's output: %.200s", out.String())
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "signpost", "graphviz")); len(entries) == 0 {
		t.Fatal("the compiled module was not cached in the user's cache folder")
	}
	// The directed descriptor, filled in on load, makes directed graphs.
	built, err := gv.Graph()
	if err != nil {
		t.Fatal(err)
	}
	defer built.Close()
	a, err := built.CreateNodeByName("a")
	if err != nil {
		t.Fatal(err)
	}
	b, err := built.CreateNodeByName("b")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := built.CreateEdgeByName("ab", a, b); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := gv.Render(ctx, built, Format("json"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"directed": true`) {
		t.Fatalf("a graph made with the default descriptor is not directed: %.300s", out.String())
	}
}
