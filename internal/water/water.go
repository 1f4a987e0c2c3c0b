// Package water defines a logged glass of water: drinking steadily through the
// day is one of the habits the facts sheet links to fewer cramps.
package water

import "time"

// Glass is one glass of water the user said they drank.
type Glass struct {
	ID uint64    `json:"id"`
	At time.Time `json:"at"`
}
