package build

import "github.com/signpost-dev/signpost/internal/snapshot"

// Snapshots returns a snapshot of every pathway of the model (within the
// route limit), by id: what a person can see on its routes.
func (m *Model) Snapshots() map[string]*snapshot.Pathway {
	out := map[string]*snapshot.Pathway{}
	for _, p := range m.Pathways {
		out[p.ID] = snapshot.Take(p, m.Content)
	}
	return out
}
