package preview

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/build"
)

// waitReload waits for the reload event that names page (any page when
// page is ""). A save can reach the watcher as two bursts under load, so
// reloads that name nothing are skipped; an errors event fails the test.
func waitReload(t *testing.T, ch <-chan sseEvent, page string) reloadMsg {
	t.Helper()
	for {
		ev := next(t, ch)
		if ev.Name != "reload" {
			t.Fatalf("event %s %s, want reload", ev.Name, ev.Data)
		}
		msg := decode[reloadMsg](t, ev)
		if page == "" || msg.Full || slices.Contains(msg.Pages, page) {
			return msg
		}
		if len(msg.Pages) > 0 || msg.Other {
			t.Fatalf("reload %+v does not name %s", msg, page)
		}
	}
}

func TestServeFollowsEdits(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	srv := startServer(t, dir)
	if code, body := srv.get(t, "/help/ae/"); code != 200 || !strings.Contains(body, "Original A&amp;E text") {
		t.Fatalf("GET /help/ae/ = %d %q", code, body)
	}
	_, ch := srv.events(t)

	t.Run("write in place", func(t *testing.T) {
		src := strings.Replace(readFile(t, dir, "content/help/ae.md"), "Original A&E text.", "Edited in place.", 1)
		writeFile(t, dir, "content/help/ae.md", src)
		msg := waitReload(t, ch, "/help/ae/")
		if msg.Full || len(msg.Pages) != 1 {
			t.Errorf("a body edit reloaded %+v, want only /help/ae/", msg)
		}
		if _, body := srv.get(t, "/help/ae/"); !strings.Contains(body, "Edited in place.") {
			t.Errorf("served page does not have the edit: %q", body)
		}
	})

	t.Run("rename and replace", func(t *testing.T) {
		src := strings.Replace(readFile(t, dir, "content/help/ae.md"), "Edited in place.", "Saved by rename.", 1)
		tmp := filepath.Join(dir, "content/help/.ae.md.swp")
		if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, "content/help/ae.md")); err != nil {
			t.Fatal(err)
		}
		waitReload(t, ch, "/help/ae/")
		if _, body := srv.get(t, "/help/ae/"); !strings.Contains(body, "Saved by rename.") {
			t.Errorf("served page does not have the renamed-in version: %q", body)
		}
		// The file is still watched after being replaced.
		writeFile(t, dir, "content/help/ae.md", strings.Replace(src, "Saved by rename.", "Edited after rename.", 1))
		waitReload(t, ch, "/help/ae/")
		if _, body := srv.get(t, "/help/ae/"); !strings.Contains(body, "Edited after rename.") {
			t.Errorf("an edit after a rename is not served: %q", body)
		}
	})

	t.Run("new folder", func(t *testing.T) {
		writeFile(t, dir, "content/guides/sleep/index.md", "+++\ntitle = \"Sleep\"\n+++\nSleep well.\n")
		waitReload(t, ch, "/guides/sleep/")
		if code, body := srv.get(t, "/guides/sleep/"); code != 200 || !strings.Contains(body, "Sleep well.") {
			t.Fatalf("GET /guides/sleep/ = %d %q", code, body)
		}
		// A page added later to the new folder: the folder is watched.
		writeFile(t, dir, "content/guides/sleep/tips.md", "+++\ntitle = \"Tips\"\n+++\nTip one.\n")
		waitReload(t, ch, "/guides/sleep/tips/")
		if code, _ := srv.get(t, "/guides/sleep/tips/"); code != 200 {
			t.Fatalf("GET /guides/sleep/tips/ = %d", code)
		}
	})

	for _, del := range []struct{ name, file, page string }{
		{"delete a page", "content/guides/sleep/tips.md", "/guides/sleep/tips/"},
		{"delete a folder", "content/guides", "/guides/sleep/"},
	} {
		t.Run(del.name, func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(dir, del.file)); err != nil {
				t.Fatal(err)
			}
			waitReload(t, ch, del.page)
			if code, _ := srv.get(t, del.page); code != 404 {
				t.Errorf("GET %s after deleting %s = %d, want 404", del.page, del.file, code)
			}
		})
	}

	t.Run("service change reaches outcome and pathway", func(t *testing.T) {
		src := strings.Replace(readFile(t, dir, "content/services/shout.md"), `keyword = "SHOUT"`, `keyword = "HELLO"`, 1)
		writeFile(t, dir, "content/services/shout.md", src)
		msg := waitReload(t, ch, "/services/shout/")
		for _, p := range []string{"/outcomes/call-999/", "/outcomes/talk/", "/pathways/crisis/", "/services/"} {
			if !msg.Full && !slices.Contains(msg.Pages, p) {
				t.Errorf("reload %+v does not name %s", msg, p)
			}
			if _, body := srv.get(t, p); !strings.Contains(body, "HELLO") {
				t.Errorf("%s does not show the new keyword", p)
			}
		}
	})
	assertMatchesFresh(t, srv)
}

// assertMatchesFresh checks that the served site is byte for byte what a
// fresh preview build of the same sources makes. A save can reach the
// watcher as two bursts under load, so it gives the server a moment to
// catch up before it fails.
func assertMatchesFresh(t *testing.T, srv *running) {
	t.Helper()
	fresh := newSession(srv.dir, false, srv.URL()).Rebuild(nil)
	if !fresh.OK() {
		t.Fatalf("fresh build failed: %v", fresh.Diags.Err())
	}
	var diffs []string
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		srv.mu.RLock()
		diffs = diffOutputs(srv.files, fresh.Written)
		srv.mu.RUnlock()
		if len(diffs) == 0 {
			return
		}
	}
	for _, d := range diffs {
		t.Error(d)
	}
}

func compareOutputs(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for _, d := range diffOutputs(got, want) {
		t.Error(d)
	}
}

func diffOutputs(got, want map[string][]byte) []string {
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, p+": missing from the incremental output")
		case string(g) != string(w):
			diffs = append(diffs, fmt.Sprintf("%s: differs from a fresh build\n got: %.300s\nwant: %.300s", p, g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, p+": in the incremental output, not in a fresh build")
		}
	}
	slices.Sort(diffs)
	return diffs
}

func TestServeBrokenFileKeepsLastGoodSite(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	srv := startServer(t, dir)
	_, ch := srv.events(t)
	good := readFile(t, dir, "content/help/ae.md")
	writeFile(t, dir, "content/help/ae.md", "+++\ntitle = \"Going to A&E\"\nsumary = \"typo\"\n+++\nBroken edit.\n")
	ev := next(t, ch)
	if ev.Name != "errors" {
		t.Fatalf("event %s %s, want errors", ev.Name, ev.Data)
	}
	msg := decode[errorsMsg](t, ev)
	if len(msg.Errors) != 1 || msg.Errors[0].File != "content/help/ae.md" || msg.Errors[0].Line != 3 || !strings.Contains(msg.Errors[0].Message, "sumary") {
		t.Fatalf("errors = %+v, want one at content/help/ae.md:3 about sumary", msg.Errors)
	}
	if _, body := srv.get(t, "/help/ae/"); !strings.Contains(body, "Original A&amp;E text") || strings.Contains(body, "Broken edit") {
		t.Errorf("the last good page is not served during the error: %q", body)
	}
	if !strings.Contains(srv.log.String(), "content/help/ae.md:3:1: ") {
		t.Errorf("terminal does not show the error with its position:\n%s", srv.log.String())
	}
	// A page opened during the error hears of it at once.
	hello, _ := srv.events(t)
	if h := decode[struct{ Errors []jsonDiag }](t, hello); len(h.Errors) != 1 {
		t.Errorf("hello during an error = %s, want the error", hello.Data)
	}
	// Another edit while broken: still broken, and that edit is kept for later.
	writeFile(t, dir, "content/index.md", strings.Replace(readFile(t, dir, "content/index.md"), "Welcome", "Hello and welcome", 1))
	if ev := next(t, ch); ev.Name != "errors" {
		t.Fatalf("event %s, want errors", ev.Name)
	}
	writeFile(t, dir, "content/help/ae.md", good)
	waitReload(t, ch, "/")
	hello, _ = srv.events(t)
	if h := decode[struct{ Errors []jsonDiag }](t, hello); len(h.Errors) != 0 {
		t.Errorf("hello after the fix = %s, want no errors", hello.Data)
	}
	if _, body := srv.get(t, "/"); !strings.Contains(body, "Hello and welcome") {
		t.Errorf("the edit made during the error is not served after the fix")
	}
	assertMatchesFresh(t, srv)
}

func TestServeStyleChangeNeedsNoPageChange(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	srv := startServer(t, dir)
	_, before := srv.get(t, "/")
	_, ch := srv.events(t)
	writeFile(t, dir, "assets/site.css", ".lede { color: #00703c; }\n")
	ev := next(t, ch)
	if ev.Name != "css" {
		t.Fatalf("event %s %s, want css", ev.Name, ev.Data)
	}
	if _, css := srv.get(t, "/_signpost/style.css"); !strings.Contains(css, "#00703c") {
		t.Errorf("stylesheet does not have the change")
	}
	if _, after := srv.get(t, "/"); after != before {
		t.Errorf("the page changed on a stylesheet-only edit")
	}
	assertMatchesFresh(t, srv)
}

func TestServeLayoutChangeRebuildsAll(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	srv := startServer(t, dir)
	_, ch := srv.events(t)
	writeFile(t, dir, "layouts/banner.html", `<p class="emergency">Layout override {{with .Site.Emergency}}{{.Text}}{{end}}</p>`)
	msg := waitReload(t, ch, "")
	if !msg.Full {
		t.Errorf("a layout change reloaded %+v, want full", msg)
	}
	if _, body := srv.get(t, "/help/ae/"); !strings.Contains(body, "Layout override") {
		t.Errorf("layout override not applied")
	}
	assertMatchesFresh(t, srv)
}

// rawGet sends the request line exactly as written, without any client
// cleaning the path.
func rawGet(t *testing.T, srv *running, target string) int {
	t.Helper()
	addr := strings.TrimSuffix(strings.TrimPrefix(srv.URL(), "http://"), "/")
	// A request in absolute form names its host; x stands for this server's.
	target = strings.Replace(target, "http://x/", "http://"+addr+"/", 1)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr) // any other Host is refused (door.go)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServePathSafety(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	// A file beside the site that traversal would reach.
	writeFile(t, filepath.Dir(dir), "secret.txt", "secret")
	srv := startServer(t, dir)
	for _, target := range []string{
		"/../secret.txt",
		"/help/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/secret.txt",
		"/.%2e/secret.txt",
		"/help%2f..%2f..%2fsecret.txt",
		"/help/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/..%5csecret.txt",
		`/..\secret.txt`,
		"//etc/passwd",
		"/etc/passwd",
		"/site.toml",
		"/content/index.md",
		"/./index.html",
		"/%00",
		"http://x/../secret.txt",
	} {
		if code := rawGet(t, srv, target); code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", target, code)
		}
	}
	for _, target := range []string{"/", "/help/ae/", "/help/ae/index.html", "/404.html", "/_signpost/live.js"} {
		if code := rawGet(t, srv, target); code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", target, code)
		}
	}
}

func TestServeServiceWorkerUnregisters(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	srv := startServer(t, dir)
	resp, err := http.Get(srv.URL() + "sw.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Errorf("/sw.js: %d, Cache-Control %q, Content-Type %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}
	_, sw := srv.get(t, "/sw.js")
	for _, want := range []string{"caches.delete", "registration.unregister()"} {
		if !strings.Contains(sw, want) {
			t.Errorf("/sw.js does not %s", want)
		}
	}
	_, page := srv.get(t, "/")
	if strings.Contains(page, "serviceWorker.register") || strings.Contains(page, `rel=manifest`) {
		t.Errorf("a preview page registers a service worker or links a manifest")
	}
}

// The live-reload script is in preview pages and never in build output.
func TestLiveScriptOnlyInPreview(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	srv := startServer(t, dir)
	if _, page := srv.get(t, "/"); !strings.Contains(page, `<script src=/_signpost/live.js>`) {
		t.Errorf("preview page has no live script")
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Build(dir, out, build.Options{}); err != nil {
		t.Fatalf("build: %v\n%v", err, diags.Err())
	}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if strings.Contains(string(b), "_signpost") {
			t.Errorf("build output %s mentions _signpost", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPathwayMap(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	srv := startServer(t, dir)
	code, index := srv.get(t, "/_signpost/")
	if code != 200 || !strings.Contains(index, `href="/_signpost/pathways/crisis/"`) {
		t.Fatalf("GET /_signpost/ = %d %q", code, index)
	}
	code, page := srv.get(t, "/_signpost/pathways/crisis/")
	if code != 200 {
		t.Fatalf("map = %d", code)
	}
	for _, want := range []string{"<svg", "Is anyone in danger now?", "call-999", "Route 1 -&gt; call-999", "Routes: 3", "No errors"} {
		if !strings.Contains(page, want) {
			t.Errorf("map page lacks %q", want)
		}
	}
	_, ch := srv.events(t)
	// An unreachable question and an answer to nowhere: the compiler
	// rejects the file; the map draws it and marks both.
	src := readFile(t, dir, "pathways/crisis.toml") + `
[[question]]
id = "orphan"
text = "Nobody asks this?"

  [[question.answer]]
  label = "Hmm"
`
	writeFile(t, dir, "pathways/crisis.toml", src)
	if ev := next(t, ch); ev.Name != "errors" {
		t.Fatalf("event %s, want errors", ev.Name)
	}
	_, page = srv.get(t, "/_signpost/pathways/crisis/")
	// The marks are the compiler's own messages, and the orphan's box
	// links to its line in the file's listing, where they are shown.
	orphan := strings.Count(src[:strings.Index(src, `id = "orphan"`)], "\n")
	for _, want := range []string{"Nobody asks this?", `answer &#34;Hmm&#34; has neither next nor outcome`, "has only one answer", "error(s) in this pathway now", "pathways/crisis.toml</code>", "Route report (last good version)", "Routes: 3",
		fmt.Sprintf(`<a href="#L%d"><g class="q bad">`, orphan), fmt.Sprintf(`<li id="L%d">`, orphan)} {
		if !strings.Contains(page, want) {
			t.Errorf("map of the broken pathway lacks %q", want)
		}
	}
	if code, _ := srv.get(t, "/_signpost/pathways/nope/"); code != 404 {
		t.Errorf("map of a missing pathway = %d, want 404", code)
	}
}

// Before the first good build every page is the list of errors, escaped,
// with the live script so that it reloads once they are fixed.
func TestServeNoGoodBuildYet(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	writeFile(t, dir, "content/index.md", "+++\ntitle = \"Get help\"\ncolour = \"<red>\"\n+++\nWelcome.\n")
	srv := startServer(t, dir)
	code, body := srv.get(t, "/help/ae/")
	if code != http.StatusServiceUnavailable {
		t.Fatalf("GET /help/ae/ before a good build = %d, want 503", code)
	}
	for _, want := range []string{
		"<li>content/index.md:3:1: unknown key &#34;colour&#34; in front matter",
		`<script src="/_signpost/live.js"></script>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q:\n%s", want, body)
		}
	}
}

// A warning is printed but is no error: the site is served, open pages get
// no overlay, the maps list no errors, and a later save is not "fixed".
func TestServeWarningIsNoError(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	lonely := "+++\ntitle = \"Rest\"\nurgency = \"self-care\"\n+++\nNo pathway leads here.\n"
	writeFile(t, dir, "content/outcomes/rest.md", lonely)
	srv := startServer(t, dir)
	if code, _ := srv.get(t, "/outcomes/rest/"); code != 200 {
		t.Fatalf("GET /outcomes/rest/ = %d, want 200\n%s", code, srv.log.String())
	}
	if !strings.Contains(srv.log.String(), `content/outcomes/rest.md:1: warning: no pathway reaches outcome "rest"`) {
		t.Errorf("terminal does not show the warning:\n%s", srv.log.String())
	}
	hello, ch := srv.events(t)
	if h := decode[errorsMsg](t, hello); len(h.Errors) != 0 {
		t.Errorf("hello with only a warning = %s, want no errors", hello.Data)
	}
	if _, index := srv.get(t, "/_signpost/"); strings.Contains(index, "Errors in the site now") {
		t.Errorf("the pathway maps list a warning as an error")
	}
	writeFile(t, dir, "content/outcomes/rest.md", lonely)
	waitReload(t, ch, "")
	if log := srv.log.String(); strings.Contains(log, "fixed") {
		t.Errorf("a save after a warning is logged as a fix:\n%s", log)
	}
}
