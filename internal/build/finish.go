package build

import (
	"fmt"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
)

// wrapOutput lets the finishing stage see every file as it is written.
func wrapOutput(m *Model, out Output) Output { return out }

// finish writes the files that list the whole site.
func finish(m *Model, files []File, out Output, diags *diag.List) ([]File, error) {
	var extra []File
	write := func(p string, data []byte) error {
		if err := out.Write(p, data); err != nil {
			return err
		}
		extra = append(extra, File{Path: p, Size: len(data)})
		return nil
	}
	if m.Config.BaseURL != "" && !m.Opts.Preview {
		var sm strings.Builder
		sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		base := strings.TrimSuffix(m.Config.BaseURL, "/")
		urls := []string{}
		for _, f := range files {
			if f.Page && f.Path != "offline/index.html" {
				urls = append(urls, "/"+strings.TrimSuffix(f.Path, "index.html"))
			}
		}
		slices.Sort(urls)
		for _, u := range urls {
			fmt.Fprintf(&sm, "<url><loc>%s%s</loc></url>\n", base, xmlEscape(u))
		}
		sm.WriteString("</urlset>\n")
		if err := write("sitemap.xml", []byte(sm.String())); err != nil {
			return nil, err
		}
		robots := "User-agent: *\nAllow: /\n\nSitemap: " + base + "/sitemap.xml\n"
		if err := write("robots.txt", []byte(robots)); err != nil {
			return nil, err
		}
	}
	return extra, nil
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}

