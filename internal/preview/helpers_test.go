package preview

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// writeSite writes the txtar fixture into a new temp folder and returns it.
func writeSite(tb testing.TB, fixture string) string {
	tb.Helper()
	dir := tb.TempDir()
	sitetest.Write(tb, dir, siteFiles(tb, fixture))
	return dir
}

// siteFiles returns the files of the txtar fixture, by name.
func siteFiles(tb testing.TB, fixture string) map[string]string {
	tb.Helper()
	fx := sitetest.Load(tb, filepath.Join("testdata", fixture), nil)
	files := make(map[string]string, len(fx.FS))
	for name, f := range fx.FS {
		files[name] = string(f.Data)
	}
	return files
}

func writeFile(tb testing.TB, dir, name, data string) {
	tb.Helper()
	sitetest.Write(tb, dir, map[string]string{name: data})
}

func readFile(tb testing.TB, dir, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// running is a preview server started for a test.
type running struct {
	*Server
	dir string
	log *logBuffer
}

// startServer serves dir on a random loopback port until the test ends.
func startServer(tb testing.TB, dir string) *running {
	tb.Helper()
	log := &logBuffer{}
	srv, err := New(Options{Dir: dir, Addr: "127.0.0.1:0", Log: log, Debounce: DefaultDebounce})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			tb.Errorf("Run did not return after the context was cancelled")
		}
	})
	return &running{Server: srv, dir: dir, log: log}
}

// logBuffer is the server's terminal output, safe to read while it runs.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// get fetches a path of the server and returns status and body.
func (r *running) get(tb testing.TB, p string) (int, string) {
	tb.Helper()
	resp, err := http.Get(strings.TrimSuffix(r.URL(), "/") + p)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// sseEvent is one Server-Sent Event.
type sseEvent struct {
	Name string
	Data string
	At   time.Time // when the client read it
}

// events connects to the server's event stream, waits for its hello and
// returns the stream of the events after it.
func (r *running) events(tb testing.TB) (hello sseEvent, ch <-chan sseEvent) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.URL()+"_signpost/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	out := make(chan sseEvent, 64)
	tb.Cleanup(func() { cancel(); resp.Body.Close() })
	go func() {
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.Data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.Name != "":
				ev.At = time.Now()
				out <- ev
				ev = sseEvent{}
			}
		}
	}()
	select {
	case hello = <-out:
	case <-time.After(5 * time.Second):
		tb.Fatal("no hello event")
	}
	if hello.Name != "hello" {
		tb.Fatalf("first event is %q, want hello", hello.Name)
	}
	return hello, out
}

// next waits for the next event that is not a ping.
func next(tb testing.TB, ch <-chan sseEvent) sseEvent {
	tb.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			tb.Fatal("event stream closed")
		}
		return ev
	case <-time.After(10 * time.Second):
		tb.Fatal("no event within 10s")
	}
	return sseEvent{}
}

// decode unmarshals an event's data.
func decode[T any](tb testing.TB, ev sseEvent) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal([]byte(ev.Data), &v); err != nil {
		tb.Fatalf("event %s data %q: %v", ev.Name, ev.Data, err)
	}
	return v
}

type errorsMsg struct {
	Errors []jsonDiag `json:"errors"`
}
