// Package preview is `signpost serve`: the live-reload preview that the
// content and clinical team keep open while they edit.
//
// # What it does
//
//   - Builds the site in memory (package build, a build.Session) and serves
//     it over HTTP, by default on loopback only. Nothing is written to disk.
//   - Watches site.toml, content/, pathways/, layouts/ and assets/ with
//     fsnotify. fsnotify does not recurse, so every folder is watched on its
//     own, and folders created later are added as they appear (and read, so
//     files written into them before the watch was added are not missed).
//     Editors that save by writing a temporary file and renaming it over the
//     original are seen as a change to the original. Events are coalesced:
//     a rebuild starts once the files have been quiet for Options.Debounce.
//   - Rebuilds incrementally (build.Session.Rebuild): one Markdown page
//     re-renders that page and what lists it; a pathway re-compiles that
//     pathway; a layout, site.toml or asset rebuilds everything.
//   - Tells open pages over Server-Sent Events (/_signpost/events) from a
//     small script, /_signpost/live.js, that only the preview adds to pages
//     (render.Common.ScriptURLs; `signpost build` output never has it). A
//     page reloads when its own output or anything shared changed, keeping
//     its scroll position and URL fragment (on a pathway page, the question
//     being viewed). In the preview the stylesheet is linked from
//     /_signpost/style.css instead of inlined, so a change to
//     assets/site.css is swapped in without a reload and the pages' CSP
//     stays valid (style-src 'self').
//   - Errors: a save that breaks the site keeps the last good site served;
//     the errors (file:line:col and message, the same diag.Diagnostic text
//     the terminal shows) appear over every open page in an accessible
//     dialog (role="alertdialog", focus moved to it and back, Escape or the
//     button hides it). Fixing the file clears it. Errors wait ErrorGrace
//     before they are shown, so an editor that truncates a file and then
//     writes it does not flash an error for the empty file in between.
//   - Service workers: the preview never registers one (the build leaves
//     the registration script out of preview pages) and answers /sw.js with
//     a worker that deletes every cache and unregisters itself, so a worker
//     left by a production build on the same origin goes away.
//   - The pathway map for reviewers: /_signpost/ lists the pathways, and
//     /_signpost/pathways/<id>/ draws every question and outcome and the
//     answers between them as an SVG (layers by longest path from start),
//     marks unreachable questions, dead ends and loops, lists the current
//     errors of the file, and shows the route report (pathway.WriteRoutes)
//     of the last good version beside it. The map is drawn from the file as
//     it is now whenever it can be read as TOML, so a reviewer sees the
//     mistake the compiler rejected, not only the last good version.
//   - The review pack of each pathway, /_signpost/pathways/<id>/review/,
//     linked from its map: the document `signpost review` writes (package
//     reviewpack), made per request from the last good model and the
//     approvals/ folder, with the live script added so that it reloads on
//     every rebuild; while the site has errors, a list of them instead.
//   - Paths outside the output get 404: dot segments, empty segments,
//     backslashes and NUL, encoded or not, encoded dots and slashes, and
//     anything not in the in-memory output.
//
// This package owns serving, watching, the live-reload protocol, the error
// overlay, the pathway map and serving the review pack. It does not build: package build does, and
// decides what a change re-renders.
package preview
