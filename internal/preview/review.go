package preview

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"github.com/signpost-dev/signpost/internal/approval"
	"github.com/signpost-dev/signpost/internal/build"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/gitsite"
	"github.com/signpost-dev/signpost/internal/reviewpack"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

// The review pack of the pathway being edited: the document `signpost
// review` writes (package reviewpack), made on each request from the
// preview's last good model, so with the same cases, coverage and changes
// since the last approval, and the approvals/ folder as it is now. The live
// script is added at its end and reloads it on every rebuild, as the map
// does; the saved pack has no script.

// packCSP is the policy of the preview's review pack: the admin pages'
// policy, with the pack's own inline style sheet allowed by its hash.
var packCSP = strings.Replace(adminCSP, "style-src 'self'", "style-src 'self' "+reviewpack.StyleSource, 1)

// serveReviewPack serves the review pack of pathway id, or, while the site
// has errors (or the approvals/ folder has), a page that lists them and
// reloads once they are fixed.
func (s *Server) serveReviewPack(w http.ResponseWriter, r *http.Request, id string, model *build.Model, all []diag.Diagnostic) {
	good := goodPathway(model, id)
	if good == nil && !s.pathwayFile(id) {
		s.notFound(w, r)
		return
	}
	// Like `signpost review`, no pack while the site has errors: the last
	// good version is not what the files say now, and a reviewer must not
	// sign it for them.
	why := errorsOf(all)
	var approvals map[string]*approval.Pathway
	if len(why) == 0 && good != nil {
		ids := map[string]bool{}
		for _, p := range model.Pathways {
			ids[p.ID] = true
		}
		var ad diag.List
		approvals = approval.Load(sitefs.Dir(s.opts.Dir), ids, &ad)
		why = ad.Errors()
	}
	var buf bytes.Buffer
	if len(why) > 0 || good == nil {
		w.Header().Set("Content-Security-Policy", adminCSP)
		if err := adminTemplates.ExecuteTemplate(&buf, "nopack", noPackPage{ID: id, Errors: why}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		send(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", buf.Bytes())
		return
	}
	in := reviewpack.FromModel(model, good, approvals[id], gitsite.Commit(s.opts.Dir), time.Now())
	in.Script = liveURL
	if err := reviewpack.Write(&buf, in); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Security-Policy", packCSP)
	send(w, r, http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

type noPackPage struct {
	ID     string
	Errors []diag.Diagnostic
}

// pathwayFile reports whether the site has a file for pathway id.
func (s *Server) pathwayFile(id string) bool {
	_, err := sitefs.Pathways.Read(sitefs.Dir(s.opts.Dir), build.PathwaysDir+"/"+id+".toml")
	return err == nil
}
