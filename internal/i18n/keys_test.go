package i18n

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestKeysUsed: every key the code and the built-in templates ask for is
// in en.toml, and every key of en.toml is asked for somewhere (the day and
// month names by their family: day_mon, month_1, ...), so the catalog
// holds exactly the built-in text.
func TestKeysUsed(t *testing.T) {
	var src strings.Builder
	root := os.DirFS("..")
	_ = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		switch path.Ext(p) {
		case ".go", ".html", ".js":
			b, _ := fs.ReadFile(root, p)
			src.Write(b)
			src.WriteByte('\n')
		}
		return nil
	})
	code := src.String()
	en := English()
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`\{\{-?\s*t\s+"([a-z0-9_]+)"`), // templates
		regexp.MustCompile(`\.T\("([a-z0-9_]+)"[,)]`),     // Go
	} {
		for _, m := range re.FindAllStringSubmatch(code, -1) {
			if !en.Has(m[1]) {
				t.Errorf("the code asks for %q, which en.toml does not have", m[1])
			}
		}
	}
	family := regexp.MustCompile(`^(day_[a-z]{3}|month_[0-9]+)$`)
	for _, k := range en.Keys() {
		if !strings.Contains(code, `"`+k+`"`) && !family.MatchString(k) {
			t.Errorf("en.toml has %q, which no template, Go code or script asks for", k)
		}
	}
}
