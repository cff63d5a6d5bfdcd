// Package site says where everything of a built site lives and what kinds
// of page it has. It is pure data, imported by the stages that need it
// (content, pathway, render, offline, build); it imports none of them.
//
// # URLs
//
// urls.go is the one place that names a page's or a generated file's
// address. URLs are root-relative ("/about/"); a page's output file is its
// folder's index.html ("about/index.html"). File and URL convert between
// the two.
//
// # Page kinds
//
// kinds.go declares every kind of page once: the template that renders it,
// the built-in stylesheets and scripts it carries (by name, from package
// assets' manifest; a script's own needs are added by assets) and its
// precache priority.
package site
