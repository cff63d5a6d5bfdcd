package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/signpost-dev/signpost/internal/config"
	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/preview"
	"github.com/signpost-dev/signpost/internal/site"
	"github.com/signpost-dev/signpost/internal/sitefs"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs, sf := newSiteFlagSet("serve", stderr)
	port := fs.Int("port", 1313, "port to listen on (0: any free port)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; the default serves this computer only")
	if !parseFlagsOnly(fs, args, stderr) {
		return exitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "signpost serve: --port %d is not a port number (0-65535)\n", *port)
		return exitUsage
	}
	srv, err := preview.New(preview.Options{
		Dir:    sf.source,
		Addr:   net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Drafts: sf.drafts,
		Log:    stderr,
	})
	if err != nil {
		fmt.Fprintln(stderr, "signpost serve:", err)
		return exitContent
	}
	if srv.Loopback() {
		fmt.Fprintf(stdout, "serving %s at %s (this computer only; --bind 0.0.0.0 shares it on your network)\n", sf.source, srv.URL())
	} else {
		fmt.Fprintf(stdout, "serving %s at %s, listening on %s: anyone on your network can see the preview\n", sf.source, srv.URL(), *bind)
	}
	if note := baseNote(sf.source); note != "" {
		fmt.Fprintln(stdout, note)
	}
	fmt.Fprintf(stdout, "pathway maps at %s_signpost/ ; press Ctrl+C to stop\n", srv.URL())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "signpost serve:", err)
		return exitContent
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}

// baseNote says, for a site whose base_url has a path, that the preview
// shows it at the root; "" otherwise. site.toml's errors are the
// preview's to show, on its pages.
func baseNote(dir string) string {
	cfg := config.Load(sitefs.Dir(dir), &diag.List{})
	if cfg == nil || cfg.Base == site.Root {
		return ""
	}
	return fmt.Sprintf("the site is served under %s (its base_url); the preview shows it at the root, with every link written for the root", cfg.Base)
}
