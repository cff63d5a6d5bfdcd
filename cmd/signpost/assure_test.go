package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/sitetest"
)

const farReview = "[review]\nnext_review = 2099-01-01\n"

var assureSite = map[string]string{
	"site.toml": "title = \"T\"\nbase_url = \"https://example.org/\"\n\n[emergency]\ntext = \"In an emergency, call 999.\"\nno_voice = [\"relay-uk\"]\n",
	// A way to 999 without a voice, which the emergency outcome needs.
	"content/services/relay-uk.md": "+++\ntitle = \"Relay UK\"\nsummary = \"Reach 999 without a voice call.\"\n\n[[contact]]\nmode = \"relay\"\nvalue = \"18000\"\n\n[[contact]]\nmode = \"emergency-sms\"\nvalue = \"999\"\nregister = \"register\"\n" + farReview + "+++\n",
	"pathways/p.toml": `title = "P"
start = "a"
[review]
next_review = 2099-01-01
[[question]]
id = "a"
text = "Are you in danger?"
  [[question.answer]]
  label = "Yes"
  outcome = "now"
  [[question.answer]]
  label = "No"
  outcome = "later"
`,
	"content/outcomes/now.md":   "+++\ntitle = \"Call 999\"\nurgency = \"emergency\"\n" + farReview + "+++\nCall.\n",
	"content/outcomes/later.md": "+++\ntitle = \"See a GP\"\nurgency = \"routine\"\n" + farReview + "+++\nBook.\n",
}

// TestReleaseNeedsApproval: build --release refuses an unapproved pathway
// and leaves the previous output untouched; after approve it builds; after
// a change it refuses again, naming the change, while a plain build warns.
func TestReleaseNeedsApproval(t *testing.T) {
	dir := t.TempDir()
	site, dest := filepath.Join(dir, "site"), filepath.Join(dir, "out")
	sitetest.Write(t, site, assureSite)
	if code, _, stderr := runCmd(t, "build", "-s", site, "-d", dest); code != exitOK || stderr != "" {
		t.Fatalf("plain build of a site without approvals/: exit %d, %q", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dest, "pathways", "p", "index.html"))
	code, _, stderr := runCmd(t, "build", "--release", "-s", site, "-d", dest)
	if code != exitContent || !strings.Contains(stderr, `pathways/p.toml:1: pathway "p" has no clinical approval`) {
		t.Fatalf("release of an unapproved pathway: exit %d, %q", code, stderr)
	}
	code, out, stderr := runCmd(t, "approve", "p", "-s", site, "--by", "Dr A", "--role", "Clinical safety officer", "--date", "2026-12-03")
	if code != exitOK || !strings.Contains(out, "approved pathway p (sha256:") {
		t.Fatalf("approve: exit %d, %q %q", code, out, stderr)
	}
	if code, _, stderr := runCmd(t, "build", "--release", "-s", site, "-d", dest); code != exitOK || stderr != "" {
		t.Fatalf("release after approval: exit %d, %q", code, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dest, "pathways", "p", "index.html"))
	// A change to what people are told: "Yes" now ends in the routine outcome.
	sitetest.Write(t, site, map[string]string{"pathways/p.toml": strings.Replace(assureSite["pathways/p.toml"], `outcome = "now"`, `outcome = "later"`, 1)})
	code, _, stderr = runCmd(t, "build", "--release", "-s", site, "-d", dest)
	if code != exitContent || !strings.Contains(stderr, `pathway "p" has changed since Dr A (Clinical safety officer) approved it on 2026-12-03: 1 change; 1 route less urgent (less urgent: route a "Yes")`) {
		t.Fatalf("release after a change: exit %d, %q", code, stderr)
	}
	if now, _ := os.ReadFile(filepath.Join(dest, "pathways", "p", "index.html")); !bytes.Equal(now, after) || bytes.Equal(before, nil) {
		t.Error("the refused release changed the previous output")
	}
	if code, _, stderr := runCmd(t, "build", "-s", site, "-d", dest); code != exitOK || !strings.Contains(stderr, `pathways/p.toml:1: warning: pathway "p" has changed since`) {
		t.Errorf("plain build after a change: exit %d, %q; want a warning", code, stderr)
	}
}

// TestDiffGitRevision compares the site with a commit of its repository.
func TestDiffGitRevision(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "sites", "main")
	sitetest.Write(t, site, assureSite)
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "v1"}} {
		if out, err := exec.Command("git", append([]string{"-C", repo}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	sitetest.Write(t, site, map[string]string{"content/outcomes/later.md": "+++\ntitle = \"See a GP\"\nurgency = \"self-care\"\n+++\nBook.\n"})
	code, out, stderr := runCmd(t, "diff", "--csv", "HEAD", site)
	want := "pathway,change,what,old,new\n" +
		"p,less urgent,\"route a \"\"No\"\"\",later (routine),later (self-care)\n" +
		"p,less urgent,\"outcome \"\"later\"\" urgency\",routine,self-care\n"
	if code != exitOK || out != want {
		t.Errorf("diff HEAD: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, stderr, out, want)
	}
	if code, _, stderr := runCmd(t, "diff", "no-such-rev", site); code != exitContent || !strings.Contains(stderr, `"no-such-rev" is neither a site folder nor a revision`) {
		t.Errorf("diff of a bad revision: exit %d, %q", code, stderr)
	}
}

// TestReleaseRefusesOverdue: build --release refuses content past its
// next_review and leaves the previous output untouched.
func TestReleaseRefusesOverdue(t *testing.T) {
	dir := t.TempDir()
	site, dest := filepath.Join(dir, "site"), filepath.Join(dir, "out")
	sitetest.Write(t, site, assureSite)
	if code, _, stderr := runCmd(t, "approve", "p", "-s", site, "--by", "Dr A", "--role", "CSO"); code != exitOK {
		t.Fatalf("approve: %d %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, "build", "--release", "-s", site, "-d", dest); code != exitOK {
		t.Fatalf("release: %d %s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dest, "outcomes", "later", "index.html"))
	sitetest.Write(t, site, map[string]string{"content/outcomes/later.md": "+++\ntitle = \"See a GP\"\nurgency = \"routine\"\n[review]\nnext_review = 2001-01-01\n+++\nBook, soon.\n"})
	code, _, stderr := runCmd(t, "build", "--release", "-s", site, "-d", dest)
	if code != exitContent || !strings.Contains(stderr, `content/outcomes/later.md:4:1: outcome "later" was due for review on 2001-01-01`) {
		t.Fatalf("release of overdue content: exit %d, %q", code, stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(dest, "outcomes", "later", "index.html")); len(before) == 0 || !bytes.Equal(before, after) {
		t.Error("the refused release changed the previous output")
	}
}
