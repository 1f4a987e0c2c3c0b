package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// fitColumns lays its objects out as Fyne's grid does, in up to cols
// equal columns, but in only as many as fit in room: a row of buttons
// whose labels are long (German, Spanish and French run up to a third
// longer than English, and 200 % text doubles them) stacks into two rows
// rather than pushing the window past the screen's edge. room is the
// widest the content may be (ui.room); nil means no limit.
type fitColumns struct {
	cols int
	room func() float32
}

// newFitColumns is container.NewGridWithColumns(cols, objs...) that
// stacks what does not fit in room.
func newFitColumns(cols int, room func() float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&fitColumns{cols: cols, room: room}, objs...)
}

// columns is how many columns the visible objects take, and the size of
// one cell: the largest of their minimum sizes.
func (f *fitColumns) columns(objs []fyne.CanvasObject) (cols, n int, cell fyne.Size) {
	for _, o := range objs {
		if o.Visible() {
			cell = cell.Max(o.MinSize())
			n++
		}
	}
	cols = max(1, min(f.cols, n))
	if f.room == nil {
		return cols, n, cell
	}
	pad, room := theme.Padding(), f.room()
	for cols > 1 && float32(cols)*cell.Width+float32(cols-1)*pad > room {
		cols--
	}
	return cols, n, cell
}

// MinSize implements fyne.Layout.
func (f *fitColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	cols, n, cell := f.columns(objs)
	if n == 0 {
		return fyne.Size{}
	}
	rows := int(math.Ceil(float64(n) / float64(cols)))
	pad := theme.Padding()
	return fyne.NewSize(float32(cols)*cell.Width+float32(cols-1)*pad, float32(rows)*cell.Height+float32(rows-1)*pad)
}

// Layout implements fyne.Layout: cells of equal width filling the width,
// rows of equal height filling the height, left to right, top down.
func (f *fitColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	cols, n, _ := f.columns(objs)
	if n == 0 {
		return
	}
	rows := int(math.Ceil(float64(n) / float64(cols)))
	pad := theme.Padding()
	w := (size.Width - float32(cols-1)*pad) / float32(cols)
	h := (size.Height - float32(rows-1)*pad) / float32(rows)
	i := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		r, c := i/cols, i%cols
		o.Move(fyne.NewPos(float32(c)*(w+pad), float32(r)*(h+pad)))
		o.Resize(fyne.NewSize(w, h))
		i++
	}
}

// roomMargin is what lies around a row of buttons inside a window: the
// window's and the page's padding and a scroll bar.
const roomMargin = 48

// room is the widest a window's content may be: the screen's work area
// (at the canvas scale of the windows open) less roomMargin. Rows of
// buttons (fitColumns) stack when they would need more.
func (u *ui) room() float32 {
	sc := float32(1)
	for _, w := range u.windows {
		if s := w.Canvas().Scale(); s > 0 {
			sc = s
		}
		break
	}
	return u.workArea(sc).Width - roomMargin
}
