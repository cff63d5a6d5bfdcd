package assets

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
	"github.com/signpost-dev/signpost/internal/site"
)

// scriptBudgets are the most bytes each built-in script may take once
// minified, as pages inline them. Measured 2026-11-24: base 504, register
// 879 (1,264 from 2026-12-03 with the update check and prefetch offer;
// 1,312 with the base path of a site under a path, issue 17), pathway 2,043, open-now 418, finder 3,139, hours 695, postcode 537.
var scriptBudgets = map[string]int{
	"base":     768,  // every page
	"register": 1344, // every page of a build: registration, update check, prefetch offer, update notice
	"pathway":  2624, // pathway pages (2048 before the return-through-history rule of issue 12; 2560 before its words came from the page, issue 14)
	"open-now": 768,
	"finder":   3584,
	"hours":    1024,
	"postcode": 1024,
}

// TestScriptBudgets minifies every built-in script as a build does and
// holds it to its budget; a new script must be given one. Minified code
// must also stay ES2017, which older phone browsers parse.
func TestScriptBudgets(t *testing.T) {
	var diags diag.List
	s := Load(nil, 14*1024, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Err())
	}
	files, _ := builtin.ReadDir("builtin")
	names := []string{"hours", "postcode"}
	for _, f := range files {
		if path.Ext(f.Name()) == ".js" {
			names = append(names, strings.TrimSuffix(f.Name(), ".js"))
		}
	}
	for _, name := range names {
		js, ok := s.Script(name)
		budget, budgeted := scriptBudgets[name]
		switch {
		case !ok:
			t.Errorf("no script %q", name)
			continue
		case !budgeted:
			t.Errorf("%s.js has no budget: add it to scriptBudgets (it is %d bytes minified)", name, len(js.Code))
		case len(js.Code) > budget:
			t.Errorf("%s.js is %d bytes minified, over its budget of %d", name, len(js.Code), budget)
		}
		for _, newer := range []string{"?.", "??", "catch{"} {
			if strings.Contains(js.Code, newer) {
				t.Errorf("%s.js uses %q, which ES2017 browsers cannot parse", name, newer)
			}
		}
	}
}

// TestStyleFor: ordinary pages inline base.css only, pathway pages all but
// services.css (no finder, no local services: the page budget), every other
// kind all but pathway.css, each with the site's site.css last.
func TestStyleFor(t *testing.T) {
	const siteRule = ".site-rule{color:red}"
	var diags diag.List
	s := Load(fstest.MapFS{Dir + "/" + SiteCSS: {Data: []byte(siteRule)}}, 14*1024, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Err())
	}
	base, outcome, pathway, services := ".js-only", ".u-emergency", ".pw-back", ".finder-row" // one rule of each sheet
	for kind, want := range map[*site.Kind]struct{ has, lacks []string }{
		&site.Ordinary: {has: []string{base}, lacks: []string{outcome, pathway, services}},
		&site.Home:     {has: []string{base, outcome, services}, lacks: []string{pathway}},
		&site.Outcome:  {has: []string{base, outcome, services}, lacks: []string{pathway}},
		&site.Services: {has: []string{base, outcome, services}, lacks: []string{pathway}},
		&site.Pathway:  {has: []string{base, outcome, pathway}, lacks: []string{services}},
	} {
		st := s.StyleFor(*kind)
		for _, sel := range want.has {
			if !strings.Contains(st.Code, sel) {
				t.Errorf("%s: the stylesheet lacks %s", kind.Name, sel)
			}
		}
		for _, sel := range want.lacks {
			if strings.Contains(st.Code, sel) {
				t.Errorf("%s: the stylesheet has %s", kind.Name, sel)
			}
		}
		if !strings.HasSuffix(st.Code, siteRule) {
			t.Errorf("%s: site.css is not last: ...%s", kind.Name, st.Code[max(0, len(st.Code)-40):])
		}
		if !strings.HasPrefix(st.Code, s.StyleFor(site.Ordinary).Code[:200]) {
			t.Errorf("%s: base.css is not first", kind.Name)
		}
	}
	if st := s.Style.Code; !strings.Contains(st, pathway) || !strings.Contains(st, services) {
		t.Error("the whole stylesheet lacks a built-in sheet")
	}
}

// TestOrder: a page's scripts run after the scripts they need, each once.
func TestOrder(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  string // joined with spaces, or the error
	}{
		{[]string{"open-now"}, "hours open-now"},
		{[]string{"open-now", "finder"}, "hours open-now postcode finder"},
		{[]string{"finder"}, "postcode hours open-now finder"},
		{[]string{"open-now", "pathway"}, "hours open-now pathway"},
		{[]string{"hours", "open-now", "hours"}, "hours open-now"},
		{nil, ""},
		{[]string{"nope"}, `no built-in script "nope"`},
	} {
		got, err := Order(c.names...)
		s := strings.Join(got, " ")
		if err != nil {
			s = err.Error()
		}
		if s != c.want {
			t.Errorf("Order(%q) = %q, want %q", c.names, s, c.want)
		}
	}
}

// TestKindsUseTheManifest: every stylesheet and script a kind of page names
// exists.
func TestKindsUseTheManifest(t *testing.T) {
	var diags diag.List
	s := Load(nil, 14*1024, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Err())
	}
	for _, k := range site.Kinds {
		if s.StyleFor(k).Code == "" {
			t.Errorf("kind %s: no stylesheet for %q", k.Name, k.Styles)
		}
		names, err := Order(k.Scripts...)
		if err != nil {
			t.Errorf("kind %s: %v", k.Name, err)
		}
		for _, n := range names {
			if _, ok := s.Script(n); !ok {
				t.Errorf("kind %s: script %s not loaded", k.Name, n)
			}
		}
	}
}

// TestNeedsAreDeclared: a script that calls a function another built-in
// script defines at top level must need that script (directly or through
// what it needs), so that it runs after it.
func TestNeedsAreDeclared(t *testing.T) {
	defRE := regexp.MustCompile(`(?m)^function ([A-Za-z_$][\w$]*)\(`)
	defines := map[string]string{} // global function -> script
	srcs := map[string]string{}
	for _, sc := range Scripts {
		src, ok := scriptSource(sc.Name)
		if !ok {
			t.Fatalf("no source for %s", sc.Name)
		}
		srcs[sc.Name] = src
		for _, m := range defRE.FindAllStringSubmatch(src, -1) {
			defines[m[1]] = sc.Name
		}
	}
	if len(defines) < 3 {
		t.Fatalf("found only %d global functions: %v", len(defines), defines)
	}
	for _, sc := range Scripts {
		order, err := Order(sc.Name)
		if err != nil {
			t.Fatal(err)
		}
		for fn, by := range defines {
			if by == sc.Name || !regexp.MustCompile(`\b`+regexp.QuoteMeta(fn)+`\(`).MatchString(srcs[sc.Name]) {
				continue
			}
			if !slices.Contains(order, by) {
				t.Errorf("%s.js calls %s, defined by %s.js: add %q to its Needs in Scripts", sc.Name, fn, by, by)
			}
		}
	}
}

// TestScriptText: the built-in scripts hold no words of their own. Each
// reads the texts its manifest entry names (Text) from the page, every one
// of them is a key of the catalog, and no string in a script's source is
// a phrase (words with a space between: English left in code).
func TestScriptText(t *testing.T) {
	literal := regexp.MustCompile(`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"`)
	phrase := regexp.MustCompile(`[A-Za-z]{2,} [A-Za-z]{2,}`)
	comment := regexp.MustCompile(`(?m)^\s*//.*$|\s//\s.*$`)
	for _, sc := range Scripts {
		src, _ := scriptSource(sc.Name)
		code := comment.ReplaceAllString(src, "")
		for _, p := range literal.FindAllString(code, -1) {
			if !phrase.MatchString(p) {
				continue
			}
			t.Errorf("%s.js holds the words %s: read them from the page (add a catalog key to its Text)", sc.Name, p)
		}
		for _, k := range sc.Text {
			if !i18n.English().Has(k) {
				t.Errorf("%s.js: Text names %q, which the catalog (internal/i18n/en.toml) does not have", sc.Name, k)
			}
			camel := regexp.MustCompile(`_([a-z])`).ReplaceAllStringFunc(k, func(s string) string { return strings.ToUpper(s[1:]) })
			if !strings.Contains(code, "."+camel) && !strings.Contains(code, "'"+camel) {
				t.Errorf("%s.js: Text names %q, but the script does not read data-%s (.%s)", sc.Name, k, strings.ReplaceAll(k, "_", "-"), camel)
			}
		}
	}
}
