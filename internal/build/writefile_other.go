//go:build !linux

package build

import "os"

// writeFile writes a new file.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
