// Package cgraph binds Graphviz's graph library (graphs, nodes, edges,
// attributes, DOT parsing), from github.com/goccy/go-graphviz v0.2.10; see
// ../README.md for what this copy changes.
package cgraph
