// Package wasm runs Graphviz compiled to WebAssembly under wazero and binds
// its C API (generated code from github.com/goccy/go-graphviz v0.2.10). This
// copy loads the module on first use (Load) instead of at init; see
// ../../README.md.
package wasm
