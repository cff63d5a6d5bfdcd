package build

import (
	"github.com/signpost-dev/signpost/internal/content"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/finder"
	"github.com/signpost-dev/signpost/internal/site"
)

// planServices adds the files that signpost makes from the services: the
// services index, the local helpline finder's data (read by finder.js on
// the device, precached like every other output file), and the pages that
// list local services by postcode area, which work without JavaScript.
func planServices(m *Model, add func(Job)) {
	add(Job{Path: pagePath(site.ServicesURL), Page: true, Kind: site.Services, render: func(m *Model, _ *diag.List) (Rendered, error) {
		return pageOf(m.Renderer.ServicesIndex(m.Content, m.Common))
	}})
	add(Job{Path: site.FinderFile, render: func(m *Model, _ *diag.List) (Rendered, error) {
		return bytesOf(finder.Compile(m.Content, m.Renderer.Text()), nil)
	}})
	add(Job{Path: pagePath(site.AreasURL), Page: true, Kind: site.Areas, render: func(m *Model, _ *diag.List) (Rendered, error) {
		return pageOf(m.Renderer.AreasIndex(m.Content, m.Common))
	}})
	for _, a := range finder.Areas(m.Content) {
		// a is made from every service's areas.
		add(Job{Path: pagePath(site.AreaURL(a.Code)), Page: true, Kind: site.Area, needs: []string{content.ServicesKey}, render: func(m *Model, _ *diag.List) (Rendered, error) {
			return pageOf(m.Renderer.AreaPage(a, m.Common))
		}})
	}
}
