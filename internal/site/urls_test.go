package site

import (
	"strings"
	"testing"
)

// TestURL: each output file's URL, and back.
func TestURL(t *testing.T) {
	for file, want := range map[string]string{
		"index.html":              "/",
		"about/index.html":        "/about/",
		"404.html":                "/404.html",
		"assets/a.0123456789.css": "/assets/a.0123456789.css",
		"services/finder.json":    "/services/finder.json",
	} {
		if got := URL(file); got != want {
			t.Errorf("URL(%q) = %q, want %q", file, got, want)
		}
		if got := File(want); got != file {
			t.Errorf("File(%q) = %q, want %q", want, got, file)
		}
	}
}

// TestBase: where each kind of site URL is served, at the root (unchanged)
// and under a path, and back.
func TestBase(t *testing.T) {
	for _, tt := range []struct {
		base Base
		in   string
		want string
	}{
		{Root, "/", "/"},
		{Root, "/about/", "/about/"},
		{"", "/about/", "/about/"},
		{"/mysite/", HomeURL, "/mysite/"},
		{"/mysite/", "/about/", "/mysite/about/"},
		{"/mysite/", FinderURL, "/mysite/services/finder.json"},
		{"/mysite/", "/assets/icon.0123456789.svg", "/mysite/assets/icon.0123456789.svg"},
		{"/mysite/", "/" + WorkerFile, "/mysite/sw.js"},
		{"/mysite/", "/services/#finder", "/mysite/services/#finder"},
		{"/a/b/", "/offline/", "/a/b/offline/"},
		// Not paths on the site: as they are.
		{"/mysite/", "#q2", "#q2"},
		{"/mysite/", "https://example.org/", "https://example.org/"},
		{"/mysite/", "//example.org/x", "//example.org/x"},
		{"/mysite/", `/\example.org`, `/\example.org`},
		{"/mysite/", "tel:999", "tel:999"},
		{"/mysite/", "about/", "about/"},
		{"/mysite/", "", ""},
	} {
		got := tt.base.URL(tt.in)
		if got != tt.want {
			t.Errorf("Base(%q).URL(%q) = %q, want %q", tt.base, tt.in, got, tt.want)
		}
		if !strings.HasPrefix(tt.in, "/") || strings.HasPrefix(tt.in, "//") || strings.HasPrefix(tt.in, `/\`) {
			continue
		}
		if back, ok := tt.base.Site(got); !ok || back != tt.in {
			t.Errorf("Base(%q).Site(%q) = %q, %v, want %q", tt.base, got, back, ok, tt.in)
		}
	}
	for _, p := range []string{"/other/", "/mysite", "/", "/mysitex/"} {
		if u, ok := Base("/mysite/").Site(p); ok {
			t.Errorf("Site(%q) = %q, want outside the site", p, u)
		}
	}
}
