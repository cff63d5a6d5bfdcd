package hours

import (
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
)

// Text writes hours in the catalog's language: its day names, its clock
// and its patterns (a German catalog with the 24-hour clock here).
func TestTextPerLanguage(t *testing.T) {
	de := `day_mon = "Montag"
day_tue = "Dienstag"
day_wed = "Mittwoch"
day_fri = "Freitag"
day_sat = "Samstag"
day_sun = "Sonntag"
hours_day_range = "{first} bis {last}"
hours_times = "{open} bis {close}"
list_last = "{list} und {last}"
time_hour = "{h24}:{mm} Uhr"
time_minutes = "{h24}:{mm} Uhr"
time_midnight = "Mitternacht"
hours_always = "rund um die Uhr"
`
	var diags diag.List
	tx := i18n.Load(fstest.MapFS{"i18n/de.toml": {Data: []byte(de)}}, "de", &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	for _, tt := range []struct {
		hours []string
		want  string
	}{
		{[]string{"Mon-Fri 09:00-17:30"}, "Montag bis Freitag, 09:00 Uhr bis 17:30 Uhr"},
		{[]string{"Mon,Wed,Fri 19:00-00:00", "Sat-Sun 00:00-00:00"}, "Montag, Mittwoch und Freitag, 19:00 Uhr bis Mitternacht; Samstag und Sonntag, 24 hours"},
		{[]string{"24/7"}, "rund um die Uhr"},
	} {
		h := mustParse(t, tt.hours...)
		if got := h.Text(tx); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.hours, got, tt.want)
		}
		if h.String() == h.Text(tx) {
			t.Errorf("%v: String is not English", tt.hours)
		}
	}
}
