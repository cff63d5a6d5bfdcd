package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// TestDefaultPrecompressIsACopy: each site gets its own default precompress
// list, so a change to one site's settings reaches neither other sites nor
// the list of allowed values.
func TestDefaultPrecompressIsACopy(t *testing.T) {
	src := []byte("title = \"T\"\n")
	var diags diag.List
	a := Parse(src, &diags)
	if a == nil || diags.HasErrors() {
		t.Fatalf("parse: %v", diags.Err())
	}
	a.Precompress[0] = "changed"
	b := Parse(src, &diags)
	if want := []string{"gzip", "br"}; !slices.Equal(b.Precompress, want) || !slices.Equal(Encodings, want) {
		t.Errorf("after changing one site's list: another site's is %v, Encodings %v; want %v", b.Precompress, Encodings, want)
	}
}

// TestRefusedValues (issue 16, class 7): a base_url with credentials (which
// every page would publish; the message does not repeat the password), an
// empty timezone (silently Europe/London before) and time zone names Go
// loads but browsers reject.
func TestRefusedValues(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"title = \"T\"\nbase_url = \"https://user:secret@example.org/\"\n", `site.toml:2:12: base_url "https://user:xxxxx@example.org/" carries a user name or password`},
		{"title = \"T\"\nbase_url = \"https://user@example.org/\"\n", "carries a user name or password"},
		{"title = \"T\"\ntimezone = \"\"\n", "site.toml:2:12: timezone is empty"},
		{"title = \"T\"\ntimezone = \"posixrules\"\n", `unknown timezone "posixrules"`},
		{"title = \"T\"\ntimezone = \"Factory\"\n", `unknown timezone "Factory"`},
		{"title = \"T\"\ntimezone = \"right/Europe/London\"\n", `unknown timezone "right/Europe/London"`},
		{"title = \"T\"\ntimezone = \"Europe/Paris\"\n", ""},
		{"title = \"T\"\nbase_url = \"https://example.org/help/\"\n", ""},
	} {
		var d diag.List
		Parse([]byte(tt.src), &d)
		got := ""
		if ds := d.Sorted(); len(ds) > 0 {
			got = ds[0].String()
		}
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
		if strings.Contains(got, "secret") {
			t.Errorf("the message repeats the password: %s", got)
		}
	}
}
