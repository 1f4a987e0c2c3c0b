package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

// artist draws the illustrations off the Fyne thread and keeps the last
// few it drew. Fyne draws an SVG image on the thread that paints the
// window, again at every size the layout passes through: the relief
// window's four muscle pictures cost some 150 ms of CPU there before the
// window could show (the rasteriser fills the whole picture for each of
// its shapes, 20 to 60 ms a picture), when a person in pain has just
// clicked. Here the window shows at once, the pictures follow as soon as
// they are drawn, both processor cores can draw, and only the size the
// layout settles on is drawn.
type artist struct {
	// fetch is the ui's pace.fetch: draw off the Fyne thread, show on it.
	fetch  func(get func() (put func()))
	stderr io.Writer
	// drawn are the last pictures drawn, newest last; Fyne thread only.
	drawn []drawing
	blank image.Image // see empty
}

// artistKeeps is how many drawings the artist keeps: the relief window's
// four muscles and a step picture, with room for a size change.
const artistKeeps = 12

// drawing is one illustration drawn at one size in pixels.
type drawing struct {
	key drawingKey
	img image.Image // nil when it could not be drawn
}

type drawingKey struct {
	name string
	w, h int
}

func (a *artist) find(k drawingKey) (drawing, bool) {
	for _, d := range a.drawn {
		if d.key == k {
			return d, true
		}
	}
	return drawing{}, false
}

// sameName is the newest drawing of the picture called name, at any size.
func (a *artist) sameName(name string) (drawing, bool) {
	for i := len(a.drawn) - 1; i >= 0; i-- {
		if a.drawn[i].key.name == name {
			return a.drawn[i], true
		}
	}
	return drawing{}, false
}

func (a *artist) keep(d drawing) {
	if len(a.drawn) >= artistKeeps {
		a.drawn = append(a.drawn[:0], a.drawn[1:]...)
	}
	a.drawn = append(a.drawn, d)
}

// illustration is a picture (an SVG resource) that the artist draws at the
// size it is painted at. Until it is drawn it shows the same picture at
// another size, or nothing: never another step's picture.
type illustration struct {
	widget.BaseWidget
	art *artist
	res fyne.Resource
	min fyne.Size
	// raster asks for the picture in pixels as the window paints it:
	// the one place Fyne gives the real pixel size (a HiDPI screen and
	// the text size scale it), and only once the window is on screen.
	raster *canvas.Raster
	// busy is set while a drawing is on its way: one at a time, as the
	// layout may pass through several sizes.
	busy bool
}

// illustration makes a picture of at least min showing res (nil for
// none).
func (a *artist) illustration(res fyne.Resource, min fyne.Size) *illustration {
	p := &illustration{art: a, res: res, min: min}
	p.raster = canvas.NewRaster(p.paint)
	// A drawing of another size, while the right one is drawn, is
	// scaled by the GPU rather than the CPU.
	p.raster.ScaleMode = canvas.ImageScaleFastest
	p.ExtendBaseWidget(p)
	return p
}

// Resource is what the picture shows, or will once drawn.
func (p *illustration) Resource() fyne.Resource { return p.res }

// SetResource shows res (nil for none). Fyne thread only.
func (p *illustration) SetResource(res fyne.Resource) {
	if res == p.res {
		return
	}
	p.res = res
	p.raster.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (p *illustration) CreateRenderer() fyne.WidgetRenderer {
	r := widget.NewSimpleRenderer(p.raster)
	return &illustrationRenderer{WidgetRenderer: r, min: p.min}
}

// MinSize implements fyne.CanvasObject.
func (p *illustration) MinSize() fyne.Size { return p.min }

type illustrationRenderer struct {
	fyne.WidgetRenderer
	min fyne.Size
}

func (r *illustrationRenderer) MinSize() fyne.Size { return r.min }

// empty is what an illustration paints before it is drawn: one clear
// pixel, made once per artist. Fyne thread.
func (a *artist) empty() image.Image {
	if a.blank == nil {
		a.blank = image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	return a.blank
}

// paint is the raster's generator: the drawing of the resource at w by h
// pixels if the artist has it, else what it has of the same picture (or
// nothing) while it draws it. Fyne thread.
func (p *illustration) paint(w, h int) image.Image {
	if p.res == nil || w < 1 || h < 1 {
		return p.art.empty()
	}
	k := drawingKey{name: p.res.Name(), w: w, h: h}
	if d, ok := p.art.find(k); ok {
		if d.img == nil {
			return p.art.empty() // could not be drawn; said in the log
		}
		return d.img
	}
	if !p.busy {
		p.busy = true
		data := p.res.Content()
		p.art.fetch(func() func() {
			img, err := drawSVG(data, w, h)
			return func() {
				p.busy = false
				if err != nil {
					fmt.Fprintf(p.art.stderr, "illustration %s: %v\n", k.name, err)
				}
				p.art.keep(drawing{key: k, img: img})
				// Paints this drawing, or asks for the size the
				// picture has now.
				p.raster.Refresh()
			}
		})
	}
	if d, ok := p.art.sameName(k.name); ok && d.img != nil {
		return d.img
	}
	return p.art.empty()
}

// drawSVG draws an SVG on w by h pixels, at the largest size of its
// proportions that fits, centred, as Fyne's own SVG images are drawn (the
// same parser and rasteriser). It is safe on any goroutine.
func drawSVG(data []byte, w, h int) (img image.Image, err error) {
	icon, err := oksvg.ReadReplacingCurrentColor(bytes.NewReader(data), "#000000")
	if err != nil {
		return nil, err
	}
	vw, vh := icon.ViewBox.W, icon.ViewBox.H
	if vw <= 0 || vh <= 0 {
		return nil, fmt.Errorf("no size in the SVG's viewBox")
	}
	iw, ih := w, h
	if aspect := vw / vh; float64(w)/float64(h) > aspect {
		iw = max(1, int(float64(h)*aspect))
	} else {
		ih = max(1, int(float64(w)/aspect))
	}
	// Drawn on its own size, then placed: the rasteriser's cost grows
	// with the area it is given, for every shape.
	icon.SetTarget(0, 0, float64(iw), float64(ih))
	rgba := image.NewRGBA(image.Rect(0, 0, iw, ih))
	scanner := rasterx.NewScannerGV(iw, ih, rgba, rgba.Bounds())
	defer func() {
		// The parser accepts some drawings the rasteriser then fails
		// on with a panic: a picture missing is better than a window
		// process gone.
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("drawing failed: %v", r)
		}
	}()
	icon.Draw(rasterx.NewDasher(iw, ih, scanner), 1)
	// NRGBA, as Fyne's textures are.
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	at := image.Pt((w-iw)/2, (h-ih)/2)
	draw.Draw(out, rgba.Bounds().Add(at), rgba, image.Point{}, draw.Src)
	return out, nil
}
