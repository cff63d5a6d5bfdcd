package sitegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// Streams separate the generators of different kinds of file, so that page
// 1 and service 1 do not read the same numbers.
const (
	streamPage = iota
	streamService
	streamHome
	streamCount
)

func newRand(opt Options, stream, i int) *rand.Rand {
	return rand.New(rand.NewPCG(opt.Seed, uint64(i)*streamCount+uint64(stream)))
}

// prose writes Markdown one block at a time and counts its words as it goes.
type prose struct {
	r     *rand.Rand
	opt   Options
	self  int // the page being written, so it does not link to itself; -1 for none
	b     strings.Builder
	words int
}

func newProse(r *rand.Rand, opt Options, self int) *prose {
	return &prose{r: r, opt: opt, self: self}
}

// countWords counts the tokens that contain a letter: Markdown markers
// (##, -, 1., |, |---|) and bare numbers are not words.
func countWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// block appends one Markdown block, separated from the previous by a blank line.
func (p *prose) block(s string) {
	if p.b.Len() > 0 {
		p.b.WriteString("\n")
	}
	p.b.WriteString(s)
	if !strings.HasSuffix(s, "\n") {
		p.b.WriteString("\n")
	}
	p.words += countWords(s)
}

func (p *prose) pick(list []string) string { return list[p.r.IntN(len(list))] }

func (p *prose) chance(percent int) bool { return p.r.IntN(100) < percent }

// linkTarget is a root-relative URL of another generated page: usually one in
// the same section, as on a real site, and otherwise anywhere.
func (p *prose) linkTarget() string {
	n := p.opt.Pages
	if n == 0 || (n == 1 && p.self == 0) {
		return "/"
	}
	for {
		var j int
		if p.self >= 0 && p.chance(60) {
			per := p.opt.PagesPerSection
			first := p.self / per * per
			j = first + p.r.IntN(min(per, n-first))
		} else {
			j = p.r.IntN(n)
		}
		if j != p.self {
			return PageURL(p.opt, j)
		}
	}
}

// phrase returns a noun phrase, sometimes as a link to another page or with
// emphasis; the decoration wraps the words so it stays inline.
func (p *prose) phrase(linkPercent int) string {
	s := p.pick(things)
	switch k := p.r.IntN(100); {
	case k < linkPercent:
		return "[" + s + "](" + p.linkTarget() + ")"
	case k < linkPercent+8:
		return "*" + s + "*"
	case k < linkPercent+13:
		return "**" + s + "**"
	}
	return s
}

func (p *prose) tail() string {
	if p.chance(55) {
		return " " + p.pick(tails)
	}
	return ""
}

// sentence is one sentence of plain-English advice, with inline Markdown.
func (p *prose) sentence() string {
	switch k := p.r.IntN(100); {
	case k < 35:
		return p.pick(openers) + " " + p.pick(topics) + ", " + lowerFirst(p.pick(helpers)) +
			" " + p.pick(helps) + " " + p.phrase(12) + p.tail() + "."
	case k < 70:
		return p.pick(helpers) + " " + p.pick(helps) + " " + p.phrase(12) + p.tail() + "."
	case k < 90:
		return "If " + p.pick(conditions) + ", " + p.pick(advice) + "."
	default:
		return p.codeSentence()
	}
}

func (p *prose) codeSentence() string {
	s, n := p.pick(codeSentences), p.r.IntN(100000)
	if strings.Contains(s, "%") {
		s = fmt.Sprintf(s, n)
	}
	return s
}

// introduction is the first paragraph. Left to chance, a short page might
// lack emphasis or inline code, so it has one sentence with each.
func (p *prose) introduction() string {
	sentences := []string{
		p.pick(helpers) + " " + p.pick(helps) + " *" + p.pick(things) + "*" + p.tail() + ".",
		p.codeSentence(),
	}
	for range 1 + p.r.IntN(2) {
		sentences = append(sentences, p.sentence())
	}
	p.r.Shuffle(len(sentences), func(i, j int) { sentences[i], sentences[j] = sentences[j], sentences[i] })
	return wrap(strings.Fields(strings.Join(sentences, " ")), 80)
}

// paragraph is n sentences, wrapped at 80 columns as an author would.
func (p *prose) paragraph(n int) string {
	var words []string
	for range n {
		words = append(words, strings.Fields(p.sentence())...)
	}
	return wrap(words, 80)
}

// paragraphUpTo adds sentences until the paragraph has n sentences or the
// page reaches target words, whichever is first; it always has one.
func (p *prose) paragraphUpTo(n, target int) {
	var words []string
	have := p.words
	for i := 0; i < n && (i == 0 || have < target); i++ {
		s := strings.Fields(p.sentence())
		have += countWords(strings.Join(s, " "))
		words = append(words, s...)
	}
	p.block(wrap(words, 80))
}

func wrap(words []string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range words {
		if col > 0 && col+1+len(w) > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteByte('\n')
	return b.String()
}

func (p *prose) bulletList() string {
	var b strings.Builder
	for i := range 3 + p.r.IntN(4) {
		link := 40
		if i == 0 {
			link = 100 // every list carries at least one link
		}
		b.WriteString("- " + capitalise(p.phrase(link)) + p.tail() + "\n")
	}
	return b.String()
}

func (p *prose) numberedList() string {
	var b strings.Builder
	for i := range 3 + p.r.IntN(4) {
		fmt.Fprintf(&b, "%d. %s %s%s.\n", i+1, p.pick(steps), p.phrase(15), p.tail())
	}
	return b.String()
}

func (p *prose) table() string {
	var b strings.Builder
	b.WriteString("| Support | When | How to reach it |\n|---|---|---|\n")
	rows := append([]string(nil), supports...)
	p.r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	for _, s := range rows[:3+p.r.IntN(3)] {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", s, p.pick(whens), p.pick(hows))
	}
	return b.String()
}

// article writes a page body of about target words: an introduction, then
// sections that each hold a paragraph and one of a bullet list, a numbered
// list and a table (so every page has all three), then further sections of
// paragraphs until the target is met. It overshoots by at most a sentence.
func (p *prose) article(target int) string {
	heads := append([]string(nil), headings...)
	p.r.Shuffle(len(heads), func(i, j int) { heads[i], heads[j] = heads[j], heads[i] })
	nextHeading := func(n int) string {
		h := heads[n%len(heads)]
		if n >= len(heads) {
			h += fmt.Sprintf(", part %d", n/len(heads)+1)
		}
		return "## " + h
	}

	p.block(p.introduction())
	lists := []func() string{p.bulletList, p.numberedList, p.table}
	p.r.Shuffle(len(lists), func(i, j int) { lists[i], lists[j] = lists[j], lists[i] })
	n := 0
	for _, list := range lists {
		p.block(nextHeading(n))
		n++
		p.block(p.paragraph(1 + p.r.IntN(3)))
		p.block(list())
	}
	for p.words < target {
		p.block(nextHeading(n))
		n++
		for first := true; p.words < target && (first || p.chance(50)); first = false {
			p.paragraphUpTo(3+p.r.IntN(3), target)
		}
	}
	return p.b.String()
}

// lowerFirst lowers the first letter of a sentence-initial phrase unless the
// phrase starts with an acronym ("NHS 111", "GP").
func lowerFirst(s string) string {
	if len(s) > 1 && unicode.IsUpper(rune(s[1])) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func capitalise(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
		}
	}
	return s
}

// pageTitle and pageSummary are plain text: no Markdown in front matter.
func pageTitle(r *rand.Rand) string {
	t := topics[r.IntN(len(topics))]
	return fmt.Sprintf(titleForms[r.IntN(len(titleForms))], t)
}

func pageSummary(r *rand.Rand) string {
	t := topics[r.IntN(len(topics))]
	return fmt.Sprintf(summaryForms[r.IntN(len(summaryForms))], t)
}

var topics = []string{
	"panic attacks", "low mood", "self-harm", "thoughts of suicide", "sleep problems",
	"anxiety", "grief and loss", "psychosis", "eating difficulties", "postnatal depression",
	"stress at work", "loneliness", "hearing voices", "alcohol and drugs", "money worries",
	"trauma", "anger", "intrusive thoughts", "bipolar disorder", "feeling unsafe at home",
	"exam stress", "caring for someone", "leaving hospital", "changes to medication",
}

var titleForms = []string{
	"Coping with %s", "Understanding %s", "Getting help for %s", "Living with %s",
	"Supporting someone with %s", "Urgent help for %s", "Talking about %s",
}

var summaryForms = []string{
	"What to do about %s, who can help and what happens next.",
	"Practical advice on %s, for you or someone you care about.",
	"Where to get help with %s today, tonight or at the weekend.",
	"How %s can affect you and the support that is available.",
}

// openers lead into a topic and a comma: "If you are worried about
// panic attacks, ..."
var openers = []string{
	"If you are worried about", "When you feel unable to cope with",
	"If you are struggling with", "Whatever the cause of",
	"While you wait for help with", "When you are dealing with",
	"If you are living with", "Whenever you notice signs of",
}

var helpers = []string{
	"Your GP", "A crisis team", "Someone you trust", "The helpline", "A trained volunteer",
	"Your care coordinator", "A pharmacist", "The duty worker", "Friends and family",
	"A peer support worker", "The mental health nurse", "NHS 111",
}

var helps = []string{
	"can help you with", "will listen to you about", "may ask about", "can talk through",
	"will explain", "can help you arrange", "might suggest", "can support you with",
	"will want to hear about", "can give advice on",
}

var things = []string{
	"how you are feeling", "what happened today", "a safety plan", "your medication",
	"sleep and routine", "the next steps", "local services", "ways to stay safe tonight",
	"the options available", "any worries you have", "a referral", "an urgent appointment",
	"support for carers", "talking therapies", "what to say when you call",
	"coping strategies", "a crisis plan", "getting through the night",
}

var tails = []string{
	"in your own words", "at any time of day", "without judgement", "if you need it",
	"when you are ready", "over the phone", "before your appointment", "in confidence",
	"as soon as possible", "at your own pace",
}

var conditions = []string{
	"you feel you cannot keep yourself safe", "you are not sure who to call",
	"things feel worse at night", "you have been waiting a long time for an appointment",
	"someone you live with is worried about you", "your medication is not helping",
	"you have already tried the steps on this page", "you are calling for someone else",
}

var advice = []string{
	"call the crisis line and ask for the duty worker",
	"tell someone you trust how you are feeling",
	"use your safety plan and keep the numbers close",
	"go to your nearest A&E or call 999",
	"ask your GP for an urgent appointment",
	"contact NHS 111 and choose the mental health option",
	"write down what you want to say before you call",
}

var codeSentences = []string{
	"Keep your reference number, for example `REF-%05d`, somewhere safe.",
	"Your text conversation has a code such as `SP%05d` that you can quote next time.",
	"If the call drops, call back and quote a case number like `C-%05d` so you do not have to start again.",
	"Save the number in your phone under a name such as `Crisis line` so it is easy to find.",
}

var headings = []string{
	"What happens next", "Who can help", "Keeping safe", "Before you call",
	"Talking to someone", "Looking after yourself", "Getting support locally",
	"If things get worse", "What to expect", "Questions you might ask",
	"Medication and side effects", "Supporting someone else", "Sleep and routine",
	"Practical help", "Your rights", "After a crisis", "Planning ahead", "Out of hours",
}

var steps = []string{
	"Write down", "Talk to someone about", "Ask your GP about", "Keep a note of",
	"Plan ahead for", "Check in with a friend about", "Make time for", "Look up",
	"Call the helpline about", "Tell the duty worker about",
}

var supports = []string{
	"Crisis line", "GP surgery", "NHS 111", "Crisis cafe", "Community mental health team",
	"Pharmacy", "Text support", "Peer support group", "Home treatment team", "Carers' centre",
}

var whens = []string{
	"24 hours a day", "Weekdays 08:00 to 18:30", "Evenings and weekends", "By appointment",
	"Every day 10:00 to 22:00", "Monday to Friday daytime",
}

var hows = []string{
	"Phone", "Walk in", "Referral from your GP", "Online form", "Text message",
	"Phone or webchat", "Self-referral",
}
