// Package offline is the build's offline stage (Finish, its one entry
// point): what makes a built site work with no signal and deploy correctly
// to a CDN:
//
//   - the service worker (/sw.js, the embedded sw.js: the same on every
//     build) and what it should hold (WorkerManifest: /sw-manifest.json and
//     the chunks of the precache list, each file of the triage set with
//     the hash of its bytes and its priority: pathways and outcomes first);
//   - the precompressed .gz and .br siblings of every text file (those that
//     site.toml's precompress asks for), byte for byte the same on every
//     build; gzip compresses the head a kind of page shares once a build;
//   - the _headers file that Netlify and Cloudflare Pages read (caching
//     rules and security headers, with the union of the pages' policies);
//   - manifest.webmanifest and the PNG home-screen icons;
//   - the budgets: the compressed size of each page and of the precache.
//
// # Update strategy
//
// The triage set (every file but ordinary pages, unless a site's [offline]
// precache folder holds them) is precached in a cache named after the
// build's version, a hash of every URL and hash. The worker fetches
// /sw-manifest.json when a page asks it to check; for a new version it
// fetches the chunks it lacks (content-addressed: one changed file, one
// changed chunk), copies the entries whose hash did not change from the
// old cache and downloads only the rest, checking each against its hash (a
// file that does not match is fetched again past the HTTP cache, and if it
// still does not match the update is abandoned and the old version stays in
// charge: a cache never mixes two builds). When the new cache is complete
// it replaces the old one. Pages that are already open are never reloaded:
// they show "This information has been updated" with a link, because a
// page is one self-contained file (inline CSS and JS; linked assets are
// fingerprinted) and a person part-way through a pathway must not lose
// their place. Ordinary pages are saved as visited in a cache of at most
// [offline] pages entries, least recently used dropped first; a saved page
// is shown at once and revalidated, and a changed one announced the same
// way.
//
// Package offline computes bytes; it does not decide which files a build
// writes or where (package site does), and it does not render pages.
package offline

import (
	"crypto/sha256"
	"encoding/hex"
)

// Hash is the content hash the service worker checks: the first 16 hex
// digits of the SHA-256 of the file's bytes.
func Hash(data []byte) string { return HashOf(sha256.Sum256(data)) }

// HashOf is Hash of the bytes whose SHA-256 is sum.
func HashOf(sum [sha256.Size]byte) string { return hex.EncodeToString(sum[:hashLen/2]) }

const hashLen = 16
