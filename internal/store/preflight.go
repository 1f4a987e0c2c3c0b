package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"time"
)

// bbolt maps the file into memory and reads its pages through the map. A
// page past the end of the file is then not an error but a SIGBUS, which
// kills the process (exit 2) before any recover runs: a file cut short
// would stop the agent, the CLI and doctor for good. So before bbolt maps
// anything, the file is read with ordinary reads and checked against
// itself: its meta pages, and that it is as long as its own high-water
// mark says. The layout is bbolt v1.5's (go.etcd.io/bbolt/internal/common,
// meta.go and page.go), in the machine's byte order as bbolt writes it.
const (
	boltMagic   = 0xED0CDAED
	boltVersion = 2
	// A page starts with id uint64, flags uint16, count uint16, overflow
	// uint32.
	pageHeaderSize = 16
	// The meta follows the header: magic, version, pageSize, flags
	// (uint32 each), root bucket (root pgid, sequence), freelist pgid,
	// high-water pgid, txid, checksum (uint64 each). The checksum is FNV-1a
	// over everything before it.
	metaSize       = 64
	metaChecksumAt = 56
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagFreelist   = 0x10
	noFreelist     = ^uint64(0)
	// bbolt looks for the second meta page at 1 KiB << 0..14.
	minPageSize = 1024
	maxPageSize = 1024 << 14
)

// boltMeta is what the check needs of a meta page.
type boltMeta struct {
	pageSize                   uint64
	root, freelist, pgid, txid uint64
}

// parseMeta reads the meta of the page that starts b, as bbolt's
// Meta.Validate does: magic, version and checksum.
func parseMeta(b []byte) (boltMeta, bool) {
	if len(b) < pageHeaderSize+metaSize {
		return boltMeta{}, false
	}
	m := b[pageHeaderSize : pageHeaderSize+metaSize]
	ne := binary.NativeEndian
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:metaChecksumAt])
	if h.Sum64() != ne.Uint64(m[metaChecksumAt:]) {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: uint64(ne.Uint32(m[8:])),
		root:     ne.Uint64(m[16:]),
		freelist: ne.Uint64(m[32:]),
		pgid:     ne.Uint64(m[40:]),
		txid:     ne.Uint64(m[48:]),
	}, true
}

// readAt reads len(b) bytes at off, or fewer at the end of the file.
func readAt(f *os.File, b []byte, off int64) (int, error) {
	n, err := f.ReadAt(b, off)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

func damagedf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrDamaged, fmt.Sprintf(format, args...))
}

// preflight checks the file f as bbolt will find it, with ordinary reads:
// a meta page that validates (the newer of the two, as bbolt picks), a
// file as long as that meta's high-water mark (every page bbolt may
// touch lies inside it), and the freelist and root pages where the meta
// says, inside the mark. ErrEmpty for a 0-byte file, ErrDamaged for the
// rest.
func preflight(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size == 0 {
		return ErrEmpty
	}
	buf := make([]byte, 4096)
	n, err := readAt(f, buf, 0)
	if err != nil {
		return err
	}
	metas := []boltMeta{}
	var pageSize uint64
	if m, ok := parseMeta(buf[:n]); ok {
		metas, pageSize = append(metas, m), m.pageSize
	} else {
		// The first meta is torn: find the second, as bbolt does.
		for i := 0; i <= 14; i++ {
			pos := int64(minPageSize) << i
			if pos >= size-minPageSize {
				break
			}
			n, err := readAt(f, buf, pos)
			if err != nil {
				return err
			}
			if m, ok := parseMeta(buf[:n]); ok && m.pageSize == uint64(pos) {
				pageSize = m.pageSize
				break
			}
		}
	}
	if pageSize < minPageSize || pageSize > maxPageSize || pageSize&(pageSize-1) != 0 {
		if size < minPageSize {
			return damagedf("the file is %d bytes, shorter than one page", size)
		}
		return damagedf("neither meta page is sound")
	}
	if uint64(size) < 2*pageSize {
		return damagedf("the file is %d bytes, shorter than its two meta pages (%d bytes)", size, 2*pageSize)
	}
	if n, err := readAt(f, buf, int64(pageSize)); err != nil {
		return err
	} else if m, ok := parseMeta(buf[:n]); ok {
		metas = append(metas, m)
	}
	var m boltMeta
	found := false
	for _, c := range metas {
		if c.pageSize == pageSize && (!found || c.txid > m.txid) {
			m, found = c, true
		}
	}
	if !found {
		return damagedf("neither meta page is sound")
	}
	// Every page bbolt reaches lies below the high-water mark.
	if m.pgid < 3 || m.pgid > uint64(1)<<62/pageSize {
		return damagedf("meta page names %d pages", m.pgid)
	}
	if uint64(size) < m.pgid*pageSize {
		return damagedf("the file is %d bytes but holds %d pages of %d bytes: it was cut short", size, m.pgid, pageSize)
	}
	if m.root < 2 || m.root >= m.pgid {
		return damagedf("root page %d outside the file's %d pages", m.root, m.pgid)
	}
	root, err := pageAt(f, m.root, m, buf)
	if err != nil {
		return err
	}
	if root.flags != flagBranch && root.flags != flagLeaf {
		return damagedf("root page %d is not a branch or a leaf (flags %#x)", m.root, root.flags)
	}
	if m.freelist == noFreelist {
		return nil
	}
	if m.freelist < 2 || m.freelist >= m.pgid {
		return damagedf("freelist page %d outside the file's %d pages", m.freelist, m.pgid)
	}
	fl, err := pageAt(f, m.freelist, m, buf)
	if err != nil {
		return err
	}
	if fl.flags != flagFreelist {
		return damagedf("freelist page %d is not a freelist (flags %#x)", m.freelist, fl.flags)
	}
	// Its list of page IDs must fit in its pages; a count of 0xFFFF
	// means the real count is the first ID's place.
	count, first := uint64(fl.count), uint64(0)
	if fl.count == 0xFFFF {
		if _, err := readAt(f, buf[:8], int64(m.freelist*pageSize)+pageHeaderSize); err != nil {
			return err
		}
		count, first = binary.NativeEndian.Uint64(buf), 1
	}
	if room := (uint64(fl.overflow)+1)*pageSize - pageHeaderSize; count > room/8 || (first+count)*8 > room {
		return damagedf("freelist page %d lists %d pages, more than it holds", m.freelist, count)
	}
	return nil
}

// pageHeader is the start of every bbolt page.
type pageHeader struct {
	id       uint64
	flags    uint16
	count    uint16
	overflow uint32
}

// pageAt reads page id's header and checks it names itself and ends
// below the high-water mark.
func pageAt(f *os.File, id uint64, m boltMeta, buf []byte) (pageHeader, error) {
	if _, err := readAt(f, buf[:pageHeaderSize], int64(id*m.pageSize)); err != nil {
		return pageHeader{}, err
	}
	ne := binary.NativeEndian
	p := pageHeader{id: ne.Uint64(buf), flags: ne.Uint16(buf[8:]), count: ne.Uint16(buf[10:]), overflow: ne.Uint32(buf[12:])}
	if p.id != id {
		return p, damagedf("page %d calls itself %d", id, p.id)
	}
	if id+uint64(p.overflow) >= m.pgid {
		return p, damagedf("page %d runs past the file's %d pages", id, m.pgid)
	}
	return p, nil
}

// openChecked is bbolt's OpenFile: it takes bbolt's lock itself (flock
// on the same descriptor, which bbolt then re-takes at no cost), so the
// file is checked as the holder of the lock sees it, never half-written by
// another process; then it runs preflight. A file it has just created is
// new; an existing 0-byte one is ErrEmpty unless newIfEmpty.
func openChecked(name string, flag int, mode os.FileMode, readOnly, newIfEmpty bool, timeout time.Duration) (*os.File, error) {
	created := false
	f, err := os.OpenFile(name, flag&^os.O_CREATE, mode)
	if errors.Is(err, os.ErrNotExist) && flag&os.O_CREATE != 0 {
		f, err = os.OpenFile(name, flag|os.O_EXCL, mode)
		created = err == nil
		if errors.Is(err, os.ErrExist) { // made by another process just now
			f, err = os.OpenFile(name, flag&^os.O_CREATE, mode)
		}
	}
	if err != nil {
		return nil, err
	}
	if err := lockFile(f, !readOnly, timeout); err != nil {
		f.Close()
		return nil, err
	}
	if created {
		return f, nil
	}
	if err := preflight(f); err != nil {
		if errors.Is(err, ErrEmpty) && newIfEmpty && !readOnly {
			return f, nil // bbolt writes a new file's first pages into it
		}
		f.Close()
		return nil, err
	}
	return f, nil
}
