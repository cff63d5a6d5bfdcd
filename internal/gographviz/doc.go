// Package graphviz lays out graphs with Graphviz compiled to WebAssembly:
// a copy of github.com/goccy/go-graphviz v0.2.10 that loads its
// WebAssembly module on first use rather than at package init, so that
// programs linking it pay nothing until they lay out a graph. README.md in
// this folder says what was changed and why.
//
// Like upstream, it is not safe for concurrent use: callers serialize.
package graphviz

import "github.com/signpost-dev/signpost/internal/gographviz/internal/wasm"

// Loaded says whether this process has loaded the WebAssembly module.
func Loaded() bool { return wasm.Loaded() }
