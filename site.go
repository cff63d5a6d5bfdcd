// Package signpost holds the built-in default site: the repository root is
// itself a complete site (an urgent mental-health help site, example content
// that has not been clinically reviewed), and `signpost new DIR` writes a
// copy of it. Everything else lives under internal/ and cmd/.
package signpost

import "embed"

// DefaultSite is the starter site that `signpost new` writes.
//
//go:embed site.toml content pathways layouts assets
var DefaultSite embed.FS
