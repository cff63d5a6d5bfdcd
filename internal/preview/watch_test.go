package preview

import "testing"

// TestRelevant: the watcher passes on what the site's loaders read, and
// drops what editors leave behind (the same rule table, sitefs).
func TestRelevant(t *testing.T) {
	for rel, want := range map[string]bool{
		"site.toml":                     true,
		"content/a.md":                  true,
		"content/sub":                   true,
		"pathways/p.toml":               true,
		"layouts/page.html":             true,
		"assets/img/x.svg":              true,
		"content/.a.md.swp":             false,
		"content/a.md~":                 false,
		"content/#a.md#":                false,
		"content/4913":                  false,
		"layouts/page.html___jb_tmp___": false,
		"content/.git/HEAD":             false,
		"public/index.html":             false,
		"site.toml~":                    false,
		"README.md":                     false,
		"../elsewhere/content/a.md":     false,
	} {
		if relevant(rel) != want {
			t.Errorf("relevant(%q) = %v, want %v", rel, !want, want)
		}
	}
}
