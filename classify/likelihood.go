package classify

import (
	"fmt"
	"strings"
)

// Likelihood is how sure a detector is that a match is the infoType it names.
// The five levels and their names follow Google Sensitive Data Protection.
type Likelihood int8

const (
	VeryUnlikely Likelihood = iota + 1
	Unlikely
	Possible
	Likely
	VeryLikely
)

var likelihoodNames = [...]string{"", "VERY_UNLIKELY", "UNLIKELY", "POSSIBLE", "LIKELY", "VERY_LIKELY"}

func (l Likelihood) String() string {
	if l < VeryUnlikely || l > VeryLikely {
		return fmt.Sprintf("Likelihood(%d)", int8(l))
	}
	return likelihoodNames[l]
}

// Clamp keeps l within VERY_UNLIKELY..VERY_LIKELY, so adjustments can be
// added without checking bounds at every step.
func (l Likelihood) Clamp() Likelihood {
	switch {
	case l < VeryUnlikely:
		return VeryUnlikely
	case l > VeryLikely:
		return VeryLikely
	}
	return l
}

// MarshalText writes the canonical name, so JSON reports carry "VERY_LIKELY".
func (l Likelihood) MarshalText() ([]byte, error) {
	if l < VeryUnlikely || l > VeryLikely {
		return nil, fmt.Errorf("invalid likelihood %d", int8(l))
	}
	return []byte(likelihoodNames[l]), nil
}

// UnmarshalText accepts what ParseLikelihood accepts.
func (l *Likelihood) UnmarshalText(b []byte) error {
	v, err := ParseLikelihood(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ParseLikelihood reads a likelihood name, case-insensitively, with '-' or '_'.
func ParseLikelihood(s string) (Likelihood, error) {
	n := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", "_"))
	for i := VeryUnlikely; i <= VeryLikely; i++ {
		if likelihoodNames[i] == n {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown likelihood %q (want one of VERY_UNLIKELY, UNLIKELY, POSSIBLE, LIKELY, VERY_LIKELY)", s)
}

// Likelihoods lists the levels from least to most likely.
func Likelihoods() []Likelihood {
	return []Likelihood{VeryUnlikely, Unlikely, Possible, Likely, VeryLikely}
}
