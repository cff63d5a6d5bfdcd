package build

import pathsnap "github.com/signpost-dev/signpost/internal/snapshot"

// Snapshots returns a snapshot of every pathway of the model (within the
// route limit), by id: what a person can see on its routes.
func (m *Model) Snapshots() map[string]*pathsnap.Pathway {
	out := map[string]*pathsnap.Pathway{}
	for _, p := range m.Pathways {
		out[p.ID] = pathsnap.Take(p, m.Content)
	}
	return out
}
