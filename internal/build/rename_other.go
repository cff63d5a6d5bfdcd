//go:build !linux

package build

import "errors"

// exchange is not atomic outside Linux; Commit falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }

// canExchange says that exchange is not atomic here: no spare is kept.
const canExchange = false
