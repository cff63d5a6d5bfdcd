package build

import (
	"encoding/binary"
	"os"

	"golang.org/x/sys/unix"
)

// walkTree calls visit for every entry below root (not root itself), with
// its slash-separated path relative to root and whether it is a folder;
// visit returns false to leave a folder out. Entries that go while it
// walks are skipped. It reads each folder with openat and getdents, in
// about half the time of filepath.WalkDir: a warm build walks the previous
// output and the spare, 10,000 folders each for a 10,000-page site.
func walkTree(root string, visit func(rel string, dir bool) bool) error {
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return &os.PathError{Op: "open", Path: root, Err: err}
	}
	w := treeWalker{root: root, buf: make([]byte, 32<<10), visit: visit}
	return w.dir(fd, "")
}

type treeWalker struct {
	root  string
	buf   []byte
	visit func(string, bool) bool
}

type treeEntry struct {
	name string
	dir  bool
}

// dir walks the folder open as fd, at prefix below the root, and closes fd.
func (w *treeWalker) dir(fd int, prefix string) error {
	defer unix.Close(fd)
	var entries []treeEntry
	for {
		n, err := unix.Getdents(fd, w.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &os.PathError{Op: "getdents", Path: w.root + "/" + prefix, Err: err}
		}
		if n <= 0 {
			break
		}
		// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name.
		for b := w.buf[:n]; len(b) >= 19; {
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				break
			}
			typ, name := b[18], b[19:reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			ino := binary.NativeEndian.Uint64(b[0:8])
			b = b[reclen:]
			if ino == 0 || string(name) == "." || string(name) == ".." {
				continue
			}
			e := treeEntry{name: string(name), dir: typ == unix.DT_DIR}
			if typ == unix.DT_UNKNOWN {
				var st unix.Stat_t
				if unix.Fstatat(fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW) != nil {
					continue // gone
				}
				e.dir = st.Mode&unix.S_IFMT == unix.S_IFDIR
			}
			entries = append(entries, e)
		}
	}
	for _, e := range entries {
		rel := prefix + e.name
		if !w.visit(rel, e.dir) || !e.dir {
			continue
		}
		child, err := unix.Openat(fd, e.name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
		if err == unix.ENOENT || err == unix.ENOTDIR {
			continue // gone, or replaced since it was listed
		}
		if err != nil {
			return &os.PathError{Op: "open", Path: w.root + "/" + rel, Err: err}
		}
		if err := w.dir(child, rel+"/"); err != nil {
			return err
		}
	}
	return nil
}
