package config

import (
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// FuzzParse: any site.toml yields a Site or diagnostics, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"T\"\nbase_url = \"https://example.org/\"\n[emergency]\ntext = \"Call 999\"\nphone = \"999\"\n[exit]\nurl = \"https://www.bbc.co.uk/weather\"\n[budget]\npage_kb = 14\n"))
	f.Add([]byte("title = 1\ntimezone = \"Nowhere/Else\"\nmax_routes = -1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var diags diag.List
		if s := Parse(src, &diags); s == nil && !diags.HasErrors() {
			t.Fatal("a rejected site.toml must say why")
		} else if s != nil && s.Location == nil {
			t.Fatal("a site always has a location")
		}
	})
}
