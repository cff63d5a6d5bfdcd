// Package sitegen writes synthetic signpost sites for benchmarks and
// large-site tests.
//
// # What it writes
//
// A generated site is a valid signpost site (see the content model in
// the project's spec):
//
//	site.toml                          title, base_url "https://example.org/"
//	content/index.md                   the home page: links to every section
//	content/section-NN/page-NNNNN.md   Options.Pages ordinary pages
//	content/services/local-NNNN.md     Options.Services local phone services
//	pathways/, content/outcomes/, ...  with Options.Pathways: triage content (triage.go)
//
// Pages are numbered from 0 and grouped PagesPerSection to a section, so
// page 123 with the default of 100 is content/section-01/page-00123.md and is
// served at /section-01/page-00123/. Each page has TOML front matter between
// +++ fences (title, summary) and about Options.Words words of Markdown:
// an introduction, several ## sections, paragraphs with emphasis, inline code
// and root-relative links to other generated pages, one bullet list, one
// numbered list and one GFM table. There is no raw HTML.
//
// Local services are phone services for a UK town, with postcode areas or
// outward codes (LS, LS6), numbers from Ofcom's drama ranges (0113 496 0xxx
// and the like: never a real line) and opening hours in the content model's
// form. They exist to size the helpline finder's data; no outcome refers to
// them and no page links to them.
//
// With Options.Hugo the same pages are written as a Hugo site instead, for
// comparison: hugo.toml, content/_index.md for the home page (Hugo's name
// for it), the same section pages and services byte for byte, and three
// minimal layouts that print a doctype, a head with the title and a body
// with the page's content.
//
// # Determinism
//
// The output is a function of Options alone: the same options give
// byte-identical files on every run and machine. Each file draws from its own
// PCG generator seeded from Options.Seed and the file's number, so page 42
// reads the same whether the site has 100 pages or 100,000 (apart from the
// links it picks, which depend on Pages). Nothing reads the clock or
// iterates a map.
//
// This package owns only synthetic content. It does not build, validate or
// measure sites; bench/compare.sh does the measuring.
package sitegen

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// BaseURL is the base_url (and Hugo baseURL) of every generated site.
const BaseURL = "https://example.org/"

// Title is the title of every generated site and of its home page.
const Title = "Synthetic signpost site"

// Options says what to generate. The zero value is a site with a home page
// and nothing else.
type Options struct {
	Pages           int    // ordinary pages, numbered from 0
	Words           int    // words per page, approximately; 0 means 600
	PagesPerSection int    // pages per content/section-NN/ folder; 0 means 100
	Services        int    // local services in content/services/, numbered from 1
	Pathways        int    // triage pathways in pathways/, numbered from 1 (see triage.go)
	Outcomes        int    // outcomes in content/outcomes/; 0 means DefaultOutcomes when Pathways > 0
	Questions       int    // questions per pathway, 2 to 200; 0 means QuestionsPerPathway
	Seed            uint64 // varies the text; any value, 0 included
	Hugo            bool   // write a Hugo site instead of a signpost site
}

// DefaultWords is the page length used when Options.Words is 0.
const DefaultWords = 600

// DefaultPagesPerSection is the section size used when
// Options.PagesPerSection is 0.
const DefaultPagesPerSection = 100

func (o Options) withDefaults() (Options, error) {
	if o.Pages < 0 || o.Words < 0 || o.PagesPerSection < 0 || o.Services < 0 {
		return o, errors.New("sitegen: Pages, Words, PagesPerSection and Services must not be negative")
	}
	if o.Services > 9999 {
		return o, errors.New("sitegen: at most 9999 services")
	}
	if o.Pathways < 0 || o.Outcomes < 0 || o.Pathways > 99 || o.Outcomes > 99 {
		return o, errors.New("sitegen: Pathways and Outcomes must be between 0 and 99")
	}
	if o.Outcomes > 0 && o.Pathways == 0 {
		return o, errors.New("sitegen: Outcomes needs Pathways: an outcome no pathway reaches is a warning")
	}
	if o.Pathways > 0 && o.Hugo {
		return o, errors.New("sitegen: the Hugo twin has no pathways")
	}
	if o.Pathways > 0 && o.Outcomes == 0 {
		o.Outcomes = DefaultOutcomes
	}
	if o.Questions == 0 {
		o.Questions = QuestionsPerPathway
	}
	if o.Questions < 2 || o.Questions > 200 {
		return o, errors.New("sitegen: Questions must be between 2 and 200")
	}
	if o.Outcomes > o.Pathways*o.Questions {
		return o, fmt.Errorf("sitegen: %d pathways reach at most %d outcomes", o.Pathways, o.Pathways*o.Questions)
	}
	if o.Words == 0 {
		o.Words = DefaultWords
	}
	if o.PagesPerSection == 0 {
		o.PagesPerSection = DefaultPagesPerSection
	}
	return o, nil
}

// Generate writes the site described by opt into dir, creating dir if it
// does not exist. dir must be empty or absent, so that a smaller site is
// never mixed with the leftovers of a bigger one.
func Generate(dir string, opt Options) error {
	if _, err := opt.withDefaults(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("sitegen: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("sitegen: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("sitegen: %s is not empty", dir)
	}
	made := map[string]bool{} // folders created; only looked up, never ranged over
	for name, data := range Files(opt) {
		folder := path.Dir(name)
		if !made[folder] {
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(folder)), 0o755); err != nil {
				return fmt.Errorf("sitegen: %w", err)
			}
			made[folder] = true
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
			return fmt.Errorf("sitegen: %w", err)
		}
	}
	return nil
}

// Files yields the site described by opt as slash-separated paths relative
// to the site folder and their contents, in a fixed order: configuration,
// layouts (Hugo only), home page, pages by number, services by number.
// Tests can collect them into a testing/fstest.MapFS instead of touching
// disk. Invalid options (negative counts) yield nothing; Generate reports
// them.
func Files(opt Options) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		opt, err := opt.withDefaults()
		if err != nil {
			return
		}
		if opt.Hugo {
			for _, f := range hugoFiles() {
				if !yield(f.name, []byte(f.data)) {
					return
				}
			}
		} else if opt.Pathways > 0 {
			if !yield("site.toml", []byte(triageSiteTOML())) {
				return
			}
		} else if !yield("site.toml", []byte(siteTOML())) {
			return
		}
		home := "content/index.md"
		if opt.Hugo {
			home = "content/_index.md"
		}
		if !yield(home, homePage(opt)) {
			return
		}
		for i := range opt.Pages {
			if !yield(PagePath(opt, i), page(opt, i)) {
				return
			}
		}
		for i := 1; i <= opt.Services; i++ {
			if !yield(ServicePath(i), service(opt, i)) {
				return
			}
		}
		if opt.Pathways > 0 {
			triageFiles(opt, yield)
		}
	}
}

// PagePath is the site-relative file of page i, such as
// content/section-01/page-00123.md.
func PagePath(opt Options, i int) string {
	return "content" + strings.TrimSuffix(PageURL(opt, i), "/") + ".md"
}

// PageURL is the root-relative URL that page i is served at, such as
// /section-01/page-00123/.
func PageURL(opt Options, i int) string {
	per := opt.PagesPerSection
	if per <= 0 {
		per = DefaultPagesPerSection
	}
	return fmt.Sprintf("/%s/page-%05d/", sectionName(i/per), i)
}

// ServicePath is the site-relative file of local service i (from 1), such
// as content/services/local-0001.md.
func ServicePath(i int) string {
	return fmt.Sprintf("content/services/local-%04d.md", i)
}

func sectionName(s int) string { return fmt.Sprintf("section-%02d", s) }

func siteTOML() string {
	return "title = " + tomlString(Title) + "\n" +
		"base_url = " + tomlString(BaseURL) + "\n"
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// frontMatter renders the +++ block of an ordinary page.
func frontMatter(title, summary string) string {
	return "+++\ntitle = " + tomlString(title) + "\nsummary = " + tomlString(summary) + "\n+++\n"
}
