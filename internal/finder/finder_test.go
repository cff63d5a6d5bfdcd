package finder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/hours"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/jstest"
	"github.com/signpost-dev/signpost/internal/postcode"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// testSet is a site of local services whose areas nest and overlap, and
// one national service. Titles start with a letter that fixes their order.
func testSet(t *testing.T) *content.Set {
	t.Helper()
	services := []struct{ id, title, areas string }{
		{"leeds", "B Leeds", `["LS"]`},
		{"both", "A Leeds and Manchester", `["M", "LS"]`},
		{"leeds-nw", "C Leeds NW", `["LS6"]`},
		{"leeds-1", "D Leeds 1", `["LS1"]`},
		{"leeds-16", "E Leeds 16", `["LS16", "LS17"]`},
		{"west-end", "F West End", `["W1"]`},
		{"oxford-street", "G Oxford Street", `["W1A"]`},
		{"city", "H City", `["EC", "EC1A"]`},
		{"shout", "I Shout", ``},
	}
	fsys := fstest.MapFS{}
	for _, s := range services {
		areas := ""
		if s.areas != "" {
			areas = "areas = " + s.areas + "\n"
		}
		fsys["content/services/"+s.id+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = %q\nsummary = \"S\"\n%s\n[[contact]]\nmode = \"phone\"\nvalue = \"0113 496 0000\"\nhours = [\"Mon-Fri 09:00-17:00\"]\n\n[[contact]]\nmode = \"text\"\nvalue = \"85258\"\nkeyword = \"HI THERE\"\n+++\n", s.title, areas))}
	}
	var diags diag.List
	set := content.Load(fsys, content.Options{}, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Err())
	}
	return set
}

func TestLookup(t *testing.T) {
	set := testSet(t)
	data := Build(set, i18n.English())
	for _, tt := range []struct {
		input string
		want  []string // most specific first, then by title
	}{
		{"ls6 1aa", []string{"leeds-nw", "both", "leeds"}},
		{"LS6", []string{"leeds-nw", "both", "leeds"}},
		{"LS16 5AB", []string{"leeds-16", "both", "leeds"}}, // LS1 does not cover LS16
		{"ls17", []string{"leeds-16", "both", "leeds"}},
		{"LS1 1AA", []string{"leeds-1", "both", "leeds"}},
		{"LS", []string{"both", "leeds"}}, // an area alone: only whole-area services
		{"W1A 1AA", []string{"oxford-street", "west-end"}},
		{"w1b2xx", []string{"west-end"}}, // W1 covers its sub-districts
		{"W12 8QT", nil},                 // but not W12
		{"W1", []string{"west-end"}},
		{"EC1A 1BB", []string{"city"}}, // listed once, at its most specific entry
		{"EC2A", []string{"city"}},
		{"M1 1AE", []string{"both"}},
		{"ZZ9 9ZZ", nil},
	} {
		p, err := postcode.Normalise(tt.input)
		if err != nil {
			t.Fatalf("%q: %v", tt.input, err)
		}
		if got := Local(set, p); !slices.Equal(got, tt.want) {
			t.Errorf("Local(%q) = %v, want %v", tt.input, got, tt.want)
		}
		var got []string
		for _, i := range data.Lookup(p) {
			got = append(got, data.Services[i].ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.input, got, tt.want)
		}
	}
	if len(data.National) != 1 || data.Services[data.National[0]].ID != "shout" {
		t.Errorf("national services %v, want just shout", data.National)
	}
}

func TestCompile(t *testing.T) {
	set := testSet(t)
	b := Compile(set, i18n.English())
	if !bytes.Equal(b, Compile(set, i18n.English())) {
		t.Fatal("two compilations differ")
	}
	var got Data
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if want := Build(set, i18n.English()); !reflect.DeepEqual(&got, want) {
		t.Errorf("round trip:\n%+v\nwant\n%+v", got, *want)
	}
	s := string(b)
	for _, want := range []string{
		`"v":1`,
		`["city","H City",[["phone","Call 0113 496 0000","tel:01134960000","Monday to Friday, 9am to 5pm",[62,540,1020]],["text","Text HI THERE to 85258","sms:85258?\u0026body=HI%20THERE",""]]]`,
		`"a":{"EC":[7],"EC1A":[7],"LS":[0,1],"LS1":[3],"LS16":[4],"LS17":[4],"LS6":[2],"M":[0],"W1":[5],"W1A":[6]}`,
		`"n":[8]`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("data lacks %s:\n%s", want, s)
		}
	}
}

func TestAreas(t *testing.T) {
	var got []string
	for _, a := range Areas(testSet(t)) {
		var groups []string
		for _, g := range a.Groups {
			var ids []string
			for _, p := range g.Services {
				ids = append(ids, p.ID)
			}
			groups = append(groups, g.Code+"="+strings.Join(ids, ","))
		}
		got = append(got, a.ID()+": "+strings.Join(groups, " "))
	}
	want := []string{
		"ec: EC=city EC1A=city",
		"ls: LS=both,leeds LS1=leeds-1 LS6=leeds-nw LS16=leeds-16 LS17=leeds-16",
		"m: M=both",
		"w: W1=west-end W1A=oxford-street",
	}
	if !slices.Equal(got, want) {
		t.Errorf("areas:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, tt := range []struct{ code, area string }{{"LS", "LS"}, {"LS6", "LS"}, {"W1A", "W"}, {"M1", "M"}, {"EC1A", "EC"}} {
		if got := AreaOf(tt.code); got != tt.area {
			t.Errorf("AreaOf(%q) = %q, want %q", tt.code, got, tt.area)
		}
	}
}

// generated is a site of n generated local services (internal/sitegen).
func generated(t testing.TB, n int) *content.Set {
	fsys := fstest.MapFS{}
	for name, data := range sitegen.Files(sitegen.Options{Services: n}) {
		if strings.HasPrefix(name, "content/services/") {
			fsys[name] = &fstest.MapFile{Data: data}
		}
	}
	var diags diag.List
	set := content.Load(fsys, content.Options{}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return set
}

// Lookup must agree with Local, the definition by postcode.Match, on every
// district of a generated directory of 1,000 services.
func TestLookupMatchesLocal(t *testing.T) {
	set := generated(t, 1000)
	data := Build(set, i18n.English())
	for _, p := range samplePostcodes(set) {
		var got []string
		for _, i := range data.Lookup(p) {
			got = append(got, data.Services[i].ID)
		}
		if want := Local(set, p); !slices.Equal(got, want) {
			t.Errorf("%+v: Lookup %v, Local %v", p, got, want)
		}
	}
}

// samplePostcodes are, for every areas entry of set, the entry itself, a
// full postcode in it, its neighbours (LS16 for LS1) and sub-districts.
func samplePostcodes(set *content.Set) []postcode.Postcode {
	seen := map[string]bool{}
	var out []postcode.Postcode
	add := func(s string) {
		if p, err := postcode.Normalise(s); err == nil && !seen[p.String()] {
			seen[p.String()] = true
			out = append(out, p)
		}
	}
	for _, s := range set.SortedServices() {
		for _, a := range s.Service.Areas {
			c := a.String()
			for _, v := range []string{c, c + " 1AA", c + "6", c + "A 1AA", c + "0", AreaOf(c), AreaOf(c) + "99 9ZZ"} {
				add(v)
			}
		}
	}
	slices.SortFunc(out, func(a, b postcode.Postcode) int { return strings.Compare(a.String(), b.String()) })
	return out
}

// finder.js (finderLookup, with postcode.js's normalisePostcode) must give
// what Go gives, for what people type: valid and invalid postcodes, in any
// case and spacing, on the test site and on 1,000 generated services.
func TestJSMatchesGo(t *testing.T) {
	js, err := os.ReadFile("../assets/builtin/finder.js")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(4, 4))
	for name, set := range map[string]*content.Set{"test": testSet(t), "generated": generated(t, 1000)} {
		t.Run(name, func(t *testing.T) {
			inputs := []string{"", "   ", "LS6 1AA!", "hello", "LS6 1A", "BFPO 1", "ls6  1aa", "\u00a0w1a1aa "}
			for _, p := range samplePostcodes(set) {
				s := p.String()
				if r.IntN(2) == 0 {
					s = strings.ToLower(s)
				}
				if r.IntN(3) == 0 {
					s = strings.ReplaceAll(s, " ", "")
				}
				inputs = append(inputs, s)
			}
			script := postcode.JS + "\n" + string(js) + `
const fs = require('fs');
const {data, inputs} = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(inputs.map(s => {
  const p = normalisePostcode(s);
  return p ? finderLookup(data, p).map(i => data.s[i][0]) : null;
})));
`
			var got [][]string
			jstest.Run(t, script, map[string]any{"data": json.RawMessage(Compile(set, i18n.English())), "inputs": inputs}, &got)
			if len(got) != len(inputs) {
				t.Fatalf("%d results for %d inputs", len(got), len(inputs))
			}
			matched := 0
			for i, s := range inputs {
				p, err := postcode.Normalise(s)
				switch {
				case err != nil && got[i] == nil:
					continue
				case err != nil || got[i] == nil:
					t.Errorf("%q: finder.js %v, Go error %v", s, got[i], err)
					continue
				}
				want := Local(set, p)
				if len(want) > 0 {
					matched++
				}
				if !slices.Equal(got[i], want) && !(len(got[i]) == 0 && len(want) == 0) {
					t.Errorf("%q: finder.js %v, Go %v", s, got[i], want)
				}
			}
			if matched < len(inputs)/3 {
				t.Errorf("only %d of %d inputs found services: the comparison means little", matched, len(inputs))
			}
		})
	}
}

// The data must stay small enough for a 2G connection. The sizes are
// gzip at the best level, as the build's budgets count them.
func TestDataSize(t *testing.T) {
	def, diags := os.DirFS("../.."), &diag.List{}
	set := content.Load(def, content.Options{}, diags)
	if diags.HasErrors() {
		t.Fatalf("the default site: %v", diags.Err()) // its broken services would be left out of the size
	}
	for _, tt := range []struct {
		name   string
		set    *content.Set
		budget int
	}{
		{"default site", set, 2 << 10},
		{"1,000 generated local services", generated(t, 1000), 40 << 10},
	} {
		b := Compile(tt.set, i18n.English())
		gz := assets.GzipSize(b)
		t.Logf("%s: %d services, %d bytes, %d bytes gzip", tt.name, len(tt.set.SortedServices()), len(b), gz)
		if gz > tt.budget {
			t.Errorf("%s: finder data is %d bytes gzip, over %d", tt.name, gz, tt.budget)
		}
	}
}

// The hours in the data are the ones hours.js reads.
func TestHoursEncoding(t *testing.T) {
	h, err := hours.Parse([]string{"Mon-Fri 09:00-17:00"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Build(testSet(t), i18n.English()).Services {
		if c := s.Contacts[0]; !slices.Equal(c.Compact, h.Compact()) || c.Hours != h.String() {
			t.Errorf("%s: hours %q %v", s.ID, c.Hours, c.Compact)
		}
	}
}
