package memtrim

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// imageRSS sums the resident kB of this test binary's read-only mappings.
func imageRSS(t *testing.T) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, inImage := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 5 && strings.Contains(fields[0], "-") {
			inImage = len(fields) >= 6 && fields[5] == exe && !strings.Contains(fields[1], "w")
			continue
		}
		if inImage && len(fields) >= 2 && fields[0] == "Rss:" {
			n, _ := strconv.Atoi(fields[1])
			total += n
		}
	}
	return total
}

func TestTrimReleasesImageAndKeepsRunning(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux exposes mappings; elsewhere Trim only frees the heap")
	}
	before := imageRSS(t)
	if err := Trim(); err != nil {
		t.Fatal(err)
	}
	after := imageRSS(t)
	if after >= before {
		t.Errorf("image RSS %d kB -> %d kB: nothing released", before, after)
	}
	// Code and read-only data still work: they fault back in.
	if s := strconv.Itoa(12345) + strings.Repeat("x", 3); s != "12345xxx" {
		t.Fatal(s)
	}
	t.Logf("image RSS %d kB -> %d kB", before, after)
}
