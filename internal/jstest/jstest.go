// Package jstest runs the browser scripts that signpost ships under Node,
// so tests can compare them with the Go code they mirror (opening hours,
// postcodes, the helpline finder). It is for tests only.
package jstest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Run runs script with node, input as JSON on its standard input, and
// decodes its standard output as JSON into output. It skips the test,
// saying why, when node is not on PATH.
func Run(t testing.TB, script string, input, output any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH, so the browser script cannot be compared with the Go code")
	}
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "run.js")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, path)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(out, output); err != nil {
		t.Fatalf("reading node's output: %v\n%s", err, out)
	}
}
