package build

import (
	"io/fs"
	"path"
	"strings"

	"github.com/signpost-dev/signpost/internal/approval"
	"github.com/signpost-dev/signpost/internal/cases"
	"github.com/signpost-dev/signpost/internal/diag"
	pathsnap "github.com/signpost-dev/signpost/internal/snapshot"
)

// checkApprovals reads approvals/ and compares each pathway's content with
// its last approval. With release, a pathway not approved as it is now is
// an error; otherwise a warning, given only once the site keeps approvals
// (an approvals/ folder), so that a site that does not use sign-off is not
// warned on every build.
func checkApprovals(fsys fs.FS, m *Model, release bool, diags *diag.List) {
	ids := map[string]bool{}
	entries, _ := fs.ReadDir(fsys, PathwaysDir)
	for _, e := range entries {
		if name := e.Name(); path.Ext(name) == ".toml" && !strings.HasSuffix(name, cases.Suffix) {
			ids[strings.TrimSuffix(name, ".toml")] = true
		}
	}
	_, err := fs.Stat(fsys, approval.Dir)
	kept := err == nil
	if !kept && !release {
		return
	}
	approvals := approval.Load(fsys, ids, diags)
	add := diags.Warnf
	if release {
		add = diags.Errorf
	}
	for _, p := range m.Pathways {
		st := approval.Check(pathsnap.Take(p, m.Content), approvals[p.ID])
		if !st.Approved {
			add(p.File, diag.Pos{Line: 1}, "%s", st.Message(p.ID))
		}
	}
}
