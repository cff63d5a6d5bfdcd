//go:build unix

package sitefs

import "syscall"

// openFlags make Open refuse a final symbolic link and return at once on a
// named pipe instead of waiting for a writer.
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
