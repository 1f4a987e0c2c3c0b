package report

import (
	"strings"
	"testing"

	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// Issue 17: the report speaks the person's language, its headings and
// sentences and its dates, and the PDF's font prints the letters of
// German, Spanish and French as they are (pdftotext reads them back).
func TestReportInEveryLanguage(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"de", []string{"Tagebuch der Beinkrämpfe", "Wie lange dauern sie?", "Gewohnheiten", "Zeitraum:", "November 2026", "Seite 1 von", "Jürgen Weiß", "Größe"}},
		{"es", []string{"Diario de calambres en las piernas", "¿Cuánto duran?", "Hábitos", "noviembre", "Página 1 de", "Niño Peña"}},
		{"fr", []string{"Journal des crampes aux jambes", "Combien de temps durent-elles ?", "Habitudes", "novembre", "Page 1 sur", "Hélène Garçon à Noël"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			p := year()
			p.Lang = l10n.New(l10n.Prefs{Language: c.lang}, "")
			p.Patient = settings.Patient{Name: "Jürgen Weiß, Niño Peña, Hélène Garçon à Noël", Medicines: []string{"Größe ä ö ü ß é è à ç ñ"}}
			p.Patient.Conditions = nil
			text, _ := pdfText(t, p)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("report in %s lacks %q", c.lang, w)
				}
			}
			for _, english := range []string{"Leg cramp diary", QDuration, "Habits", "Every cramp in the period"} {
				if strings.Contains(text, english) {
					t.Errorf("report in %s still says %q", c.lang, english)
				}
			}
		})
	}
	// Every letter the languages need comes back as it was written.
	p := year()
	p.Patient = settings.Patient{Name: "äöüß ÄÖÜ éèàçñ ÉÈÀÇÑ œ ¿¡ „“ « »", Medicines: []string{"x"}}
	text, _ := pdfText(t, p)
	if !strings.Contains(text, "äöüß ÄÖÜ éèàçñ ÉÈÀÇÑ œ ¿¡ „“ « »") {
		t.Errorf("the PDF does not print every letter: %.300s", text)
	}
}
