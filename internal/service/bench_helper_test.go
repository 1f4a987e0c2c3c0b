package service

import (
	"time"

	"github.com/crampcare/crampcare/internal/cramp"
	"github.com/crampcare/crampcare/internal/insights"
	"github.com/crampcare/crampcare/internal/stretch"
	"github.com/crampcare/crampcare/internal/water"
)

func computeYear(cr []cramp.Entry, gl []water.Glass, st []stretch.Session, now time.Time) insights.Summary {
	return insights.Compute(insights.Params{Cramps: cr, Glasses: gl, Stretches: st, Goal: 8, Now: now})
}
