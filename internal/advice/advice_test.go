package advice

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// facts reads the copy of shared/content/cramp-facts.md kept next to the
// tests, so that a source can be checked against the sheet.
func facts(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cramp-facts.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every item says where it comes from: a section that the facts sheet has,
// or an external source with an address. No text without a source.
func TestEveryItemHasASource(t *testing.T) {
	sheet := facts(t)
	var headings []string
	for _, line := range strings.Split(sheet, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			headings = append(headings, h)
		}
	}
	seen := map[ID]bool{}
	for _, it := range All() {
		if it.ID == "" || seen[it.ID] {
			t.Errorf("item %q: empty or repeated ID", it.Text)
		}
		seen[it.ID] = true
		if strings.TrimSpace(it.Text) == "" {
			t.Errorf("%s: no text", it.ID)
		}
		switch s := it.Source; {
		case s.Section != "" && s.Cite != "":
			t.Errorf("%s: both a section and a citation", it.ID)
		case s.Section != "":
			found := false
			for _, h := range headings {
				found = found || strings.HasPrefix(h, s.Section)
			}
			if !found {
				t.Errorf("%s: section %q is not in the facts sheet", it.ID, s.Section)
			}
		case s.Cite != "":
			if !strings.Contains(s.Cite, "https://") {
				t.Errorf("%s: citation %q has no address", it.ID, s.Cite)
			}
		default:
			t.Errorf("%s: %q has no source", it.ID, it.Text)
		}
	}
}

// Every ID constant in this package names an item (a typo would give an
// empty text on screen).
func TestEveryIDHasAnItem(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "advice.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "ID" {
				continue
			}
			for _, v := range vs.Values {
				s, _ := strconv.Unquote(v.(*ast.BasicLit).Value)
				n++
				if Get(ID(s)).Text == "" {
					t.Errorf("ID %q has no item", s)
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("found only %d ID constants: the scan is broken", n)
	}
	for _, list := range [][]ID{UrgentSigns(), DoctorSigns(), SleepTips()} {
		for _, id := range list {
			if Text(id) == "" {
				t.Errorf("list names unknown %q", id)
			}
		}
	}
	for _, tp := range Prevention() {
		if tp.Title == "" || len(tp.Items) == 0 {
			t.Errorf("empty topic %+v", tp)
		}
	}
}

// The wording rules from the design: never a cure or a diagnosis; the two
// levels said plainly, never "promptly" or "soon".
func TestWordingRules(t *testing.T) {
	for _, it := range All() {
		low := strings.ToLower(it.Title + " " + it.Text)
		for _, banned := range []string{"cure", "diagnos", "guarantee", "promptly", " soon", "when convenient"} {
			if strings.Contains(low, banned) {
				t.Errorf("%s: says %q", it.ID, banned)
			}
		}
	}
	if Urgent.Title() != "Get medical help now" || Doctor.Title() != "See your doctor" {
		t.Errorf("levels are %q and %q", Urgent.Title(), Doctor.Title())
	}
	if m := Urgent.Means(); !strings.Contains(m, "today") || !strings.Contains(m, "emergency") {
		t.Errorf("urgent means %q: must say same day and emergency services", m)
	}
	// A clot is named, and a swollen leg is never met with self-care
	// first: the warmth step sends the person to help before anything.
	if !strings.Contains(Text(SignSwelling), "blood clot") {
		t.Error("the swelling sign does not name a blood clot")
	}
	w := Text(ReliefWarmth)
	if !strings.HasPrefix(w, "First: a leg that is swollen") || strings.Contains(strings.ToLower(w), "cold") {
		t.Errorf("warmth step %q: must send a swollen leg to help first, and offer no cold", w)
	}
	if !strings.Contains(Text(SignMedicine), "never just stop") || !strings.Contains(Text(Medicines), "never just stop") {
		t.Error("medicine advice must say never just stop a medicine")
	}
	if len(UrgentSigns()) != 6 || len(DoctorSigns()) != 7 {
		t.Errorf("%d urgent signs, %d reasons to see a doctor; the facts sheet has 6 and 7 (a suspected medicine is urgent, numbness a reason to see a doctor)", len(UrgentSigns()), len(DoctorSigns()))
	}
}

// The facts sheet lists "a suspicion that a medicine causes them" among
// the signs that need medical help now. It is said at that level only:
// the same thing is not also a routine reason to see a doctor.
func TestSuspectedMedicineIsUrgent(t *testing.T) {
	if !slices.Contains(UrgentSigns(), SignMedicine) {
		t.Errorf("urgent signs %v lack %s", UrgentSigns(), SignMedicine)
	}
	for _, id := range DoctorSigns() {
		if strings.Contains(strings.ToLower(Text(id)), "medicine") {
			t.Errorf("reason to see a doctor %s speaks of a medicine: a suspected medicine is urgent", id)
		}
	}
	it := Get(SignMedicine)
	if it.Source.Section != SecDoctor {
		t.Errorf("%s: source %+v, want the facts sheet's %q", it.ID, it.Source, SecDoctor)
	}
	// "Today" is the urgent level's own words (Means), shown with every
	// urgent sign; the sign says not to stop the medicine alone.
	if !strings.Contains(it.Text, "never just stop") || !strings.Contains(Urgent.Means(), "today") {
		t.Errorf("%s: %q must say never just stop a medicine, under a level that says today", it.ID, it.Text)
	}
	sheet := strings.Join(strings.Fields(facts(t)), " ")
	if !strings.Contains(sheet, "when a cramp comes with:") || !strings.Contains(sheet, "- a suspicion that a medicine causes them") {
		t.Error("the facts sheet copy in testdata lacks the urgent medicine line")
	}
}

// Advice wording lives here only: a string literal in another package
// that repeats an advice text (or a level's title) is wording that will
// drift. The packages that show advice are scanned.
func TestNoAdviceWordingElsewhere(t *testing.T) {
	var texts []string
	for _, it := range All() {
		texts = append(texts, it.Text)
		if len(it.Title) >= 20 {
			texts = append(texts, it.Title)
		}
	}
	levels := []string{Urgent.Title(), Doctor.Title()}
	checked := 0
	for _, dir := range []string{"../ui", "../cli", "../relief", "../redflags", "../routine", "../service", "../cramp", "../../cmd/crampcare"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				checked++
				low := strings.ToLower(s)
				for _, l := range levels {
					if strings.Contains(low, strings.ToLower(l)) {
						t.Errorf("%s: %q says the level %q itself; use advice.Level", path, s, l)
					}
				}
				if strings.Contains(low, "promptly") {
					t.Errorf("%s: %q: the levels are 'now' and 'see your doctor', never 'promptly'", path, s)
				}
				if len(s) < 24 {
					return true
				}
				for _, tx := range texts {
					if strings.Contains(tx, s) || (len(tx) >= 24 && strings.Contains(s, tx)) {
						t.Errorf("%s: %q repeats advice wording %q; use the advice package", path, s, tx)
					}
				}
				return true
			})
		}
	}
	if checked < 200 {
		t.Errorf("only %d string literals checked: the scan is broken", checked)
	}
}
