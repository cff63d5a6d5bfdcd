package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// TestSpecialFilesAreRefused: a named pipe, a link to /dev/zero, a
// character device and a file over the size limit, as each kind of input,
// are errors at the file, and the build neither hangs on the pipe nor
// reads the device. Each build must end within 20 s (the pipe would block
// for ever, /dev/zero would grow past memory in seconds).
func TestSpecialFilesAreRefused(t *testing.T) {
	inputs := []string{"site.toml", "content/x.md", "pathways/x.toml", "layouts/page.html", "assets/x.css", "assets/img/x.svg"}
	kinds := []struct {
		name string
		make func(path string) error
		want string
	}{
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "this is a named pipe (FIFO), not a regular file"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "symbolic link"},
		{"character device", func(p string) error {
			return syscall.Mknod(p, syscall.S_IFCHR|0o644, 1<<8|5 /* /dev/zero: major 1, minor 5 */)
		}, "this is a character device, not a regular file"},
		{"over the size limit", func(p string) error {
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(64 << 20) // sparse: costs no disk
		}, "the file is larger than"},
	}
	for _, in := range inputs {
		for _, k := range kinds {
			t.Run(in+"/"+k.name, func(t *testing.T) {
				site := t.TempDir()
				sitetest.Write(t, site, minimalSite)
				p := filepath.Join(site, filepath.FromSlash(in))
				_ = os.Remove(p)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := k.make(p); err != nil {
					t.Skipf("cannot make a %s here: %v", k.name, err)
				}
				type result struct {
					diags []string
					err   error
				}
				done := make(chan result, 1)
				go func() {
					_, diags, err := Build(site, filepath.Join(t.TempDir(), "public"), Options{})
					var got []string
					for _, d := range diags.Sorted() {
						got = append(got, d.String())
					}
					done <- result{got, err}
				}()
				select {
				case r := <-done:
					if r.err == nil {
						t.Fatalf("built a site whose %s is a %s", in, k.name)
					}
					if !slices.ContainsFunc(r.diags, func(g string) bool { return strings.HasPrefix(g, in+":") && strings.Contains(g, k.want) }) {
						t.Errorf("diagnostics:\n%s\nwant one at %s containing %q", strings.Join(r.diags, "\n"), in, k.want)
					}
				case <-time.After(20 * time.Second):
					t.Fatalf("the build did not end in 20 s with %s as a %s", in, k.name)
				}
			})
		}
	}
}
