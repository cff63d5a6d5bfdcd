//go:build !unix

package build

import "os"

// stampOf: without an inode a file cannot be told from its replacement,
// so nothing is reused.
func stampOf(os.FileInfo) (fileStamp, bool) { return fileStamp{}, false }
