package render

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/signpost-dev/signpost/internal/diag"
)

// checkLayout refuses, at their line, what a site's layout may not publish:
//
//   - an inline <script> or <style> whose text is not only template
//     actions: the page's Content-Security-Policy allows inline code by
//     hash, and only signpost's own code has one, so the browser would block
//     it without a word;
//   - an event-handler (on...) or style attribute, which the policy blocks;
//   - a src, srcset, poster, data, action or formaction, or a <link>'s
//     href, naming another site: a third-party request that tells another
//     site who reads these pages (the policy blocks most of them, silently);
//   - <meta http-equiv="refresh">, which sends the reader elsewhere, and
//     <base>, which changes where every link goes.
//
// A value that is a template action ({{.X}}) is signpost's to fill and is
// not checked here.
func checkLayout(file string, src []byte, diags *diag.List) {
	l := html.NewTemplateLexer(parse.NewInputBytes(src), html.GoTemplate)
	off := 0
	var tag string     // the open tag being read
	var tagAt int      // where it starts
	var hasSrc bool    // a <script> with src
	var rawFrom string // "script" or "style": its text is next
	for {
		tt, data := l.Next()
		if tt == html.ErrorToken {
			return
		}
		start := off
		off += len(data)
		at := func() diag.Pos { return diag.PosOf(src, start) }
		switch tt {
		case html.StartTagToken:
			tag, tagAt, hasSrc = strings.ToLower(string(l.Text())), start, false
			switch tag {
			case "base":
				diags.Errorf(file, at(), "a layout cannot use <base>: it changes where every link of the page goes; remove it")
			}
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := string(bytes.Trim(l.AttrVal(), `"'`))
			checkAttr(file, tag, key, val, diag.PosOf(src, start+len(data)-len(bytes.TrimLeft(data, " \t\r\n\f"))), diags)
			if tag == "script" && key == "src" {
				hasSrc = true
			}
		case html.StartTagCloseToken:
			if tag == "script" && !hasSrc || tag == "style" {
				rawFrom = tag
			}
		case html.TextToken:
			if rawFrom != "" && !onlyActions(data) {
				what := "script"
				if rawFrom == "style" {
					what = "style element"
				}
				diags.Errorf(file, diag.PosOf(src, tagAt), "an inline %s in a layout is blocked by the page's Content-Security-Policy (only signpost's own code has a hash): put styles in assets/site.css; pages take no scripts of their own", what)
			}
			rawFrom = ""
		case html.EndTagToken:
			rawFrom = ""
		}
	}
}

var action = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// onlyActions reports whether text is template actions and white space.
func onlyActions(text []byte) bool {
	return len(bytes.TrimSpace(action.ReplaceAll(text, nil))) == 0
}

// checkAttr checks one attribute of a layout's tag.
func checkAttr(file, tag, key, val string, pos diag.Pos, diags *diag.List) {
	switch {
	case strings.HasPrefix(key, "{{"):
		return // a template action in the tag
	case strings.HasPrefix(key, "on"):
		diags.Errorf(file, pos, "the %s attribute is a script, which the page's Content-Security-Policy blocks: remove it", key)
		return
	case key == "style":
		diags.Errorf(file, pos, "a style attribute is blocked by the page's Content-Security-Policy: give the element a class and style it in assets/site.css")
		return
	case tag == "meta" && key == "http-equiv" && strings.EqualFold(strings.TrimSpace(val), "refresh"):
		diags.Errorf(file, pos, "a layout cannot use <meta http-equiv=\"refresh\">: it sends the reader to another page; remove it")
		return
	}
	// (An <a href> is the link check's: it follows every link of the pages.)
	if key == "src" || key == "srcset" || key == "poster" || key == "xlink:href" || key == "href" && tag != "a" && tag != "area" {
		if rel, ok := literalAsset(val); ok {
			diags.Errorf(file, pos, "%s=%q names a file of assets/ by its source path, which the build publishes under a fingerprinted name: write %s=\"{{asset %q}}\"", key, val, key, rel)
			return
		}
	}
	fetches := false
	switch key {
	case "src", "srcset", "poster", "data", "action", "formaction", "background", "ping", "xlink:href", "imagesrcset":
		fetches = true
	case "href":
		fetches = tag == "link" || tag == "use" || tag == "image"
	}
	if !fetches {
		return
	}
	literal, _, _ := strings.Cut(val, "{{")         // what the template does not fill
	for _, u := range strings.Split(literal, ",") { // srcset: "a.png 1x, b.png 2x"
		u = strings.TrimSpace(u)
		if thirdParty(u) {
			diags.Errorf(file, pos, "%s=%q loads from another site: a third-party request tells another site who reads these pages; put the file in assets/ and use {{asset \"name\"}}", key, val)
			return
		}
	}
}

// thirdParty reports whether a URL (or its start) names another origin.
func thirdParty(u string) bool {
	u = strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(u, "//") || strings.HasPrefix(u, `\`) || strings.HasPrefix(u, `/\`) {
		return true
	}
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.ContainsAny(scheme, "/?#") {
		return false
	}
	return scheme != "data" && scheme != "mailto" && scheme != "tel" && scheme != "sms"
}

// literalAsset reports a URL written out in full (no template action) that
// names a file of assets/ ("/assets/img/map.svg", "assets/img/map.svg",
// with a backslash or not), and the file's path there.
func literalAsset(val string) (rel string, ok bool) {
	u := strings.TrimSpace(val)
	if strings.Contains(u, "{{") || strings.Contains(u, ",") || hasScheme(u) {
		return "", false
	}
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	u = strings.TrimPrefix(strings.ReplaceAll(u, `\`, "/"), "./")
	if !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "assets/") {
		return "", false
	}
	return strings.CutPrefix(path.Clean("/"+u), "/assets/")
}

// hasScheme reports whether u starts with a URL scheme (https:, data:).
func hasScheme(u string) bool {
	scheme, _, ok := strings.Cut(u, ":")
	return ok && scheme != "" && !strings.ContainsAny(scheme, "/?#")
}
