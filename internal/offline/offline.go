// Package offline owns what makes a built site work with no signal and
// deploy correctly to a CDN:
//
//   - the service worker (/sw.js) and its precache manifest: every page, the
//     services data and every asset, each with the hash of its bytes, in the
//     order it should download (pathways and outcomes first);
//   - the precompressed .gz and .br siblings of every text file (those that
//     site.toml's precompress asks for), byte for byte the same on every
//     build; gzip compresses the head a kind of page shares once a build;
//   - the _headers file that Netlify and Cloudflare Pages read (caching
//     rules and security headers);
//   - manifest.webmanifest and the PNG home-screen icons;
//   - the budgets: the compressed size of each page and of the precache.
//
// # Update strategy
//
// The worker's cache is named after a hash of the whole manifest, so any
// change to any file makes a new sw.js and a new cache. A new worker copies
// the entries whose hash did not change from the old cache and downloads
// only the rest, checking each against its hash (a file that does not match
// is fetched again past the HTTP cache, and if it still does not match the
// install fails and the old version stays in charge: a cache never mixes two
// builds). When the new cache is complete the worker activates at once,
// deletes the old caches and takes control, so the next page load shows the
// new build. Pages that are already open are never reloaded: they show
// "This information has been updated" with a link, because a page is one
// self-contained file (inline CSS and JS; linked assets are fingerprinted)
// and a person part-way through a pathway must not lose their place.
//
// Package offline computes bytes; it does not decide which files a build
// writes or where (package build does), and it does not render pages.
package offline

import (
	"crypto/sha256"
	"encoding/hex"
)

// Hash is the content hash the service worker checks: the first 16 hex
// digits of the SHA-256 of the file's bytes.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:hashLen]
}

const hashLen = 16
