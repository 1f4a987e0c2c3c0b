package agent

import (
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/reminders"
	"github.com/crampcare/crampcare/internal/schedule"
)

// sayReminder words a reminder's notification in the person's language
// as it is sent: schedule's words and buttons, in the agent's language.
func (a *agent) sayReminder(r schedule.Reminder) reminders.Words {
	return reminderWords(a.tr(), r)
}

// sayTest is the test notification in the person's language.
func (a *agent) sayTest() (title, body string) {
	tr := a.tr()
	return tr.T("CrampCare test"), tr.T("Reminders will look like this.")
}

// reminderWords is what schedule says of r (LinesIn) and its buttons'
// labels, in tr's language.
func reminderWords(tr *l10n.Lang, r schedule.Reminder) reminders.Words {
	w := reminders.Words{Labels: map[string]string{}}
	w.Title, w.Lead, w.Where = r.LinesIn(tr)
	for _, a := range r.Actions() {
		w.Labels[a.Key] = tr.T(a.Label)
	}
	return w
}
