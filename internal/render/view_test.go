package render

import (
	"strings"
	"testing"
)

// TestUnknownScriptIsAnError: a page that asks for a script the build does
// not have fails, rather than rendering without it.
func TestUnknownScriptIsAnError(t *testing.T) {
	r, _, _ := pathwayFixture(t)
	_, err := r.page(&View{Kind: "page", Title: "T"}, &Common{}, "no-such-script")
	if err == nil || !strings.Contains(err.Error(), `no built-in script "no-such-script"`) {
		t.Fatalf("got %v", err)
	}
	// Every script a page or the build asks for (base is on every page,
	// register is build's Common.Scripts) must be found.
	if _, err := r.page(&View{Kind: "page", Title: "T"}, &Common{Scripts: []string{"register"}},
		"hours", "open-now", "postcode", "finder", "pathway"); err != nil {
		t.Fatalf("every script the build registers must be found: %v", err)
	}
}
