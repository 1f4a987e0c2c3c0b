package agent

import (
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/reminders"
	"github.com/crampcare/crampcare/internal/schedule"
)

// sayReminder words a reminder's notification in the person's language
// as it is sent (schedule's Lines and Actions, in English, say the same).
func (a *agent) sayReminder(r schedule.Reminder) reminders.Words {
	return reminderWords(a.tr(), r)
}

// sayTest is the test notification in the person's language.
func (a *agent) sayTest() (title, body string) {
	tr := a.tr()
	return tr.T("CrampCare test"), tr.T("Reminders will look like this.")
}

func reminderWords(tr *l10n.Lang, r schedule.Reminder) reminders.Words {
	w := reminders.Words{Labels: map[string]string{
		schedule.ActDrink:        tr.T("I drank a glass"),
		schedule.ActDrinkLater:   tr.T("Later"),
		schedule.ActStretch:      tr.T("Start the stretch"),
		schedule.ActStretched:    tr.T("Done"),
		schedule.ActStretchLater: tr.T("In 10 minutes"),
	}}
	switch r.Kind {
	case schedule.Hydration:
		w.Title = tr.T("Time for a glass of water")
		w.Lead = tr.N("{{.Glasses}} of {{.Count}} glasses today.", r.Goal, l10n.Args{"Glasses": r.Glasses})
		w.Where = tr.T("When you drink, click \"I drank a glass of water\" in the CrampCare tray menu.")
		if r.NearBedtime {
			w.Lead = tr.N("{{.Glasses}} of {{.Count}} glasses today. Drink now rather than late in the evening: the reminders stop before bedtime.", r.Goal, l10n.Args{"Glasses": r.Glasses})
			w.Where = ""
		}
	case schedule.Stretch:
		w.Title = tr.T("Time for your evening stretch")
		w.Lead = tr.T("Five minutes of stretching before bed may help prevent night cramps.")
		w.Where = tr.T("Choose \"Start evening stretch\" in the CrampCare tray menu.")
	case schedule.StretchFollowUp:
		w.Title = tr.T("Your evening stretch is still waiting")
		w.Lead = tr.T("A few minutes now may spare you a cramp tonight.")
		w.Where = tr.T("Choose \"Start evening stretch\" in the CrampCare tray menu, or \"I stretched\" if you did.")
	}
	return w
}
