package preview

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The preview's door. A web page the author visits can make the browser
// send requests to the preview; with DNS rebinding (evil.example made to
// resolve to 127.0.0.1) it could even read the answers, drafts and maps
// and errors included. Two checks stop that:
//
//   - the Host header must name this server: a loopback name (localhost,
//     *.localhost), a loopback address, or the address it listens on (with
//     --bind 0.0.0.0, any address of this machine), with the port it
//     listens on. A rebound name is none of these;
//   - the event stream and the preview's own pages (/_signpost/) answer
//     only requests from the preview's own pages: a request with an
//     Origin of another site, or that the browser marks Sec-Fetch-Site
//     cross-site or same-site, is refused. Site pages may be opened from
//     anywhere (a link in a chat).

// allowedHost reports whether hostport (a request's Host) names this
// server.
func (s *Server) allowedHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	_, boundPort, _ := net.SplitHostPort(s.ln.Addr().String())
	if port != boundPort {
		return false
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	bound := s.ln.Addr().(*net.TCPAddr).IP
	switch {
	case ip.IsLoopback(), ip.Equal(bound):
		return true
	case bound.IsUnspecified():
		return localAddress(ip)
	}
	return false
}

// localAddress reports whether ip is an address of one of this machine's
// interfaces.
func localAddress(ip net.IP) bool {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// crossOrigin reports whether the browser says r comes from a page that is
// not the preview's own.
func (s *Server) crossOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return true
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return false
	}
	u, err := url.Parse(o)
	return err != nil || u.Scheme != "http" || u.Host != r.Host || !s.allowedHost(u.Host)
}

// refuse answers a request the door does not let in.
func refuse(w http.ResponseWriter, why string) {
	http.Error(w, "signpost serve: "+why, http.StatusForbidden)
}
