package notify

// canAct: the notification server lists the "actions" capability.
func (b *Beeep) canAct() bool { return b.bus.capable("actions") }

func (b *Beeep) notifyActions(title, body string, actions []Action) error {
	pairs := make([]string, 0, 2*len(actions))
	for _, a := range actions {
		pairs = append(pairs, a.Key, a.Label)
	}
	return b.bus.send("CrampCare", title, body, b.icon, pairs...)
}
