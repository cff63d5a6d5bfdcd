package content

import (
	"reflect"
	"slices"
	"testing"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// TestIndexFields: the index encodes every field parse sets on an
// ordinary page, its review and its diagnostics. A field added to one of
// these types fails here until Index.Encode keeps it and indexFormat
// changes.
func TestIndexFields(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want []string
	}{
		{Page{}, []string{"Kind", "File", "ID", "URL", "Title", "Summary", "Draft", "Body", "BodyLine", "Outcome", "Service", "Review", "Hash", "fsys"}},
		{Review{}, []string{"Owner", "Reviewed", "NextReview", "Pos"}},
		{diag.Diagnostic{}, []string{"File", "Line", "Col", "Severity", "Message", "Related"}},
		{diag.Related{}, []string{"File", "Line", "Col", "Message"}},
		{diag.Pos{}, []string{"Line", "Col"}},
		{sitefs.Stamp{}, []string{"Size", "Mtime", "Ctime", "Ino"}},
	} {
		var got []string
		for f := range reflect.TypeOf(tc.v).Fields() {
			got = append(got, f.Name)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%T has the fields %v; the content index knows %v: keep the new ones in Index.Encode and DecodeIndex, and change indexFormat", tc.v, got, tc.want)
		}
	}
}
