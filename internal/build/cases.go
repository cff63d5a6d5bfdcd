package build

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/cases"
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/pathway"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// CaseReport is what one pathway's test cases found.
type CaseReport struct {
	File     string // the cases file, site-relative
	Cases    *cases.File
	Result   *cases.Result
	Coverage *cases.Coverage
}

// runCases runs the cases file beside each loaded pathway
// (pathways/<id>.cases.toml) and reports failures, and coverage gaps
// (errors when required). A cases file with no valid pathway of its name
// is an error; one beside a pathway with errors is not read (the pathway's
// errors come first).
func runCases(fsys fs.FS, set *content.Set, loaded []*pathway.Pathway, files map[string]bool, required bool, diags *diag.List) map[string]*CaseReport {
	urgency := OutcomeUrgency(set)
	reports := map[string]*CaseReport{}
	for _, p := range loaded {
		file := cases.FileFor(p.File)
		if !files[file] {
			if required {
				diags.Errorf(p.File, diag.Pos{Line: 1}, "pathway %q has no test cases and site.toml sets require_case_coverage: write %s", p.ID, file)
			}
			continue
		}
		delete(files, file)
		src, err := sitefs.Pathways.Read(fsys, file)
		if err != nil {
			diags.Errorf(file, diag.Pos{}, "%v", err)
			continue
		}
		f := cases.Parse(file, src, diags)
		res := cases.Run(f, p, urgency, diags)
		cov := cases.Cover(p, res, urgency)
		cov.Report(p, file, required, urgency, diags)
		reports[p.ID] = &CaseReport{File: file, Cases: f, Result: res, Coverage: cov}
	}
	var orphans []string
	for file := range files {
		if _, err := fs.Stat(fsys, strings.TrimSuffix(file, cases.Suffix)+".toml"); err != nil {
			orphans = append(orphans, file)
		}
	}
	slices.Sort(orphans)
	var ids []string
	for _, p := range loaded {
		ids = append(ids, p.ID)
	}
	for _, file := range orphans {
		id := strings.TrimSuffix(path.Base(file), cases.Suffix)
		msg := fmt.Sprintf("no pathway %q for these test cases: name the file after its pathway, pathways/<id>%s beside pathways/<id>.toml", id, cases.Suffix)
		if s := pathway.SuggestID(id, ids); s != "" {
			msg += fmt.Sprintf(" (did you mean %s%s?)", s, cases.Suffix)
		}
		diags.Errorf(file, diag.Pos{Line: 1}, "%s", msg)
	}
	return reports
}

// OutcomeUrgency returns a lookup of each outcome's urgency in set.
func OutcomeUrgency(set *content.Set) cases.Urgency {
	return func(id string) content.Urgency {
		if p, ok := set.Outcomes[id]; ok && p.Outcome != nil {
			return p.Outcome.Urgency
		}
		return ""
	}
}
