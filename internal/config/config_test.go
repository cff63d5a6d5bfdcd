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
		{"title = \"T\"\nbase_url = \"https://example.org/help/\"\n", `base_url "https://example.org/help/" has a path (/help/)`}, // refused: issue 17, sub-paths
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

// TestOffline: the [offline] table, and base_url with a path, which is
// refused because the built site would not work under it.
func TestOffline(t *testing.T) {
	for _, c := range []struct {
		src  string
		want Offline
		err  string // the one error's text contains this
	}{
		{src: ``, want: Offline{Pages: DefaultOfflinePages}},
		{src: "[offline]\nprecache = [\"/help/\", \"/about/\"]\npages = 0\nprefetch = true\n", want: Offline{Precache: []string{"/help/", "/about/"}, Prefetch: true}},
		{src: "[offline]\nprecache = [\"help\"]\n", err: `offline precache "help" must be a folder`},
		{src: "[offline]\npages = -1\n", err: "offline pages must be from 0"},
		{src: "[offline]\npage = 3\n", err: "page"},
		{src: "base_url = \"https://example.github.io/mysite/\"\n", err: `base_url "https://example.github.io/mysite/" has a path (/mysite/)`},
		{src: "base_url = \"https://example.org\"\n", want: Offline{Pages: DefaultOfflinePages}},
	} {
		var diags diag.List
		s := Parse([]byte("title = \"T\"\n"+c.src), &diags)
		if c.err != "" {
			if diags.Len() != 1 || !strings.Contains(diags.Err().Error(), c.err) {
				t.Errorf("%q: got %v, want one error with %q", c.src, diags.Err(), c.err)
			}
			continue
		}
		if diags.Len() > 0 || s == nil {
			t.Errorf("%q: %v", c.src, diags.Err())
			continue
		}
		if !slices.Equal(s.Offline.Precache, c.want.Precache) || s.Offline.Pages != c.want.Pages || s.Offline.Prefetch != c.want.Prefetch {
			t.Errorf("%q: got %+v, want %+v", c.src, s.Offline, c.want)
		}
	}
}
