package sampling

import "math"

// z95 is the standard normal quantile for a two-sided 95 % interval.
const z95 = 1.959963984540054

// Interval methods, named in reports.
const (
	MethodExact       = "exact"         // every row was read: the rate is known
	MethodWilson      = "wilson"        // Wilson score interval
	MethodRuleOfThree = "rule-of-three" // no hits: [0, 3/n]
)

// Wilson returns the 95 % Wilson score interval for hits successes in n
// trials. It behaves well near 0 and 1, where the normal approximation
// gives intervals outside [0, 1] or of zero width.
func Wilson(hits, n int64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p := float64(hits) / float64(n)
	nf := float64(n)
	z2 := z95 * z95
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z95 * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / den
	return math.Max(0, center-half), math.Min(1, center+half)
}

// RuleOfThree is the 95 % upper bound on a rate when none of n independent
// rows showed it: 3/n (from (1-p)^n = 0.05).
func RuleOfThree(n int64) float64 {
	if n <= 0 {
		return 1
	}
	return math.Min(1, 3/float64(n))
}

// Estimate is a prevalence estimate for one infoType (or for any finding).
type Estimate struct {
	InfoType      string     `json:"info_type"`
	RowsSampled   int64      `json:"rows_sampled"`
	RowsWithHits  int64      `json:"rows_with_hits"`
	Rate          float64    `json:"rate"`
	CI95          [2]float64 `json:"ci95"`
	RowsTotal     int64      `json:"rows_total"`
	Estimated     int64      `json:"rows_with_hits_estimated"`
	EstimatedCI95 [2]int64   `json:"rows_with_hits_ci95"`
	Method        string     `json:"method"`
	// DesignEffect is set for samples drawn in blocks of rows: the sample
	// counted as this many times fewer independent rows.
	DesignEffect float64 `json:"design_effect,omitempty"`
}

// NewEstimate computes an estimate from a sample. When the sample is the
// whole population the rate is exact.
func NewEstimate(infoType string, sampled, hits, total int64) Estimate {
	e := Estimate{InfoType: infoType, RowsSampled: sampled, RowsWithHits: hits, RowsTotal: total}
	if sampled > 0 {
		e.Rate = float64(hits) / float64(sampled)
	}
	switch {
	case sampled >= total:
		e.Method = MethodExact
		e.CI95 = [2]float64{e.Rate, e.Rate}
	case hits == 0:
		e.Method = MethodRuleOfThree
		e.CI95 = [2]float64{0, RuleOfThree(sampled)}
	default:
		e.Method = MethodWilson
		lo, hi := Wilson(hits, sampled)
		e.CI95 = [2]float64{lo, hi}
	}
	e.Estimated = int64(math.Round(e.Rate * float64(total)))
	e.EstimatedCI95 = extrapolate(e, sampled, hits, total)
	if e.Method == MethodExact {
		e.Estimated = hits
		e.EstimatedCI95 = [2]int64{hits, hits}
	}
	return e
}

// extrapolate carries an interval on the rate over to a count of rows: no
// fewer than the hits seen, no more than the rows not seen to be clean.
func extrapolate(e Estimate, sampled, hits, total int64) [2]int64 {
	return [2]int64{
		max(hits, int64(math.Floor(e.CI95[0]*float64(total)))),
		min(total-(sampled-hits), int64(math.Ceil(e.CI95[1]*float64(total)))),
	}
}
