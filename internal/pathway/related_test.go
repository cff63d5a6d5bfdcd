package pathway

import (
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
)

// TestDuplicatesPointToTheFirst: a label or question id used twice is
// reported where it is used again, with the first use as its related
// position (which the preview's overlay shows with its source line).
func TestDuplicatesPointToTheFirst(t *testing.T) {
	src := `title = "P"
start = "a"

[[question]]
id = "a"
text = "A?"

  [[question.answer]]
  label = "Yes"
  outcome = "o"

  [[question.answer]]
  label = "Yes"
  outcome = "o"

[[question]]
id = "a"
text = "Again?"

  [[question.answer]]
  label = "No"
  outcome = "o"

  [[question.answer]]
  label = "Maybe"
  outcome = "o"
`
	var diags diag.List
	Load("pathways/p.toml", []byte(src), func(string) bool { return true }, &diags)
	want := map[int]int{13: 8, 17: 4} // line of the second use -> line of the first
	for _, d := range diags.Errors() {
		first, ok := want[d.Line]
		if !ok {
			continue
		}
		delete(want, d.Line)
		if d.Related.File != "pathways/p.toml" || d.Related.Line != first || d.Related.Message == "" {
			t.Errorf("%s: related %+v, want line %d of pathways/p.toml", d, d.Related, first)
		}
	}
	if len(want) > 0 {
		t.Errorf("no duplicate reported at lines %v; got %v", want, diags.Sorted())
	}
}
