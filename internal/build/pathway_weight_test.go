package build

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/assets"
	"github.com/signpost-dev/signpost/internal/diag"
)

// pathwayPageBudget is issue 3's budget for a whole pathway page (HTML with
// its inline CSS and JS) of 20 questions and 7 outcomes: 14 KB gzip, so it
// arrives in the first round trip.
const pathwayPageBudget = 14 * 1024

// renderPathwayPage builds the site in fsys as `signpost build` does and
// returns the bytes of /pathways/<id>/ exactly as they would be written.
func renderPathwayPage(t *testing.T, fsys fs.FS, id string) []byte {
	t.Helper()
	m, diags := Load(fsys, Options{})
	if m == nil || diags.HasErrors() {
		t.Fatalf("site does not load:\n%v", diags.Err())
	}
	for _, j := range Plan(m, diags) {
		if j.Path == "pathways/"+id+"/index.html" {
			var d diag.List
			page, err := j.render(m, &d)
			if err != nil || d.HasErrors() {
				t.Fatalf("render: %v %v", err, d.Err())
			}
			return page.Data
		}
	}
	t.Fatalf("no job writes /pathways/%s/", id)
	return nil
}

// TestPathwayPageWeight generates a pathway of 20 questions and 7 outcomes
// (each outcome with 2 or 3 signposted services and its whole advice, 300 to
// 600 words, from testdata/weight/) with text of realistic length, and holds
// its page to the budget.
func TestPathwayPageWeight(t *testing.T) {
	fsys := weightSite(t)
	page := renderPathwayPage(t, fsys, "weight")
	for want, present := range map[string]bool{`id=q20 `: true, `id=q21 `: false, `id=o7 `: true, `id=o8 `: false, `id=q1-hint`: true} {
		if strings.Contains(string(page), want) != present {
			t.Fatalf("the generated pathway page has %s: %v, want %v: the generator is wrong", want, !present, present)
		}
	}
	gz := assets.GzipSize(page)
	t.Logf("20 questions, 7 outcomes: %d bytes, %d bytes gzip (budget %d)", len(page), gz, pathwayPageBudget)
	if gz > pathwayPageBudget {
		t.Errorf("the pathway page is %d bytes gzip, over the budget of %d", gz, pathwayPageBudget)
	}
	for _, id := range []string{"call-999", "routine", "self-care"} {
		advice, _ := os.ReadFile("testdata/weight/" + id + ".md")
		last := strings.Fields(string(advice))
		if !strings.Contains(string(page), last[len(last)-1]) {
			t.Errorf("the pathway page lacks the end of %s's advice", id)
		}
	}
}

// TestPathwayOverBudget: a pathway page over the page budget is an error
// that names the pathway and the outcomes that cost it most.
func TestPathwayOverBudget(t *testing.T) {
	fsys := weightSite(t)
	fsys["site.toml"].Data = append(fsys["site.toml"].Data, "\n[budget]\npage_kb = 8\n"...)
	_, _, diags := buildWrapped(t, fsys, Options{}) // the budgets are checked as a real build writes
	var msgs []string
	for _, d := range diags.Errors() {
		if d.File == "pathways/weight.toml" {
			msgs = append(msgs, d.Message)
		}
	}
	if len(msgs) != 1 {
		t.Fatalf("want one error at pathways/weight.toml, got %q (all: %v)", msgs, diags.Err())
	}
	for _, want := range []string{`page /pathways/weight/ is `, "over the page budget of 8.0 KB", `pathway "weight" holds the whole advice of its 7 outcomes, and those that cost most are `, "(content/outcomes/", "page_kb"} {
		if !strings.Contains(msgs[0], want) {
			t.Errorf("the error lacks %q:\n%s", want, msgs[0])
		}
	}
	t.Log(msgs[0])
}

// TestDefaultPathwayWeight measures the default site's pathway pages.
func TestDefaultPathwayWeight(t *testing.T) {
	fsys := os.DirFS("../..")
	m, diags := Load(fsys, Options{})
	if m == nil || diags.HasErrors() {
		t.Fatalf("default site does not load:\n%v", diags.Err())
	}
	if len(m.Pathways) == 0 {
		t.Fatal("the default site has no pathway")
	}
	for _, p := range m.Pathways {
		page := renderPathwayPage(t, fsys, p.ID)
		gz := assets.GzipSize(page)
		t.Logf("/pathways/%s/ (%d questions, %d outcomes): %d bytes, %d bytes gzip", p.ID, len(p.Questions), len(p.Outcomes()), len(page), gz)
		if gz > pathwayPageBudget {
			t.Errorf("/pathways/%s/ is %d bytes gzip, over the budget of %d", p.ID, gz, pathwayPageBudget)
		}
	}
}

// weightSite is a site with one pathway, "weight": 20 questions (most with
// a hint), 2 or 3 answers each, and 7 outcomes that signpost 2 or 3 of 6
// of the default site's services. Texts are written like the default site's, not repeated filler,
// so that gzip sees what a real pathway gives it.
func weightSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	add := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(text)} }
	add("site.toml", `title = "Urgent mental health help"
base_url = "https://example.org/"

[emergency]
text = "If you or someone else is in immediate danger, or you have seriously harmed yourself, call 999 or go to A&E now."
phone = "999"
no_voice = ["emergency-sms", "relay-uk", "999-bsl"]

[exit]
url = "https://www.bbc.co.uk/weather"
`)
	// The default site's own national services, as they are.
	for _, id := range []string{"shout", "samaritans", "calm", "papyrus-hopeline247", "saneline", "mind-infoline", "emergency-sms", "relay-uk", "999-bsl"} {
		data, err := os.ReadFile("../../content/services/" + id + ".md")
		if err != nil {
			t.Fatal(err)
		}
		fsys["content/services/"+id+".md"] = &fstest.MapFile{Data: data}
	}

	outcomes := []struct{ id, title, urgency, call, signposts string }{
		{"call-999", "Call 999 now", "emergency", "999", `"shout", "calm", "samaritans"`},
		{"go-to-ae", "Go to A&E now", "urgent", "", `"shout", "papyrus-hopeline247"`},
		{"helpline", "Get urgent mental health help today", "urgent", "111", `"shout", "samaritans", "calm"`},
		{"care-team", "Contact your mental health team today", "urgent", "", `"samaritans", "saneline"`},
		{"see-gp", "Talk to a GP in the next few days", "soon", "", `"shout", "mind-infoline", "samaritans"`},
		{"routine", "Ask your GP for an appointment", "routine", "", `"mind-infoline", "saneline"`},
		{"self-care", "Things that can help you feel better", "self-care", "", `"shout", "mind-infoline", "calm"`},
	}
	for _, o := range outcomes {
		call := ""
		if o.call != "" {
			call = fmt.Sprintf("call = %q\n", o.call)
		}
		// The whole advice, 300 to 600 words, as the pathway page carries it.
		advice, err := os.ReadFile("testdata/weight/" + o.id + ".md")
		if err != nil {
			t.Fatal(err)
		}
		if n := len(strings.Fields(string(advice))); n < 300 || n > 600 {
			t.Fatalf("testdata/weight/%s.md has %d words, not 300 to 600", o.id, n)
		}
		add("content/outcomes/"+o.id+".md", fmt.Sprintf("+++\ntitle = %q\nurgency = %q\n%ssignposts = [%s]\n+++\n%s", o.title, o.urgency, call, o.signposts, advice))
	}
	questions := []struct{ text, hint string }{
		{"Is anyone's life in danger right now?", "For example, someone is about to act on thoughts of ending their life, is seriously hurt, or is about to hurt someone else."},
		{"In the last 2 days, has the person who needs help taken an overdose, or hurt themselves in a way that may need treatment?", "An overdose means taking more of a medicine or drug than you should. Some medicines, like paracetamol, can cause **serious harm even if the person feels fine** at first."},
		{"Who are you getting help for?", "If you are getting help for someone else, answer the rest of the questions about them."},
		{"Are you with the person now, or can you talk to them?", ""},
		{"Are you having thoughts of ending your life?", "It is OK to answer honestly. Lots of people have these thoughts, and help is there for you."},
		{"Have you made a plan to end your life, or got things ready?", "For example, you have decided how or when, or you have saved up tablets."},
		{"Can you keep yourself safe until you get help later today?", "Being safe means you will not act on your plan. It might help to be with someone you trust."},
		{"Are you hearing voices or seeing things that other people do not?", "This can be frightening. It can happen with some mental health conditions, with drugs or alcohol, or after very little sleep."},
		{"Have you hardly slept for 2 nights or more?", ""},
		{"Do you feel that people want to harm you, or are watching you?", "For example, you think strangers are talking about you, or that your phone or home is being watched."},
		{"Have you been drinking alcohol or taking drugs today?", "We ask because it can change how you feel and what help is safest. You will not get into trouble."},
		{"Are you getting care from a mental health team at the moment?", "For example, you have a care coordinator, you see a community mental health team, or you have a crisis plan."},
		{"Can you contact your mental health team today?", "Your crisis plan, or a letter from the team, should have their phone number. Some teams are only open in the daytime."},
		{"Has your mental health got much worse in the last few days?", "For example, you feel very high or out of control, or you cannot stop crying."},
		{"Are you pregnant, or have you had a baby in the last year?", "Mental health can change quickly during pregnancy and after a birth. Midwives and health visitors can help too."},
		{"Are you worried about your safety at home?", "For example, someone at home hurts you, threatens you, or controls what you do or who you see."},
		{"Have you stopped eating, or are you eating much less than usual?", ""},
		{"Are you finding it hard to look after yourself or others?", "Think about washing, eating, taking medicines, going to work or school, and caring for children or pets."},
		{"Have you felt low or anxious for more than 2 weeks?", "Most people feel low or worried sometimes. Feeling this way most days for 2 weeks or more is a reason to get help."},
		{"How are you coping with everyday life?", "Think about sleeping, eating, work or school, and looking after yourself or others."},
	}
	// Answer i of question n: "Yes" goes to an outcome, "No" to the next
	// question, and every third question has "I'm not sure", which skips
	// one question (so routes share sub-questions).
	var p strings.Builder
	p.WriteString("title = \"Get help for a mental health crisis\"\nsummary = \"Answer a few questions to find out where to get help now.\"\nstart = \"q-1\"\n")
	for n, q := range questions {
		fmt.Fprintf(&p, "\n[[question]]\nid = \"q-%d\"\ntext = %q\n", n+1, q.text)
		if q.hint != "" {
			fmt.Fprintf(&p, "hint = %q\n", q.hint)
		}
		yes := outcomes[n%len(outcomes)].id
		fmt.Fprintf(&p, "\n  [[question.answer]]\n  label = %q\n  outcome = %q\n", "Yes", yes)
		if n+1 < len(questions) {
			fmt.Fprintf(&p, "\n  [[question.answer]]\n  label = %q\n  next = \"q-%d\"\n", "No", n+2)
		} else {
			fmt.Fprintf(&p, "\n  [[question.answer]]\n  label = %q\n  outcome = %q\n", "No", "self-care")
		}
		if n%3 == 0 && n+2 < len(questions) {
			fmt.Fprintf(&p, "\n  [[question.answer]]\n  label = %q\n  next = \"q-%d\"\n", "I'm not sure", n+3)
		}
	}
	add("pathways/weight.toml", p.String())
	return fsys
}
