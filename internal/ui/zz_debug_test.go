package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/crampcare/crampcare/internal/settings"
)

func TestZZWide(t *testing.T) {
	for _, lang := range []string{"es"} {
		u, _ := newTestUI(t, day)
		u.workArea = func(float32) fyne.Size { return fyne.NewSize(1366, 768) }
		u.diary.SetSetting(context.Background(), settings.UIScale, "2")
		u.diary.SetSetting(context.Background(), settings.Language, lang)
		u.loadStatus()
		for _, name := range []string{"settings", "stretch"} {
			u.show(name)
			w := u.windows[name]
			var rec func(o fyne.CanvasObject, depth int)
			rec = func(o fyne.CanvasObject, depth int) {
				if o.MinSize().Width > 1250 {
					fmt.Printf("%s %s %d: %.0f %T %q\n", lang, name, depth, o.MinSize().Width, o, textOf(o))
				}
				if c, ok := o.(*fyne.Container); ok {
					for _, x := range c.Objects {
						rec(x, depth+1)
					}
				}
			}
			fmt.Println("content", w.Content().MinSize())
			walk(w.Content(), func(o fyne.CanvasObject) {
				if o.MinSize().Width > 1250 {
					fmt.Printf("%s %s: %.0f %T %q\n", lang, name, o.MinSize().Width, o, textOf(o))
				}
			})
		}
	}
}
