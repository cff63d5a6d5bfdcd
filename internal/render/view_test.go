package render

import (
	"strings"
	"testing"

	"github.com/signpost-dev/signpost/internal/site"
)

// TestUnknownScriptIsAnError: a page that asks for a script the build does
// not have fails, rather than rendering without it.
func TestUnknownScriptIsAnError(t *testing.T) {
	r, _, _ := pathwayFixture(t)
	_, err := r.page(&View{Title: "T"}, &Common{}, site.Ordinary, "no-such-script")
	if err == nil || !strings.Contains(err.Error(), `no built-in script "no-such-script"`) {
		t.Fatalf("got %v", err)
	}
	// Every script a page or the build asks for (base is on every page,
	// register is build's Common.Scripts) must be found.
	if _, err := r.page(&View{Title: "T"}, &Common{Scripts: []string{"register"}}, site.Ordinary,
		"hours", "open-now", "postcode", "finder", "pathway"); err != nil {
		t.Fatalf("every script the build registers must be found: %v", err)
	}
}
