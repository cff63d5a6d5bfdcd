package main

// The output folder's guarantee against a real signpost binary in a child
// process (docs/deploy.md, "The output folder"): a build stopped by a
// signal leaves the previous output as it was, SIGINT and SIGTERM remove
// their own temporary folder and exit 128+n, and the build after a SIGKILL
// removes what the killed one left. Read-only folders are tested as an
// unprivileged user (root ignores permission bits).

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

// buildBinary compiles signpost into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "signpost")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bigSite is a valid site of n pages at the top of the output, large
// enough that a build is still writing when a test signals it.
func bigSite(n int) map[string]string {
	files := map[string]string{
		"site.toml":             "title = \"T\"\nbase_url = \"https://example.org/\"\n",
		"content/index.md":      "+++\ntitle = \"Home\"\n+++\nHello\n",
		"content/outcomes/e.md": "+++\ntitle = \"End\"\nurgency = \"routine\"\n+++\nBody\n",
		"pathways/p.toml":       "title = \"P\"\nstart = \"q\"\n\n[[question]]\nid = \"q\"\ntext = \"Q\"\n\n  [[question.answer]]\n  label = \"A\"\n  outcome = \"e\"\n",
	}
	body := strings.Repeat("Words that make the page long enough to compress and to take a moment. ", 40)
	for i := range n {
		files[fmt.Sprintf("content/p%04d.md", i)] = fmt.Sprintf("+++\ntitle = \"Page %d\"\n+++\n%s\n", i, body)
	}
	return files
}

// temporaries lists the build's temporary folders beside dest.
func temporaries(dest string) []string {
	m, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*"))
	return m
}

func TestSignalsLeaveThePreviousOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 1,500 pages several times")
	}
	root := t.TempDir()
	bin := buildBinary(t, root)
	site := filepath.Join(root, "site")
	sitetest.Write(t, site, bigSite(1500))
	dest := filepath.Join(root, "public")
	build := func() *exec.Cmd {
		return exec.Command(bin, "build", "-s", site, "-d", dest, "--cache-dir", "off")
	}
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	sitetest.Write(t, site, map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\nHello again\n"})
	before := sitetest.Tree(t, dest)

	// interrupt starts a build, waits until it has written 50 pages into
	// its temporary folder, and sends sig.
	interrupt := func(t *testing.T, sig syscall.Signal) (code int, stderr string) {
		t.Helper()
		cmd := build()
		var errb strings.Builder
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for {
			if tmp := temporaries(dest); len(tmp) == 1 {
				if entries, _ := os.ReadDir(tmp[0]); len(entries) >= 50 {
					break
				}
			}
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatal("the build wrote no 50 pages in 60 s")
			}
			time.Sleep(2 * time.Millisecond)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), errb.String()
	}
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			code, stderr := interrupt(t, tt.sig)
			if code != tt.code || !strings.Contains(stderr, "stopped by "+tt.sig.String()) || !strings.Contains(stderr, dest+" is as it was before the build") {
				t.Errorf("exit %d, stderr %q; want exit %d saying it stopped and %s is as it was", code, stderr, tt.code, dest)
			}
			if tmp := temporaries(dest); len(tmp) > 0 {
				t.Errorf("left %v", tmp)
			}
			if after := sitetest.Tree(t, dest); !maps.Equal(before, after) {
				t.Error("the previous output changed")
			}
		})
	}
	t.Run("killed", func(t *testing.T) {
		code, _ := interrupt(t, syscall.SIGKILL)
		if code != -1 {
			t.Errorf("exit %d after SIGKILL", code)
		}
		left := temporaries(dest)
		if len(left) != 1 {
			t.Fatalf("after SIGKILL: temporary folders %v; want the killed build's", left)
		}
		if after := sitetest.Tree(t, dest); !maps.Equal(before, after) {
			t.Error("the previous output changed")
		}
		if out, err := build().CombinedOutput(); err != nil {
			t.Fatalf("the next build: %v\n%s", err, out)
		}
		if tmp := temporaries(dest); len(tmp) > 0 {
			t.Errorf("the next build left %v", tmp)
		}
		if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); !strings.Contains(string(got), "Hello again") {
			t.Error("the next build did not write the new output")
		}
	})
}

// asUser runs cmd as the unprivileged user "nobody" when the tests run as
// root, and gives root's files under dir to that user first.
func asUser(t *testing.T, dir string, cmd *exec.Cmd) *exec.Cmd {
	t.Helper()
	if os.Geteuid() != 0 {
		return cmd
	}
	const nobody = 65534
	// The test's folders are 0700: let the user reach dir.
	for p := dir; within(p, os.TempDir()) && p != filepath.Clean(os.TempDir()); p = filepath.Dir(p) {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The user's own cache folder, where go-graphviz keeps its compiled
	// code (package graphvizenv); one beside dir, shared by the subtests:
	// compiling costs seconds.
	cache := filepath.Join(filepath.Dir(dir), "nobody-cache")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(cache, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, nobody, nobody)
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	return cmd
}

// chmodTree sets the permission bits of every folder and file under dir.
func chmodTree(t *testing.T, dir string, dirMode, fileMode os.FileMode) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, dirMode)
		}
		return os.Chmod(p, fileMode)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlyOutput(t *testing.T) {
	root := t.TempDir()
	bin := buildBinary(t, root)
	for _, tt := range []struct {
		name     string
		lock     func(t *testing.T, dest string) // makes something read-only
		code     int
		stderr   string
		replaced bool // the new output is in place
	}{
		{"the previous output, all of it", func(t *testing.T, dest string) { chmodTree(t, dest, 0o555, 0o444) }, exitOK, "", true},
		{"the output folder itself", func(t *testing.T, dest string) { os.Chmod(dest, 0o555) }, exitOK, "", true},
		{"the parent folder", func(t *testing.T, dest string) { os.Chmod(filepath.Dir(dest), 0o555) }, exitContent, "permission denied", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(root, strings.ReplaceAll(tt.name, " ", "-"))
			site := filepath.Join(dir, "site")
			sitetest.Write(t, site, bigSite(3))
			sitetest.Write(t, site, map[string]string{"site.toml": "precompress = []\n" + bigSite(0)["site.toml"]})
			dest := filepath.Join(dir, "out", "public")
			if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
				t.Fatal(err)
			}
			run := func() (int, string, string) {
				cmd := asUser(t, dir, exec.Command(bin, "build", "-s", site, "-d", dest, "--cache-dir", "off"))
				var out, errb strings.Builder
				cmd.Stdout, cmd.Stderr = &out, &errb
				err := cmd.Run()
				if _, ok := err.(*exec.ExitError); err != nil && !ok {
					t.Fatal(err)
				}
				return cmd.ProcessState.ExitCode(), out.String(), errb.String()
			}
			if code, _, stderr := run(); code != exitOK {
				t.Fatalf("first build: exit %d\n%s", code, stderr)
			}
			sitetest.Write(t, site, map[string]string{"content/index.md": "+++\ntitle = \"Home\"\n+++\nHello again\n"})
			tt.lock(t, dest)
			before := sitetest.Tree(t, dest)
			code, stdout, stderr := run()
			defer chmodTree(t, dir, 0o755, 0o644) // so that the test can remove it
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
			got, _ := os.ReadFile(filepath.Join(dest, "index.html"))
			if tt.replaced {
				if !strings.Contains(string(got), "Hello again") || !strings.HasPrefix(stdout, "built ") {
					t.Errorf("exit 0 but the new output is not in place (stdout %q)", stdout)
				}
			} else {
				if !strings.Contains(stderr, dest+" is as it was before the build") {
					t.Errorf("stderr %q does not say the output is as it was", stderr)
				}
				if after := sitetest.Tree(t, dest); !maps.Equal(before, after) {
					t.Error("exit 1, and the previous output changed")
				}
			}
			if tmp := temporaries(dest); len(tmp) > 0 {
				t.Errorf("left %v", tmp)
			}
		})
	}
}

// within reports whether p is inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}
