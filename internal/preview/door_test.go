package preview

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeSurvivesFoldersVanishing: each site folder (and site.toml)
// removed while the preview runs, as git stash or git checkout do, and
// put back. The preview keeps serving the last good site, says what is
// wrong when something is, and after the folder is back serves what a
// fresh build makes. Removing content/ used to panic the server.
func TestServeSurvivesFoldersVanishing(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	writeFile(t, dir, "layouts/page.html", "{{define \"main\"}}<h1>{{.Title}}</h1><p>Own layout.</p>{{.Content}}{{end}}\n")
	srv := startServer(t, dir)
	_, ch := srv.events(t)
	aside := t.TempDir()
	for _, name := range []string{"content", "pathways", "layouts", "assets", "site.toml"} {
		t.Run(name, func(t *testing.T) {
			from, to := filepath.Join(dir, name), filepath.Join(aside, name)
			if err := os.Rename(from, to); err != nil {
				t.Fatal(err)
			}
			ev := next(t, ch)
			if ev.Name != "errors" && ev.Name != "reload" {
				t.Fatalf("after removing %s: event %s %s", name, ev.Name, ev.Data)
			}
			if code, body := srv.get(t, "/"); code != http.StatusOK || !strings.Contains(body, "Welcome to the test site") {
				t.Errorf("after removing %s, / is %d %.200q; want the last good home page", name, code, body)
			}
			if err := os.Rename(to, from); err != nil {
				t.Fatal(err)
			}
			// Back: the next events end in a reload with no errors.
			deadline := time.Now().Add(15 * time.Second)
			for {
				ev := next(t, ch)
				if ev.Name == "reload" {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no reload after %s came back; last %s %s", name, ev.Name, ev.Data)
				}
			}
			assertMatchesFresh(t, srv)
		})
	}
	if strings.Contains(srv.log.String(), "panic") {
		t.Errorf("the server log mentions a panic:\n%s", srv.log.String())
	}
}

// TestServeHostAndOrigin: the preview answers only requests that name it
// (a rebound name such as evil.example is refused), and its event stream
// and own pages only requests from its own pages.
func TestServeHostAndOrigin(t *testing.T) {
	srv := startServer(t, writeSite(t, "site.txtar"))
	_, port, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(srv.URL(), "http://"), "/"), ":")
	own := "127.0.0.1:" + port
	for _, tt := range []struct {
		name, path, host string
		header           map[string]string
		want             int
	}{
		{"own address", "/", own, nil, 200},
		{"localhost", "/", "localhost:" + port, nil, 200},
		{"a .localhost name", "/", "preview.localhost:" + port, nil, 200},
		{"IPv6 loopback", "/", "[::1]:" + port, nil, 200},
		{"a rebound name", "/", "evil.example:" + port, nil, 403},
		{"a rebound name on the map", "/_signpost/", "evil.example:" + port, nil, 403},
		{"a rebound name on the events", "/_signpost/events", "evil.example:" + port, nil, 403},
		{"another port", "/", "127.0.0.1:1", nil, 403},
		{"no port", "/", "127.0.0.1", nil, 403},
		{"a name ending in localhost", "/", "evillocalhost:" + port, nil, 403},
		{"events from another site", "/_signpost/events", own, map[string]string{"Origin": "https://evil.example"}, 403},
		{"events from a null origin", "/_signpost/events", own, map[string]string{"Origin": "null"}, 403},
		{"map cross-site", "/_signpost/", own, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"map of a pathway same-site", "/_signpost/pathways/crisis/", own, map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"a rebound name on the review pack", "/_signpost/pathways/crisis/review/", "evil.example:" + port, nil, 403},
		{"review pack from another site", "/_signpost/pathways/crisis/review/", own, map[string]string{"Origin": "https://evil.example"}, 403},
		{"review pack cross-site", "/_signpost/pathways/crisis/review/", own, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"review pack from its own pages", "/_signpost/pathways/crisis/review/", own, map[string]string{"Sec-Fetch-Site": "same-origin"}, 200},
		{"map from its own pages", "/_signpost/", own, map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://" + own}, 200},
		{"a page opened from a link elsewhere", "/", own, map[string]string{"Sec-Fetch-Site": "cross-site"}, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL()+strings.TrimPrefix(tt.path, "/"), nil)
			req.Host = tt.host
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			if tt.path == "/_signpost/events" && tt.want == 200 {
				t.Fatal("the table has no open event stream case; TestServeFollowsEdits covers it")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("GET %s Host %s %v: %d, want %d", tt.path, tt.host, tt.header, resp.StatusCode, tt.want)
			}
		})
	}
}

// TestMapRefusesWhatTheBuildRefuses: the map of a pathway file that is a
// link (to a file outside the site, or to /dev/zero) neither shows the
// linked file nor reads it; the page answers at once.
func TestMapRefusesWhatTheBuildRefuses(t *testing.T) {
	dir := writeSite(t, "site.txtar")
	outside := filepath.Join(t.TempDir(), "secret.toml")
	writeFile(t, filepath.Dir(outside), "secret.toml", strings.Replace(readFile(t, dir, "pathways/crisis.toml"), "title = ", "title = \"SECRET OUTSIDE\" #", 1))
	if err := os.Symlink(outside, filepath.Join(dir, "pathways", "leak.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "pathways", "zero.toml")); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, dir)
	for _, id := range []string{"leak", "zero"} {
		done := make(chan string, 1)
		go func() { _, body := srv.get(t, "/_signpost/pathways/"+id+"/"); done <- body }()
		select {
		case body := <-done:
			if strings.Contains(body, "SECRET OUTSIDE") {
				t.Errorf("the map of %s shows the file outside the site", id)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the map of %s did not answer in 10 s", id)
		}
	}
}
