package build

import "github.com/signpost-dev/signpost/internal/diag"

// planServices adds the pages that signpost makes from the services.
func planServices(m *Model, add func(Job)) {
	add(Job{Path: "services/index.html", Page: true, render: func(m *Model, _ *diag.List) ([]byte, error) {
		return m.Renderer.ServicesIndex(m.Content, m.Common)
	}})
}
