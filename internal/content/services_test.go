package content

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/phone"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/services/*.txtar")

// TestServiceRules runs each fixture of testdata/services: a site's content
// folder and the diagnostics Load must give for it, in order.
func TestServiceRules(t *testing.T) {
	files, _ := filepath.Glob("testdata/services/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fx := sitetest.Load(t, file, nil)
			var diags diag.List
			Load(fx.FS, Options{}, &diags)
			var got []string
			for _, d := range diags.Sorted() {
				got = append(got, d.String())
			}
			if *update && fx.Want != nil {
				for i, f := range fx.Archive.Files {
					if f.Name == sitetest.WantSection {
						fx.Archive.Files[i].Data = []byte(strings.Join(got, "\n") + "\n")
					}
				}
				if err := os.WriteFile(file, txtar.Format(fx.Archive), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !slices.Equal(got, fx.Want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(fx.Want, "\n"))
			}
			for _, d := range diags.Sorted() {
				if d.File == "" || d.Line == 0 && !strings.HasPrefix(d.File, "content/services/") {
					t.Errorf("%s: no file and line", d)
				}
			}
		})
	}
}

// TestContactLinks checks the link each mode makes from a valid value.
func TestContactLinks(t *testing.T) {
	for _, tt := range []struct {
		contact string
		href    string
		label   string
	}{
		{`mode = "phone"` + "\n" + `value = "116 123"`, "tel:116123", "Call 116 123"},
		{`mode = "phone"` + "\n" + `value = "+44 20 7946 0000"`, "tel:+442079460000", "Call +44 20 7946 0000"},
		{`mode = "text"` + "\n" + `value = "85258"` + "\n" + `keyword = "SHOUT"`, "sms:85258?&body=SHOUT", "Text SHOUT to 85258"},
		// In sms: "+" is a plus sign: a space is %20 (RFC 5724), and
		// "+", "&" and "#" are text of the message.
		{`mode = "text"` + "\n" + `value = "85258"` + "\n" + `keyword = "HELP ME"`, "sms:85258?&body=HELP%20ME", "Text HELP ME to 85258"},
		{`mode = "text"` + "\n" + `value = "85258"` + "\n" + `keyword = "A+B & C#1"`, "sms:85258?&body=A%2BB%20%26%20C%231", "Text A+B & C#1 to 85258"},
		{`mode = "emergency-sms"` + "\n" + `value = "999"` + "\n" + `register = "reg ister"`, "sms:999", "Text 999"},
		{`mode = "text"` + "\n" + `value = "07700 900113"`, "sms:07700900113", "Text 07700 900113"},
		{`mode = "email"` + "\n" + `value = "jo@samaritans.org"`, "mailto:jo@samaritans.org", "Email jo@samaritans.org"},
		{`mode = "webchat"` + "\n" + `value = "https://example.org/chat?x=1"`, "https://example.org/chat?x=1", "Start a webchat"},
		{`mode = "web"` + "\n" + `value = "https://111.nhs.uk/"`, "https://111.nhs.uk/", "Visit the website"},
	} {
		src := "+++\ntitle = \"S\"\nsummary = \"S\"\n\n[[contact]]\n" + tt.contact + "\n+++\n"
		var diags diag.List
		p := Parse("content/services/s.md", []byte(src), phone.UK, &diags)
		if p == nil || diags.Len() > 0 {
			t.Errorf("%s: %v", tt.contact, diags.Err())
			continue
		}
		c := p.Service.Contacts[0]
		if c.Href != tt.href || c.Label(i18n.English()) != tt.label {
			t.Errorf("%s: href %q label %q, want %q %q", tt.contact, c.Href, c.Label(i18n.English()), tt.href, tt.label)
		}
		if c.Mode == EmergencySMS && c.RegisterHref() != "sms:999?&body=reg%20ister" {
			t.Errorf("%s: register link %q, want sms:999?&body=reg%%20ister", tt.contact, c.RegisterHref())
		}
	}
}

// TestSortedServices: services by title whatever its case, then by id;
// other pages left out.
func TestSortedServices(t *testing.T) {
	page := func(kind Kind, id, title string) *Page { return &Page{Kind: kind, ID: id, Title: title} }
	set := NewSet([]*Page{
		page(ServicePage, "c", "beta"),
		page(OutcomePage, "o", "Alpha"),
		page(ServicePage, "b", "Beta"),
		page(ServicePage, "z", "alpha"),
		page(Ordinary, "p", "Aardvark"),
		page(ServicePage, "a", "Gamma"),
		page(ServicePage, "y", "ALPHA"),
	})
	var got []string
	for _, p := range set.SortedServices() {
		got = append(got, p.ID)
	}
	if want := []string{"y", "z", "b", "c", "a"}; !slices.Equal(got, want) {
		t.Errorf("SortedServices = %v, want %v", got, want)
	}
	if got := NewSet(nil).SortedServices(); got != nil {
		t.Errorf("no services: %v, want nil", got)
	}
}

// TestAgesString checks how an age range reads next to a contact.
func TestAgesString(t *testing.T) {
	for _, tt := range []struct {
		ages Ages
		want string
	}{
		{Ages{}, ""},
		{Ages{Max: 18}, "under 19s"},
		{Ages{Max: 34}, "under 35s"},
		{Ages{Min: 16}, "aged 16 and over"},
		{Ages{Min: 11, Max: 18}, "aged 11 to 18"},
	} {
		if got := tt.ages.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.ages, got, tt.want)
		}
	}
}
