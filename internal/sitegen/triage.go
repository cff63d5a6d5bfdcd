package sitegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The triage part of a generated site: pathways, the outcomes they end in
// and the national services those outcomes signpost. It is written only when
// Options.Pathways > 0, so sites generated without it (the benchmarks' and
// their Hugo twins) are byte for byte what they were before it existed.
//
//	site.toml                        + [emergency] and [exit]
//	pathways/pathway-NN.toml         Options.Pathways pathways, from 1
//	content/outcomes/outcome-NN.md   Options.Outcomes outcomes, from 1
//	content/services/national-N.md   NationalServices national services
//
// Pathway p has Options.Questions questions q1..qN in a fixed order. Each
// question but the last has a "No" answer to the next question (so every
// question is reachable), a "Yes" answer to an outcome, and sometimes an
// "I'm not sure" answer that skips forward to a later question or ends in
// an outcome; the last question's answers all end in outcomes. Answers only
// ever point forward, so there is no cycle and every route ends in an
// outcome. Outcome answers take the outcomes in turn across all pathways,
// so every outcome is reached when Pathways*QuestionsPerPathway >= Outcomes
// (withDefaults enforces that). Urgencies cycle through all five levels; the
// emergency and urgent outcomes have a number to call, and every outcome
// signposts some of the national services, which between them have every
// contact mode (phone, text with a keyword, webchat, email, web, and in
// the last, which reaches the emergency services, bsl and emergency-sms).
//
// Phone and text numbers come from Ofcom's drama ranges (0808 157 0xxx,
// 07700 900xxx): never a real line.

// QuestionsPerPathway is the number of questions in each generated pathway
// unless Options.Questions says otherwise.
const QuestionsPerPathway = 6

// DefaultOutcomes is the number of outcomes when Options.Pathways > 0 and
// Options.Outcomes is 0: two of each urgency.
const DefaultOutcomes = 10

// NationalServices is the number of national services written with the
// outcomes: the support services outcomes signpost, and last the emergency
// routes that need no voice call, which site.toml's [emergency] no_voice
// lists.
const NationalServices = supportServices + 1

// supportServices is the number of national services that outcomes signpost.
const supportServices = 4

// ExitURL is the quick exit's destination in a generated site.
const ExitURL = "https://www.example.com/weather"

// Generators of the triage files, kept apart from the streams of newRand
// so that adding them changed no existing page's text.
const (
	streamPathway = iota
	streamOutcome
	streamNational
)

func newTriageRand(opt Options, stream, i int) *rand.Rand {
	return rand.New(rand.NewPCG(opt.Seed^0x7472696167650000, uint64(i)*3+uint64(stream)))
}

// urgencies in the content model's order, most urgent first.
var urgencies = []string{"emergency", "urgent", "soon", "routine", "self-care"}

// PathwayPath is the site-relative file of pathway p (from 1).
func PathwayPath(p int) string { return fmt.Sprintf("pathways/pathway-%02d.toml", p) }

// OutcomePath is the site-relative file of outcome o (from 1).
func OutcomePath(o int) string { return fmt.Sprintf("content/outcomes/outcome-%02d.md", o) }

// NationalServicePath is the site-relative file of national service n (from 1).
func NationalServicePath(n int) string { return fmt.Sprintf("content/services/national-%d.md", n) }

func outcomeID(o int) string { return fmt.Sprintf("outcome-%02d", o) }

// triageSiteTOML is site.toml with the emergency banner and quick exit.
func triageSiteTOML() string {
	return siteTOML() + "\n[emergency]\n" +
		"text = " + tomlString("If you or someone else is in immediate danger, call 999.") + "\n" +
		"phone = \"999\"\n" +
		"no_voice = [\"" + fmt.Sprintf("national-%d", NationalServices) + "\"]\n\n[exit]\nurl = " + tomlString(ExitURL) + "\n"
}

// triageFiles yields the pathways, outcomes and national services, until
// yield returns false.
func triageFiles(opt Options, yield func(string, []byte) bool) {
	next := 0 // outcome answers so far, across all pathways
	for p := 1; p <= opt.Pathways; p++ {
		if !yield(PathwayPath(p), pathwayFile(opt, p, &next)) {
			return
		}
	}
	for o := 1; o <= opt.Outcomes; o++ {
		if !yield(OutcomePath(o), outcome(opt, o)) {
			return
		}
	}
	for n := 1; n <= NationalServices; n++ {
		if !yield(NationalServicePath(n), nationalService(opt, n)) {
			return
		}
	}
}

var questionStems = []string{
	"Are you having thoughts of %s?",
	"Has %s got much worse in the last few days?",
	"Is %s stopping you from sleeping or eating?",
	"Are you worried about %s right now?",
	"Have you talked to anyone about %s?",
	"Is %s affecting your work, school or home life?",
}

var questionTopics = []string{
	"harming yourself", "your mood", "your anxiety", "hearing voices",
	"drinking or drug use", "feeling unsafe at home", "a recent loss",
}

// pathwayFile is pathway p; next counts outcome answers across pathways so
// that outcomes are taken in turn.
func pathwayFile(opt Options, p int, next *int) []byte {
	r := newTriageRand(opt, streamPathway, p)
	pr := newProse(r, opt, -1)
	takeOutcome := func() string {
		o := *next%opt.Outcomes + 1
		*next++
		return outcomeID(o)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "title = %s\n", tomlString(fmt.Sprintf("Pathway %d: %s", p, pageTitle(r))))
	fmt.Fprintf(&b, "summary = %s\n", tomlString(pageSummary(r)))
	b.WriteString("start = \"q1\"\n")
	// Every pathway has a review record, due far in the future, so that a
	// generated site builds without review warnings whatever today is
	// (the build warns about a missing or overdue review).
	b.WriteString("\n[review]\nowner = \"Synthetic content: not clinically reviewed\"\nreviewed = 2026-01-15\nnext_review = 2099-07-15\n")
	for q := 1; q <= opt.Questions; q++ {
		fmt.Fprintf(&b, "\n[[question]]\nid = \"q%d\"\n", q)
		text := fmt.Sprintf(pr.pick(questionStems), pr.pick(questionTopics))
		fmt.Fprintf(&b, "text = %s\n", tomlString(text))
		if r.IntN(100) < 70 {
			hint := fmt.Sprintf("For example, %s. It is **OK** to answer *honestly*.", strings.TrimSuffix(strings.ToLower(pr.sentence()), "."))
			fmt.Fprintf(&b, "hint = %s\n", tomlString(hint))
		}
		last := q == opt.Questions
		answer := func(label, key, target string) {
			fmt.Fprintf(&b, "\n  [[question.answer]]\n  label = %s\n  %s = %s\n", tomlString(label), key, tomlString(target))
		}
		answer("Yes", "outcome", takeOutcome())
		if last {
			answer("No", "outcome", takeOutcome())
		} else {
			answer("No", "next", fmt.Sprintf("q%d", q+1))
		}
		if r.IntN(100) < 40 {
			if q+2 <= opt.Questions && r.IntN(2) == 0 {
				answer("I'm not sure", "next", fmt.Sprintf("q%d", q+2+r.IntN(opt.Questions-q-1)))
			} else {
				answer("I'm not sure", "outcome", takeOutcome())
			}
		}
	}
	return []byte(b.String())
}

var outcomeTitles = map[string][]string{
	"emergency": {"Call 999 now", "Go to A&E now"},
	"urgent":    {"Call 111 now", "Call your crisis team now"},
	"soon":      {"Speak to your GP today", "Contact your care team today"},
	"routine":   {"Book a GP appointment", "Refer yourself to talking therapies"},
	"self-care": {"Look after yourself at home", "Talk to someone you trust"},
}

// outcome is outcome o (from 1).
func outcome(opt Options, o int) []byte {
	r := newTriageRand(opt, streamOutcome, o)
	urgency := urgencies[(o-1)%len(urgencies)]
	titles := outcomeTitles[urgency]
	title := titles[((o-1)/len(urgencies))%len(titles)]
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", tomlString(fmt.Sprintf("%s (%d)", title, o)))
	fmt.Fprintf(&b, "urgency = %q\n", urgency)
	switch urgency {
	case "emergency":
		b.WriteString("call = \"999\"\n")
	case "urgent":
		b.WriteString("call = \"111\"\n")
	}
	// Two or three national services, starting at a different one each time.
	n := 2 + r.IntN(2)
	ids := make([]string, n)
	for k := range n {
		ids[k] = fmt.Sprintf("%q", fmt.Sprintf("national-%d", (o+k)%supportServices+1))
	}
	fmt.Fprintf(&b, "signposts = [%s]\n", strings.Join(ids, ", "))
	if urgency == "urgent" || urgency == "soon" {
		b.WriteString("helpline_finder = true\n")
	}
	b.WriteString("+++\n")
	p := newProse(r, opt, -1)
	p.block(p.paragraph(2))
	p.block("## What will happen")
	p.block(p.paragraph(2 + r.IntN(2)))
	p.block("## While you wait")
	p.block("- " + p.sentence() + "\n- " + p.sentence() + "\n- " + p.sentence())
	b.WriteString(p.b.String())
	return []byte(b.String())
}

// nationalServices between them have every contact mode.
var nationalServices = []struct {
	title, summary, contacts string
}{
	{"Example national helpline", "Free phone support for anyone in the UK, day and night.",
		"[[contact]]\nmode = \"phone\"\nvalue = \"0808 157 0001\"\nhours = \"24/7\"\n"},
	{"Example text service", "Text support for when you cannot talk on the phone.",
		"[[contact]]\nmode = \"text\"\nvalue = \"07700 900001\"\nkeyword = \"HELP\"\nhours = \"24/7\"\n"},
	{"Example webchat", "Chat online with a trained volunteer in the evening.",
		"max_age = 24\n\n[[contact]]\nmode = \"webchat\"\nvalue = \"https://www.example.com/chat/\"\nhours = [\"Mon-Sun 17:00-00:00\"]\n\n" +
			"[[contact]]\nmode = \"web\"\nvalue = \"https://www.example.com/help/\"\n"},
	{"Example email support", "Write to a trained volunteer and get a reply within a day.",
		"[[contact]]\nmode = \"email\"\nvalue = \"help@example.com\"\n\n" +
			"[[contact]]\nmode = \"phone\"\nvalue = \"0808 157 0002\"\nhours = [\"Mon-Fri 09:00-17:00\", \"Sat 10:00-14:00\"]\n"},
	{"Example emergency relay", "Reach the emergency services without a voice call: by sign language video or by text.",
		"emergency = true\n\n[[contact]]\nmode = \"bsl\"\nvalue = \"https://www.example.com/bsl/\"\nhours = \"24/7\"\n\n" +
			"[[contact]]\nmode = \"emergency-sms\"\nvalue = \"07700 900999\"\nregister = \"register\"\nhours = \"24/7\"\n"},
}

// nationalService is national service n (from 1): no areas, so national.
func nationalService(opt Options, n int) []byte {
	r := newTriageRand(opt, streamNational, n)
	s := nationalServices[(n-1)%len(nationalServices)]
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\nsummary = %s\naudience = \"Anyone\"\n\n%s", tomlString(s.title), tomlString(s.summary), s.contacts)
	b.WriteString("+++\n")
	p := newProse(r, opt, -1)
	p.block(p.paragraph(2))
	b.WriteString(p.b.String())
	return []byte(b.String())
}
