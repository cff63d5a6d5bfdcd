package sitegen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// collect gathers Files into a name -> bytes map.
func collect(t *testing.T, opt Options) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for name, data := range Files(opt) {
		if _, dup := files[name]; dup {
			t.Fatalf("%s yielded twice", name)
		}
		if !fs.ValidPath(name) {
			t.Fatalf("%q is not a valid slash-separated path", name)
		}
		files[name] = data
	}
	return files
}

func TestDeterministic(t *testing.T) {
	for _, hugo := range []bool{false, true} {
		opt := Options{Pages: 230, Services: 12, Seed: 7, Hugo: hugo}
		a, b := t.TempDir(), t.TempDir()
		if err := Generate(a, opt); err != nil {
			t.Fatal(err)
		}
		if err := Generate(b, opt); err != nil {
			t.Fatal(err)
		}
		fa, fb := readTree(t, a), readTree(t, b)
		if len(fa) != len(fb) {
			t.Fatalf("hugo=%v: %d files, then %d", hugo, len(fa), len(fb))
		}
		for name, data := range fa {
			if !bytes.Equal(data, fb[name]) {
				t.Errorf("hugo=%v: %s differs between runs", hugo, name)
			}
		}
	}
}

func TestSeedChangesText(t *testing.T) {
	a := collect(t, Options{Pages: 3, Seed: 1})
	b := collect(t, Options{Pages: 3, Seed: 2})
	if bytes.Equal(a["content/section-00/page-00001.md"], b["content/section-00/page-00001.md"]) {
		t.Error("seeds 1 and 2 give the same page")
	}
}

func TestLayout(t *testing.T) {
	tests := []struct {
		opt       Options
		want      []string // must be present
		wantCount int      // files in all
	}{
		{Options{}, []string{"site.toml", "content/index.md"}, 2},
		{Options{Pages: 250, Services: 3}, []string{
			"site.toml", "content/index.md",
			"content/section-00/page-00000.md", "content/section-01/page-00123.md",
			"content/section-02/page-00249.md", "content/services/local-0003.md",
		}, 2 + 250 + 3},
		{Options{Pages: 10, PagesPerSection: 4}, []string{"content/section-02/page-00009.md"}, 12},
		{Options{Pages: 5, Hugo: true}, []string{
			"hugo.toml", "layouts/_default/single.html", "layouts/_default/list.html",
			"layouts/index.html", "content/_index.md", "content/section-00/page-00004.md",
		}, 4 + 1 + 5},
	}
	for _, tt := range tests {
		files := collect(t, tt.opt)
		if len(files) != tt.wantCount {
			t.Errorf("%+v: %d files, want %d", tt.opt, len(files), tt.wantCount)
		}
		for _, name := range tt.want {
			if _, ok := files[name]; !ok {
				t.Errorf("%+v: no %s", tt.opt, name)
			}
		}
	}
}

func TestGenerateRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Generate(dir, Options{Pages: 1}); err == nil {
		t.Error("Generate wrote into a non-empty folder")
	}
	if err := Generate(t.TempDir(), Options{Pages: -1}); err == nil {
		t.Error("Generate accepted Pages: -1")
	}
}

var (
	slug      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	stringKey = regexp.MustCompile(`^([a-z_]+) = "([^"\\]*)"$`)
	linkRE    = regexp.MustCompile(`\]\(([^)]*)\)`)
	rawHTML   = regexp.MustCompile(`<[A-Za-z/!]`)
)

// split returns the front matter lines and the body, checking the fences.
func split(t *testing.T, name string, data []byte) ([]string, string) {
	t.Helper()
	s := string(data)
	if !strings.HasPrefix(s, "+++\n") {
		t.Fatalf("%s: does not open with a +++ fence", name)
	}
	fm, body, ok := strings.Cut(s[len("+++\n"):], "\n+++\n")
	if !ok {
		t.Fatalf("%s: no closing +++ fence", name)
	}
	return strings.Split(fm, "\n"), body
}

func TestPagesAreValid(t *testing.T) {
	opt := Options{Pages: 300, Services: 40, Seed: 3}
	files := collect(t, opt)
	urls := map[string]bool{"/": true, "/services/local-0001/": true}
	for i := range opt.Pages {
		urls[PageURL(opt, i)] = true
	}
	for name, data := range files {
		if name == "site.toml" {
			continue
		}
		for _, part := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md"), "/") {
			if !slug.MatchString(part) {
				t.Errorf("%s: %q is not a slug", name, part)
			}
		}
		fm, body := split(t, name, data)
		keys := map[string]string{}
		for _, line := range fm {
			if m := stringKey.FindStringSubmatch(line); m != nil {
				keys[m[1]] = m[2]
			}
		}
		if keys["title"] == "" || keys["summary"] == "" {
			t.Errorf("%s: front matter lacks title or summary:\n%s", name, strings.Join(fm, "\n"))
		}
		if rawHTML.MatchString(body) {
			t.Errorf("%s: body has raw HTML: %q", name, rawHTML.FindString(body))
		}
		for _, m := range linkRE.FindAllStringSubmatch(body, -1) {
			if !urls[m[1]] {
				t.Errorf("%s: link to %s, which is not a generated page", name, m[1])
			}
		}
		if strings.HasPrefix(name, "content/section-") {
			for _, want := range []string{"\n## ", "\n- ", "\n1. ", "\n|---|", "](/section-", "`", " *"} {
				if !strings.Contains("\n"+body, want) {
					t.Errorf("%s: body has no %q", name, want)
				}
			}
		}
	}
}

func TestServices(t *testing.T) {
	opt := Options{Services: 60}
	files := collect(t, opt)
	phone := regexp.MustCompile(`^value = "01(13|14|15|16|17|18|21|31|41|51|61) 496 0\d\d\d"$`)
	area := regexp.MustCompile(`"([A-Z]{1,2}\d{0,2})"`)
	hours := regexp.MustCompile(`^hours = ("24/7"|\[("(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[-,A-Za-z]* \d\d:\d\d-\d\d:\d\d"(, )?)+\])$`)
	for i := 1; i <= opt.Services; i++ {
		name := ServicePath(i)
		fm, _ := split(t, name, files[name])
		var sawPhone, sawHours, sawAreas bool
		for _, line := range fm {
			switch {
			case strings.HasPrefix(line, "areas = "):
				sawAreas = len(area.FindAllString(line, -1)) > 0
			case strings.HasPrefix(line, "value = \"0"):
				sawPhone = true
				if !phone.MatchString(line) {
					t.Errorf("%s: %s is not in an Ofcom drama range", name, line)
				}
			case strings.HasPrefix(line, "hours = "):
				sawHours = true
				if !hours.MatchString(line) {
					t.Errorf("%s: bad hours %s", name, line)
				}
			}
		}
		if !sawPhone || !sawHours || !sawAreas || !slices.Contains(fm, "[[contact]]") || !slices.Contains(fm, `mode = "phone"`) {
			t.Errorf("%s: missing areas, phone contact or hours:\n%s", name, strings.Join(fm, "\n"))
		}
	}
}

// words counts tokens with a letter in them, independently of countWords.
func words(body string) int {
	n := 0
	for _, f := range strings.Fields(body) {
		for _, r := range f {
			if unicode.IsLetter(r) {
				n++
				break
			}
		}
	}
	return n
}

func TestWordCount(t *testing.T) {
	for _, target := range []int{600, 1500} {
		opt := Options{Pages: 200, Words: target}
		files := collect(t, opt)
		lo, hi := target*85/100, target*115/100
		for i := range opt.Pages {
			name := PagePath(opt, i)
			_, body := split(t, name, files[name])
			if n := words(body); n < lo || n > hi {
				t.Errorf("%s: %d words, want %d ±15%%", name, n, target)
			}
		}
	}
}

func TestHugoSharesPages(t *testing.T) {
	opt := Options{Pages: 20, Services: 2}
	sp := collect(t, opt)
	opt.Hugo = true
	hu := collect(t, opt)
	for name, data := range sp {
		if strings.HasPrefix(name, "content/section-") || strings.HasPrefix(name, "content/services/") {
			if !bytes.Equal(data, hu[name]) {
				t.Errorf("%s differs between the signpost and Hugo sites", name)
			}
		}
	}
	if !bytes.Equal(sp["content/index.md"], hu["content/_index.md"]) {
		t.Error("home pages differ")
	}
	if !strings.Contains(string(hu["hugo.toml"]), `disableKinds = ["taxonomy", "term", "RSS"]`) {
		t.Errorf("hugo.toml:\n%s", hu["hugo.toml"])
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
