package paths

import "fmt"

// Risk is the guide's risk scale. The guide's "Low–Medium" is low-medium.
type Risk string

// The risk levels, lowest first.
const (
	RiskLow        Risk = "low"
	RiskLowMedium  Risk = "low-medium"
	RiskMedium     Risk = "medium"
	RiskMediumHigh Risk = "medium-high"
	RiskHigh       Risk = "high"
)

// Risks lists the levels from lowest to highest.
var Risks = []Risk{RiskLow, RiskLowMedium, RiskMedium, RiskMediumHigh, RiskHigh}

// Rank is the position of r on the scale, or -1 when r is not a risk level.
func (r Risk) Rank() int {
	for i, x := range Risks {
		if x == r {
			return i
		}
	}
	return -1
}

// Raise returns the level steps above r, capped at high.
func (r Risk) Raise(steps int) Risk {
	i := r.Rank()
	if i < 0 {
		return r
	}
	i += steps
	if i >= len(Risks) {
		i = len(Risks) - 1
	}
	if i < 0 {
		i = 0
	}
	return Risks[i]
}

// Max returns the higher of two risks.
func (r Risk) Max(o Risk) Risk {
	if o.Rank() > r.Rank() {
		return o
	}
	return r
}

func (r Risk) validate() error {
	if r.Rank() < 0 {
		return fmt.Errorf("%q is not one of %v", string(r), Risks)
	}
	return nil
}
