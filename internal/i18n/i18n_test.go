package i18n

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
)

func TestBuiltinIsClean(t *testing.T) {
	var diags diag.List
	c := parseBuiltin(&diags)
	if diags.Len() != 0 {
		t.Fatalf("en.toml: %v", diags.Err())
	}
	if len(c.keys) < 120 || len(c.keys) != len(c.msgs) {
		t.Fatalf("en.toml: %d keys in order, %d read", len(c.keys), len(c.msgs))
	}
}

func TestText(t *testing.T) {
	en := English()
	for _, tt := range []struct {
		got, want string
	}{
		{en.T("contact_phone", "number", "116 123"), "Call 116 123"},
		{en.T("finder_found", "count", 1, "postcode", "LS6"), "1 local service found for LS6."},
		{en.T("finder_found", "count", 3, "postcode", "LS6"), "3 local services found for LS6."},
		{en.T("finder_found", "count", 0, "postcode", "LS6"), "0 local services found for LS6."},
		{en.T("notfound_home"), "Go to the home page."},
		{en.T("no_such_key"), "{no_such_key}"},
		{string(en.HTML("notfound_home", "href", "/")), `<a href="/">Go to the home page</a>.`},
		{string(en.HTML("contact_register", "href", template.URL("sms:999?&body=register"), "word", "register", "number", "999")),
			`Only works from a phone registered in advance. To register, <a href="sms:999?&amp;body=register">text register to 999</a> now, before you need it.`},
		{string(en.HTML("notfound_home", "href", "javascript:alert(1)")), `<a href="#ZgotmplZ">Go to the home page</a>.`},
		{string(en.HTML("service_contact", "service", "<b>&")), `How to contact &lt;b&gt;&amp;`},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// A language's own plural rules choose the form: Welsh has six.
func TestPluralRules(t *testing.T) {
	fsys := fstest.MapFS{"i18n/cy.toml": {Data: []byte(`finder_found = { zero = "Z {postcode}", one = "O {postcode}", two = "T {postcode}", few = "F {postcode}", many = "M {postcode}", other = "{count} X {postcode}" }` + "\n")}}
	var diags diag.List
	c := Load(fsys, "cy", &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	var got []string
	for _, n := range []int{0, 1, 2, 3, 6, 7} {
		got = append(got, c.T("finder_found", "count", n, "postcode", "CF"))
	}
	if want := "Z CF|O CF|T CF|F CF|M CF|7 X CF"; strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
}

func TestLoad(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lang  string
		files map[string]string
		want  []string // diagnostics, one per line
		check func(*Catalog) string
	}{
		{name: "override one key", lang: "en-GB",
			files: map[string]string{"i18n/en.toml": "contact_webchat = \"Chat online\"\n"},
			check: func(c *Catalog) string {
				return c.T("contact_webchat") + "|" + c.T("contact_email", "address", "a@b.org")
			}},
		{name: "the exact language over its base", lang: "en-GB",
			files: map[string]string{"i18n/en.toml": "contact_webchat = \"A\"\nopen = \"B\"\n", "i18n/en-GB.toml": "open = \"C\"\n"},
			check: func(c *Catalog) string { return c.T("contact_webchat") + c.T("open") }},
		{name: "unknown key", lang: "en-GB",
			files: map[string]string{"i18n/en.toml": "\ncontact_webcat = \"Chat\"\n"},
			want:  []string{`i18n/en.toml:2:1: unknown key "contact_webcat" in the catalog: did you mean "contact_webchat"?`}},
		{name: "wrong placeholder", lang: "en",
			files: map[string]string{"i18n/en.toml": "contact_phone = \"Ring {numbr}\"\n"},
			want:  []string{`i18n/en.toml:1:17: contact_phone has no placeholder {numbr}: did you mean {number}?`}},
		{name: "missing placeholder", lang: "en",
			files: map[string]string{"i18n/en.toml": "contact_text_keyword = \"Text {keyword}\"\n"},
			want:  []string{`i18n/en.toml:1:24: contact_text_keyword must keep the placeholder {number}: the page fills it in (it takes {keyword}, {number})`}},
		{name: "placeholder on a text with none", lang: "en",
			files: map[string]string{"i18n/en.toml": "open = \"Open {now}\"\n"},
			want:  []string{`i18n/en.toml:1:8: open has no placeholder {now}: it takes none`}},
		{name: "optional placeholders", lang: "de",
			files: map[string]string{"i18n/de.toml": "time_hour = \"{h24}:{mm}\"\ntime_minutes = \"{h24}:{mm}\"\n"},
			want:  []string{fmt.Sprintf("i18n/de.toml: warning: %d of the %d built-in texts", len(English().keys)-2, len(English().keys))},
			check: func(c *Catalog) string { return c.T("time_hour", "h24", "09", "mm", "00") }},
		{name: "plural forms on a text without count", lang: "en",
			files: map[string]string{"i18n/en.toml": "open = { one = \"a\", other = \"b\" }\n"},
			want:  []string{`i18n/en.toml:1:8: open has no {count}, so it has one text, not plural forms: write open = "..."`}},
		{name: "plural without other, unknown form", lang: "en",
			files: map[string]string{"i18n/en.toml": "[finder_found]\none = \"1 for {postcode}\"\nsome = \"x\"\n"},
			want: []string{
				`i18n/en.toml:1:1: finder_found is missing the plural form other, the one used when no other form fits: add other = "..."`,
				`i18n/en.toml:3:1: unknown key "some" in [finder_found]: did you mean "one"?`,
			}},
		{name: "other must keep count", lang: "en",
			files: map[string]string{"i18n/en.toml": "finder_found = { one = \"One for {postcode}\", other = \"Some for {postcode}\" }\n"},
			want:  []string{`i18n/en.toml:1:54: finder_found must keep the placeholder {count}`}},
		{name: "broken link, stray HTML, empty", lang: "en",
			files: map[string]string{"i18n/en.toml": "notfound_home = \"Home</a> <a>\"\nopen = \"<b>Open</b>\"\nskip_link = \" \"\n"},
			want: []string{
				`i18n/en.toml:1:17: notfound_home must have one link, <a>words</a>, around the words that are the link`,
				`i18n/en.toml:2:8: open may hold no HTML: write plain text`,
				`i18n/en.toml:3:13: skip_link is empty: write the text, or remove the key to keep the built-in text`,
			}},
		{name: "another language's file", lang: "en-GB",
			files: map[string]string{"i18n/fr.toml": "open = \"Ouvert\"\n", "i18n/Not_A_Tag.toml": ""},
			want: []string{
				`i18n/Not_A_Tag.toml: "Not_A_Tag" is not a language tag`,
				`i18n/fr.toml: warning: not used: the site's language is en-GB (site.toml), so only i18n/en.toml and i18n/en-GB.toml are read`,
			}},
		{name: "a language with no catalog of its own", lang: "cy",
			want: []string{fmt.Sprintf("site.toml: warning: %d of the %d built-in texts have no cy translation and show in English (doc_title, home_doc_title, skip_link, banner_label, call_number, ...): add i18n/cy.toml", len(English().keys), len(English().keys))}},
		{name: "a file that is not TOML", lang: "en",
			files: map[string]string{"i18n/en.toml": "open = \n", "i18n/notes.md": "translator's notes", "i18n/x.json": "{}"},
			want: []string{
				"i18n/en.toml:1:",
				"i18n/x.json: i18n/ holds only .toml text catalogs",
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for f, s := range tt.files {
				fsys[f] = &fstest.MapFile{Data: []byte(s)}
			}
			var diags diag.List
			c := Load(fsys, tt.lang, &diags)
			var got []string
			for _, d := range diags.Sorted() {
				got = append(got, d.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("got  %s\nwant %s...", got[i], tt.want[i])
				}
			}
			if tt.check != nil {
				t.Logf("check: %s", tt.check(c))
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.toml":    {Data: []byte("contact_webchat = \"A\"\nopen = \"B\"\n")},
		"i18n/en-GB.toml": {Data: []byte("open = \"C\"\n")},
	}
	var diags diag.List
	c := Load(fsys, "en-GB", &diags)
	if got := c.T("contact_webchat") + c.T("open") + c.T("contact_web"); got != "ACVisit the website" || diags.Len() != 0 {
		t.Errorf("got %q, %v", got, diags.Err())
	}
	if English().T("open") != "Open now" {
		t.Error("Load changed the built-in catalog")
	}
}

func TestPseudo(t *testing.T) {
	p := English().Pseudo("[", "]")
	for _, tt := range []struct{ got, want string }{
		{p.T("contact_phone", "number", "1"), "[Call 1]"},
		{string(p.HTML("area_national", "href", "/services/")), `[You can also contact ]<a href="/services/">[services that help people anywhere in the UK]</a>[, including services you can text or message.]`},
		{p.T("finder_found", "count", 1, "postcode", "X"), "[1 local service found for X.]"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
