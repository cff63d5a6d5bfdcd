package main

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signpost-dev/signpost/internal/diag"
	"github.com/signpost-dev/signpost/internal/i18n"
)

// signpost i18n prints the built-in catalog; --pseudo a site catalog of
// every key, marked, that a site's i18n/ reads without a diagnostic.
func TestI18nCommand(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"i18n"}, &out, &errs); code != exitOK || !bytes.Equal(out.Bytes(), i18n.Source) {
		t.Fatalf("signpost i18n: exit %d, %d bytes (want en.toml), %s", code, out.Len(), errs.String())
	}
	out.Reset()
	if code := run([]string{"i18n", "--pseudo"}, &out, &errs); code != exitOK {
		t.Fatalf("signpost i18n --pseudo: exit %d: %s", code, errs.String())
	}
	var diags diag.List
	c := i18n.Load(fstest.MapFS{"i18n/en-GB.toml": {Data: out.Bytes()}}, "en-GB", &diags)
	if diags.Len() != 0 {
		t.Fatalf("the pseudo catalog does not load cleanly: %v", diags.Err())
	}
	for _, k := range c.Keys() {
		if got := c.T(k, "count", 2); !strings.HasPrefix(got, i18n.PseudoOpen) {
			t.Errorf("%s = %q: not marked", k, got)
		}
	}
	if code := run([]string{"i18n", "extra"}, &out, &errs); code != exitUsage {
		t.Errorf("signpost i18n extra: exit %d, want %d", code, exitUsage)
	}
}
