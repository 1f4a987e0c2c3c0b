package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/crampcare/crampcare/internal/advice"
	"github.com/crampcare/crampcare/internal/diary"
	"github.com/crampcare/crampcare/internal/l10n"
	"github.com/crampcare/crampcare/internal/settings"
)

// forDoctorFields name the "For my doctor" settings on the command line
// (crampcare for-doctor clear medicines), in the order shown.
func forDoctorFields() []struct{ name, key string } {
	return []struct{ name, key string }{
		{"name", settings.PatientName},
		{"born", settings.PatientBorn},
		{"cramps-since", settings.PatientSince},
		{"medicines", settings.PatientMedicines},
		{"conditions", settings.PatientConditions},
	}
}

// runForDoctor shows or changes the optional "For my doctor" part: set
// changes only the fields given (a list given replaces the list), clear
// empties the fields named, or all. Every value is checked before any is
// written, so a bad one leaves everything as it was.
func runForDoctor(ctx context.Context, r *runner, args []string) error {
	fs := r.flags("for-doctor")
	name := fs.String("name", "", "your name, as the report should show it")
	born := fs.String("born", "", "your date of birth, like 1950-03-14")
	since := fs.String("cramps-since", "", "the month and year the cramps started, like 2024-03")
	var meds, conds listFlag
	fs.Var(&meds, "medicine", "a medicine you take, with its dose if you like; repeatable (the ones given replace the list)")
	var names []string
	for _, c := range settings.Conditions() {
		names = append(names, c.Name)
	}
	fs.Var(&conds, "condition", "a condition you have ("+strings.Join(names, ", ")+"); repeatable (the ones given replace the list)")
	sub := "show"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	if err := r.parse(fs, args); err != nil {
		return err
	}
	now := r.env.Now()
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	delete(given, "data-dir")
	changes := map[string]string{}
	switch sub {
	case "show":
		if len(given) > 0 || fs.NArg() > 0 {
			return usageError{r.tr.T("show takes nothing more; to change something, use: crampcare for-doctor set --name ...")}
		}
	case "set":
		if fs.NArg() > 0 {
			return usageError{r.tr.T("{{.Value}} is not a flag of set; values follow their flag, like --name \"Anna Schmidt\"", l10n.Args{"Value": strconv.Quote(fs.Arg(0))})}
		}
		for _, f := range []struct {
			flag, key string
			value     *string
		}{{"name", settings.PatientName, name}, {"born", settings.PatientBorn, born}, {"cramps-since", settings.PatientSince, since}} {
			if given[f.flag] {
				changes[f.key] = *f.value
			}
		}
		if given["medicine"] {
			changes[settings.PatientMedicines] = strings.Join(meds, ";")
		}
		if given["condition"] {
			changes[settings.PatientConditions] = strings.Join(conds, ",")
		}
		if len(changes) == 0 {
			return usageError{r.tr.T("say what to set, like: crampcare for-doctor set --cramps-since 2024-03 --medicine \"Ramipril 5 mg\"")}
		}
	case "clear":
		if len(given) > 0 {
			return usageError{r.tr.T("clear takes field names, not flags: name, born, cramps-since, medicines or conditions")}
		}
		fields := fs.Args()
		if len(fields) == 0 {
			for _, f := range forDoctorFields() {
				fields = append(fields, f.name)
			}
		}
		for _, n := range fields {
			key := ""
			for _, f := range forDoctorFields() {
				if f.name == n {
					key = f.key
				}
			}
			if key == "" {
				return usageError{fmt.Sprintf("%q is not a field; use name, born, cramps-since, medicines or conditions", n)}
			}
			changes[key] = ""
		}
	default:
		return usageError{r.tr.T("use: crampcare for-doctor [show] | set [flags] | clear [FIELD]...")}
	}
	// All checked before any is written.
	for key, v := range changes {
		if _, err := settings.NormalizeAt(key, v, now); err != nil {
			return err
		}
	}
	return r.withDiary(func(d diary.Diary) error {
		for _, f := range forDoctorFields() {
			if v, ok := changes[f.key]; ok {
				if _, err := d.SetSetting(ctx, f.key, v); err != nil {
					return err
				}
			}
		}
		items, err := d.Settings(ctx)
		if err != nil {
			return err
		}
		stored := map[string]string{}
		for _, it := range items {
			stored[it.Key] = it.Value
		}
		printPatient(r.env.Stdout, r.tr, settings.Resolve(stored).Patient())
		return nil
	})
}

// printPatient shows the "For my doctor" part as the report will use it.
func printPatient(w io.Writer, tr *l10n.Lang, p settings.Patient) {
	dom := func(s string) string { return tr.T(s) }
	or := func(s string) string {
		if s == "" {
			return tr.T("not given")
		}
		return s
	}
	born := ""
	if !p.Born.IsZero() {
		born = tr.Date(p.Born, "2 January 2006")
	}
	var conds []string
	for _, c := range p.Conditions {
		conds = append(conds, dom(settings.ConditionLabel(c)))
	}
	since := ""
	if !p.Since.IsZero() {
		since = dom(p.Since.Words())
	}
	labels := []string{tr.T("Name:"), tr.T("Date of birth:"), tr.T("Cramps began:"), tr.T("Medicines:"), tr.T("Conditions:")}
	width := 0
	for _, l := range labels {
		width = max(width, len([]rune(l))+2)
	}
	indent := "\n" + strings.Repeat(" ", width)
	for i, v := range []string{p.Name, born, since, strings.Join(p.Medicines, indent), strings.Join(conds, indent)} {
		fmt.Fprintf(w, "%s%s\n", pad(labels[i], width), or(v))
	}
	if p.Has(settings.CondPregnancy) {
		fmt.Fprintf(w, "\n%s\n", dom(advice.Text(advice.Pregnancy)))
	}
	fmt.Fprintln(w, "\n"+tr.T("All of it is optional. It goes on the report for your doctor (crampcare report) and nowhere else."))
}
