package sitegen

import (
	"fmt"
	"strings"
)

// page is ordinary page i: front matter, then about opt.Words words.
func page(opt Options, i int) []byte {
	r := newRand(opt, streamPage, i)
	title, summary := pageTitle(r), pageSummary(r)
	body := newProse(r, opt, i).article(opt.Words)
	return []byte(frontMatter(title, summary) + body)
}

// linksPerBlock is how many section links the home page lists without a
// blank line: up to 100 sections (10,000 pages) one tight list, as before.
const linksPerBlock = 100

// homePage introduces the site and links to the first page of every
// section, so that every section is reachable from /.
func homePage(opt Options) []byte {
	r := newRand(opt, streamHome, 0)
	p := newProse(r, opt, -1)
	sections := (opt.Pages + opt.PagesPerSection - 1) / opt.PagesPerSection
	p.block(fmt.Sprintf("This is a synthetic site of %d pages in %d sections, made for benchmarks.", opt.Pages, sections))
	p.block(p.paragraph(2))
	if sections > 0 {
		p.block("## Sections")
		var b strings.Builder
		for s := range sections {
			if s > 0 && s%linksPerBlock == 0 {
				b.WriteString("\n") // signpost refuses a paragraph of more than 500 links
			}
			first := s * opt.PagesPerSection
			fmt.Fprintf(&b, "- [Section %d](%s)\n", s, PageURL(opt, first))
		}
		p.block(b.String())
	}
	if opt.Services > 0 {
		p.block("## Local services")
		p.block(fmt.Sprintf("There are %d local services, from [the first](/services/local-0001/) onwards.", opt.Services))
	}
	summary := fmt.Sprintf("A synthetic site of %d pages for benchmarks.", opt.Pages)
	return []byte(frontMatter(Title, summary) + p.b.String())
}

// town is a place with a postcode area and a geographic code that has an
// Ofcom drama range: code + " 496 0xxx" is reserved for fiction.
type town struct {
	name      string
	area      string // postcode area
	districts int    // outward codes run area1 .. area<districts>
	code      string // dialling code
}

var towns = []town{
	{"Leeds", "LS", 29, "0113"},
	{"Sheffield", "S", 36, "0114"},
	{"Nottingham", "NG", 25, "0115"},
	{"Leicester", "LE", 19, "0116"},
	{"Bristol", "BS", 16, "0117"},
	{"Reading", "RG", 12, "0118"},
	{"Birmingham", "B", 48, "0121"},
	{"Edinburgh", "EH", 17, "0131"},
	{"Glasgow", "G", 34, "0141"},
	{"Liverpool", "L", 36, "0151"},
	{"Manchester", "M", 35, "0161"},
}

var serviceKinds = []struct{ name, summary string }{
	{"crisis line", "Phone support for people in %s who are struggling to cope, from trained mental health staff."},
	{"night line", "A listening service for %s when other services are closed, run by trained volunteers."},
	{"crisis cafe", "A calm place in %s to talk to someone in the evening, without an appointment."},
	{"carers' line", "Advice and a listening ear for people in %s who care for someone in crisis."},
	{"young people's line", "Support for people aged 11 to 25 in %s, by phone."},
	{"bereavement line", "Support in %s after a death, including a death by suicide."},
}

var audiences = []string{"Adults", "Young people aged 11 to 25", "Carers", "Anyone"}

var hourSets = [][]string{
	nil, // "24/7"
	{"Mon-Fri 09:00-17:00"},
	{"Mon-Fri 09:00-17:00", "Sat 10:00-14:00"},
	{"Mon-Sun 19:00-02:00"},
	{"Mon,Wed,Fri 18:00-23:00", "Sat-Sun 12:00-00:00"},
	{"Mon-Thu 17:00-09:00", "Fri 17:00-00:00", "Sat-Sun 10:00-22:00"},
}

// service is local service i (from 1): a phone line for part of a town.
func service(opt Options, i int) []byte {
	r := newRand(opt, streamService, i)
	t := towns[r.IntN(len(towns))]
	kind := serviceKinds[r.IntN(len(serviceKinds))]

	var areas []string
	if r.IntN(100) < 30 {
		areas = []string{t.area}
	} else {
		// One to four outward codes in order, distinct.
		want, start := 1+r.IntN(4), 1+r.IntN(t.districts)
		for d := start; d <= t.districts && len(areas) < want; d += 1 + r.IntN(3) {
			areas = append(areas, fmt.Sprintf("%s%d", t.area, d))
		}
	}
	quoted := make([]string, len(areas))
	for k, a := range areas {
		quoted[k] = tomlString(a)
	}

	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", tomlString(t.name+" "+kind.name))
	fmt.Fprintf(&b, "summary = %s\n", tomlString(fmt.Sprintf(kind.summary, t.name)))
	fmt.Fprintf(&b, "areas = [%s]\n", strings.Join(quoted, ", "))
	if r.IntN(100) < 60 {
		fmt.Fprintf(&b, "audience = %s\n", tomlString(audiences[r.IntN(len(audiences))]))
	}
	b.WriteString("\n[[contact]]\nmode = \"phone\"\n")
	fmt.Fprintf(&b, "value = %s\n", tomlString(fmt.Sprintf("%s 496 0%03d", t.code, r.IntN(1000))))
	if hours := hourSets[r.IntN(len(hourSets))]; hours == nil {
		b.WriteString("hours = \"24/7\"\n")
	} else {
		q := make([]string, len(hours))
		for k, h := range hours {
			q[k] = tomlString(h)
		}
		fmt.Fprintf(&b, "hours = [%s]\n", strings.Join(q, ", "))
	}
	switch r.IntN(4) {
	case 0:
		fmt.Fprintf(&b, "\n[[contact]]\nmode = \"email\"\nvalue = \"local-%04d@example.org\"\n", i)
	case 1:
		fmt.Fprintf(&b, "\n[[contact]]\nmode = \"web\"\nvalue = \"https://example.org/local-%04d/\"\n", i)
	}
	b.WriteString("+++\n")

	p := newProse(r, opt, -1)
	p.block(p.paragraph(2 + r.IntN(3)))
	b.WriteString(p.b.String())
	return []byte(b.String())
}
