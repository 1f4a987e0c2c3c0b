// Package advice is the one source of the app's health wording: when to get
// help (two levels), the relief steps, the evening stretch, and how to
// prevent cramps. The help screen, the cards, the relief and stretch
// windows, the details form and the CLI all take their words from here, so
// they cannot drift apart.
//
// Every item carries its Source: a section of the facts sheet
// (shared/content/cramp-facts.md; a copy in testdata, which the tests check
// the sections against), or an external source cited by name and address
// where the facts sheet asks for one. The app helps with self-care and
// never diagnoses.
package advice

import "github.com/crampcare/crampcare/internal/l10n"

// Source says where a piece of advice comes from: a section of the facts
// sheet, or an external source cited by name and address. Exactly one is
// set.
type Source struct {
	Section string `json:"section,omitempty"`
	Cite    string `json:"cite,omitempty"`
}

// The facts-sheet sections advice comes from (the start of each "##"
// heading).
const (
	SecWhat      = "What a cramp is"
	SecTriggers  = "Triggers and risk factors"
	SecRelief    = "Quick relief while a cramp is happening"
	SecEvening   = "Prevention routine before bed"
	SecHydration = "Hydration"
	SecSleep     = "Sleep set-up tips"
	SecDoctor    = "When to see a doctor"
	SecTone      = "Tone"
)

// External sources, for what the facts sheet leaves to a cited source.
const (
	// CiteStretches backs the stretches for the thigh and the foot, which
	// the facts sheet lists as common physiotherapy practice to cite.
	CiteStretches = `NHS, "Leg cramps" (https://www.nhs.uk/conditions/leg-cramps/): stretch and massage the muscle; ` +
		`Mayo Clinic, "Stretching: Focus on flexibility" (https://www.mayoclinic.org/healthy-lifestyle/fitness/in-depth/stretching/art-20047931): ` +
		`the standard hamstring, quadriceps and plantar stretches`
	// CiteInfection backs the examples of signs of infection, which the
	// facts sheet's sources do not name.
	CiteInfection = `NHS, "Cellulitis" (https://www.nhs.uk/conditions/cellulitis/): skin that turns red, hot, swollen and painful; a high temperature`
)

// ID names one piece of advice.
type ID string

// Item is one piece of advice: an optional title, the text, and where it
// comes from.
type Item struct {
	ID     ID
	Title  string
	Text   string
	Source Source
}

// The IDs of every item.
const (
	Disclaimer ID = "disclaimer"
	Emergency  ID = "emergency"

	UrgentTitle ID = "level-urgent"
	UrgentMeans ID = "level-urgent-means"
	DoctorTitle ID = "level-doctor"
	DoctorMeans ID = "level-doctor-means"

	SignSwelling  ID = "sign-swelling"
	SignSkin      ID = "sign-skin"
	SignInfection ID = "sign-infection"
	SignWeakness  ID = "sign-weakness"
	SignPain      ID = "sign-pain"
	SignMedicine  ID = "sign-medicine"

	DocOften     ID = "doctor-often"
	DocWorse     ID = "doctor-worse"
	DocNoBetter  ID = "doctor-no-better"
	DocSleep     ID = "doctor-sleep"
	DocSudden    ID = "doctor-sudden"
	DocCondition ID = "doctor-condition"
	DocNumb      ID = "doctor-numb"
	DocLong      ID = "doctor-long"
	DocPain      ID = "doctor-pain"

	StretchCalf       ID = "relief-stretch-calf"
	StretchThighBack  ID = "relief-stretch-thigh-back"
	StretchThighFront ID = "relief-stretch-thigh-front"
	StretchFoot       ID = "relief-stretch-foot"
	ReliefMassage     ID = "relief-massage"
	ReliefStand       ID = "relief-stand"
	ReliefStandCalf   ID = "relief-stand-calf"
	ReliefWarmth      ID = "relief-warmth"
	ReliefKeepGoing   ID = "relief-keep-going"
	ReliefLong        ID = "relief-long"
	AfterWater        ID = "after-water"
	AfterSore         ID = "after-sore"
	AfterPainRelief   ID = "after-pain-relief"

	EveningCalf      ID = "evening-calf"
	EveningHamstring ID = "evening-hamstring"
	EveningAnkles    ID = "evening-ankles"
	EveningToes      ID = "evening-toes"
	EveningMassage   ID = "evening-massage"
	EveningNightly   ID = "evening-nightly"

	SleepToes     ID = "sleep-toes"
	SleepBlankets ID = "sleep-blankets"
	SleepPillow   ID = "sleep-pillow"
	SleepShower   ID = "sleep-shower"

	DrinkSteadily ID = "drink-steadily"
	DrinkMore     ID = "drink-more"
	DrinkUrine    ID = "drink-urine"
	DrinkTaper    ID = "drink-taper"
	MoveByDay     ID = "move-by-day"
	MoveNotLate   ID = "move-not-late"
	Medicines     ID = "medicines"
	Supplements   ID = "supplements"
	RestlessLegs  ID = "restless-legs"
	Pregnancy     ID = "pregnancy"
)

// All is every piece of advice the app shows.
func All() []Item {
	fact := func(sec string) Source { return Source{Section: sec} }
	cite := func(c string) Source { return Source{Cite: c} }
	return []Item{
		{ID: Disclaimer, Text: l10n.Mark("CrampCare helps with self-care. It is not medical advice."), Source: fact(SecTone)},
		{ID: Emergency, Text: l10n.Mark("In an emergency, call your local emergency number."), Source: fact(SecDoctor)},

		// The two levels: the sources say "immediate medical attention"
		// for the first; the facts sheet asks for same day, never "when
		// convenient".
		{ID: UrgentTitle, Text: l10n.Mark("Get medical help now"), Source: fact(SecDoctor)},
		{ID: UrgentMeans, Text: l10n.Mark("Do not wait for an appointment: today, go to urgent care or an emergency department, or call your local emergency number."), Source: fact(SecDoctor)},
		{ID: DoctorTitle, Text: l10n.Mark("See your doctor"), Source: fact(SecDoctor)},
		{ID: DoctorMeans, Text: l10n.Mark("Make an appointment with your doctor. It does not have to be today."), Source: fact(SecDoctor)},

		// Get medical help now when a cramp comes with:
		{ID: SignSwelling, Text: l10n.Mark("A leg that is clearly swollen, red or warm can mean a blood clot."), Source: fact(SecDoctor)},
		{ID: SignSkin, Text: l10n.Mark("The skin of the leg is pale, cold or bluish. This can mean poor circulation."), Source: fact(SecDoctor)},
		{ID: SignInfection, Text: l10n.Mark("There are signs of infection, such as skin that turns red, hot, swollen and painful, or a high temperature (fever)."), Source: cite(CiteInfection)},
		{ID: SignWeakness, Text: l10n.Mark("The leg muscles are weak."), Source: fact(SecDoctor)},
		{ID: SignPain, Text: l10n.Mark("The pain is severe and stretching does not ease it, or the cramp does not go away. Most cramps are over within about 10 minutes."), Source: fact(SecDoctor)},
		// The facts sheet lists a suspected medicine among the reasons to
		// get help now; its routine "may be a side effect of a medicine"
		// is not said as well, so the urgent level is never softened.
		{ID: SignMedicine, Text: l10n.Mark("You suspect a medicine causes them; never just stop it."), Source: fact(SecDoctor)},

		// See your doctor when cramps:
		{ID: DocOften, Text: l10n.Mark("Cramps come often: several times a week, or every night."), Source: fact(SecDoctor)},
		{ID: DocWorse, Text: l10n.Mark("They are severe, getting worse, or last unusually long."), Source: fact(SecDoctor)},
		{ID: DocNoBetter, Text: l10n.Mark("Stretching, drinking enough and other changes do not help."), Source: fact(SecDoctor)},
		{ID: DocSleep, Text: l10n.Mark("They badly disturb your sleep or your day."), Source: fact(SecDoctor)},
		{ID: DocSudden, Text: l10n.Mark("They started suddenly with no clear reason."), Source: fact(SecDoctor)},
		{ID: DocCondition, Text: l10n.Mark("You have diabetes or poor circulation in the legs (peripheral artery disease)."), Source: fact(SecDoctor)},
		{ID: DocNumb, Text: l10n.Mark("You feel numbness or tingling with the cramps. A doctor can check your nerves and circulation."), Source: fact(SecDoctor)},
		// The diary rules' own explanations.
		{ID: DocLong, Text: l10n.Mark("Most cramps are over within about 10 minutes; one that lasts much longer is worth telling your doctor about."), Source: fact(SecWhat)},
		{ID: DocPain, Text: l10n.Mark("Severe cramps that keep coming are worth a doctor's look."), Source: fact(SecDoctor)},

		// While a cramp is happening. The calf stretch and the other steps
		// are from the facts sheet; the stretches for the thigh and the
		// foot are common physiotherapy practice, cited.
		{ID: StretchCalf, Title: l10n.Mark("Stretch the calf"), Text: l10n.Mark("Straighten your leg. Pull your foot and toes up toward your shin, gently. Hold until the muscle lets go."), Source: fact(SecRelief)},
		{ID: StretchThighBack, Title: l10n.Mark("Stretch the back of the thigh"), Text: l10n.Mark("Sit with the leg straight out in front of you. Reach gently toward your toes until you feel the back of the thigh stretch. Hold until the muscle lets go."), Source: cite(CiteStretches)},
		{ID: StretchThighFront, Title: l10n.Mark("Stretch the front of the thigh"), Text: l10n.Mark("Stand with one hand on a wall or a chair. Bend the knee and pull your foot gently toward your bottom. Hold until the muscle lets go."), Source: cite(CiteStretches)},
		{ID: StretchFoot, Title: l10n.Mark("Stretch the foot"), Text: l10n.Mark("Pull your toes back toward your shin with your hand. Hold until the muscle lets go, then stand on the foot if you can."), Source: cite(CiteStretches)},
		{ID: ReliefMassage, Title: l10n.Mark("Massage it"), Text: l10n.Mark("Knead the hard muscle with both hands, firmly, in small circles."), Source: fact(SecRelief)},
		{ID: ReliefStand, Title: l10n.Mark("Stand or walk, if you can"), Text: l10n.Mark("If you can, stand up and put your weight on that leg, or walk a few steps. This may keep the cramp from coming back."), Source: fact(SecRelief)},
		{ID: ReliefStandCalf, Text: l10n.Mark("Standing on it stretches the calf."), Source: fact(SecRelief)},
		{ID: ReliefWarmth, Title: l10n.Mark("Add warmth"), Text: l10n.Mark("First: a leg that is swollen, red or warm is a warning sign. Do not treat it yourself: get medical help now. Otherwise, a heating pad, a hot water bottle or a warm towel may relax the muscle. For a long cramp, a warm bath or shower."), Source: fact(SecRelief)},
		{ID: ReliefKeepGoing, Text: l10n.Mark("Keep going until the muscle lets go."), Source: fact(SecRelief)},
		{ID: ReliefLong, Text: l10n.Mark("Most cramps pass within about 10 minutes. If this one has not, or stretching does not ease the pain, get medical help now."), Source: fact(SecDoctor)},
		{ID: AfterWater, Title: l10n.Mark("A glass of water afterwards"), Text: l10n.Mark("Once the cramp is over, a glass of water is reasonable."), Source: fact(SecRelief)},
		{ID: AfterSore, Text: l10n.Mark("The muscle may stay sore for hours, sometimes for a day. That is common."), Source: fact(SecWhat)},
		{ID: AfterPainRelief, Text: l10n.Mark("Pain relief from the pharmacy (paracetamol, also called acetaminophen, or ibuprofen) can ease the soreness afterwards. Follow the label, and ask a pharmacist first if you take other medicines."), Source: fact(SecRelief)},

		// The evening stretch.
		{ID: EveningCalf, Text: l10n.Mark("Hands on the wall, an arm's length away. Step this leg back, heel down, knee straight. Lean in gently."), Source: fact(SecEvening)},
		{ID: EveningHamstring, Text: l10n.Mark("Sit on the edge of the bed, this leg straight out. Reach gently toward your toes."), Source: fact(SecEvening)},
		{ID: EveningAnkles, Text: l10n.Mark("Lift this foot and circle it slowly, about 10 times one way, then 10 times the other."), Source: fact(SecEvening)},
		{ID: EveningToes, Text: l10n.Mark("Point your toes, then pull them back toward you. About 10 times."), Source: fact(SecEvening)},
		{ID: EveningMassage, Text: l10n.Mark("Knead your calves and thighs gently with both hands."), Source: fact(SecEvening)},
		{ID: EveningNightly, Text: l10n.Mark("Doing it every night, also on nights without cramps, is what helps."), Source: fact(SecEvening)},

		// In bed.
		{ID: SleepToes, Text: l10n.Mark("Do not sleep with your toes pointed down."), Source: fact(SecSleep)},
		{ID: SleepBlankets, Text: l10n.Mark("Keep the blankets loose at the foot of the bed."), Source: fact(SecSleep)},
		{ID: SleepPillow, Text: l10n.Mark("Lie on your back with a pillow under your knees or ankles, so your legs rest straight and relaxed."), Source: fact(SecSleep)},
		{ID: SleepShower, Text: l10n.Mark("A warm shower before bed relaxes the muscles."), Source: fact(SecSleep)},

		// Preventing cramps by day.
		{ID: DrinkSteadily, Text: l10n.Mark("Drink steadily through the day, not only in the evening. About 8 glasses a day is a common target."), Source: fact(SecHydration)},
		{ID: DrinkMore, Text: l10n.Mark("Drink more in hot weather, when you sweat, and when you exercise."), Source: fact(SecHydration)},
		{ID: DrinkUrine, Text: l10n.Mark("Pale yellow urine suggests you drink enough."), Source: fact(SecHydration)},
		{ID: DrinkTaper, Text: l10n.Mark("Drink most of it earlier in the day and less in the last hours before bed, so that you do not wake up for the bathroom. That is why the drink reminders stop a while before your evening stretch."), Source: fact(SecHydration)},
		{ID: MoveByDay, Text: l10n.Mark("Light activity in the day, such as walking, swimming, cycling or yoga, may help."), Source: fact(SecEvening)},
		{ID: MoveNotLate, Text: l10n.Mark("Avoid hard exercise just before bed."), Source: fact(SecEvening)},
		{ID: Medicines, Text: l10n.Mark("Some medicines can bring on cramps, such as statins, diuretics (water pills) and some blood-pressure drugs. If you suspect one, review it with your doctor; never just stop a medicine."), Source: fact(SecTriggers)},
		{ID: Supplements, Text: l10n.Mark("Take minerals or supplements (such as magnesium, potassium, calcium or vitamin D) only on your doctor's advice."), Source: fact(SecTriggers)},
		// Shown where the person ticks pregnancy in "For my doctor".
		{ID: Pregnancy, Text: l10n.Mark("Leg cramps are common in pregnancy, most of all in the second and third trimester. Mention them to your doctor or midwife at your next check-up."), Source: fact(SecWhat)},
		{ID: RestlessLegs, Title: l10n.Mark("Is it a cramp or restless legs?"), Text: l10n.Mark("A cramp is a sudden, hard, painful tightening of a muscle. Restless legs feel different: an urge to move, or a crawling or tingling feeling, that moving eases."), Source: fact(SecWhat)},
	}
}

// Get returns the item with this ID (the zero Item if there is none; a
// test checks that every ID is there).
func Get(id ID) Item {
	for _, it := range All() {
		if it.ID == id {
			return it
		}
	}
	return Item{}
}

// Text is the text of the item with this ID.
func Text(id ID) string { return Get(id).Text }

// TextIn is the text of the item with this ID in tr's language.
func TextIn(tr *l10n.Lang, id ID) string { return tr.T(Text(id)) }

// TitleIn is the item's title in tr's language ("" when it has none).
func (it Item) TitleIn(tr *l10n.Lang) string {
	if it.Title == "" {
		return ""
	}
	return tr.T(it.Title)
}

// TextIn is the item's text in tr's language.
func (it Item) TextIn(tr *l10n.Lang) string { return tr.T(it.Text) }

// TextsIn are the texts of the items with these IDs, in order, in tr's
// language.
func TextsIn(tr *l10n.Lang, ids ...ID) []string {
	out := Texts(ids...)
	for i := range out {
		out[i] = tr.T(out[i])
	}
	return out
}

// Texts are the texts of the items with these IDs, in order.
func Texts(ids ...ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = Text(id)
	}
	return out
}

// Level is how soon to act: the two levels, said the same way everywhere.
type Level string

// The levels.
const (
	// Urgent: get medical help now (same day: urgent care or emergency
	// services).
	Urgent Level = "urgent"
	// Doctor: see your doctor (make an appointment).
	Doctor Level = "doctor"
)

// Title is the level in a few words: "Get medical help now" or "See your
// doctor".
func (l Level) Title() string {
	if l == Urgent {
		return Text(UrgentTitle)
	}
	return Text(DoctorTitle)
}

// TitleIn is Title in tr's language.
func (l Level) TitleIn(tr *l10n.Lang) string { return tr.T(l.Title()) }

// MeansIn is Means in tr's language.
func (l Level) MeansIn(tr *l10n.Lang) string { return tr.T(l.Means()) }

// Means says what the level asks the person to do.
func (l Level) Means() string {
	if l == Urgent {
		return Text(UrgentMeans)
	}
	return Text(DoctorMeans)
}

// UrgentSigns are the signs that need medical help now.
func UrgentSigns() []ID {
	return []ID{SignSwelling, SignSkin, SignInfection, SignWeakness, SignPain, SignMedicine}
}

// DoctorSigns are the reasons to see your doctor. A suspected medicine is
// not among them: it is an urgent sign (SignMedicine), and the same thing
// is not said at two levels.
func DoctorSigns() []ID {
	return []ID{DocOften, DocWorse, DocNoBetter, DocSleep, DocSudden, DocCondition, DocNumb}
}

// SleepTips are the sleep set-up tips, shown at the end of the evening
// stretch and on the prevention page.
func SleepTips() []ID { return []ID{SleepToes, SleepBlankets, SleepPillow, SleepShower} }

// Topic is a titled group of advice on the prevention page.
type Topic struct {
	Title string
	Items []ID
}

// Prevention is the "Preventing cramps" help page, topic by topic.
func Prevention() []Topic {
	return []Topic{
		{l10n.Mark("Every evening"), []ID{EveningNightly}},
		{l10n.Mark("In bed"), SleepTips()},
		{l10n.Mark("Drinking"), []ID{DrinkSteadily, DrinkMore, DrinkUrine, DrinkTaper}},
		{l10n.Mark("Moving"), []ID{MoveByDay, MoveNotLate}},
		{l10n.Mark("Medicines and supplements"), []ID{Medicines, Supplements}},
		{l10n.Mark("After a cramp"), []ID{AfterWater, AfterSore, AfterPainRelief}},
		{Get(RestlessLegs).Title, []ID{RestlessLegs}},
	}
}
