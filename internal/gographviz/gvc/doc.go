// Package gvc binds Graphviz's context (layout engines, renderers and
// plugins), from github.com/goccy/go-graphviz v0.2.10; see ../README.md for
// what this copy changes.
package gvc
