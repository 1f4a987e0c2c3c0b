package ui

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/gen2brain/beeep"

	"github.com/crampcare/crampcare/assets"
	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/routine"
	"github.com/crampcare/crampcare/internal/settings"
	"github.com/crampcare/crampcare/internal/stretch"
)

// stretchView is the guided evening stretch: a start page with the
// choices (rounds, steps), then one step at a time with a picture (mirrored
// for the left leg), the instruction in big type, a countdown and the next
// step named, and at the end "Done for tonight" with the streak.
type stretchView struct {
	// room is the widest the content may be (ui.room).
	room func() float32
	// tr is the language the window speaks, as it was when it opened.
	tr     *l10n.Lang
	choice routine.Choice
	now    func() time.Time
	// picture gives an illustration, mirrored when asked.
	picture func(name string, mirror bool) fyne.Resource
	art     *artist // draws the pictures off the Fyne thread
	sound   bool
	beep    func()

	onChoice func(c routine.Choice)                        // persist the choices
	onFinish func(res routine.Result) (streak, nights int) // record the session
	onAnyway func(res routine.Result) (streak, nights int) // "I did it anyway" after skipping to the end
	onDone   func()                                        // "I did my stretch" without the guide
	onClose  func()
	onHelp   func()

	runner   *routine.Runner
	done     bool // recorded
	lastItem int  // the item whose picture is shown

	stage     *fyne.Container
	position  *widget.Label
	title     *widget.Label
	text      *widget.Label
	phase     *widget.Label
	countdown *widget.Label
	next      *widget.Label
	bar       *widget.ProgressBar
	overall   *stepsBar
	tally     *widget.Label // the overall progress in words (overall.words)
	image     *illustration
	pause     *tallButton
	skip      *tallButton
	back      *tallButton
	stop      *tallButton
	streak    *widget.Label

	rounds [3]*tallButton
	steps  map[string]*tallButton
	start  *tallButton
	// length says how long the routine as chosen takes.
	length *widget.Label
}

func (v *stretchView) build() fyne.CanvasObject {
	v.stage = container.NewStack(v.startPage())
	return container.NewBorder(nil, adviceFooter(v.tr, v.onHelp), nil, nil, container.NewPadded(v.stage))
}

// startPage offers the choices, which persist, and the big Start.
func (v *stretchView) startPage() fyne.CanvasObject {
	tr := v.tr
	roundRow := newFitColumns(3, v.room)
	for i := range v.rounds {
		n := i + 1
		v.rounds[i] = newTallButton(tr.N("{{.Count}} rounds", n), nil, minTarget, func() {
			v.choice.Rounds = n
			v.paintChoice()
		})
		roundRow.Add(v.rounds[i])
	}
	v.steps = map[string]*tallButton{}
	stepGrid := newFitColumns(2, v.room)
	for _, s := range routine.Evening() {
		s := s
		b := newTallButton(s.NameIn(tr), nil, minTarget, func() {
			if s.Optional {
				v.choice.On = flip(v.choice.On, s.ID)
			} else {
				v.choice.Off = flip(v.choice.Off, s.ID)
			}
			v.paintChoice()
		})
		v.steps[s.ID] = b
		stepGrid.Add(b)
	}
	v.start = mainButton(tr.T("Start"), theme.MediaPlayIcon(), v.onStart)
	already := newTallButton(tr.T("I did my stretch already"), theme.ConfirmIcon(), minTarget, v.onDone)
	v.length = body("")
	v.paintChoice()
	return container.NewBorder(nil, container.NewVBox(v.start, already), nil, nil, container.NewVScroll(container.NewVBox(
		heading(tr.T("Evening stretch")),
		v.length,
		subheading(tr.T("Rounds of the calf and hamstring stretches")), roundRow,
		subheading(tr.T("Steps (tap to switch one off or on)")), stepGrid,
	)))
}

func flip(m map[string]bool, id string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[id] = !m[id]
	return m
}

func (v *stretchView) paintChoice() {
	for i, b := range v.rounds {
		setLit(b, v.choice.Rounds == i+1)
	}
	for _, s := range routine.Evening() {
		on := !v.choice.Off[s.ID]
		if s.Optional {
			on = v.choice.On[s.ID]
		}
		setLit(v.steps[s.ID], on)
	}
	if v.length != nil {
		// The real length, get-ready pauses included, of what is chosen.
		v.length.SetText(about(v.tr, routine.Length(routine.Plan(routine.Evening(), v.choice))) + ". " + v.tr.T(advice.Text(advice.EveningNightly)))
	}
	if v.start != nil {
		if len(routine.Plan(routine.Evening(), v.choice)) == 0 {
			v.start.Disable()
		} else {
			v.start.Enable()
		}
	}
}

func (v *stretchView) onStart() {
	tr := v.tr
	v.onChoice(v.choice)
	v.runner = routine.NewRunner(routine.Plan(routine.Evening(), v.choice), v.now())
	v.position = widget.NewLabel("")
	v.title = heading("")
	v.text = widget.NewLabel("")
	v.text.Wrapping = fyne.TextWrapWord
	v.text.SizeName = theme.SizeNameSubHeadingText
	v.phase = subheading("")
	v.countdown = widget.NewLabel("")
	v.countdown.SizeName = countdownSize
	v.countdown.TextStyle.Bold = true
	v.bar = widget.NewProgressBar()
	v.bar.TextFormatter = func() string { return "" }
	v.overall = newStepsBar()
	v.tally = v.overall.words
	v.next = body("")
	v.image = v.art.illustration(nil, fyne.NewSize(240, 240))
	v.pause = mainButton(tr.T("Pause"), theme.MediaPauseIcon(), v.onPause)
	v.back = newTallButton(tr.T("Back"), theme.MediaSkipPreviousIcon(), minTarget, v.onBack)
	v.skip = newTallButton(tr.T("Skip"), theme.MediaSkipNextIcon(), minTarget, v.onSkip)
	v.stop = newTallButton(tr.T("Stop"), theme.MediaStopIcon(), minTarget, v.onStop)
	// The countdown sits beside the title, the instruction right under
	// them: all in view above the buttons at any text size (see fit), the
	// picture beside them only where there is room (see besideLayout).
	// The phase gets what the position leaves of the line, and wraps in
	// it: in an HBox a longer phase ("Colóquese en posición") ran under
	// the countdown.
	head := container.NewBorder(nil, nil, nil, v.countdown, container.NewVBox(container.NewBorder(nil, nil, v.position, nil, v.phase), v.title))
	words := container.NewVBox(head, thin(v.bar), v.text, v.next)
	controls := container.NewVBox(newFitColumns(4, v.room, v.back, v.skip, v.stop, v.pause), v.overall)
	v.show(container.NewBorder(nil, controls, nil, nil, container.New(&besideLayout{side: 0.35, sideMin: 220}, v.image, container.NewVScroll(words))))
	v.lastItem = -1
	v.paint()
}

func (v *stretchView) show(o fyne.CanvasObject) {
	v.stage.Objects = []fyne.CanvasObject{o}
	v.stage.Refresh()
}

// tick follows the clock; the window's ticker calls it every second.
func (v *stretchView) tick() {
	if v.runner == nil || v.done {
		return
	}
	for _, ev := range v.runner.Advance(v.now()) {
		if (ev == routine.EventSwitchSide || ev == routine.EventFinished) && v.sound && v.beep != nil {
			v.beep()
		}
	}
	v.paint()
}

func (v *stretchView) onPause() {
	v.runner.TogglePause(v.now())
	v.paint()
}

func (v *stretchView) onSkip() {
	v.runner.Skip(v.now())
	v.paint()
}

func (v *stretchView) onBack() {
	v.runner.Back(v.now())
	v.paint()
}

func (v *stretchView) onStop() {
	v.runner.Stop(v.now())
	v.paint()
}

// paint shows the runner's state, and the end page when it is over.
func (v *stretchView) paint() {
	st := v.runner.State()
	if st.Phase == routine.Done {
		v.finish()
		return
	}
	tr := v.tr
	rounds := v.choice.Rounds
	v.position.SetText(tr.N("Step {{.Step}} of {{.Count}}", st.Total, l10n.Args{"Step": st.Index + 1}))
	v.title.SetText(st.Item.LabelIn(tr, rounds))
	v.text.SetText(st.Item.Step.TextIn(tr))
	secs := int((st.Left + time.Second - 1) / time.Second)
	switch {
	case st.Paused:
		v.phase.SetText(tr.T("Paused"))
	case st.Phase == routine.Ready:
		v.phase.SetText(tr.T("Get into position"))
	default:
		v.phase.SetText(tr.T(doingWords(st.Item.Step.ID)))
	}
	v.countdown.SetText(fmt.Sprintf("%d:%02d", secs/60, secs%60))
	if st.Phase == routine.Ready {
		v.bar.SetValue(0)
	} else if hold := st.Item.Step.Hold; hold > 0 {
		v.bar.SetValue(1 - float64(st.Left)/float64(hold))
	}
	v.paintProgress(st)
	if st.Next != nil {
		v.next.SetText(tr.T("Next: {{.Step}}", l10n.Args{"Step": st.Next.LabelIn(tr, rounds)}))
	} else {
		v.next.SetText(tr.T("Last one"))
	}
	if st.Paused {
		v.pause.SetText(tr.T("Resume"))
		v.pause.SetIcon(theme.MediaPlayIcon())
	} else {
		v.pause.SetText(tr.T("Pause"))
		v.pause.SetIcon(theme.MediaPauseIcon())
	}
	if st.Index != v.lastItem {
		v.lastItem = st.Index
		// The pictures are drawn for the right leg; mirrored for the left.
		v.image.SetResource(v.picture(st.Item.Step.Picture, st.Item.Side == routine.Left))
	}
}

// finish records the session once and shows the end page.
func (v *stretchView) finish() {
	if v.done {
		return
	}
	v.done = true
	tr := v.tr
	res := v.runner.Result()
	title, msg := tr.T("Done for tonight"), tr.T("Well done. Sleep well.")
	var anyway fyne.CanvasObject = layout.NewSpacer()
	switch {
	case !res.Counts && res.Stopped:
		title = tr.T("Stopped")
		msg = tr.T("That's fine. The calf and hamstring stretches on both legs are the ones that count for tonight.")
	case !res.Counts:
		// Skipped past the last step: the guide did not see the stretches,
		// but the person may have done them at their own pace.
		title = tr.T("You skipped to the end")
		msg = tr.T("If you did the calf and hamstring stretches on both legs anyway, say so and tonight counts.")
	}
	var streak, nights int
	if len(res.Steps) > 0 {
		streak, nights = v.onFinish(res)
	}
	v.streak = subheading(streakText(tr, streak, nights))
	if streak == 0 {
		v.streak.Hide()
	}
	head, words := heading(title), body(msg)
	if !res.Counts && !res.Stopped {
		var b *tallButton
		b = newTallButton(tr.T("I did it anyway"), theme.ConfirmIcon(), mainTarget, func() {
			streak, nights := v.onAnyway(res)
			head.SetText(tr.T("Done for tonight"))
			words.SetText(tr.T("Well done. Sleep well."))
			b.Hide()
			if streak > 0 {
				v.streak.SetText(streakText(tr, streak, nights))
				v.streak.Show()
			}
		})
		anyway = b
	}
	// The sleep set-up tips, for the next few minutes.
	tips := container.NewVBox(subheading(tr.T("Before you sleep")))
	for _, s := range advice.Texts(advice.SleepTips()...) {
		tips.Add(body("•  " + tr.T(s)))
	}
	v.show(container.NewBorder(nil, mainButton(tr.T("Close"), theme.ConfirmIcon(), v.onClose), nil, nil,
		container.NewVScroll(container.NewVBox(head, words, anyway, v.streak, tips))))
}

// about says a length as routine.About does, opening a sentence and in
// tr's language: "About 7 minutes", rounded to the nearest minute, never
// less than one.
func about(tr *l10n.Lang, d time.Duration) string {
	m := max(1, int((d+30*time.Second)/time.Minute))
	return tr.N("About {{.Count}} minutes", m)
}

// streakText says the streak of n nights in a row; nights, all the
// nights with a stretch, tells a first night from a new start after a
// gap, so 36 earlier stretches are never called a first night.
func streakText(tr *l10n.Lang, n, nights int) string {
	switch {
	case n == 1 && nights <= 1:
		return tr.T("Your first night of stretching. Keep it up tomorrow.")
	case n == 1:
		return tr.N("You stretched tonight, {{.Count}} nights in all. Keep it up tomorrow.", nights)
	default:
		return tr.N("{{.Count}} nights in a row.", n)
	}
}

// doingWords is what the countdown of a step asks for: a stretch is held,
// but ankles circle, toes flex and a massage goes on.
func doingWords(step string) string {
	switch step {
	case "ankles":
		return l10n.Mark("Keep circling, slowly")
	case "toes":
		return l10n.Mark("Keep flexing, gently")
	case "massage":
		return l10n.Mark("Keep massaging")
	default:
		return l10n.Mark("Hold it, gently")
	}
}

// paintProgress shows every step of the routine as done, skipped, the
// current one or still to come, and says the counts in words.
func (v *stretchView) paintProgress(st routine.State) {
	states := make([]segment, st.Total)
	done := v.runner.Done()
	for i := range states {
		switch {
		case i == st.Index:
			states[i] = segCurrent
		case done[i]:
			states[i] = segDone
		case i < st.Index:
			states[i] = segSkipped
		}
	}
	v.overall.set(states)
	toGo := st.Total - st.Completed - st.Skipped
	words := v.tr.T("{{.Done}} done, {{.ToGo}} to go", l10n.Args{"Done": st.Completed, "ToGo": toGo})
	if st.Skipped > 0 {
		words = v.tr.T("{{.Done}} done, {{.Skipped}} skipped, {{.ToGo}} to go", l10n.Args{"Done": st.Completed, "Skipped": st.Skipped, "ToGo": toGo})
	}
	v.tally.SetText(words)
}

// mirrorSVG flips an illustration left to right, so one drawing serves
// both legs: it wraps the drawing in a group with a mirroring transform
// across the 512-unit viewBox.
func mirrorSVG(svg []byte) []byte {
	open := bytes.Index(svg, []byte("<svg"))
	if open < 0 {
		return svg
	}
	start := bytes.IndexByte(svg[open:], '>')
	end := bytes.LastIndex(svg, []byte("</svg>"))
	if start < 0 || end < 0 {
		return svg
	}
	start += open + 1
	var b bytes.Buffer
	b.Write(svg[:start])
	b.WriteString(`<g transform="matrix(-1 0 0 1 512 0)">`)
	b.Write(svg[start:end])
	b.WriteString("</g>")
	b.Write(svg[end:])
	return b.Bytes()
}

// openStretch opens the guided evening stretch, or brings it forward.
// "go" (the tray's "Start evening stretch") starts at once with the saved
// choices; otherwise the choices are shown first. Space pauses, the arrows
// skip and go back, Escape stops, or closes once stopped.
func (u *ui) openStretch(how string) *stretchView {
	if w := u.raise("stretch"); w != nil {
		return w.view.(*stretchView)
	}
	w := u.newWindow("stretch", u.lang.T(TitleStretch), fyne.NewSize(760, 680), nil)
	v := u.newStretchView(w)
	w.view = v
	w.SetContent(v.build())
	if how == "go" {
		v.onStart()
	}
	stop := u.pace.every(time.Second, v.tick)
	w.SetOnClosed(func() {
		stop()
		delete(u.windows, "stretch")
	})
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if v.runner == nil || v.done {
			if k.Name == fyne.KeyEscape {
				w.Close()
			}
			return
		}
		switch k.Name {
		case fyne.KeySpace:
			v.onPause()
		case fyne.KeyRight:
			v.onSkip()
		case fyne.KeyLeft:
			v.onBack()
		case fyne.KeyEscape:
			v.onStop()
		}
	})
	u.present(w)
	return v
}

// newStretchView builds the guided stretch with the user's saved choices.
func (u *ui) newStretchView(w fyne.Window) *stretchView {
	ctx := context.Background()
	items, err := u.diary.Settings(ctx)
	if err != nil {
		u.report(err)
	}
	vals := map[string]string{}
	for _, it := range items {
		vals[it.Key] = it.Value
	}
	vs := settings.Resolve(vals)
	choice := routine.Choice{Rounds: vs.StretchRounds(), Off: map[string]bool{}, On: map[string]bool{"massage": vs.StretchMassage()}}
	for _, id := range vs.StretchSkip() {
		choice.Off[id] = true
	}
	// record keeps a session and reads the streak and the nights with a
	// stretch (over ten years, so a long diary is counted whole).
	record := func(s stretch.Session) (streak, nights int) {
		if _, err := u.diary.StretchDone(ctx, s); err != nil {
			u.report(err)
			return 0, 0
		}
		list, err := u.diary.Stretches(ctx, u.now().AddDate(-10, 0, 0))
		if err != nil {
			return 0, 0
		}
		return stretch.Streak(list, u.now()), stretch.Nights(list, u.now())
	}
	return &stretchView{
		room:    u.room,
		tr:      u.lang,
		choice:  choice,
		now:     u.now,
		picture: u.mirroredPicture,
		art:     u.art,
		sound:   vs.StretchSound(),
		// beeep sounds the PC speaker, or the terminal bell where there is
		// none; it blocks for the tone, so off the Fyne thread.
		beep: func() { go func() { _ = beeep.Beep(660, 250) }() },
		onChoice: func(c routine.Choice) {
			var off []string
			for _, id := range settings.SkippableSteps() {
				if c.Off[id] {
					off = append(off, id)
				}
			}
			for k, val := range map[string]string{
				settings.StretchRounds:  strconv.Itoa(c.Rounds),
				settings.StretchSkip:    strings.Join(off, ","),
				settings.StretchMassage: strconv.FormatBool(c.On["massage"]),
			} {
				if vals[k] != val {
					if _, err := u.diary.SetSetting(ctx, k, val); err != nil {
						u.report(err)
					}
				}
			}
		},
		onFinish: func(res routine.Result) (int, int) {
			return record(stretch.Session{Start: res.Start, End: res.End, Source: stretch.SourceGuided,
				Steps: res.Steps, Rounds: res.Rounds, Partial: !res.Counts})
		},
		onAnyway: func(res routine.Result) (int, int) {
			// The person's word: the evening's stretch, done at their pace.
			return record(stretch.Session{Start: res.Start, End: res.End, Source: stretch.SourceWindow})
		},
		onDone:  func() { u.onStretched(); w.Close() },
		onClose: w.Close,
		onHelp:  func() { u.show("help") },
	}
}

// mirroredPicture is picture, flipped left to right when mirror is set.
func (u *ui) mirroredPicture(name string, mirror bool) fyne.Resource {
	data, err := assets.Illustration(name)
	if err != nil {
		fmt.Fprintf(u.stderr, "illustration %s: %v\n", name, err)
		return nil
	}
	if mirror {
		return themedPicture(u.app, name+"-mirrored.svg", mirrorSVG(data))
	}
	return themedPicture(u.app, name+".svg", data)
}

// segment is the state of one step in the overall progress.
type segment int

// The states of a step.
const (
	segToCome segment = iota
	segDone
	segSkipped
	segCurrent
)

func (s segment) String() string {
	return [...]string{"to come", "done", "skipped", "current"}[s]
}

// stepsBar is the routine's overall progress, one short bar per step:
// filled in the accent when done, a grey bar when skipped, outlined in the
// accent for the current one, a thin outline for those to come. Fyne's
// progress bar, a grey box with "0%" in it, looked like a disabled button
// and could not tell skipped from done.
type stepsBar struct {
	widget.BaseWidget
	states []segment
	row    *fyne.Container
	// words say the counts beside the bar: "1 done, 8 skipped, 1 to go".
	words *widget.Label
	box   *fyne.Container
}

func newStepsBar() *stepsBar {
	b := &stepsBar{row: container.New(&segmentsLayout{}), words: widget.NewLabel("")}
	// The words beside the bars, not under them: at large text the line
	// they took pushed the step's "Next: ..." out of view.
	b.box = container.NewBorder(nil, nil, nil, b.words, container.NewVBox(layout.NewSpacer(), b.row, layout.NewSpacer()))
	b.ExtendBaseWidget(b)
	return b
}

// set shows states, one per step.
func (b *stepsBar) set(states []segment) {
	if slices.Equal(b.states, states) {
		return
	}
	b.states = states
	b.Refresh()
}

// fill is the colour a step in state s is filled with.
func (b *stepsBar) fill(s segment) color.Color {
	switch s {
	case segDone:
		return theme.ColorForWidget(theme.ColorNamePrimary, b)
	case segSkipped:
		return theme.ColorForWidget(theme.ColorNameInputBorder, b)
	default:
		return color.Transparent
	}
}

// stroke is the colour of a step's outline.
func (b *stepsBar) stroke(s segment) color.Color {
	switch s {
	case segCurrent:
		return theme.ColorForWidget(theme.ColorNamePrimary, b)
	case segToCome:
		return theme.ColorForWidget(theme.ColorNameInputBorder, b)
	default:
		return color.Transparent
	}
}

// CreateRenderer implements fyne.Widget.
func (b *stepsBar) CreateRenderer() fyne.WidgetRenderer {
	r := &stepsBarRenderer{b: b}
	r.Refresh()
	return r
}

type stepsBarRenderer struct{ b *stepsBar }

func (r *stepsBarRenderer) Destroy()                     {}
func (r *stepsBarRenderer) Layout(s fyne.Size)           { r.b.box.Resize(s) }
func (r *stepsBarRenderer) MinSize() fyne.Size           { return r.b.box.MinSize() }
func (r *stepsBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.box} }

func (r *stepsBarRenderer) Refresh() {
	b := r.b
	for len(b.row.Objects) < len(b.states) {
		b.row.Objects = append(b.row.Objects, canvas.NewRectangle(color.Transparent))
	}
	b.row.Objects = b.row.Objects[:len(b.states)]
	for i, s := range b.states {
		rect := b.row.Objects[i].(*canvas.Rectangle)
		rect.FillColor, rect.StrokeColor = b.fill(s), b.stroke(s)
		rect.StrokeWidth = 2
		if s == segCurrent {
			rect.StrokeWidth = 3
		}
		rect.CornerRadius = 4
	}
	b.row.Refresh()
}

// segmentsLayout puts its objects side by side, of equal width with a gap.
type segmentsLayout struct{}

func (segmentsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 16) }

func (segmentsLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	if len(objs) == 0 {
		return
	}
	const gap = 4
	w := (s.Width - gap*float32(len(objs)-1)) / float32(len(objs))
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i)*(w+gap), 0))
		o.Resize(fyne.NewSize(w, s.Height))
	}
}
