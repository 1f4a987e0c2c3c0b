package memtrim

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// trimImage drops this process's mappings of read-only pages of its own
// executable (code, read-only data, the function tables). They are private,
// never written and backed by the file, so MADV_DONTNEED only unmaps them:
// nothing is lost, and a later access faults them back in from the page
// cache.
func trimImage() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return err
	}
	defer f.Close()
	var ranges [][2]uintptr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// address perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != exe || strings.Contains(fields[1], "w") {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(lo, 16, 64)
		b, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		ranges = append(ranges, [2]uintptr{uintptr(a), uintptr(b)})
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for _, r := range ranges {
		// The syscall takes raw addresses; the range is a whole mapping of
		// our own file, so it is page-aligned and valid.
		if _, _, errno := unix.Syscall(unix.SYS_MADVISE, r[0], r[1]-r[0], unix.MADV_DONTNEED); errno != 0 {
			return fmt.Errorf("madvise %x-%x: %w", r[0], r[1], errno)
		}
	}
	return nil
}
