package sampling

import (
	"slices"
	"strings"

	"github.com/residuehq/residue/classify"
)

// Group is a set of findings whose rows are counted together, as a
// policy's rule over a category counts "rows holding any PII": a row with
// an email address and a phone number is one row with PII, not two.
type Group struct {
	Name string
	// Match says whether a finding belongs to the group.
	Match func(infoType string, l classify.Likelihood) bool
	// MaxRate is the group's threshold; 0 takes the Confident's.
	MaxRate float64
	// Forbid makes any row with a hit decide the group above its rate,
	// at once: a forbidden finding needs no interval.
	Forbid bool
}

// groupPrefix marks a group's key among the infoType names a row's hits
// are counted under: no infoType name starts with a NUL byte.
const groupPrefix = "\x00group:"

func groupKey(name string) string { return groupPrefix + name }

func isGroupKey(s string) bool { return strings.HasPrefix(s, groupPrefix) }

// groupsHit appends to seen the key of every group a finding of the row
// matches.
func (r *run) groupsHit(seen []string, row []Finding) []string {
	for i := range r.cfg.Groups {
		g := &r.cfg.Groups[i]
		key := groupKey(g.Name)
		for _, f := range row {
			if g.Match(f.InfoType, f.Likelihood) {
				if !slices.Contains(seen, key) {
					seen = append(seen, key)
				}
				break
			}
		}
	}
	return seen
}
