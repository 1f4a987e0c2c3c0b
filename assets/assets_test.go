package assets

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
)

func TestPNGSizes(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		size int
	}{
		{"icon.png", IconPNG, 512},
		{"icon-128.png", IconSmallPNG, 128},
		{"tray.png", TrayPNG, 64},
	}
	for _, c := range cases {
		img, err := png.Decode(bytes.NewReader(c.data))
		if err != nil {
			t.Errorf("%s: decode: %v", c.name, err)
			continue
		}
		b := img.Bounds()
		if b.Dx() != c.size || b.Dy() != c.size {
			t.Errorf("%s: got %dx%d, want %dx%d", c.name, b.Dx(), b.Dy(), c.size, c.size)
		}
	}
}

func TestTrayPNGHasTransparency(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(TrayPNG))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	// The corner must be see-through so the panel colour shows around the drawing.
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("tray.png corner alpha = %d, want 0 (transparent)", a)
	}
}

func TestSVGsHaveViewBox(t *testing.T) {
	cases := []struct {
		name    string
		data    []byte
		viewBox string
	}{
		{"icon.svg", IconSVG, "0 0 512 512"},
		{"tray.svg", traySVG(t), "0 0 64 64"},
	}
	for _, c := range cases {
		dec := xml.NewDecoder(bytes.NewReader(c.data))
		var root *xml.StartElement
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", c.name, err)
			}
			if se, ok := tok.(xml.StartElement); ok && root == nil {
				se := se.Copy()
				root = &se
			}
		}
		if root == nil || root.Name.Local != "svg" {
			t.Fatalf("%s: root element is not <svg>", c.name)
		}
		var vb string
		for _, a := range root.Attr {
			if a.Name.Local == "viewBox" {
				vb = a.Value
			}
		}
		if vb != c.viewBox {
			t.Errorf("%s: viewBox = %q, want %q", c.name, vb, c.viewBox)
		}
		// The look-and-feel rules: no text and no gradients in pictures.
		for _, banned := range []string{"<text", "Gradient"} {
			if strings.Contains(string(c.data), banned) {
				t.Errorf("%s: contains %q, which the illustration style forbids", c.name, banned)
			}
		}
	}
}

func TestTrayICOHeader(t *testing.T) {
	if len(TrayICO) < 6 {
		t.Fatalf("tray.ico is only %d bytes", len(TrayICO))
	}
	if !bytes.Equal(TrayICO[:4], []byte{0x00, 0x00, 0x01, 0x00}) {
		t.Errorf("tray.ico header = % x, want 00 00 01 00", TrayICO[:4])
	}
	if n := int(TrayICO[4]) | int(TrayICO[5])<<8; n == 0 {
		t.Error("tray.ico holds no images")
	}
}

func TestTrayIconPicksPlatformFormat(t *testing.T) {
	want := TrayPNG
	if runtime.GOOS == "windows" {
		want = TrayICO
	}
	if !bytes.Equal(TrayIcon(), want) {
		t.Errorf("TrayIcon() on %s returned the wrong format", runtime.GOOS)
	}
}

// traySVG reads the tray drawing's source, which is not embedded because the
// app only needs the rendered PNG and ICO.
func traySVG(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("tray.svg")
	if err != nil {
		t.Fatalf("read tray.svg: %v", err)
	}
	return b
}
