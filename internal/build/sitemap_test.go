package build

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/site"
)

// TestSitemapSplits: a sitemap over the protocol's limits (50,000 URLs or
// 50 MB a file) is split into sitemap-N.xml parts, each within both, and
// sitemap.xml becomes their index; under them it is one urlset. The limits
// are parameters, so small ones show each rule; a site of 50,001 pages is
// the real case (skipped with -short).
func TestSitemapSplits(t *testing.T) {
	pages := func(n int) []File {
		var fs []File
		for i := range n {
			fs = append(fs, File{Path: fmt.Sprintf("p/%06d/index.html", i), Page: true})
		}
		return append(fs, File{Path: site.File(site.OfflineURL), Page: true}, File{Path: "assets/a.css"})
	}
	type urlset struct {
		Locs []string `xml:"url>loc"`
	}
	type index struct {
		XMLName xml.Name
		Locs    []string `xml:"sitemap>loc"`
	}
	check := func(t *testing.T, n, maxURLs, maxBytes int, wantParts int) {
		t.Helper()
		out := sitemaps("https://example.org/", pages(n), maxURLs, maxBytes)
		last := out[len(out)-1]
		if last.path != site.SitemapFile {
			t.Fatalf("last file %s, want %s", last.path, site.SitemapFile)
		}
		if wantParts == 0 {
			var u urlset
			if len(out) != 1 || xml.Unmarshal(last.data, &u) != nil || len(u.Locs) != n || !strings.Contains(string(last.data), "<urlset") {
				t.Fatalf("%d pages: %d files, %d URLs; want one urlset of all", n, len(out), len(u.Locs))
			}
			return
		}
		var ix index
		if err := xml.Unmarshal(last.data, &ix); err != nil || ix.XMLName.Local != "sitemapindex" || len(ix.Locs) != wantParts || len(out) != wantParts+1 {
			t.Fatalf("%d pages, limits %d URLs %d bytes: index %v %q with %d parts, %d files; want %d parts", n, maxURLs, maxBytes, err, ix.XMLName.Local, len(ix.Locs), len(out), wantParts)
		}
		total, seen := 0, map[string]bool{}
		for i, f := range out[:wantParts] {
			if f.path != site.SitemapPart(i+1) || ix.Locs[i] != "https://example.org/"+f.path || !site.IsSitemap(f.path) {
				t.Errorf("part %d is %s, listed as %s", i+1, f.path, ix.Locs[i])
			}
			var u urlset
			if err := xml.Unmarshal(f.data, &u); err != nil {
				t.Fatal(err)
			}
			if len(u.Locs) > maxURLs || len(f.data) > maxBytes {
				t.Errorf("%s: %d URLs, %d bytes: over the limits %d, %d", f.path, len(u.Locs), len(f.data), maxURLs, maxBytes)
			}
			for _, l := range u.Locs {
				if seen[l] {
					t.Errorf("%s listed twice", l)
				}
				seen[l] = true
			}
			total += len(u.Locs)
		}
		if total != n {
			t.Errorf("the parts list %d URLs, want %d", total, n)
		}
	}
	t.Run("under the limits", func(t *testing.T) { check(t, 10, 10, 1<<20, 0) })
	t.Run("over the URL limit", func(t *testing.T) { check(t, 25, 10, 1<<20, 3) })
	entry := len("<url><loc>https://example.org/p/000000/</loc></url>\n")
	t.Run("over the byte limit", func(t *testing.T) { check(t, 20, 1000, len(sitemapHead)+len(sitemapTail)+3*entry, 7) }) // 3 a part
	t.Run("no pages", func(t *testing.T) { check(t, 0, 10, 1<<20, 0) })
	t.Run("50,001 pages", func(t *testing.T) {
		if testing.Short() {
			t.Skip("-short")
		}
		check(t, maxSitemapURLs+1, maxSitemapURLs, maxSitemapBytes, 2)
	})
	if site.IsSitemap("sitemap-x.xml") || site.IsSitemap("sitemap-+1.xml") || !site.IsSitemap("sitemap-12.xml") {
		t.Error("IsSitemap")
	}
}
