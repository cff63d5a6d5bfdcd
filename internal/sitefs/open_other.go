//go:build !unix

package sitefs

// openFlags: no O_NOFOLLOW or O_NONBLOCK here; Read's Lstat checks are
// the only guard.
const openFlags = 0
