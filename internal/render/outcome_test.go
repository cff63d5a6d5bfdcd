package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/finder"
	"github.com/signpost-dev/signpost/internal/sitetest"
)

// fixture loads the site in the txtar archive: a renderer with the
// scripts a real build registers, the site's files and its content.
func fixture(t *testing.T, archive string) (*Renderer, fstest.MapFS, *content.Set) {
	t.Helper()
	fsys := sitetest.Load(t, archive, nil).FS
	diags := &diag.List{}
	cfg := config.Load(fsys, diags)
	set := content.Load(fsys, content.Options{}, diags)
	r := New(Options{Site: cfg, Layouts: fsys, Assets: assets.Load(fsys, cfg.Budget.Page, diags)}, diags)
	if diags.HasErrors() {
		t.Fatalf("%s does not load:\n%v", archive, diags.Err())
	}
	return r, fsys, set
}

// outcomesFixture loads testdata/outcomes.txtar.
func outcomesFixture(t *testing.T) (*Renderer, *content.Set) {
	t.Helper()
	r, _, set := fixture(t, "testdata/outcomes.txtar")
	return r, set
}

// inOrder fails unless each of wants occurs in html after the one before.
func inOrder(t *testing.T, name, html string, wants ...string) {
	t.Helper()
	at := 0
	for _, w := range wants {
		i := strings.Index(html[at:], w)
		if i < 0 {
			if strings.Contains(html, w) {
				t.Errorf("%s: %q is out of order (before %q)", name, w, html[max(0, at-60):at])
			} else {
				t.Errorf("%s: lacks %q", name, w)
			}
			return
		}
		at += i + len(w)
	}
}

func TestOutcomePage(t *testing.T) {
	r, set := outcomesFixture(t)
	diags := &diag.List{}
	b, err := htmlOf(r.OutcomePage(set.Outcomes["get-help"], set, &Common{}, diags))
	if err != nil || diags.Len() > 0 {
		t.Fatal(err, diags.Err())
	}
	html := string(b)
	// An urgent outcome: the advice and the call first, then the support
	// that needs no voice, then the phone contacts, then the finder.
	inOrder(t, "get-help", html,
		`class="urgency u-urgent"`, `<svg class="icon"`, `Urgent`, `<h1>Get urgent help today</h1>`,
		`href=tel:111`, `Call 111</a>`,
		`BODYTEXT`,
		`If you cannot speak on the phone: contact 999 another way`, `href=tel:18000`, `Call 18000 by text relay`,
		`href=sms:999>Text 999</a>`, `registered in advance`, `href="sms:999?&amp;body=register"`,
		`Other support you can text, message or email`, `href="sms:85258?&amp;body=SHOUT"`, `Text SHOUT to 85258`, `(Texty, under 19s)`, `href=mailto:jo@example.org`,
		`If you can make a phone call`, `href=tel:0800585858`, `Call 0800 58 58 58`, `href=tel:116123`,
		`Websites`, `href=https://example.org/texty/`,
		`id=finder`, `data-src=/services/finder.json`, `data-tz=Europe/London`,
		`href=/services/areas/ls/`,
		`About these services`, `Texty</a> (under 19s)`)
	// Hours as text always, and the data the open-now script reads.
	for _, want := range []string{`Every day, 5pm to midnight`, `data-hours=127,1020,1440`, `data-tz=Europe/London`} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %s", want)
		}
	}
	// The finder never sends the postcode: no action, no method, no name.
	form := regexp.MustCompile(`<form[^>]*>`).FindString(html)
	input := regexp.MustCompile(`<input[^>]*>`).FindString(html)
	if form == "" || input == "" || strings.Contains(form, "action") || strings.Contains(form, "method") || strings.Contains(input, "name=") {
		t.Errorf("the finder form could send the postcode: %s %s", form, input)
	}
	// Every inline script is allowed by its hash, and the finder's are there.
	csp := regexp.MustCompile(`script-src ([^;]*);`).FindStringSubmatch(html)
	for _, name := range []string{"hours", "open-now", "postcode", "finder"} {
		s, ok := r.assets.Script(name)
		if !ok {
			t.Fatalf("no built-in script %q", name)
		}
		if csp == nil || !strings.Contains(csp[1], s.Hash) || !strings.Contains(html, "<script>"+s.Code+"</script>") {
			t.Errorf("script %s is not inlined and allowed by the CSP", name)
		}
	}

	b, err = htmlOf(r.OutcomePage(set.Outcomes["plain"], set, &Common{}, diags))
	if err != nil || diags.Len() > 0 {
		t.Fatal(err, diags.Err())
	}
	html = string(b)
	if strings.Contains(html, "id=finder") || strings.Contains(html, "If you cannot make a phone call now") || strings.Contains(html, "normalisePostcode") {
		t.Error("plain: an outcome without helpline_finder or no-phone contacts shows them")
	}
	// A self-care outcome offers its services before its advice.
	inOrder(t, "plain", html, `class="urgency u-self-care"`, `<h1>Look after yourself</h1>`, `Services you can call`, `href=tel:0800585858`, `Body.`)
	if strings.Contains(html, "contact 999 another way") {
		t.Error("plain: a self-care outcome shows the ways to 999")
	}
	if strings.Contains(html, "button call") {
		t.Error("plain: a call button without call")
	}
}

// Each urgency has its own label, class and icon shape, so that none is
// told apart by colour alone.
func TestUrgencyTreatments(t *testing.T) {
	r, _ := outcomesFixture(t)
	icons := map[string]content.Urgency{}
	labels := map[string]bool{}
	for _, u := range content.Urgencies {
		var buf bytes.Buffer
		if err := r.tmpl.ExecuteTemplate(&buf, "outcome-main.html", &OutcomeView{Title: "T", Urgency: u, UrgencyLabel: r.text.T(urgencyKeys[u])}); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		icon := regexp.MustCompile(`(?s)<svg class="icon".*?</svg>`).FindString(html)
		if icon == "" || !strings.Contains(icon, `aria-hidden="true"`) || strings.Contains(icon, "style=") {
			t.Errorf("%s: icon %q must be a decorative inline SVG without style attributes", u, icon)
		}
		if prev, dup := icons[icon]; dup {
			t.Errorf("%s has the same icon as %s", u, prev)
		}
		icons[icon] = u
		if !r.text.Has(urgencyKeys[u]) || labels[r.text.T(urgencyKeys[u])] || !strings.Contains(html, "<span>"+r.text.T(urgencyKeys[u])+"</span>") {
			t.Errorf("%s: label %q missing or not unique", u, r.text.T(urgencyKeys[u]))
		}
		labels[r.text.T(urgencyKeys[u])] = true
		if !strings.Contains(html, `class="urgency u-`+string(u)+`"`) {
			t.Errorf("%s: no urgency class", u)
		}
	}
}

// The emergency outcome's page: its advice and call come before any
// signposted service's button, and the ways to 999 without a voice before
// the support lines.
func TestEmergencyOutcomeOrder(t *testing.T) {
	r, set := outcomesFixture(t)
	diags := &diag.List{}
	b, err := htmlOf(r.OutcomePage(set.Outcomes["call-999"], set, &Common{}, diags))
	if err != nil || diags.Len() > 0 {
		t.Fatal(err, diags.Err())
	}
	html := string(b)
	inOrder(t, "call-999", html, `<h1>Call 999 now</h1>`, `Someone's life is in danger.`, `href=tel:999`,
		`EMERGENCYADVICE`, `<h2 id=what-will-happen>What will happen</h2>`,
		`contact 999 another way`, `href=tel:18000`, `href=sms:999`,
		`Other support`, `Text SHOUT to 85258`)
	main := html[strings.Index(html, "<main"):]
	if i, j := strings.Index(main, "EMERGENCYADVICE"), strings.Index(main, "85258"); i < 0 || j < i {
		t.Errorf("a signposted service's contact comes before the emergency advice (%d, %d)", i, j)
	}
}

// stepRE is an outcome's step on a pathway page, and mainRE a page's main.
var (
	stepRE = regexp.MustCompile(`(?s)<section class="step outcome" id=(o\d+) aria-labelledby=o\d+-h>(.*?)</section>`)
	mainRE = regexp.MustCompile(`(?s)<main[^>]*>(.*)</main>`)
)

// The outcome page's main content and the outcome's step on the pathway
// page are one template's output: the same, once the step's headings are
// lifted back one level, the page's heading ids dropped, and the finder (which
// needs the network) is swapped for the link the step has instead.
func TestOutcomeStepMatchesOutcomePage(t *testing.T) {
	r, set, pw := pathwayFixture(t)
	diags := &diag.List{}
	b, err := htmlOf(r.PathwayPage(pw, set, &Common{}, diags))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Err())
	}
	steps := stepRE.FindAllStringSubmatch(string(b), -1)
	if len(steps) != len(pw.Outcomes()) {
		t.Fatalf("%d outcome steps, want %d", len(steps), len(pw.Outcomes()))
	}
	for i, id := range pw.Outcomes() {
		anchor, step := steps[i][1], steps[i][2]
		page, err := htmlOf(r.OutcomePage(set.Outcomes[id], set, &Common{}, diags))
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags.Err())
		}
		main := mainRE.FindStringSubmatch(string(page))[1]
		main = regexp.MustCompile(`(?s)<section class=finder.*?</section>`).ReplaceAllString(main, `FINDER`)
		step = regexp.MustCompile(`<p><a href=/outcomes/[a-z0-9-]+/#finder>Find a local helpline by postcode</a></p>`).ReplaceAllString(step, `FINDER`)
		step = strings.Replace(step, `<h2 id=`+anchor+`-h tabindex=-1>`, `<h1>`, 1)
		step = regexp.MustCompile(`(<h1>[^<]*)</h2>`).ReplaceAllString(step, `$1</h1>`)
		step = regexp.MustCompile(`<(/?)h([2-6])`).ReplaceAllStringFunc(step, func(tag string) string {
			m := regexp.MustCompile(`<(/?)h([2-6])`).FindStringSubmatch(tag)
			return "<" + m[1] + "h" + string(m[2][0]-1)
		})
		main = regexp.MustCompile(`(<h[2-6]) id=[^ >]+`).ReplaceAllString(main, `$1`) // the step's headings have no ids
		if strings.TrimSpace(step) != strings.TrimSpace(main) {
			t.Errorf("outcome %s: the pathway step differs from the outcome page's main content:\nstep: %s\npage: %s", id, step, main)
		}
		if !strings.Contains(step, "ADVICE-"+id) {
			t.Errorf("outcome %s: the step lacks the outcome's advice", id)
		}
	}
}

func TestServicePages(t *testing.T) {
	r, set := outcomesFixture(t)
	diags := &diag.List{}
	b, err := htmlOf(r.ServicePage(set.Services["texty"], &Common{}, diags))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	// The contacts come first, so the first is on a phone's first screen.
	inOrder(t, "texty", html, `<h1>Texty</h1>`, `href=tel:116123>Call 116 123</a>`,
		`href="sms:85258?&amp;body=SHOUT">Text SHOUT to 85258</a>`, `24 hours a day, every day`, `data-hours=127,0,1440`,
		`anywhere in the UK`)
	if strings.Contains(html, "(Texty)") {
		t.Error("a service's own page names it after each contact")
	}

	b, err = htmlOf(r.ServicesIndex(set, &Common{}))
	if err != nil {
		t.Fatal(err)
	}
	html = string(b)
	// National services by how to contact them, text first; then the finder
	// and the areas. Local services are not in the national groups.
	inOrder(t, "services", html, `Services you can text`, `Text SHOUT to 85258`, `Services you can email`, `jo@example.org`,
		`Services you can call`, `Call 0800 58 58 58`, `id=finder`, `href=/services/areas/ls/`)
	if strings.Contains(html, "0113 496 0000") || strings.Contains(html, "07700 900113") {
		t.Error("local services are listed with the national ones")
	}

	areas := finder.Areas(set)
	if len(areas) != 1 || areas[0].Code != "LS" {
		t.Fatalf("areas %+v", areas)
	}
	b, err = htmlOf(r.AreaPage(areas[0], &Common{}))
	if err != nil {
		t.Fatal(err)
	}
	html = string(b)
	inOrder(t, "area", html, `<h1>Local services in LS postcodes</h1>`, `href=#ls>All LS postcodes`, `href=#ls6>LS6`, `href=#ls7>LS7`,
		`id=ls>All LS postcodes`, `Leeds line`, `href=tel:01134960000`,
		`id=ls6>LS6 postcodes`, `LS6 line`, `href=sms:07700900113`,
		`id=ls7>LS7 postcodes`, `LS6 line`,
		`href=/services/>services that help people anywhere in the UK`)

	b, err = htmlOf(r.AreasIndex(set, &Common{}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `href=/services/areas/ls/>LS<span class=visually-hidden> postcode area</span>`) {
		t.Errorf("the areas index does not link LS:\n%s", b)
	}
}

// htmlOf is a rendered page's HTML.
func htmlOf(p Page, err error) ([]byte, error) { return p.HTML, err }

// The services index lists the ways to 999 without a voice first, and says
// who a service is for next to its contacts.
func TestServicesIndexNoVoice(t *testing.T) {
	r, set := outcomesFixture(t)
	b, err := htmlOf(r.ServicesIndex(set, &Common{}))
	if err != nil {
		t.Fatal(err)
	}
	inOrder(t, "services", string(b), `Contact 999 without speaking`, `href=tel:18000`, `href=sms:999>Text 999</a>`, `registered in advance`,
		`Services you can text`, `Text SHOUT to 85258`, `(Texty, under 19s)`)
	b, err = htmlOf(r.ServicePage(set.Services["texty"], &Common{}, &diag.List{}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `Call 116 123</a> <span class=muted>(under 19s)</span>`) {
		t.Error("the service page does not say who the service is for next to its contacts")
	}
}
