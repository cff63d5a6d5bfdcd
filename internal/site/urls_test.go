package site

import "testing"

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
