package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/site"
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

// TestOffline: the [offline] table.
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

// TestBaseURL (issue 17, sub-paths): a base_url with a path is a site
// served under that path; its Base is the path, always ending in "/" (a
// missing final / is added, as for a host alone). A path that is not a
// plain folder is refused at its line, with what to write.
func TestBaseURL(t *testing.T) {
	for _, tt := range []struct {
		in, url string
		base    site.Base
		err     string // the one error contains this
	}{
		{in: "", url: "", base: site.Root},
		{in: "https://example.org/", url: "https://example.org/", base: site.Root},
		{in: "https://example.org", url: "https://example.org/", base: site.Root},
		{in: "https://example.github.io/mysite/", url: "https://example.github.io/mysite/", base: "/mysite/"},
		{in: "https://example.github.io/mysite", url: "https://example.github.io/mysite/", base: "/mysite/"},
		{in: "http://localhost:8080/a/b-c_d.e~f/", url: "http://localhost:8080/a/b-c_d.e~f/", base: "/a/b-c_d.e~f/"},
		{in: "https://example.org/my site/", err: "has an escaped character in its path (/my%20site/)"},
		{in: "https://example.org/my%20site/", err: `has "my site" in its path`},
		{in: "https://example.org/café/", err: "has an escaped character"},
		{in: "https://example.org/a:b/", err: `has "a:b" in its path`},
		{in: "https://example.org/a/../b/", err: `has ".." in its path`},
		{in: "https://example.org/./b/", err: `has "." in its path`},
		{in: "https://example.org/a//b/", err: "has an empty folder in its path (/a//b/)"},
		{in: "https://example.org//", err: "has an empty folder"},
		{in: "https://example.org/mysite/?x=1", err: "must be an absolute http(s) URL such as https://example.org/"},
		{in: "https://example.org/mysite/?", err: "must be an absolute http(s) URL such as https://example.org/"},
		{in: "https://example.org/mysite/#top", err: "must be an absolute http(s) URL such as https://example.org/"},
		{in: "https://example.org/mysite/#", err: "must be an absolute http(s) URL such as https://example.org/"},
		{in: "/mysite/", err: "must be an absolute http(s) URL"},
	} {
		src := "title = \"T\"\n"
		if tt.in != "" {
			src += "base_url = \"" + tt.in + "\"\n"
		}
		var d diag.List
		s := Parse([]byte(src), &d)
		if tt.err != "" {
			if d.Len() != 1 || !strings.Contains(d.Err().Error(), "site.toml:2:12: base_url") || !strings.Contains(d.Err().Error(), tt.err) {
				t.Errorf("%q: got %v, want one error at site.toml:2:12 with %q", tt.in, d.Err(), tt.err)
			}
			continue
		}
		if d.Len() > 0 || s == nil {
			t.Errorf("%q: %v", tt.in, d.Err())
			continue
		}
		if s.BaseURL != tt.url || s.Base != tt.base {
			t.Errorf("%q: BaseURL %q, Base %q; want %q, %q", tt.in, s.BaseURL, s.Base, tt.url, tt.base)
		}
	}
}

// TestSetBaseURL: the preview's own address replaces base_url, and its
// path (the root) replaces the site's base path.
func TestSetBaseURL(t *testing.T) {
	var d diag.List
	s := Parse([]byte("title = \"T\"\nbase_url = \"https://example.github.io/mysite/\"\n"), &d)
	if s == nil || s.Base != "/mysite/" {
		t.Fatalf("parse: %v, %+v", d.Err(), s)
	}
	s.SetBaseURL("http://127.0.0.1:1313/")
	if s.BaseURL != "http://127.0.0.1:1313/" || s.Base != site.Root {
		t.Errorf("after SetBaseURL: %q, %q", s.BaseURL, s.Base)
	}
}
