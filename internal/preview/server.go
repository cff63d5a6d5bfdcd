package preview

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

//go:embed static
var static embed.FS

// Prefix is where the preview's own URLs live; a site cannot have a page
// there (content folders are slugs, so no folder starts with "_").
const Prefix = "/_signpost/"

const (
	liveURL   = Prefix + "live.js"
	styleFile = "_signpost/style.css"
)

// Options configures a preview server.
type Options struct {
	Dir      string        // the site folder
	Addr     string        // host:port to listen on; "127.0.0.1:1313" when empty, port 0 for any
	Drafts   bool          // build draft pages too
	Log      io.Writer     // the terminal: start-up, rebuilds, errors; nil for none
	Debounce time.Duration // quiet time before a rebuild; DefaultDebounce when 0
}

// DefaultDebounce is how long the files must be quiet before a rebuild.
// Editors write a save as a burst of events well inside it.
const DefaultDebounce = 25 * time.Millisecond

// Server is a running preview.
type Server struct {
	opts    Options
	ln      net.Listener
	url     string
	session *build.Session
	hub     *hub

	mu      sync.RWMutex
	files   map[string][]byte // the last good output
	diags   []diag.Diagnostic // every diagnostic of the sources as they are now, sorted; warnings too
	gen     int               // rebuilds applied
	model   *build.Model      // the model of the last good output
	took    time.Duration     // how long the last rebuild took
	changed chan []string     // from the watcher
	lastLog string            // what the last failed rebuild was for
}

// New listens on opts.Addr and prepares the server; Run builds and serves.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if err := build.CheckSiteDir(opts.Dir); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w (is another preview running? try --port)", opts.Addr, err)
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	s := &Server{
		opts:    opts,
		ln:      ln,
		url:     "http://" + net.JoinHostPort(host, port) + "/",
		hub:     newHub(),
		files:   map[string][]byte{},
		changed: make(chan []string, 64),
	}
	s.session = newSession(opts.Dir, opts.Drafts, s.url)
	return s, nil
}

// newSession is the in-memory build of the site in dir that the preview
// serves from baseURL: preview pages, with the live script and the linked
// stylesheet.
func newSession(dir string, drafts bool, baseURL string) *build.Session {
	return build.NewSession(sitefs.Dir(dir), build.Options{Drafts: drafts, Preview: true, BaseURL: baseURL},
		build.SessionOptions{ScriptURLs: []string{liveURL}, StyleFile: styleFile})
}

// URL is the preview's address, ending in "/".
func (s *Server) URL() string { return s.url }

// Loopback reports whether the server listens on loopback only.
func (s *Server) Loopback() bool {
	ip := s.ln.Addr().(*net.TCPAddr).IP
	return ip.IsLoopback()
}

// Run builds the site, starts watching it and serves until ctx is done.
func (s *Server) Run(ctx context.Context) error {
	w, err := newWatcher(s.opts.Dir, s.opts.Debounce, s.changed)
	if err != nil {
		s.ln.Close()
		return err
	}
	defer w.close()
	if !s.rebuild(nil) {
		s.announceErrors()
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(s.ln) }()
	go w.run(ctx)
	grace := time.NewTimer(time.Hour)
	grace.Stop()
	for {
		select {
		case <-ctx.Done():
			s.hub.closeAll()
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(shut)
			return nil
		case err := <-done:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case changed := <-s.changed:
			grace.Stop()
			if !s.rebuild(changed) {
				grace.Reset(ErrorGrace)
			}
		case <-grace.C:
			s.announceErrors()
		case err := <-w.errs:
			s.logf("watch: %v\n", err)
		}
	}
}

// rebuild runs one rebuild for the changed files (nil: everything) and
// tells the pages. When the sources have errors it tells nothing and
// returns false: the caller announces them (announceErrors) unless another
// save comes first.
func (s *Server) rebuild(changed []string) bool {
	start := time.Now()
	u := s.session.Rebuild(changed)
	took := time.Since(start)
	sorted := u.Diags.Sorted()

	var changedFiles []string // written with new bytes
	s.mu.Lock()
	if u.OK() {
		for p, data := range u.Written {
			if prev, ok := s.files[p]; !ok || !bytes.Equal(prev, data) {
				changedFiles = append(changedFiles, p)
				s.files[p] = data
			}
		}
		for _, p := range u.Removed {
			delete(s.files, p)
		}
		s.gen++
	}
	s.model = s.session.Model()
	s.took = took
	hadErrors := len(errorsOf(s.diags)) > 0
	s.diags = sorted
	gen := s.gen
	s.mu.Unlock()

	what := "everything"
	if changed != nil {
		what = strings.Join(changed, ", ")
	}
	if !u.OK() {
		s.lastLog = what
		return false
	}
	for _, d := range sorted {
		s.logf("%s\n", d.String())
	}
	switch {
	case u.StyleOnly:
		s.logf("%s: stylesheet swapped in %s\n", what, took.Round(time.Microsecond))
		s.hub.send("css", mustJSON(map[string]any{"gen": gen, "href": "/" + styleFile + fmt.Sprintf("?v=%d", gen)}))
	case len(changedFiles) == 0 && len(u.Removed) == 0:
		if hadErrors {
			s.logf("%s: fixed; nothing else changed\n", what)
		}
		s.hub.send("reload", mustJSON(reloadMsg{Gen: gen, Pages: []string{}}))
	default:
		if changed != nil || hadErrors {
			s.logf("%s: rendered %d file(s) in %s\n", what, u.Jobs, took.Round(time.Microsecond))
		}
		s.hub.send("reload", mustJSON(newReloadMsg(gen, u.Full, changedFiles, u.Removed)))
	}
	return true
}

// announceErrors shows the errors of the last rebuild in the terminal and
// on every open page.
func (s *Server) announceErrors() {
	s.mu.RLock()
	all, what := s.diags, s.lastLog
	s.mu.RUnlock()
	errs := errorsOf(all)
	s.logf("%s: %d error(s); still serving the last good site:\n", what, len(errs))
	for _, d := range all {
		s.logf("  %s\n", d.String())
	}
	s.hub.send("errors", mustJSON(map[string]any{"errors": s.jsonDiags(errs)}))
}

// ErrorGrace is how long errors wait before they are shown: an editor that
// truncates a file and then writes it makes the watcher see an empty file
// for a moment, and that must not flash an error.
const ErrorGrace = 150 * time.Millisecond

type reloadMsg struct {
	Gen   int      `json:"gen"`
	Full  bool     `json:"full"`
	Other bool     `json:"other"` // a file that is not a page changed: every page reloads
	Pages []string `json:"pages"` // URL paths of the pages that changed
}

func newReloadMsg(gen int, full bool, written, removed []string) reloadMsg {
	m := reloadMsg{Gen: gen, Full: full, Pages: []string{}}
	note := func(p string) {
		switch {
		case p == "index.html":
			m.Pages = append(m.Pages, "/")
		case strings.HasSuffix(p, "/index.html"):
			m.Pages = append(m.Pages, "/"+strings.TrimSuffix(p, "index.html"))
		case p == "404.html":
			m.Pages = append(m.Pages, "/404.html")
		default:
			m.Other = true
		}
	}
	for _, p := range written {
		note(p)
	}
	for _, p := range removed {
		note(p)
	}
	if len(m.Pages) > 200 {
		m.Full, m.Pages = true, []string{}
	}
	slices.Sort(m.Pages)
	return m
}

// errorsOf returns the errors among ds, in their order; nil when there are
// none.
func errorsOf(ds []diag.Diagnostic) []diag.Diagnostic {
	var errs []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	return errs
}

type jsonDiag struct {
	File    string       `json:"file"`
	Line    int          `json:"line"`
	Col     int          `json:"col"`
	Message string       `json:"message"`
	Text    string       `json:"text"`
	Source  string       `json:"source,omitempty"` // the text of the line, for the overlay's caret
	Related *jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	Source  string `json:"source,omitempty"`
}

// jsonDiags is ds as the overlay reads them, each with the text of the
// line it is at (and its related place's), read from the site as it is now.
func (s *Server) jsonDiags(ds []diag.Diagnostic) []jsonDiag {
	lines := sourceLines{fsys: sitefs.Dir(s.opts.Dir), files: map[string][]string{}}
	out := make([]jsonDiag, len(ds))
	for i, d := range ds {
		out[i] = jsonDiag{File: d.File, Line: d.Line, Col: d.Col, Message: d.Message, Text: d.String(), Source: lines.line(d.File, d.Line)}
		if r := d.Related; r.Has() {
			out[i].Related = &jsonRelated{File: r.File, Line: r.Line, Col: r.Col, Message: r.Message, Source: lines.line(r.File, r.Line)}
		}
	}
	return out
}

// sourceLines reads site files' lines for the overlay, each file once.
type sourceLines struct {
	fsys  fs.FS
	files map[string][]string
}

// maxSourceLine is the longest line the overlay shows, in bytes: past it
// (a minified file, a 1 MB title) it shows none.
const maxSourceLine = 500

func (l *sourceLines) line(file string, n int) string {
	if file == "" || n < 1 {
		return ""
	}
	lines, ok := l.files[file]
	if !ok {
		if data, err := sitefs.Read(l.fsys, file, 4<<20); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		l.files[file] = lines
	}
	if n > len(lines) || len(lines[n-1]) > maxSourceLine {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return b
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, format, args...)
}

// ServeHTTP serves the output, the preview's own files and the events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.allowedHost(r.Host) {
		refuse(w, "this preview answers only to its own address, "+s.url+", not to the Host "+strconv.Quote(r.Host))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, ok := cleanRequestPath(r.RequestURI)
	if !ok {
		s.notFound(w, r)
		return
	}
	if (p == Prefix+"events" || p == Prefix || strings.HasPrefix(p, Prefix+"pathways/")) && s.crossOrigin(r) {
		refuse(w, "the preview's events and pages answer only the preview's own pages")
		return
	}
	switch {
	case p == "/sw.js":
		s.serveStatic(w, r, "static/sw.js")
		return
	case p == Prefix+"events":
		s.events(w, r)
		return
	case p == liveURL:
		s.serveStatic(w, r, "static/live.js")
		return
	case p == Prefix+"live.css":
		s.serveStatic(w, r, "static/live.css")
		return
	case p == Prefix || strings.HasPrefix(p, Prefix+"pathways/"):
		s.servePathways(w, r, p)
		return
	}
	key := strings.TrimPrefix(p, "/")
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	s.mu.RLock()
	data, found := s.files[key]
	_, isDir := s.files[key+"/index.html"]
	empty := len(s.files) == 0
	s.mu.RUnlock()
	switch {
	case found:
		send(w, r, http.StatusOK, contentType(key), data)
	case isDir:
		http.Redirect(w, r, p+"/", http.StatusFound)
	case empty:
		s.noSite(w, r)
	default:
		s.notFound(w, r)
	}
}

// cleanRequestPath returns the path of a request URI when it is a plain
// path inside the site: it starts with one "/", has no dot segments, no
// empty segments, no backslashes or NUL, and no encoded dot, slash,
// backslash or NUL. Anything else is refused (404), whatever it decodes to.
func cleanRequestPath(uri string) (string, bool) {
	raw, _, _ := strings.Cut(uri, "?")
	raw, _, _ = strings.Cut(raw, "#")
	if !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") || strings.ContainsAny(raw, "\\\x00") {
		return "", false
	}
	lower := strings.ToLower(raw)
	for _, enc := range []string{"%2e", "%2f", "%5c", "%00"} {
		if strings.Contains(lower, enc) {
			return "", false
		}
	}
	p, err := url.PathUnescape(raw)
	if err != nil || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p[1:], "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	if strings.Contains(p[1:], "//") {
		return "", false
	}
	if path.Clean(p) != strings.TrimSuffix(p, "/") && p != "/" {
		return "", false
	}
	return p, true
}

var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".woff2":       "font/woff2",
}

func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(filepath.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

func send(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request, name string) {
	data, err := static.ReadFile(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	send(w, r, http.StatusOK, contentType(name), data)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	page, ok := s.files["404.html"]
	s.mu.RUnlock()
	if !ok {
		send(w, r, http.StatusNotFound, "text/plain; charset=utf-8", []byte("404 page not found\n"))
		return
	}
	send(w, r, http.StatusNotFound, "text/html; charset=utf-8", page)
}

// noSite answers while there has never been a good build: the errors, and
// the live script, so the page reloads once they are fixed.
func (s *Server) noSite(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	errs := errorsOf(s.diags)
	s.mu.RUnlock()
	w.Header().Set("Content-Security-Policy", adminCSP)
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>The site cannot be built - signpost preview</title><link rel="stylesheet" href="/_signpost/live.css"></head><body class="sp-page"><main><h1>The site cannot be built yet</h1><p>Fix these files and save; this page reloads by itself.</p><ul class="sp-errors">`)
	for _, d := range errs {
		b.WriteString("<li>" + html.EscapeString(d.String()) + "</li>")
	}
	b.WriteString(`</ul></main><script src="` + liveURL + `"></script></body></html>`)
	send(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", []byte(b.String()))
}

// adminCSP is the policy of the preview's own pages.
const adminCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

// events is the Server-Sent Events stream of one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Connection", "keep-alive")
	c := s.hub.add()
	defer s.hub.remove(c)
	s.mu.RLock()
	hello := mustJSON(map[string]any{"gen": s.gen, "errors": s.jsonDiags(errorsOf(s.diags))})
	s.mu.RUnlock()
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %s\n\n", hello)
	fl.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			fl.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		}
	}
}

type event struct {
	name string
	data []byte
}

// hub fans events out to every open page.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
}

func newHub() *hub { return &hub{clients: map[chan event]bool{}} }

func (h *hub) add() chan event {
	c := make(chan event, 16)
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
	return c
}

func (h *hub) remove(c chan event) {
	h.mu.Lock()
	if h.clients[c] {
		delete(h.clients, c)
		close(c)
	}
	h.mu.Unlock()
}

// send queues an event for every page; a page too far behind to take it
// misses it (its next hello reloads it).
func (h *hub) send(name string, data []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- event{name, data}:
		default:
		}
	}
}

func (h *hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}
