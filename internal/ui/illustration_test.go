package ui

import (
	"bytes"
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/cramp"
)

// heldArtist is an artist whose drawings wait until the test lets them
// finish, as they would on a goroutine.
type heldArtist struct {
	*artist
	log     bytes.Buffer
	waiting []func() func()
}

func newHeldArtist() *heldArtist {
	h := &heldArtist{}
	h.artist = &artist{fetch: func(get func() func()) { h.waiting = append(h.waiting, get) }, stderr: &h.log}
	return h
}

// finish runs the oldest drawing waiting, on "its goroutine" and then on
// the Fyne thread.
func (h *heldArtist) finish(t *testing.T) {
	t.Helper()
	if len(h.waiting) == 0 {
		t.Fatal("no drawing is on its way")
	}
	get := h.waiting[0]
	h.waiting = h.waiting[1:]
	get()()
}

func illustrationRes(t *testing.T, name string) fyne.Resource {
	t.Helper()
	data, err := assets.Illustration(name)
	if err != nil {
		t.Fatal(err)
	}
	return fyne.NewStaticResource(name+".svg", data)
}

// opaque is the share of pixels a drawing covers.
func opaque(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// paintAt paints p as the window would at w by h pixels.
func paintAt(p *illustration, w, h int) image.Image { return p.raster.Generator(w, h) }

// TestIllustrationDrawsOffTheFyneThreadAtItsSize: the window paints before
// the picture is drawn; the picture is drawn once at a time, at the size
// it is painted at, fitting its proportions; another picture never shows
// while the next is drawn; a drawing is kept for the next time.
func TestIllustrationDrawsOffTheFyneThreadAtItsSize(t *testing.T) {
	test.NewTempApp(t)
	h := newHeldArtist()
	p := h.illustration(illustrationRes(t, "relief-stretch-calf"), fyne.NewSize(96, 96))
	if img := paintAt(p, 300, 200); img.Bounds().Dx() != 1 {
		t.Fatalf("painted %v before it is drawn, want nothing", img.Bounds())
	}
	if len(h.waiting) != 1 {
		t.Fatalf("%d drawings on their way, want 1", len(h.waiting))
	}
	paintAt(p, 400, 300) // while the first is drawn
	paintAt(p, 500, 320)
	if len(h.waiting) != 1 {
		t.Fatalf("%d drawings on their way after two more sizes, want still 1", len(h.waiting))
	}
	h.finish(t)
	// Until the newest size is drawn, the first drawing stands in.
	if img := paintAt(p, 500, 320); img.Bounds().Dx() != 300 {
		t.Errorf("painted %v while the newest size is drawn, want the 300x200 drawing", img.Bounds())
	}
	h.finish(t)
	if len(h.waiting) != 0 {
		t.Fatalf("%d more drawings, want none", len(h.waiting))
	}
	img := paintAt(p, 500, 320)
	if img.Bounds().Dx() != 500 || img.Bounds().Dy() != 320 {
		t.Fatalf("painted %v, want 500x320", img.Bounds())
	}
	// The drawing is square (512 x 512): 320 x 320 in the middle,
	// nothing either side.
	if o := opaque(img.(*image.NRGBA).SubImage(image.Rect(90, 0, 410, 320))); o < 0.2 {
		t.Errorf("the middle is %.0f%% drawn", o*100)
	}
	if o := opaque(img.(*image.NRGBA).SubImage(image.Rect(0, 0, 90, 320))); o != 0 {
		t.Errorf("the left margin is %.0f%% drawn: the drawing is stretched", o*100)
	}

	// Another picture: nothing shows until it is drawn.
	p.SetResource(illustrationRes(t, "stretch-foot"))
	if img := paintAt(p, 500, 320); img.Bounds().Dx() != 1 {
		t.Error("the calf still shows while the foot is drawn")
	}
	h.finish(t)
	if img := paintAt(p, 500, 320); img.Bounds().Dx() != 500 || p.Resource().Name() != "stretch-foot.svg" {
		t.Error("the foot was not shown once drawn")
	}
	// Back to the calf at the same size: kept, not drawn again.
	p.SetResource(illustrationRes(t, "relief-stretch-calf"))
	if img := paintAt(p, 500, 320); len(h.waiting) != 0 || img.Bounds().Dx() != 500 {
		t.Errorf("the calf was drawn again (%d waiting) or not shown", len(h.waiting))
	}
	p.SetResource(nil)
	if img := paintAt(p, 500, 320); img.Bounds().Dx() != 1 {
		t.Error("a picture shows with no resource")
	}
}

// TestBrokenIllustrationIsLoggedOnce: a picture that cannot be drawn is
// empty and said in the log, once, not drawn again at every paint.
func TestBrokenIllustrationIsLoggedOnce(t *testing.T) {
	test.NewTempApp(t)
	h := newHeldArtist()
	p := h.illustration(fyne.NewStaticResource("broken.svg", []byte("<svg viewBox='0 0 0 0'></svg>")), fyne.NewSize(96, 96))
	paintAt(p, 200, 200)
	h.finish(t)
	paintAt(p, 200, 200)
	paintAt(p, 200, 200)
	if len(h.waiting) != 0 {
		t.Errorf("drawn again after failing: %d waiting", len(h.waiting))
	}
	if img := paintAt(p, 200, 200); img.Bounds().Dx() != 1 || strings.Count(h.log.String(), "broken.svg") != 1 {
		t.Errorf("image %v, log %q: want nothing painted and one line", img.Bounds(), h.log.String())
	}
}

// TestIllustrationsInTheWindowAreDrawn: in a real window the pictures of
// the relief window's first page are painted, drawn.
func TestIllustrationsInTheWindowAreDrawn(t *testing.T) {
	u, _ := newTestUI(t, time.Date(2026, 3, 4, 3, 0, 0, 0, time.Local))
	u.show("relief")
	r := viewOf[*reliefWindow](u, "relief")
	if r == nil || r.view == nil {
		t.Fatal("no relief window")
	}
	pic := r.view.where[cramp.MuscleCalf].pic
	img := test.WidgetRenderer(pic).Objects()[0].(*canvas.Raster).Generator(173, 254)
	if o := opaque(img); o < 0.1 {
		t.Errorf("the calf's picture is %.0f%% drawn", o*100)
	}
}
