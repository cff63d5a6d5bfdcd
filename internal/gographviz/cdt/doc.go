// Package cdt binds Graphviz's container data types (dictionaries), from
// github.com/goccy/go-graphviz v0.2.10; see ../README.md for what this copy
// changes.
package cdt
