// Package approval reads, checks and writes the sign-off records of
// pathways: who approved a pathway, in what role, on what date, and the
// hash of exactly what they approved.
//
// # Files
//
// The records live in the site, to be committed with the content they sign
// off, one pair of files per approved pathway:
//
//	approvals/<id>.toml   the records, oldest first; signpost approve appends
//	approvals/<id>.json   the snapshot (package snapshot) last approved
//
//	[[approval]]
//	by = "Dr A Clinician"                 # required
//	role = "Clinical safety officer"      # required
//	date = 2026-12-03                     # required, a TOML local date
//	hash = "sha256:0f3c..."               # required: the snapshot's hash
//
// The hash covers everything a person can see on the pathway's routes
// (questions, hints, answers, the outcomes reached and the services they
// list, with contacts and hours), so any change to what people are told
// needs a new approval, and nothing else does. The .json keeps what was
// approved, so that a release can name what changed since.
//
// # Rules
//
// Every problem is reported at its file and line: TOML syntax, unknown
// keys, a missing or blank by or role, a date that is not a date, a hash
// that is not "sha256:" and 64 hex digits, a record file with no records,
// a file name that names no pathway of the site, any other file in
// approvals/, a missing or unreadable .json, and a .json whose hash is not
// the last record's (it was edited by hand, or the pair was not committed
// together).
//
// Check says whether a pathway's current snapshot is the one last approved
// and, if not, what changed (package diff): build --release refuses such a
// pathway, a plain build warns. The package does not load the site or
// decide when the check runs (package build does).
package approval

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/diff"
	"github.com/signpost-dev/signpost/internal/sitefs"
	"github.com/signpost-dev/signpost/internal/snapshot"
	"github.com/signpost-dev/signpost/internal/tomldoc"
)

// Dir is the folder of approval records in a site.
const Dir = "approvals"

// Record is one sign-off.
type Record struct {
	By, Role string
	Date     time.Time // a date (UTC midnight)
	Hash     string
}

// Pathway is the approvals of one pathway.
type Pathway struct {
	ID       string
	File     string // approvals/<id>.toml
	Records  []Record
	Approved *snapshot.Pathway // what the last record approved; nil when unreadable
}

// Last returns the latest record, or nil.
func (p *Pathway) Last() *Record {
	if p == nil || len(p.Records) == 0 {
		return nil
	}
	return &p.Records[len(p.Records)-1]
}

// limit is the largest approvals file read, in bytes: a snapshot is the
// text of a pathway and its outcomes, which the pathway's own limit bounds.
const limit = 64 << 20

var hashRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// Load reads approvals/ in fsys. pathways holds the ids of the site's
// pathways. A missing folder is no approvals. Problems are added to diags;
// a pathway whose files have errors is left out.
func Load(fsys fs.FS, pathways map[string]bool, diags *diag.List) map[string]*Pathway {
	out := map[string]*Pathway{}
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return out
	}
	jsons := map[string]bool{}
	var tomls []string
	for _, e := range entries {
		name := e.Name()
		file := Dir + "/" + name
		id := strings.TrimSuffix(strings.TrimSuffix(name, ".toml"), ".json")
		switch {
		case sitefs.Ignored(name):
			continue
		case !e.Type().IsRegular():
			diags.Errorf(file, diag.Pos{}, "approvals/ holds only the files signpost approve writes: remove this folder or link")
		case path.Ext(name) != ".toml" && path.Ext(name) != ".json" || !sitefs.IsSlug(id):
			diags.Errorf(file, diag.Pos{}, "approvals/ holds only <pathway>.toml and <pathway>.json, written by signpost approve: remove or rename this file")
		case !pathways[id]:
			diags.Errorf(file, diag.Pos{Line: 1}, "no pathway %q for this approval: remove the file, or restore pathways/%s.toml", id, id)
		case path.Ext(name) == ".json":
			jsons[id] = true
		default:
			tomls = append(tomls, id)
		}
	}
	for id := range jsons {
		if !slices.Contains(tomls, id) {
			diags.Errorf(Dir+"/"+id+".json", diag.Pos{}, "approvals/%s.json has no approvals/%s.toml beside it: restore it, or remove the .json", id, id)
		}
	}
	for _, id := range tomls {
		if p := read(fsys, id, jsons[id], diags); p != nil {
			out[id] = p
		}
	}
	return out
}

func read(fsys fs.FS, id string, hasJSON bool, diags *diag.List) *Pathway {
	var local diag.List
	defer diags.Merge(&local)
	p := &Pathway{ID: id, File: Dir + "/" + id + ".toml"}
	src, err := sitefs.Read(fsys, p.File, limit)
	if err != nil {
		local.Errorf(p.File, diag.Pos{}, "%v", err)
		return nil
	}
	if !diag.CheckText(p.File, src, &local) {
		return nil
	}
	root := tomldoc.Parse(p.File, "the approvals file", src, 1, diag.Pos{Line: 1}, &local)
	if root == nil {
		return nil
	}
	tables := root.Tables("approval", false)
	if len(tables) == 0 && !root.Has("approval") {
		local.Errorf(p.File, diag.Pos{Line: 1}, "the file has no [[approval]]: remove it, or record one with signpost approve %s --by NAME --role ROLE", id)
	}
	for _, t := range tables {
		r := Record{By: text(t, "by"), Role: text(t, "role"), Hash: t.String("hash", true)}
		if !t.Has("date") {
			t.Errorf(t.Pos(), "[[approval]] is missing the required key \"date\": add date = 2026-12-03, the day of the sign-off")
		}
		r.Date, _ = t.Date("date")
		if t.Has("hash") && !hashRE.MatchString(r.Hash) {
			t.Errorf(t.ValuePos("hash"), "hash %q is not a content hash: signpost approve writes it as \"sha256:\" and 64 hex digits; do not edit it", r.Hash)
		}
		t.Check()
		p.Records = append(p.Records, r)
	}
	root.Check()
	jsonFile := Dir + "/" + id + ".json"
	if !hasJSON {
		local.Errorf(p.File, diag.Pos{Line: 1}, "%s is missing: it keeps what was approved; commit it with this file, or approve the pathway again", jsonFile)
		return nil
	}
	if local.HasErrors() {
		return nil
	}
	data, err := sitefs.Read(fsys, jsonFile, limit)
	if err == nil {
		p.Approved, err = snapshot.Parse(data)
	}
	switch {
	case err != nil:
		local.Errorf(jsonFile, diag.Pos{}, "cannot read the approved snapshot: %v: approve the pathway again", err)
		return nil
	case p.Approved.ID != id:
		local.Errorf(jsonFile, diag.Pos{}, "the approved snapshot is of pathway %q, not %q: approve the pathway again", p.Approved.ID, id)
		return nil
	case p.Approved.Hash() != p.Last().Hash:
		local.Errorf(jsonFile, diag.Pos{}, "the approved snapshot's hash %s is not the last approval's (%s, line of its [[approval]] in %s): it was edited or not committed with it; approve the pathway again",
			short(p.Approved.Hash()), short(p.Last().Hash), p.File)
		return nil
	}
	return p
}

func short(hash string) string {
	if len(hash) > 19 {
		return hash[:19] + "…"
	}
	return hash
}

// text reads a required plain-text value (tomldoc.Table.Text: visible
// characters, no control characters).
func text(t *tomldoc.Table, key string) string {
	s, _ := t.Text(key, true, "say who signed off and in what role")
	return strings.TrimSpace(s)
}

// Status is how a pathway's current content stands against its approvals.
type Status struct {
	Approved bool
	Last     *Record       // the latest approval; nil when never approved
	Changes  []diff.Change // since the last approved snapshot; nil when approved or never approved
}

// Check compares the current snapshot with the last approved one.
func Check(cur *snapshot.Pathway, a *Pathway) Status {
	last := a.Last()
	if last == nil {
		return Status{}
	}
	if last.Hash == cur.Hash() {
		return Status{Approved: true, Last: last}
	}
	return Status{Last: last, Changes: diff.Pathways(a.Approved, cur)}
}

// Message says why a pathway is not approved and what to do.
func (s Status) Message(id string) string {
	again := fmt.Sprintf("signpost approve %s --by NAME --role ROLE", id)
	if s.Last == nil {
		return fmt.Sprintf("pathway %q has no clinical approval: after review, record one with %s", id, again)
	}
	var whats []string
	for i, c := range s.Changes {
		if i == 5 {
			whats = append(whats, fmt.Sprintf("and %d more", len(s.Changes)-5))
			break
		}
		whats = append(whats, string(c.Kind)+": "+c.What)
	}
	return fmt.Sprintf("pathway %q has changed since %s (%s) approved it on %s: %s (%s); review the changes (signpost diff, signpost review) and approve again with %s",
		id, s.Last.By, s.Last.Role, s.Last.Date.Format(time.DateOnly), diff.Summary(s.Changes), strings.Join(whats, "; "), again)
}

// Append records an approval of snap under the site folder dir: it adds
// the record to approvals/<id>.toml (creating it) and writes the snapshot
// to approvals/<id>.json. It returns the two files, site-relative.
func Append(dir string, snap *snapshot.Pathway, r Record) ([]string, error) {
	for _, v := range []string{r.By, r.Role} {
		if tomldoc.TextProblem(v) != "" {
			return nil, fmt.Errorf("--by and --role must say who signs off and in what role, in plain text")
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
		return nil, err
	}
	tomlFile := filepath.Join(dir, Dir, snap.ID+".toml")
	old, err := os.ReadFile(tomlFile)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	var b strings.Builder
	if len(old) == 0 {
		fmt.Fprintf(&b, "# Clinical sign-off of pathways/%s.toml, written by signpost approve: commit it\n# with approvals/%s.json. Each record's hash is of everything a person can\n# see on the pathway's routes when it was approved.\n", snap.ID, snap.ID)
	} else {
		b.Write(old)
		if !strings.HasSuffix(string(old), "\n") {
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "\n[[approval]]\nby = %s\nrole = %s\ndate = %s\nhash = %q\n",
		strconv.Quote(strings.TrimSpace(r.By)), strconv.Quote(strings.TrimSpace(r.Role)), r.Date.Format(time.DateOnly), snap.Hash())
	if err := os.WriteFile(filepath.Join(dir, Dir, snap.ID+".json"), snap.JSON(), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(tomlFile, []byte(b.String()), 0o644); err != nil {
		return nil, err
	}
	return []string{Dir + "/" + snap.ID + ".toml", Dir + "/" + snap.ID + ".json"}, nil
}
