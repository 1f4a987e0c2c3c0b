//go:build smoke

package smoke

import (
	"bytes"
	"debug/pe"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crampcare/crampcare/internal/version"
)

// repoRoot is two folders up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// tomlValue reads `key = "value"` from the root FyneApp.toml; enough for
// the flat keys the package check compares.
func tomlValue(t *testing.T, toml []byte, key string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `\s*=\s*"([^"]*)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatalf("FyneApp.toml has no %s", key)
	}
	return string(m[1])
}

// TestPackage checks what `make package` produced from the root
// FyneApp.toml: a .tar.xz with the binary, a .desktop file carrying the
// root file's name, ID and comment, and the icon; and that its Makefile
// installs into a prefix. $CRAMPCARE_PACKAGE names the archive.
func TestPackage(t *testing.T) {
	archive := os.Getenv("CRAMPCARE_PACKAGE")
	if archive == "" {
		t.Skip("run through `make test`, which builds the package first")
	}
	root := repoRoot(t)
	toml, err := os.ReadFile(filepath.Join(root, "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// Only one FyneApp.toml may exist, or packaging could read another.
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "build" || d.Name() == "bin") {
			return filepath.SkipDir
		}
		if d.Name() == "FyneApp.toml" && p != filepath.Join(root, "FyneApp.toml") {
			t.Errorf("a second FyneApp.toml exists: %s", p)
		}
		return nil
	})
	if v := tomlValue(t, toml, "Version"); v != version.Version {
		t.Errorf("FyneApp.toml Version %s, internal/version %s: keep them equal", v, version.Version)
	}

	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xJf", archive, "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("untar: %v %s", err, out)
	}
	id := tomlValue(t, toml, "ID")
	pkg := filepath.Join(dir, "crampcare")
	desktop, err := os.ReadFile(filepath.Join(pkg, "usr/local/share/applications", id+".desktop"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Name=" + tomlValue(t, toml, "Name"),
		"Comment=" + tomlValue(t, toml, "Comment"),
		"GenericName=" + tomlValue(t, toml, "GenericName"),
		"Icon=" + id,
		"Exec=crampcare",
	} {
		if !strings.Contains(string(desktop), want+"\n") {
			t.Errorf(".desktop lacks %q:\n%s", want, desktop)
		}
	}
	icon, err := os.ReadFile(filepath.Join(pkg, "usr/local/share/pixmaps", id+".png"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, tomlValue(t, toml, "Icon")))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(icon, src) {
		t.Error("packaged icon differs from the one FyneApp.toml names")
	}
	out, err := exec.Command(filepath.Join(pkg, "usr/local/bin/crampcare"), "version").Output()
	if err != nil || strings.TrimSpace(string(out)) != "crampcare "+version.Version {
		t.Errorf("packaged binary: %q, %v", out, err)
	}

	// The archive's own Makefile installs it under a prefix.
	dest := t.TempDir()
	if out, err := exec.Command("make", "-C", pkg, "install", "DESTDIR="+dest, "PREFIX=/usr").CombinedOutput(); err != nil {
		t.Fatalf("make install: %v\n%s", err, out)
	}
	for _, f := range []string{"usr/bin/crampcare", "usr/share/applications/" + id + ".desktop", "usr/share/pixmaps/" + id + ".png"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("not installed: %s", f)
		}
	}
}

// TestWindowsBinary checks the cross-built Windows program: a 64-bit x86
// PE file of the GUI subsystem, so no console window opens beside the
// tray icon.
func TestWindowsBinary(t *testing.T) {
	exe := os.Getenv("CRAMPCARE_WINDOWS_EXE")
	if exe == "" {
		t.Skip("run through `make test`, which cross-builds it first")
	}
	f, err := pe.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want AMD64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("not a 64-bit PE file")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want the GUI subsystem (-H=windowsgui)", oh.Subsystem)
	}
	// fyne package linked in the version resource (with the icon) from
	// the root FyneApp.toml: ProductVersion is Version.Build.
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		t.Fatal("no resources: not built by fyne package (no icon, no version)")
	}
	data, err := rsrc.Data()
	if err != nil {
		t.Fatal(err)
	}
	toml, err := os.ReadFile(filepath.Join(repoRoot(t), "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	build := regexp.MustCompile(`(?m)^Build\s*=\s*(\d+)`).FindSubmatch(toml)
	if build == nil {
		t.Fatal("FyneApp.toml has no Build")
	}
	for _, want := range []string{tomlValue(t, toml, "Name"), tomlValue(t, toml, "Version") + "." + string(build[1])} {
		if !bytes.Contains(data, utf16le(want)) {
			t.Errorf("the resources do not carry %q", want)
		}
	}
}
