package assets

import (
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
)

// scriptBudgets are the most bytes each built-in script may take once
// minified, as pages inline them. Measured 2026-11-24: base 504, register
// 879, pathway 2,043, open-now 418, finder 3,139, hours 695, postcode 537.
var scriptBudgets = map[string]int{
	"base":     768,  // every page
	"register": 1024, // every page of a build
	"pathway":  2048, // pathway pages
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

// TestStyleFor: ordinary pages inline base.css only, pathway pages every
// built-in sheet, every other kind all but pathway.css, each with the
// site's site.css last; the whole stylesheet is the pathway pages' one.
func TestStyleFor(t *testing.T) {
	const siteRule = ".site-rule{color:red}"
	var diags diag.List
	s := Load(fstest.MapFS{Dir + "/" + SiteCSS: {Data: []byte(siteRule)}}, 14*1024, &diags)
	if diags.Len() > 0 {
		t.Fatal(diags.Err())
	}
	base, outcome, pathway := ".js-only", ".u-emergency", ".pw-back" // one rule of each sheet
	for kind, want := range map[string]struct{ has, lacks []string }{
		"page":     {has: []string{base}, lacks: []string{outcome, pathway}},
		"home":     {has: []string{base, outcome}, lacks: []string{pathway}},
		"outcome":  {has: []string{base, outcome}, lacks: []string{pathway}},
		"services": {has: []string{base, outcome}, lacks: []string{pathway}},
		"pathway":  {has: []string{base, outcome, pathway}},
	} {
		st := s.StyleFor(kind)
		for _, sel := range want.has {
			if !strings.Contains(st.Code, sel) {
				t.Errorf("%s: the stylesheet lacks %s", kind, sel)
			}
		}
		for _, sel := range want.lacks {
			if strings.Contains(st.Code, sel) {
				t.Errorf("%s: the stylesheet has %s", kind, sel)
			}
		}
		if !strings.HasSuffix(st.Code, siteRule) {
			t.Errorf("%s: site.css is not last: ...%s", kind, st.Code[max(0, len(st.Code)-40):])
		}
		if !strings.HasPrefix(st.Code, s.StyleFor("page").Code[:200]) {
			t.Errorf("%s: base.css is not first", kind)
		}
	}
	if s.StyleFor("pathway") != s.Style {
		t.Error("the pathway pages' stylesheet is not the whole stylesheet")
	}
}
