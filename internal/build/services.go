package build

import (
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/finder"
	"github.com/signpost-dev/signpost/internal/render"
)

// planServices adds the files that signpost makes from the services: the
// services index, the local helpline finder's data (read by finder.js on
// the device, precached like every other output file), and the pages that
// list local services by postcode area, which work without JavaScript.
func planServices(m *Model, add func(Job)) {
	add(Job{Path: "services/index.html", Page: true, render: func(m *Model, _ *diag.List) ([]byte, error) {
		return m.Renderer.ServicesIndex(m.Content, m.Common)
	}})
	add(Job{Path: finder.Path, render: func(m *Model, _ *diag.List) ([]byte, error) {
		return finder.Compile(m.Content), nil
	}})
	add(Job{Path: pagePath(render.AreasURL), Page: true, render: func(m *Model, _ *diag.List) ([]byte, error) {
		return m.Renderer.AreasIndex(m.Content, m.Common)
	}})
	for _, a := range finder.Areas(m.Content) {
		add(Job{Path: pagePath(render.AreaURL(a.Code)), Page: true, render: func(m *Model, _ *diag.List) ([]byte, error) {
			return m.Renderer.AreaPage(a, m.Common)
		}})
	}
}
