package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageAndVersion(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		out    string // stdout starts with it; must be empty on failure
		stderr string // stderr contains it
	}{
		{nil, exitUsage, "", "usage: signpost <command>"},
		{[]string{"frobnicate"}, exitUsage, "", `signpost: unknown command "frobnicate"`},
		{[]string{"build", "--no-such-flag"}, exitUsage, "", "flag provided but not defined: -no-such-flag"},
		{[]string{"build", "extra-arg"}, exitUsage, "", `signpost build: unexpected argument "extra-arg"`},
		{[]string{"check", "extra-arg"}, exitUsage, "", `signpost check: unexpected argument "extra-arg"`},
		{[]string{"serve", "extra-arg"}, exitUsage, "", `signpost serve: unexpected argument "extra-arg"`},
		{[]string{"serve", "--port", "70000"}, exitUsage, "", "signpost serve: --port 70000 is not a port number (0-65535)"},
		{[]string{"routes", "a", "b"}, exitUsage, "", "usage: signpost routes [-s DIR] [--csv] [PATHWAY]"},
		{[]string{"new"}, exitUsage, "", "usage: signpost new DIR"},
		{[]string{"version"}, exitOK, "signpost ", ""},
		{[]string{"help"}, exitOK, "usage: signpost <command>", ""},
	} {
		code, out, stderr := runCmd(t, tt.args...)
		if code != tt.code || !strings.HasPrefix(out, tt.out) || (code != exitOK && out != "") {
			t.Errorf("signpost %v: exit %d, stdout %q; want exit %d, stdout starting %q", tt.args, code, out, tt.code, tt.out)
		}
		if !strings.Contains(stderr, tt.stderr) {
			t.Errorf("signpost %v: stderr %q, want it to contain %q", tt.args, stderr, tt.stderr)
		}
	}
}

func TestMissingSourceFolder(t *testing.T) {
	for _, cmd := range []string{"build", "check", "routes", "serve"} {
		missing := filepath.Join(t.TempDir(), "nope")
		code, _, stderr := runCmd(t, cmd, "-s", missing)
		if code != exitContent || !strings.Contains(stderr, "site folder "+missing+" does not exist or is not a folder: give an existing site with -s\n") {
			t.Errorf("%s: exit %d, stderr %q", cmd, code, stderr)
		}
	}
}

// TestNewThenBuild writes the starter site, builds it, checks it, and
// refuses to write a starter into a folder that is not empty.
func TestNewThenBuild(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCmd(t, "new", site); code != exitOK {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "new", site); code != exitContent || !strings.Contains(stderr, "not empty") {
		t.Errorf("new into a non-empty folder: exit %d, %q", code, stderr)
	}
	if code, out, stderr := runCmd(t, "check", "-s", site); code != exitOK {
		t.Fatalf("check: exit %d: %s %s", code, out, stderr)
	}
	code, out, stderr := runCmd(t, "build", "-s", site)
	if code != exitOK || !strings.Contains(out, "built ") {
		t.Fatalf("build: exit %d: %s %s", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "pathways")); err != nil {
		t.Errorf("no pathways in the output: %v", err)
	}
	if code, out, _ := runCmd(t, "routes", "-s", site, "--csv"); code != exitOK || !strings.HasPrefix(out, "route,outcome,urgency,") {
		t.Errorf("routes --csv: exit %d, %.80q", code, out)
	}
	// The docs' own short name for the starter's pathway.
	if code, _, stderr := runCmd(t, "routes", "-s", site, "crisis"); code != exitContent || !strings.Contains(stderr, `no pathway "crisis"`) || !strings.Contains(stderr, `(did you mean "mental-health-crisis"?)`) {
		t.Errorf("routes crisis: exit %d, %q", code, stderr)
	}
}

// TestFailedBuildLeavesOutputUntouched builds a good site, breaks it, and
// checks that the second build reports every error with exit 1 and leaves
// the first output exactly as it was, with no temporary folders behind.
func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	dest := filepath.Join(dir, "out")
	sitetest.Write(t, site, map[string]string{
		"site.toml":        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
		"content/index.md": "+++\ntitle = \"Home\"\n+++\nHello\n",
	})
	if code, _, stderr := runCmd(t, "build", "-s", site, "-d", dest); code != exitOK {
		t.Fatalf("first build: %d %s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, site, map[string]string{
		"content/index.md": "+++\ntitle = \"Home\"\ncolour = 1\n+++\nHello\n",
		"content/b.md":     "+++\ntitle = \"B\"\n",
	})
	code, _, stderr := runCmd(t, "build", "-s", site, "-d", dest)
	if code != exitContent {
		t.Fatalf("broken build: exit %d", code)
	}
	for _, want := range []string{
		"content/b.md:1:1: the front matter opened here is never closed",
		"content/index.md:3:1: unknown key \"colour\" in front matter",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	after, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the previous output changed (err %v)", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind in the output's parent: %v", names)
	}
}

// TestDestinationSafety: build never replaces a folder it must not.
func TestDestinationSafety(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	sitetest.Write(t, site, map[string]string{
		"site.toml":        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
		"content/index.md": "+++\ntitle = \"Home\"\n+++\n",
	})
	sitetest.Write(t, dir, map[string]string{"precious/notes.txt": "keep me"})
	for _, tt := range []struct {
		name, dest, want string
	}{
		{"root", "/", "filesystem root"},
		{"the site itself", site, "holds the site's sources"},
		{"a parent of the site", dir, "holds the site's sources"},
		{"dot-dot of the site", filepath.Join(site, ".."), "holds the site's sources"},
		{"a folder signpost did not write", filepath.Join(dir, "precious"), "was not written by signpost"},
	} {
		code, _, stderr := runCmd(t, "build", "-s", site, "-d", tt.dest)
		if code == exitOK || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want a refusal mentioning %q", tt.name, code, stderr, tt.want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "precious", "notes.txt")); err != nil || string(b) != "keep me" {
		t.Errorf("precious/notes.txt was touched: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "site.toml")); err != nil {
		t.Errorf("the site was touched: %v", err)
	}
}

// TestNewIntoARepository: signpost new writes into a folder that holds
// only version control and editor files (a fresh `git init`, a clone of a
// new repository with .gitignore) and leaves them as they were; it
// refuses a folder with anything else in it, naming what is there.
func TestNewIntoARepository(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		ok    bool
		want  string
	}{
		{"only .git", map[string]string{".git/HEAD": "ref: refs/heads/main\n"}, true, ""},
		{".git, .gitignore and editor folders", map[string]string{".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "public/\n", ".vscode/settings.json": "{}", ".editorconfig": "root = true\n"}, true, ""},
		{"a README beside .git", map[string]string{".git/HEAD": "x", "README.md": "# Site\n"}, false, "it holds README.md"},
		{"a site.toml", map[string]string{"site.toml": "title = \"Mine\"\n"}, false, "it holds site.toml"},
		{"many files", map[string]string{"a": "", "b": "", "c": "", "d": "", "e": ""}, false, "it holds a, b, c, and 2 more"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			sitetest.Write(t, dir, tt.files)
			code, _, stderr := runCmd(t, "new", dir)
			if !tt.ok {
				if code != exitContent || !strings.Contains(stderr, "not empty") || !strings.Contains(stderr, tt.want) {
					t.Errorf("exit %d, %q; want a refusal saying %q", code, stderr, tt.want)
				}
				if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
					t.Error("a refused folder was written to")
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for name, data := range tt.files {
				if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != data {
					t.Errorf("%s: %q, %v; want it kept as %q", name, got, err, data)
				}
			}
			if code, out, stderr := runCmd(t, "check", "-s", dir); code != exitOK {
				t.Errorf("check of the new site: exit %d: %s %s", code, out, stderr)
			}
		})
	}
}

// TestServeBaseNote: serve says that a site under a path (issue 17) is
// previewed at the root, and says nothing for a site at the root.
func TestServeBaseNote(t *testing.T) {
	for _, tt := range []struct{ baseURL, want string }{
		{"https://example.org/", ""},
		{"https://example.github.io/mysite/", "the site is served under /mysite/ (its base_url); the preview shows it at the root"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\nbase_url = \""+tt.baseURL+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		got := baseNote(dir)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.baseURL, got, tt.want)
		}
	}
}
