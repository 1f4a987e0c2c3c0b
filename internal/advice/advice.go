// Package advice holds the app's health wording: relief steps, the evening
// routine in brief, and when to get help. Every line is our own wording of a
// fact in shared/content/cramp-facts.md (section named in each comment); the
// app helps with self-care and never diagnoses.
package advice

// Disclaimer stands at the foot of every window with advice.
const Disclaimer = "CrampCare helps with self-care. It is not medical advice."

// Step is one quick-relief step.
type Step struct {
	Title string
	Text  string
}

// ReliefSteps are the steps to take while a cramp is happening (facts sheet:
// "Quick relief while a cramp is happening").
func ReliefSteps() []Step {
	return []Step{
		{"Stretch the muscle", "Straighten your leg. Pull your foot and toes up toward your shin, gently. Hold until the muscle lets go."},
		{"Massage it", "Knead the hard muscle with both hands, firmly, in small circles."},
		{"Stand on it", "Stand up and put your weight on that leg, or walk a few steps. This stretches the calf and may stop the cramp coming back."},
		{"Add warmth", "A heating pad, a hot water bottle or a warm towel may relax the muscle. If the leg is swollen, use something cold instead."},
		{"Drink some water", "Have a glass of water. The muscle may stay sore for a while; that is common."},
	}
}

// EveningRoutine is the bedtime stretch in brief (facts sheet: "Prevention
// routine before bed"); the guided, timed version has its own window.
func EveningRoutine() []Step {
	return []Step{
		{"Calf stretch at a wall", "Hands on the wall, one foot back, heel down, knee straight. Lean in gently for 30 seconds. Switch legs."},
		{"Seated hamstring stretch", "Sit on the edge of the bed, one leg straight out. Reach gently toward your toes for 30 seconds. Switch legs."},
		{"Ankle circles", "Circle each foot slowly, about 10 times each way."},
		{"Toe flexing", "Point your toes, then pull them back toward you, about 10 times."},
	}
}

// SeeDoctor lists when to book a doctor's visit (facts sheet: "When to see a
// doctor").
func SeeDoctor() []string {
	return []string{
		"Cramps come often: several times a week, or every night.",
		"They are severe, getting worse, or last unusually long.",
		"Stretching, drinking enough and other changes do not help.",
		"They come with muscle weakness, or badly disturb your sleep or day.",
		"They started suddenly with no clear reason.",
		"You have diabetes or poor circulation in the legs, or a medicine may be the cause (ask your doctor; do not just stop a medicine).",
	}
}

// GetHelpSoon lists signs that need prompt care (facts sheet: "Seek care
// promptly when a cramp comes with").
func GetHelpSoon() []string {
	return []string{
		"The leg is swollen, red or warm.",
		"The skin is pale, cold or bluish.",
		"The leg feels numb or tingles.",
		"The pain is severe and stretching does not ease it.",
	}
}
